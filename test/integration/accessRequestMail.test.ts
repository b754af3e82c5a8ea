import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { useSmtpServer } from "../support/minutes.ts";
import { caseCode, seededCase } from "../support/planForms.ts";

// Decision 0038: a request waits for another person holding the accountable officer's
// task; they are told by mail (a durable outbox job, decision 0014, through a real SMTP
// server), in their language, with the case's code and a link to the page: never a name.

const smtp = useSmtpServer();
const app = useTestServer({ env: () => ({ SMTP_URL: smtp.url }) });
const officers = () => app.net.members.filter((m) => m.isAccountableOfficer);

describe("a request waiting for confirmation", () => {
  it("mails every other accountable officer, not the asker, with the code and the page's link only", async () => {
    const c = await seededCase(app.services, app.net.networkId, 3);
    expect(officers().length).toBeGreaterThan(0);
    const coordinator = await app.signIn("coordinator@riverside.example");
    const asked = await coordinator.post(`/n/${app.net.networkId}/access-requests`, {
      intent: "ask",
      code: caseCode(3),
      kind: "erase",
    });
    expect(asked.status).toBe(200);
    const mails = () => smtp.received.filter((r) => r.mail.subject?.startsWith("To confirm:"));
    await expect.poll(() => mails().length, { timeout: 20_000 }).toBe(officers().length);
    const to = mails().flatMap((r) => r.envelopeTo);
    expect(to.sort()).toEqual(
      officers()
        .map((o) => o.email)
        .sort(),
    );
    expect(to).not.toContain("coordinator@riverside.example");
    const mail = mails()[0]!.mail;
    expect(mail.subject).toBe(`To confirm: erasure, case ${caseCode(3)}`);
    const body = mail.text ?? "";
    expect(body).toContain(`${app.url}/n/${app.net.networkId}/access-requests`);
    expect(body).toContain("other than the one who asked");
    // Of the case, its code only: not its summary.
    expect(body).toContain(caseCode(3));
    expect(body).not.toContain(c.summary);

    // Asked again while open: refused, and nobody is mailed twice.
    const again = await coordinator.post(`/n/${app.net.networkId}/access-requests`, {
      intent: "ask",
      code: caseCode(3),
      kind: "erase",
    });
    expect(again.status).not.toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(mails().length).toBe(officers().length);
  });
});
