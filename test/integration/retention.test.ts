import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { days } from "../../app/contract/time.ts";
import { auditEntries } from "../support/audit.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { useTestServer } from "../support/harness.ts";
import { approvedMeeting, deliveriesSettled } from "../support/minutes.ts";
import { everyStoredValue } from "../support/storeTables.ts";

// Issue 13, rule 6: the retention schedule's purge, with the clock moved forward. Exactly
// the scheduled data goes, from the database file and from the folders; the audit chain
// still verifies; each purge is one audit entry without content. On PostgreSQL "the
// database" is every table as the Store reads it; on SQLite its file and log as well.

const app = useTestServer();

/** Every row of content (decisions, plans, assessments, tasks, signals) of the cases other than one. */
async function contentOfOtherCases(caseId: string) {
  const { db, t } = app.services.database.store;
  const others = <T extends { caseId: string }>(rows: T[]) => rows.filter((r) => r.caseId !== caseId);
  return {
    cases: (await db.select().from(t.cases)).filter((c) => c.id !== caseId),
    decisions: others(await db.select().from(t.decisions)),
    plans: others(await db.select().from(t.planVersions)),
    assessments: others(await db.select().from(t.assessments)),
    tasks: others(await db.select().from(t.tasks)),
    signals: others(await db.select().from(t.signals)),
  };
}

/** Every byte Casetable keeps in its folder: the database, its write-ahead log, the outbox, the archive. */
function everythingOnDisk(dir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else parts.push(readFileSync(path));
    }
  };
  walk(dir);
  return Buffer.concat(parts);
}

