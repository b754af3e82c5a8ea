import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedNetwork, signedIn } from "../support/fixtures.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let net: Awaited<ReturnType<typeof seedNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await seedNetwork(server.services);
});
afterAll(() => server.stop());

const participantsOf = (meetingId: string): string[] => {
  const raw = new Database(server.databaseFile, { readonly: true });
  const rows = raw.prepare("SELECT person_id FROM meeting_participants WHERE meeting_id = ?").all(meetingId) as { person_id: string }[];
  raw.close();
  return rows.map((r) => r.person_id);
};

describe("scheduling a meeting", () => {
  it("invites the members the coordinator ticks, and always the chair and coordinators", async () => {
    const coordinator = await signedIn(server.url, "coordinator@riverside.example");
    const form = await (await coordinator.get(`/n/${net.networkId}/meetings/new`)).text();
    const members = net.members.filter((m) => m.role === "member");
    const ticked = [...form.matchAll(/<input[^>]*>/g)].map((m) => m[0]).filter((tag) => /type="checkbox"/.test(tag) && /checked/.test(tag));
    for (const m of members) expect(ticked.some((tag) => tag.includes(`value="${m.personId}"`)), m.name).toBe(true);

    const police = members.find((m) => m.email === "police@riverside.example")!;
    const school = members.find((m) => m.email === "school@riverside.example")!;
    const body = new URLSearchParams({ title: "Extra conference", startsAt: "2030-03-04T14:00", place: "Town hall, room 2" });
    body.append("invitees", police.personId);
    const res = await coordinator.request("POST", `/n/${net.networkId}/meetings/new`, body, { origin: server.url });
    expect(res.status).toBe(302);
    const meetingId = res.headers.get("location")!.split("/meetings/")[1].split("/")[0];
    const invited = participantsOf(meetingId);
    expect(invited).toContain(police.personId);
    expect(invited).not.toContain(school.personId);
    expect(invited).toContain(net.byRole("chair").personId);
    expect(invited).toContain(net.byRole("coordinator").personId);
  });

  it("refuses bad input beside the fields and schedules nothing", async () => {
    const coordinator = await signedIn(server.url, "coordinator@riverside.example");
    const before = (await server.services.meetings.list(net.networkId)).length;
    const res = await coordinator.post(`/n/${net.networkId}/meetings/new`, { title: "", startsAt: "next tuesday", callLink: "javascript:alert(1)" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect((await server.services.meetings.list(net.networkId)).length).toBe(before);
  });
});
