import { and, asc, count, eq, inArray } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, type SignalRegistered } from "../../app/contract/protocol.ts";
import { caseSubjects } from "../../db/schema/index.ts";
import { openValue } from "../../server/crypto/sealedColumns.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ secondTenant: true });
const open: Socket[] = [];
const store = () => app.services.database.store;

afterEach(() => open.splice(0).forEach((s) => s.disconnect()));

const year = new Date().getUTCFullYear();
const birthYearsAgo = (years: number) => `${year - years}-01-01`;

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    receivedAt: "2026-01-15T09:30",
    channel: "school",
    reporterName: "Mr Hendriks",
    reporterOrganisation: "Riverside North College",
    reporterContact: "+32 2 555 01 23",
    reporterWithheld: "on",
    concern:
      "A pupil said in class that 'people like them deserve what is coming'. He has stopped talking to his old friends.",
    summary: "School reports a change in behaviour and statements in class.",
    subjectName: "Rami Example",
    subjectDateOfBirth: birthYearsAgo(15),
    subjectAddress: "1 Example Street, Riverside",
    ...overrides,
  };
}

async function caseByCode(code: string) {
  const { db, t } = store();
  const [found] = await db
    .select()
    .from(t.cases)
    .where(and(eq(t.cases.networkId, app.net.networkId), eq(t.cases.code, code)));
  return found;
}
const caseCount = async () => (await store().db.select({ n: count() }).from(store().t.cases))[0].n;

describe("registering a signal", () => {
  it("opens a case with its code at once, keeps the identity apart, flags a minor and marks the agency involved, all audited", async () => {
    const school = await app.signIn("school@riverside.example");
    const res = await school.post(`/n/${app.net.networkId}/signals/new`, form());
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    const code = /\/cases\/(C-\d{4}-\d{4})\?registered=1&minor=1$/.exec(location)?.[1];
    expect(location.startsWith(`/n/${app.net.networkId}/cases/`)).toBe(true);
    expect(code).toBeDefined();

    const { db, t } = store();
    const c = await caseByCode(code!);
    expect(c).toMatchObject({
      stage: "signal",
      isMinor: true,
      summary: "School reports a change in behaviour and statements in class.",
    });
    // The case row carries no name: the identity sits in case_subjects.
    expect(JSON.stringify(c)).not.toContain("Rami");
    // Sealed at rest (decision 0028); the register opens it for those who may see it.
    const [stored] = await db
      .select({ name: t.caseSubjects.name, dateOfBirth: t.caseSubjects.dateOfBirth })
      .from(t.caseSubjects)
      .where(eq(t.caseSubjects.caseId, c.id));
    expect(stored.name).toMatch(/^enc:v1:/);
    expect(stored.dateOfBirth).toMatch(/^enc:v1:/);
    expect(JSON.stringify(stored)).not.toContain("Rami");
    const keyring = app.services.keyring;
    expect(openValue(keyring, caseSubjects.name, c.id, stored.name)).toBe("Rami Example");
    expect(openValue(keyring, caseSubjects.dateOfBirth, c.id, stored.dateOfBirth!)).toBe(birthYearsAgo(15));

    const [signal] = await db.select().from(t.signals).where(eq(t.signals.caseId, c.id));
    expect(signal).toMatchObject({
      channel: "school",
      reporterWithheld: true,
      intakeLinkId: null,
      receipt: null,
    });
    expect(signal.reporterName).toMatch(/^enc:v1:/);
    expect(JSON.stringify(signal)).not.toContain("Hendriks");
    expect(signal.registeredBy).toBe(app.net.members.find((m) => m.email === "school@riverside.example")!.personId);
    // 09:30 in Brussels in January is 08:30 UTC.
    expect(signal.receivedAt.toISOString()).toBe("2026-01-15T08:30:00.000Z");

    const schoolAgency = app.net.members.find((m) => m.email === "school@riverside.example")!.agencyId;
    expect(
      await db
        .select({ agencyId: t.caseAgencies.agencyId })
        .from(t.caseAgencies)
        .where(eq(t.caseAgencies.caseId, c.id)),
    ).toEqual([{ agencyId: schoolAgency }]);

    const actions = (
      await db
        .select({ action: t.auditLog.action })
        .from(t.auditLog)
        .where(inArray(t.auditLog.subjectId, [c.id, signal.id]))
        .orderBy(asc(t.auditLog.id))
    ).map((r) => r.action);
    expect(actions).toEqual(["case.opened", "signal.registered", "case.agencies_changed"]);
  });

  it("an adult is not flagged; the redirect says nothing of a minor", async () => {
    const police = await app.signIn("police@riverside.example");
    const res = await police.post(
      `/n/${app.net.networkId}/signals/new`,
      form({ subjectDateOfBirth: birthYearsAgo(30), channel: "police", reporterWithheld: "" }),
    );
    expect(res.status).toBe(302);
    const code = /\/cases\/(C-\d{4}-\d{4})\?registered=1$/.exec(res.headers.get("location")!)![1];
    expect(await caseByCode(code)).toMatchObject({ isMinor: false });
  });

  it("bad input shows errors beside the fields and changes nothing", async () => {
    const school = await app.signIn("school@riverside.example");
    const before = await caseCount();
    const cases = [
      [{ subjectName: "", concern: "", channel: "carrier pigeon" }, ["Fill this in.", "Riverside North College"]],
      [{ receivedAt: "last tuesday" }, ["Enter a date and time, like 2026-03-14 09:30."]],
      [{ receivedAt: `${year + 1}-01-01T10:00` }, ["This is in the future."]],
      [{ subjectDateOfBirth: `${year + 1}-01-01` }, ["This is in the future."]],
      [{ subjectDateOfBirth: "15/01/2010" }, ["Enter a date as YYYY-MM-DD."]],
    ] as const;
    for (const [overrides, messages] of cases) {
      const res = await school.post(`/n/${app.net.networkId}/signals/new`, form(overrides));
      expect(res.status).toBe(400);
      const html = await res.text();
      for (const m of messages) expect(html).toContain(m);
      expect(html).toContain('aria-invalid="true"');
    }
    expect(await caseCount()).toBe(before);
  });

  it("a guest and someone outside the network cannot register", async () => {
    const guest = await app.signIn("youth@riverside.example");
    expect((await guest.get(`/n/${app.net.networkId}/signals/new`)).status).toBe(403);
    expect((await guest.post(`/n/${app.net.networkId}/signals/new`, form())).status).toBe(403);
    const police = await app.signIn("police@riverside.example");
    expect((await police.post(`/n/${app.secondTenant.networkId}/signals/new`, form())).status).toBe(404);
  });
});

