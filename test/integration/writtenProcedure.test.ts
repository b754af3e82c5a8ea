import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WrittenEvent, WrittenJoined, WrittenProcedureView } from "../../app/contract/writtenProcedure.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";
import { connected, emit, meetingSocket } from "../support/meetings.ts";
import { caseCode, involveSectors } from "../support/planForms.ts";

// Issue 14, rule 2: a decision in writing between the meetings, over real sockets, with
// need to know exactly as in the room and the attacks a real network would meet.

const app = useTestServer({ secondTenant: true });
const open: Socket[] = [];
afterEach(() => open.splice(0).forEach((s) => s.disconnect()));

type Ack<T> = { ok: boolean; data: T; error?: { code: string; reason: string } };
type Heard = WrittenEvent & { networkId: string };

/** A person's screen following the network's decisions in writing, with every event it hears. */
async function screen(email: string, networkId = app.net.networkId) {
  const s = meetingSocket(app.url, (await app.signIn(email)).cookieHeader);
  open.push(s);
  await connected(s);
  const heard: Heard[] = [];
  s.on("written:event", (e: Heard) => heard.push(e));
  const joined = await emit<Ack<WrittenJoined>>(s, "written:join", { networkId });
  return { s, heard, joined };
}
const answer = (s: Socket, procedureId: string, stance: string, reason?: string, networkId = app.net.networkId) =>
  emit<Ack<unknown>>(s, "written:answer", { networkId, procedureId, stance, reason });
const conclude = (s: Socket, procedureId: string, result: string, note?: string) =>
  emit<Ack<{ decisionId: string | null }>>(s, "written:conclude", {
    networkId: app.net.networkId,
    procedureId,
    result,
    note,
  });
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`never happened: ${what}`);
};
const actor = (email: string) => {
  const m = app.net.members.find((x) => x.email === email)!;
  return { personId: m.personId, ip: null };
};
const personOf = async (email: string) => (await app.services.sessions.lookupById(await sessionOf(email)))!;
async function sessionOf(email: string) {
  const v = await app.signIn(email);
  const person = await app.services.sessions.lookup(v.cookieHeader.split("=")[1]);
  return person!.sessionId;
}
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