const yearsLater = (from: Date, years: number, plusDays = 0) => {
  const d = new Date(from.getTime() + days(plusDays));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

describe("the retention schedule's purge", () => {
  it("removes each kind of data on its day, from the database and the folders, and audits it without content", async () => {
    const { services, net, server } = app;
    const { store, sqlite } = services.database;
    const { db, t } = store;
    const held = await approvedMeeting(server, net);
    const coordinator = held.member("coordinator@riverside.example");
    expect((await services.minutes.distribute({ personId: coordinator.personId, ip: null }, held.meetingId)).ok).toBe(
      true,
    );
    const sent = await deliveriesSettled(server, held.meetingId);
    // The demo's story: identities, an intake report, a case closed by handing it to regular care.
    await seedDemoStory(services, net.networkId);
    const outbox = join(server.dir, "outbox");
    const mailFiles = sent.map((d) => join(outbox, `${d.id}.eml`));
    expect(mailFiles.every((f) => existsSync(f))).toBe(true);
    const version = (await services.minutes.versions(held.meetingId))[0];
    const pdf = join(server.dir, "archive", ...version.pdfPath.split("/"));
    expect(existsSync(pdf)).toBe(true);

    // The demo's case handed to regular care is closed; the reopened one is not.
    const closed = await db
      .select()
      .from(t.cases)
      .where(and(eq(t.cases.networkId, net.networkId), eq(t.cases.stage, "closed")));
    expect(closed).toHaveLength(1);
    const care = closed[0];
    const open = (await db.select().from(t.caseSubjects)).filter((s) => s.caseId !== care.id);
    const [stored] = await db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, care.id));
    const sealedReporters = (await db.select().from(t.signals).where(eq(t.signals.caseId, care.id))).flatMap((s) =>
      [s.reporterName, s.reporterContact].filter((v): v is string => !!v),
    );
    // The sealed values as they are stored: what must be gone after the purge.
    const sealedIdentity = [stored.name, stored.dateOfBirth!, ...sealedReporters];
    const intakeAddress = "192.0.2.10";
    /** Every value of every table, and every byte of the folder (with SQLite's file and log, checkpointed). */
    const kept = async () => {
      sqlite?.sqlite.pragma("wal_checkpoint(PASSIVE)");
      return Buffer.concat([await everyStoredValue(store), everythingOnDisk(server.dir)]);
    };
    const before = await kept();
    expect(sealedIdentity.every((v) => before.includes(v))).toBe(true);
    expect(before.includes(intakeAddress)).toBe(true);

    const now = new Date();
    // What the page shows: nothing due today; the identity within 30 days of its day.
    expect((await services.retention.preview(net.networkId, 30, now)).find((d) => d.kind === "identity")!.count).toBe(
      0,
    );
    const soon = await services.retention.preview(net.networkId, 30, yearsLater(now, 2, -20));
    expect(soon.find((d) => d.kind === "identity")).toMatchObject({ count: 1, codes: [care.code] });
    expect(soon.find((d) => d.kind === "mail")!.count).toBe(sent.length);

    // 31 days on: intake senders' addresses and mail files go; nothing else.
    let counts = (await services.purge.run(new Date(now.getTime() + days(31)))).get(net.networkId)!;
    expect(counts).toMatchObject({ identity: 0, auditAddresses: 0, mail: sent.length, minutes: 0 });
    expect(counts.intakeAddresses).toBeGreaterThan(0);
    expect(mailFiles.some((f) => existsSync(f))).toBe(false);
    expect(existsSync(join(outbox, "pending")) ? readdirSync(join(outbox, "pending")) : []).toEqual([]);
    const afterAMonth = await kept();
    expect(afterAMonth.includes(intakeAddress)).toBe(false);
    expect(sealedIdentity.every((v) => afterAMonth.includes(v))).toBe(true);
    expect(existsSync(pdf)).toBe(true);
    const stillAddressed = (await services.auditChain.listForNetwork(net.networkId, { limit: 100_000 })).filter(
      (e) => e.ip,
    );
    expect(stillAddressed.length).toBeGreaterThan(0);

    // Again the same day: nothing more to do.
    counts = (await services.purge.run(new Date(now.getTime() + days(31)))).get(net.networkId)!;
    expect(counts).toEqual({ identity: 0, auditAddresses: 0, intakeAddresses: 0, mail: 0, minutes: 0, case: 0 });

    // Two years and a day on: the closed case's identity and every audit address go.
    counts = (await services.purge.run(yearsLater(now, 2, 1))).get(net.networkId)!;
    expect(counts).toMatchObject({ identity: 1, minutes: 0, case: 0 });
    expect(counts.auditAddresses).toBe(stillAddressed.filter((e) => e.ipHash).length);
    const chair = { personId: net.byRole("chair").personId, ip: null };
    expect(await services.caseRegister.viewIdentity(chair, care)).toBeNull();
    expect((await services.caseRegister.get(care.id))!.identityPurgedAt).not.toBeNull();
    const bytes = await kept();
    expect(sealedIdentity.filter((v) => bytes.includes(v))).toEqual([]);
    // The other cases keep theirs; the case's code and record stay.
    expect(await db.select().from(t.caseSubjects)).toEqual(open);
    expect((await services.caseRegister.get(care.id))!.code).toBe(care.code);
    expect(existsSync(pdf)).toBe(true);

    // Five years and a day on: the archived minutes go; their row says who approved them.
    counts = (await services.purge.run(yearsLater(now, 5, 1))).get(net.networkId)!;
    expect(counts).toMatchObject({ identity: 0, minutes: 1, case: 0 });
    expect(existsSync(pdf)).toBe(false);
    const purged = (await services.minutes.versions(held.meetingId))[0];
    expect(purged.purgedAt).not.toBeNull();
    expect(await services.minutes.model(held.meetingId, 1)).toMatchObject({ items: [], actionList: [] });
    const chairVisitor = await app.signIn("chair@riverside.example");
    const download = await chairVisitor.get(`/n/${net.networkId}/meetings/${held.meetingId}/minutes.pdf?version=1`);
    expect(download.status).toBe(410);

    // Ten years and a day on: the closed case's whole content goes; every other case keeps its own.
    const caseWords = [
      care.summary,
      ...(await db.select().from(t.decisions).where(eq(t.decisions.caseId, care.id))).map((d) => d.rationale),
      ...(await db.select().from(t.signals).where(eq(t.signals.caseId, care.id))).map((s) => s.concern),
    ].filter((w) => w.length > 20);
    expect(caseWords.length).toBeGreaterThan(2);
    const beforeTenYears = await kept();
    expect(caseWords.every((w) => beforeTenYears.includes(w))).toBe(true);
    const othersBefore = await contentOfOtherCases(care.id);
    expect(
      (await services.retention.preview(net.networkId, 30, yearsLater(now, 10, -20))).find((d) => d.kind === "case"),
    ).toMatchObject({
      count: 1,
      codes: [care.code],
    });
    counts = (await services.purge.run(yearsLater(now, 10, 1))).get(net.networkId)!;
    expect(counts).toMatchObject({ identity: 0, minutes: 0, case: 1 });
    const emptied = (await services.caseRegister.get(care.id))!;
    expect(emptied).toMatchObject({ code: care.code, stage: "closed", summary: "" });
    expect(emptied.contentPurgedAt).not.toBeNull();
    const decisionsLeft = await db.select().from(t.decisions).where(eq(t.decisions.caseId, care.id));
    expect(decisionsLeft.length).toBeGreaterThan(0);
    expect(decisionsLeft.every((d) => d.rationale === "")).toBe(true);
    expect(await db.select().from(t.planVersions).where(eq(t.planVersions.caseId, care.id))).toEqual([]);
    expect(await db.select().from(t.assessments).where(eq(t.assessments.caseId, care.id))).toEqual([]);
    expect((await db.select().from(t.tasks).where(eq(t.tasks.caseId, care.id))).every((task) => task.what === "")).toBe(
      true,
    );
    const left = await kept();
    expect(caseWords.filter((w) => left.includes(w))).toEqual([]);
    expect(await contentOfOtherCases(care.id)).toEqual(othersBefore);
    // The case file still opens for the chair, with its history of stages and nothing said.
    const page = await chairVisitor.get(`/n/${net.networkId}/cases/${care.code}`);
    expect(page.status).toBe(200);
    // Nothing more is due.
    counts = (await services.purge.run(yearsLater(now, 10, 2))).get(net.networkId)!;
    expect(counts.case).toBe(0);

    // The chain still verifies; each purge is one entry with counts and ids, no value.
    expect((await services.auditChain.verify()).intact).toBe(true);
    const entries = await auditEntries(services, net.networkId, "retention.purged");
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.actorId === null && e.ip === null)).toBe(true);
    const details = entries.map((e) => e.details).join("\n");
    expect(details).not.toContain(intakeAddress);
    expect(details).toContain(care.id);
    expect(caseWords.filter((w) => details.includes(w))).toEqual([]);
  });
});
