import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();

/** Who the meeting's participant list (as the room shows it) holds. */
const participantsOf = async (meetingId: string): Promise<string[]> =>
  (
    await app.services.meetingEngine.views.participantViews(app.services.database.store.db, {
      id: meetingId,
      networkId: app.net.networkId,
    })
  ).map((p) => p.personId);

describe("scheduling a meeting", () => {
  it("invites the members the coordinator ticks, and always the chair and coordinators", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const form = await (await coordinator.get(`/n/${app.net.networkId}/meetings/new`)).text();
    const members = app.net.members.filter((m) => m.role === "member");
    const ticked = [...form.matchAll(/<input[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /type="checkbox"/.test(tag) && /checked/.test(tag));
    for (const m of members)
      expect(
        ticked.some((tag) => tag.includes(`value="${m.personId}"`)),
        m.name,
      ).toBe(true);

    const police = members.find((m) => m.email === "police@riverside.example")!;
    const school = members.find((m) => m.email === "school@riverside.example")!;
    const body = new URLSearchParams({
      title: "Extra conference",
      startsAt: "2030-03-04T14:00",
      place: "Town hall, room 2",
    });
    body.append("invitees", police.personId);
    const res = await coordinator.request("POST", `/n/${app.net.networkId}/meetings/new`, body, { origin: app.url });
    expect(res.status).toBe(302);
    const meetingId = res.headers.get("location")!.split("/meetings/")[1].split("/")[0];
    const invited = await participantsOf(meetingId);
    expect(invited).toContain(police.personId);
    expect(invited).not.toContain(school.personId);
    expect(invited).toContain(app.net.byRole("chair").personId);
    expect(invited).toContain(app.net.byRole("coordinator").personId);
  });

  it("refuses bad input beside the fields and schedules nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const before = (await app.services.meetings.list(app.net.networkId)).length;
    const res = await coordinator.post(`/n/${app.net.networkId}/meetings/new`, {
      title: "",
      startsAt: "next tuesday",
      callLink: "javascript:alert(1)",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect((await app.services.meetings.list(app.net.networkId)).length).toBe(before);
  });
});
