import { describe, expect, it } from "vitest";
import { writtenMail, type WrittenMailPayload } from "../../server/written/writtenMail.ts";
import type { DeliveryRow } from "../../server/mail/outbox.ts";

describe("the mail asking a decider for their agency's view", () => {
  const payload: WrittenMailPayload = {
    recipientName: "Jonas Becker",
    networkName: "Riverside Case Conference",
    caseCode: "C-2026-0003",
    deadline: Date.UTC(2026, 11, 3, 9, 0),
    timeZone: "Europe/Brussels",
    url: "https://casetable.example/n/net/written/p1",
  };
  const mail = writtenMail({ email: "police@riverside.example", payload } as unknown as DeliveryRow, {
    language: "en",
    dates: { locale: "en-GB", timeZone: "Europe/Brussels" },
  });

  it("names the case by its code, the deadline in the network's time zone, and the link", () => {
    expect(mail.to).toEqual(["police@riverside.example"]);
    expect(mail.subject).toContain("C-2026-0003");
    expect(mail.text).toContain("Dear Jonas Becker");
    expect(mail.text).toContain("10:00");
    expect(mail.text).toContain("Europe/Brussels");
    expect(mail.text).toContain(payload.url);
    expect(mail.attachments).toEqual([]);
  });
});