async function openOn(n: number, outcome = "continue", deadline = inDays(2)) {
  const r = await app.services.written.open(
    actor("chair@riverside.example"),
    await personOf("chair@riverside.example"),
    app.net.networkId,
    {
      caseCode: caseCode(n),
      reason: "minor_at_risk",
      deadline,
      proposal: { outcome, rationale: "The school reports a sharp change this week; support cannot wait." },
    } as never,
    app.url,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data.id;
}

beforeAll(async () => {
  // Case 3 (active): the police and the school decide for their agencies, social services report back.
  await involveSectors(app.services, app.net, 3, ["police", "social_services", "education"]);
  await involveSectors(app.services, app.net, 4, ["police", "education"]);
});

describe("a decision in writing, from proposal to decision", () => {
  it("views appear live on every open screen, each cut by need to know; the chair concludes into the register", async () => {
    const chair = await screen("chair@riverside.example");
    const police = await screen("police@riverside.example");
    const school = await screen("school@riverside.example");
    const social = await screen("social@riverside.example");
    const health = await screen("health@riverside.example"); // a member of an agency not involved
    const procedureId = await openOn(3);

    // Opened: those involved see the proposal, the uninvolved member code and summary only.
    await until(() => health.heard.length === 1 && police.heard.length === 1, "the opening heard");
    const seenByPolice = police.heard[0] as Extract<Heard, { type: "procedure:opened" }>;
    expect(seenByPolice.procedure.detail?.proposal.rationale).toContain("cannot wait");
    const seenByHealth = health.heard[0] as Extract<Heard, { type: "procedure:opened" }>;
    expect(seenByHealth.procedure).toMatchObject({ caseCode: caseCode(3), access: "summary", detail: null });
    expect(JSON.stringify(health.heard)).not.toContain("cannot wait");

    // The deciders (police, school) were mailed; those who report back and the uninvolved were not.
    const { db, t } = app.services.database.store;
    const mailed = (await db.select().from(t.deliveries).where(eq(t.deliveries.kind, "written_procedure")))
      .map((d) => d.email)
      .sort();
    expect(mailed).toEqual(["police@riverside.example", "school@riverside.example"]);
    expect(JSON.stringify(await db.select().from(t.deliveries))).not.toContain("cannot wait");

    // Two views at once, from two agencies: both on record, both heard on every involved screen.
    const [a, b] = await Promise.all([
      answer(police.s, procedureId, "agree", "Police support this."),
      answer(school.s, procedureId, "disagree", "The school needs a week more to see it through."),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect((await answer(social.s, procedureId, "report_back", "Asking my team leader.")).ok).toBe(true);
    await until(() => chair.heard.filter((e) => e.type === "answer:given").length === 3, "three answers live");
    expect(police.heard.filter((e) => e.type === "answer:given")).toHaveLength(3);
    expect(health.heard.filter((e) => e.type === "answer:given")).toHaveLength(0);

    // The chair concludes: a decision like any other, with every view and the dissent.
    const done = await conclude(chair.s, procedureId, "adopted", "Adopted against the school's view.");
    expect(done.ok).toBe(true);
    const [decision] = await db.select().from(t.decisions).where(eq(t.decisions.id, done.data.decisionId!));
    expect(decision).toMatchObject({ kind: "check_in", outcome: "continue" });
    expect(decision.details).toMatchObject({ writtenProcedureId: procedureId });
    const views = await db.select().from(t.decisionViews).where(eq(t.decisionViews.decisionId, decision.id));
    expect(views.map((v) => v.view).sort()).toEqual(["agree", "disagree"]);
    expect(views.find((v) => v.view === "disagree")!.comment).toContain("a week more");

    // The next meeting's agenda has the item, carrying the decision (and so its minutes).
    const [item] = await db.select().from(t.agendaItems).where(eq(t.agendaItems.id, decision.agendaItemId!));
    expect(item).toMatchObject({
      reason: "decided_between_meetings",
      section: "opening",
      meetingId: decision.meetingId,
      kind: "decided_between_meetings",
      title: "",
    });

    await until(() => health.heard.some((e) => e.type === "procedure:concluded"), "the conclusion heard");
    const concluded = health.heard.find((e) => e.type === "procedure:concluded") as { procedure: WrittenProcedureView };
    expect(concluded.procedure).toMatchObject({ status: "concluded", detail: null });

    // Audited, without content.
    const audited = [
      ...(await auditEntries(app.services, app.net.networkId, "written.opened")),
      ...(await auditEntries(app.services, app.net.networkId, "written.answered")),
      ...(await auditEntries(app.services, app.net.networkId, "written.concluded")),
    ];
    expect(audited.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audited)).not.toMatch(/cannot wait|a week more|team leader|against the school/);
  });
});

describe("attacks", () => {
  let procedureId: string;
  beforeAll(async () => {
    procedureId = await openOn(4, "escalate");
  });

  it("another network's chair cannot follow, answer or conclude", async () => {
    const foreign = await screen(app.secondTenant.chairEmail);
    expect((await emit<Ack<WrittenJoined>>(foreign.s, "written:join", { networkId: app.net.networkId })).ok).toBe(
      false,
    );
    expect((await answer(foreign.s, procedureId, "agree")).error?.code).toBe("forbidden");
    expect((await conclude(foreign.s, procedureId, "adopted")).error?.code).toBe("forbidden");
    // Nor by naming their own network with our procedure.
    const own = await emit<Ack<unknown>>(foreign.s, "written:conclude", {
      networkId: app.secondTenant.networkId,
      procedureId,
      result: "adopted",
    });
    expect(own.ok).toBe(false);
    const theirs = await screen(app.secondTenant.chairEmail, app.secondTenant.networkId);
    expect(theirs.joined.data.procedures).toEqual([]);
  });

  it("an uninvolved member sees code and summary only and cannot answer; a guest sees nothing", async () => {
    const health = await screen("health@riverside.example");
    const listed = health.joined.data.procedures.find((p) => p.id === procedureId)!;
    expect(listed).toMatchObject({ caseCode: caseCode(4), access: "summary", detail: null });
    expect((await answer(health.s, procedureId, "report_back")).error?.code).toBe("forbidden");
    const guest = await screen("youth@riverside.example");
    expect(guest.joined.ok).toBe(false);
    expect((await answer(guest.s, procedureId, "report_back")).error?.code).toBe("forbidden");
    const { db, t } = app.services.database.store;
    expect(await db.select().from(t.writtenAnswers).where(eq(t.writtenAnswers.procedureId, procedureId))).toEqual([]);
  });

  it("a mandate decides what can be said: who reports back gives no view, a decider no report-back", async () => {
    const social = await screen("social@riverside.example");
    const police = await screen("police@riverside.example");
    // Social services are not involved in case 4; the mandate rule comes first.
    expect((await answer(social.s, procedureId, "agree")).error?.code).toBe("forbidden");
    expect((await answer(police.s, procedureId, "report_back")).error?.code).toBe("refused");
    expect((await answer(police.s, procedureId, "disagree")).error?.code).toBe("invalid_payload");
    expect((await answer(police.s, procedureId, "bogus")).error?.code).toBe("invalid_payload");
  });

  it("a chair demoted a second ago cannot conclude", async () => {
    const chair = await screen("chair@riverside.example");
    const admin = actor("admin@riverside.example");
    const m = app.net.members.find((x) => x.email === "chair@riverside.example")!;
    const demoted = await app.services.members.change(admin, app.net.networkId, m.id, {
      role: "member",
      mandate: m.mandate,
      agencyId: m.agencyId,
      isAccountableOfficer: false,
    });
    expect(demoted.ok).toBe(true);
    try {
      expect((await conclude(chair.s, procedureId, "adopted")).error?.code).toBe("forbidden");
      const { db, t } = app.services.database.store;
      const [p] = await db.select().from(t.writtenProcedures).where(eq(t.writtenProcedures.id, procedureId));
      expect(p.status).toBe("open");
    } finally {
      // Back as chair (a powerful role waits for a second person's confirmation).
      await app.services.members.change(admin, app.net.networkId, m.id, {
        role: "chair",
        mandate: m.mandate,
        agencyId: m.agencyId,
        isAccountableOfficer: false,
      });
      const grant = (await app.services.members.pendingGrants(app.net.networkId)).find((g) => g.membershipId === m.id)!;
      expect(
        (await app.services.members.confirmGrant(actor("coordinator@riverside.example"), app.net.networkId, grant.id))
          .ok,
      ).toBe(true);
    }
  });

  it("after the deadline no view is taken, the chair records the outcome; after conclusion nothing more", async () => {
    const police = await screen("police@riverside.example");
    const chair = await screen("chair@riverside.example");
    expect((await answer(police.s, procedureId, "agree", "In time.")).ok).toBe(true);
    const { store } = app.services.database;
    const { t } = store;
    const deadlineIs = (deadline: Date) =>
      store.transaction((tx) =>
        tx.update(t.writtenProcedures).set({ deadline }).where(eq(t.writtenProcedures.id, procedureId)),
      );
    await deadlineIs(new Date(Date.now() - 1000));
    const late = await answer(police.s, procedureId, "abstain");
    expect(late.error).toMatchObject({ code: "conflict" });
    expect(late.error!.reason).toBe("deadline_passed");
    const recorded = await conclude(chair.s, procedureId, "not_adopted", "Too few answers in time.");
    expect(recorded.ok).toBe(true);
    expect(recorded.data.decisionId).toBeNull();
    expect((await conclude(chair.s, procedureId, "adopted")).error?.code).toBe("conflict");
    await deadlineIs(inDays(1));
    const after = await answer(police.s, procedureId, "disagree", "Changed our mind.");
    expect(after.error?.reason).toBe("answers_closed");
    const stored = await store.db.select().from(t.writtenAnswers).where(eq(t.writtenAnswers.procedureId, procedureId));
    expect(stored.map((a) => a.stance)).toEqual(["agree"]);
  });

  it("bad input is refused with a clear error and changes nothing", async () => {
    const chair = await screen("chair@riverside.example");
    const { db, t } = app.services.database.store;
    const count = async () => (await db.select().from(t.writtenProcedures)).length;
    const before = await count();
    expect((await emit<Ack<unknown>>(chair.s, "written:conclude", { procedureId })).error?.code).toBe(
      "invalid_payload",
    );
    expect((await emit<Ack<unknown>>(chair.s, "written:join", {})).error?.code).toBe("invalid_payload");
    const closedCase = await app.services.written.open(
      actor("chair@riverside.example"),
      await personOf("chair@riverside.example"),
      app.net.networkId,
      {
        caseCode: caseCode(3),
        reason: "other",
        deadline: inDays(-1),
        proposal: { outcome: "continue", rationale: "x" },
      },
      app.url,
    );
    expect(closedCase.ok).toBe(false);
    const wrongOutcome = await app.services.written.open(
      actor("chair@riverside.example"),
      await personOf("chair@riverside.example"),
      app.net.networkId,
      { caseCode: caseCode(3), reason: "other", deadline: inDays(1), proposal: { outcome: "close", rationale: "x" } },
      app.url,
    );
    expect(wrongOutcome).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await count()).toBe(before);
  });
});