describe("the shared inbox", () => {
  it("shows every chair and coordinator the signals at the signal stage, newest first, without names", async () => {
    for (const email of ["chair@riverside.example", "coordinator@riverside.example"]) {
      const res = await (await app.signIn(email)).get(`/n/${app.net.networkId}/signals`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const codes = [...html.matchAll(/class="case-code"[^>]*>(C-\d{4}-\d{4})</g)].map((m) => m[1]);
      expect(codes.length).toBeGreaterThanOrEqual(2);
      expect(html).toContain("Not yet analysed");
      expect(html).toContain("Minor");
      expect(html).toContain(`/cases/${codes[0]}/analysis`);
      expect(html).not.toContain("Rami Example");
      // Newest first: the police signal was registered after the school's, at the same received time.
      const { db, t } = store();
      const received = await Promise.all(
        codes.map(async (code) => {
          const [row] = await db
            .select({ createdAt: t.signals.createdAt })
            .from(t.signals)
            .innerJoin(t.cases, eq(t.cases.id, t.signals.caseId))
            .where(and(eq(t.cases.networkId, app.net.networkId), eq(t.cases.code, code)));
          return row.createdAt.getTime();
        }),
      );
      expect(received).toEqual([...received].sort((a, b) => b - a));
    }
  });

  it("is refused (403) to a member without the inbox right", async () => {
    const member = await app.signIn("social@riverside.example");
    expect((await member.get(`/n/${app.net.networkId}/signals`)).status).toBe(403);
    const nav = await (await member.get(`/n/${app.net.networkId}`)).text();
    expect(nav).not.toContain(`/n/${app.net.networkId}/signals"`);
    expect(nav).toContain(`/n/${app.net.networkId}/signals/new"`);
  });

  it("the navigation shows a chair how many signals wait", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const html = await (await chair.get(`/n/${app.net.networkId}`)).text();
    const count = await app.services.signals.inboxCount(app.net.networkId);
    expect(html).toContain(`${count} signals waiting`);
  });
});

describe("in-app notification of a new signal", () => {
  function socketFor(cookie: string): Socket {
    const s = connect(app.url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie },
      transports: ["websocket"],
      reconnection: false,
    });
    open.push(s);
    return s;
  }
  // A socket may have connected while the next person signed in.
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (s.connected) return resolve();
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });

  it("reaches the chairs' and coordinators' sockets with the code and count only, and not a plain member's", async () => {
    const chair = socketFor((await app.signIn("chair@riverside.example")).cookieHeader);
    const coordinator = socketFor((await app.signIn("coordinator@riverside.example")).cookieHeader);
    const member = socketFor((await app.signIn("health@riverside.example")).cookieHeader);
    await Promise.all([connected(chair), connected(coordinator), connected(member)]);
    const memberHeard: unknown[] = [];
    member.on("signal:registered", (e) => memberHeard.push(e));
    const chairHears = new Promise<SignalRegistered>((resolve) => chair.once("signal:registered", resolve));
    const coordinatorHears = new Promise<SignalRegistered>((resolve) => coordinator.once("signal:registered", resolve));

    const before = await app.services.signals.inboxCount(app.net.networkId);
    const res = await (
      await app.signIn("police@riverside.example")
    ).post(`/n/${app.net.networkId}/signals/new`, form({ subjectName: "Another Example" }));
    const code = /\/cases\/(C-\d{4}-\d{4})/.exec(res.headers.get("location")!)![1];

    const event = await chairHears;
    expect(event).toEqual({ networkId: app.net.networkId, code, inboxCount: before + 1 });
    expect(await coordinatorHears).toEqual(event);
    // Give a wrongly sent event time to arrive before concluding it did not.
    await new Promise((r) => setTimeout(r, 300));
    expect(memberHeard).toEqual([]);
  });
});
