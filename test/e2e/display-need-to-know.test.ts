import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { command, notesJoin, notesUpdate, roomWithNeedToKnow, screen, type Screen } from "../support/room.ts";

// Issue 9, rule 1, for the room's shared screen: the display (bare, full-screen on the
// wall) shows the agenda by case code, the current item and the timer. Opened by the
// coordinator, who sees every case in full at the table, it still receives (over the
// wire, not only on the page) no case summary, no decision or rationale, no view, task,
// proposal or note: only codes.

const app = useTestServer();
const chromium = useBrowser(app);
const WALL = { width: 1366, height: 768 };
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
let chair: Screen;

/** Words written into the record; none may reach the display. */
const SECRET = {
  summary: "SUMMARY-OF-THE-CASE",
  rationale: "RATIONALE-OF-THE-DECISION",
  view: "COMMENT-OF-THE-VIEW",
  task: "TASK-FOR-THE-POLICE",
  proposal: "PROPOSAL-OF-A-TASK",
  notes: "WORDS-IN-THE-NOTES",
  live: "RATIONALE-WHILE-WATCHING",
};

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  const { caseRegister } = app.services;
  for (const item of [room.item.signal, room.item.checkinA, room.item.checkinB, room.item.closure]) {
    const c = (await caseRegister.get(item.caseId!))!;
    await caseRegister.setSummary({ personId: null, ip: null }, c, `${SECRET.summary} ${c.code}`);
  }
  chair = await screen(app.server, room.meetingId, "chair@riverside.example");
  const run = (name: string, payload: Record<string, unknown> = {}) => command(chair, room.meetingId, name, payload);
  expect(await run("meeting:start")).toMatchObject({ ok: true });
  const decided = await run("decision:record", {
    itemId: room.item.checkinA.id,
    outcome: "continue",
    rationale: SECRET.rationale,
    views: [{ agencyId: room.agency("police"), view: "agree", comment: SECRET.view }],
  });
  expect(decided).toMatchObject({ ok: true });
  expect(
    await run("task:add", {
      itemId: room.item.checkinA.id,
      what: SECRET.task,
      ownerAgencyId: room.agency("police"),
      dueOn: "2030-01-01",
    }),
  ).toMatchObject({ ok: true });
  expect(
    await run("task:propose", {
      itemId: room.item.checkinB.id,
      what: SECRET.proposal,
      ownerAgencyId: room.agency("social_services"),
      dueOn: "2030-01-01",
    }),
  ).toMatchObject({ ok: true });
  expect(await notesJoin(chair, room.item.checkinA.id)).toMatchObject({ ok: true, data: { mode: "write" } });
  expect(await notesUpdate(chair, room.item.checkinA.id, SECRET.notes)).toMatchObject({ ok: true });
}, 90_000);
afterAll(() => chair?.s.disconnect());

describe.skipIf(!chromium.available)("the room's shared screen", () => {
  it("shows codes, the current item and the timer; nothing of the record reaches it, live or at join", async () => {
    const page = await chromium.signInAs("coordinator@riverside.example", WALL);
    const received: string[] = [];
    const sent: string[] = [];
    // socket.io starts on HTTP long-polling and upgrades to a WebSocket: the join's answer,
    // and any event sent before the upgrade completes, come over polling.
    page.on("websocket", (ws) => {
      ws.on("framereceived", (f) => received.push(String(f.payload)));
      ws.on("framesent", (f) => sent.push(String(f.payload)));
    });
    page.on("request", (r) => {
      if (r.url().includes("/socket.io/") && r.method() === "POST") sent.push(r.postData() ?? "");
    });
    page.on("response", (r) => {
      if (r.url().includes("/socket.io/") && r.request().method() === "GET")
        void r.text().then(
          (body) => received.push(body),
          () => {},
        );
    });
    await page.goto(`${app.url}/n/${app.net.networkId}/meetings/${room.meetingId}/display`);
    const codes = await Promise.all(
      [room.item.checkinA, room.item.closure].map(async (i) => (await app.services.caseRegister.get(i.caseId!))!.code),
    );
    for (const code of codes) await page.getByText(code).first().waitFor({ timeout: 30_000 });

    // While the wall watches: a decision with its rationale, then the chair moves on.
    expect(
      await command(chair, room.meetingId, "decision:record", {
        itemId: room.item.checkinB.id,
        outcome: "continue",
        rationale: SECRET.live,
      }),
    ).toMatchObject({ ok: true });
    const next = await command(chair, room.meetingId, "item:open", { to: { itemId: room.item.closure.id } });
    expect(next).toMatchObject({ ok: true });
    await expect
      .poll(() => received.some((f) => f.includes(`"seq":${next.data!.seq}`)), { timeout: 30_000 })
      .toBe(true);

    const wire = received.join("\n");
    const shown = await page.content();
    for (const [what, words] of Object.entries(SECRET)) {
      expect(wire, `${what} over the wire`).not.toContain(words);
      expect(shown, `${what} on the page`).not.toContain(words);
    }
    // No decision, task or proposal objects, and no notes asked for.
    for (const key of ['"rationale"', '"decidedByName"', '"ownerAgencyName"', '"proposedByName"'])
      expect(wire, key).not.toContain(key);
    expect(sent.join("\n")).not.toContain("notes:");
    for (const code of codes) expect(shown).toContain(code);
    // What was listened to is what came: the codes did, whichever way they travelled.
    for (const code of codes) expect(wire).toContain(code);
    await screenshot(page, "display-need-to-know");
    await page.context().close();
  }, 120_000);
});
