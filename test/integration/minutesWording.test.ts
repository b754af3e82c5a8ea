import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { redact } from "../../server/documents/redact.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { fullMeeting } from "../support/fullMeeting.ts";
import { useTestServer } from "../support/harness.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

// Issue 12, rule 2: the coordinator writes the minutes' text per item before approval; the
// record stays as recorded. The chair sees what changed since the first draft. Only the
// coordinator, only this network's, only before approval; the text is cut down to what
// minutes may hold, and an agency's copy holds only the wording of items it may see.

const app = useTestServer({ secondTenant: true });
let m: Awaited<ReturnType<typeof fullMeeting>>;
const path = () => `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;
const rows = () => {
  const { store } = app.services.database;
  return store.db
    .select()
    .from(store.t.minutesWording)
    .where(eq(store.t.minutesWording.meetingId, m.meetingId))
    .orderBy(asc(store.t.minutesWording.itemId));
};

const para = (...content: object[]) => ({ type: "paragraph", content });
const text = (t: string, ...marks: object[]) => ({ type: "text", text: t, ...(marks.length ? { marks } : {}) });
const doc = (...content: object[]) => JSON.stringify({ type: "doc", content });

beforeAll(async () => {
  m = await fullMeeting(app.server, app.net);
}, 120_000);

describe.skipIf(!pdfToolsAvailable)("the minutes' wording per item (issue 12, rule 2)", () => {
  it("the coordinator sees each item's text drafted from the decisions and the notes, and saves it", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const page = await (await coordinator.get(path())).text();
    expect(page).toContain("Wording per item");
    // Drafted from the record: the decision in words with its rationale.
    expect(page).toContain("Continue the plan.");
    expect(page).toContain("Training attendance is rising; the plan holds.");
    expect(page).toContain("Not saved yet");

    const first = doc(
      para(text("Continue the plan.", { type: "bold" }), text(" Training attendance is rising; the plan holds.")),
    );
    const res = await coordinator.post(path(), { intent: "wording", itemId: m.items.item3.id, doc: first });
    expect(res.status).toBe(200);
    const second = doc(
      para(
        text("Continue the plan.", { type: "bold" }),
        text(" Training attendance rose steadily; the family agrees and the plan holds."),
      ),
    );
    expect((await coordinator.post(path(), { intent: "wording", itemId: m.items.item3.id, doc: second })).status).toBe(
      200,
    );
    const aob = doc(para(text("The room for next year is to be booked by the coordinator.")));
    expect((await coordinator.post(path(), { intent: "wording", itemId: m.items.aob.id, doc: aob })).status).toBe(200);
    const saved = await rows();
    expect(saved).toHaveLength(2);
    const item3 = saved.find((r) => r.itemId === m.items.item3.id)!;
    expect(item3.firstDraft).toEqual(JSON.parse(first));
    expect(item3.doc).toEqual(JSON.parse(second));
    const { store } = app.services.database;
    const audited = (await store.db.select().from(store.t.auditLog)).filter(
      (a) => a.action === "minutes.wording_saved",
    );
    expect(audited).toHaveLength(3);
    // The audit says which item, never the words.
    for (const a of audited) expect(a.details).not.toContain("Training");
  });

  it("keeps only what minutes may hold: bold, italic, safe links, headings, lists", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const risky = doc(
      { type: "heading", attrs: { level: 1, onclick: "x" }, content: [text("Outcome")] },
      para(
        text("Struck", { type: "strike" }),
        text(" see "),
        text("here", { type: "link", attrs: { href: "javascript:alert(1)" } }),
        text(" and "),
        text("the guide", { type: "link", attrs: { href: "https://example.org/guide", target: "_blank" } }),
        { type: "image", attrs: { src: "https://tracker.example/x.png" } },
      ),
      { type: "codeBlock", content: [text("code kept as text")] },
    );
    expect((await coordinator.post(path(), { intent: "wording", itemId: m.items.item6.id, doc: risky })).status).toBe(
      200,
    );
    const stored = (await rows()).find((r) => r.itemId === m.items.item6.id)!.doc;
    expect(stored).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [text("Outcome")] },
        {
          type: "paragraph",
          content: [
            text("Struck"),
            text(" see "),
            text("here"),
            text(" and "),
            text("the guide", { type: "link", attrs: { href: "https://example.org/guide" } }),
          ],
        },
        para(text("code kept as text")),
      ],
    });
  });

  it("the chair sees what changed since the first draft, struck through and underlined, said in words", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const page = await (await chair.get(path())).text();
    expect(page).toContain("Changes since the coordinator&#x27;s first draft");
    const changes = page.slice(page.indexOf(`data-testid="changes-${m.items.item3.id}"`));
    // Said in words for a screen reader (React puts comments between the text runs).
    const plain = (html: string) => html.replace(/<!-- -->/g, "");
    expect(plain(changes)).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>is rising<span/);
    expect(plain(changes)).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>rose steadily<span/);
    expect(page).toContain("No change since the first draft.");
    // The chair reads; only the coordinator writes.
    expect(page).not.toContain("Save the wording");
  });

  it("refuses a member, a guest, the chair, another network, bad input and a foreign item; nothing changes", async () => {
    const before = JSON.stringify(await rows());
    const attempt = doc(para(text("Rewritten by someone else")));
    const post = async (email: string, at = path(), itemId = m.items.item3.id, body = attempt) =>
      (await (await app.signIn(email)).post(at, { intent: "wording", itemId, doc: body })).status;
    expect(await post("police@riverside.example")).toBe(403);
    expect(await post("chair@riverside.example")).toBe(403);
    expect([403, 404]).toContain(await post("youth@riverside.example"));
    const stranger = app.secondTenant.chairEmail;
    expect(await post(stranger)).toBe(404);
    expect(await post(stranger, `/n/${app.secondTenant.networkId}/meetings/${m.meetingId}/minutes`)).toBe(404);
    expect(await post("coordinator@riverside.example", path(), m.items.item3.id, "{not json")).toBe(400);
    expect(await post("coordinator@riverside.example", path(), m.items.item3.id, '{"type":"paragraph"}')).toBe(400);
    expect(await post("coordinator@riverside.example", path(), "no-such-item")).toBe(404);
    expect(await post("coordinator@riverside.example", path(), m.items.item3.id, "x".repeat(200_001))).toBe(400);
    expect(JSON.stringify(await rows())).toBe(before);
  });

  it("prints the wording beside the record; an uninvolved agency's copy holds only the wording of items it may see", async () => {
    const chair = m.member("chair@riverside.example");
    const approved = await app.services.minutes.approve({ personId: chair.personId, ip: null }, m.meetingId);
    expect(approved.ok).toBe(true);
    const model = (await app.services.minutes.model(m.meetingId, 1))!;
    const to = await app.services.minutes.addressees(m.meetingId);
    const involved = new Set(model.items.flatMap((i) => i.involvedAgencyIds));
    const outsider = to.find((a) => !a.seesAll && a.role === "member" && !involved.has(a.agency.id))!;
    const full = pdfText(
      await renderMinutesPdf(
        redact(
          model,
          to.find((a) => a.personId === chair.personId)!,
        ),
      ),
    ).replace(/\s+/g, " ");
    const theirs = pdfText(await renderMinutesPdf(redact(model, outsider))).replace(/\s+/g, " ");
    expect(full).toContain("Training attendance rose steadily; the family agrees and the plan holds.");
    // Beside the recorded facts, which stay as recorded.
    expect(full).toContain("Dissent: Riverside Social Services disagrees (We see no progress at home.)");
    expect(full).toContain("The room for next year is to be booked by the coordinator.");
    expect(full).not.toContain("javascript");
    expect(theirs).toContain("The room for next year is to be booked by the coordinator.");
    expect(theirs).not.toContain("Training attendance rose steadily");
    expect(theirs).not.toContain("code kept as text");
  });

  it("after approval the wording is refused and nothing changes", async () => {
    const before = JSON.stringify(await rows());
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(path(), {
      intent: "wording",
      itemId: m.items.item3.id,
      doc: doc(para(text("Too late"))),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("The minutes are approved");
    expect(JSON.stringify(await rows())).toBe(before);
    const page = await (await coordinator.get(path())).text();
    expect(page).not.toContain("Save the wording");
  });
});
