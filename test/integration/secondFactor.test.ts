import { eq } from "drizzle-orm";
import { io as connect } from "socket.io-client";
import { beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { useTestServer } from "../support/harness.ts";
import type { Visitor } from "../support/http.ts";
import { enrolTotp, passwordStep, requireSecondFactor, totpCode } from "../support/secondFactor.ts";

const app = useTestServer({ secondTenant: true });

beforeAll(() => requireSecondFactor(app.services, app.net.networkId, app.net.byRole("admin").personId));

/** Whether a socket with this visitor's cookie is let in. */
async function socketAdmitted(v: Visitor): Promise<boolean> {
  const socket = connect(app.url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie: v.cookieHeader },
    transports: ["websocket"],
    reconnection: false,
  });
  try {
    return await new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(true));
      socket.once("connect_error", () => resolve(false));
    });
  } finally {
    socket.disconnect();
  }
}

/** Nothing but its own step opens to someone half signed in. */
async function expectNothingGranted(v: Visitor) {
  const { networkId } = app.net;
  for (const path of [
    "/",
    "/account",
    `/n/${networkId}`,
    `/n/${networkId}/members`,
    `/n/${networkId}/meetings`,
    `/n/${networkId}/cases`,
    `/n/${networkId}/members.data`,
    `/n/${networkId}/cases.data`,
  ]) {
    const res = await v.get(path);
    const body = await res.text();
    expect([302, 202, 204].includes(res.status) || res.status >= 400, `${path} answered ${res.status}`).toBe(true);
    expect(body, path).not.toContain("riverside.example");
    if (res.status === 302) expect(res.headers.get("location"), path).toMatch(/^\/sign-in/);
  }
  expect(await (await v.get("/session")).json()).toEqual({ signedIn: false });
  expect(await socketAdmitted(v)).toBe(false);
}

describe("a second factor", () => {
  it("a chair without one is sent to enrol, reaches nothing else, and is signed in once the app is confirmed", async () => {
    const { visitor, location } = await passwordStep(app.url, "chair@riverside.example");
    expect(location).toBe("/account/second-factor?next=%2F");
    await expectNothingGranted(visitor);
    // Enrolling people cannot remove factors or make codes.
    expect((await visitor.post("/account/second-factor", { intent: "recovery-new" })).status).toBe(403);
    const before = visitor.cookieHeader;
    const { recoveryCodes } = await enrolTotp(visitor);
    expect(recoveryCodes).toHaveLength(10);
    expect(visitor.cookieHeader).not.toBe(before); // a new session, a new token
    expect((await visitor.get("/account")).status).toBe(200);
    expect(await socketAdmitted(visitor)).toBe(true);
  });

  it("then signing in takes a code; a used code is refused, wrong codes are throttled; a recovery code works once", async () => {
    const { visitor: enrolling } = await passwordStep(app.url, "coordinator@riverside.example");
    const { secret, recoveryCodes } = await enrolTotp(enrolling);

    // The code used at enrolment cannot be used again (same 30 s step).
    const first = await passwordStep(app.url, "coordinator@riverside.example");
    expect(first.location).toBe("/sign-in/second-factor?next=%2F");
    await expectNothingGranted(first.visitor);
    const replay = await first.visitor.post("/sign-in/second-factor", { intent: "code", code: totpCode(secret) });
    expect(replay.status).toBe(400);
    // The next step's code (a clock a little ahead) is accepted, once.
    const next = totpCode(secret, 1);
    const ok = await first.visitor.post("/sign-in/second-factor", { intent: "code", code: next });
    expect(ok.status).toBe(302);
    expect((await first.visitor.get("/account")).status).toBe(200);
    const again = await passwordStep(app.url, "coordinator@riverside.example");
    expect((await again.visitor.post("/sign-in/second-factor", { intent: "code", code: next })).status).toBe(400);

    // Wrong codes: a few free, then a wait (doubling) that holds even a right code back, without using it up.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await again.visitor.post("/sign-in/second-factor", { intent: "code", code: "000000" })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const held = await again.visitor.post("/sign-in/second-factor", { intent: "code", code: recoveryCodes[0] });
    expect(held.status).toBe(429);
    const wait = Number(held.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect((await again.visitor.get("/account")).status).toBe(302);
    // After the wait, the recovery code (any case, dashes or not) signs in, once.
    await new Promise((r) => setTimeout(r, wait * 1000 + 300));
    const recovery = recoveryCodes[0].toLowerCase().replaceAll("-", "");
    expect((await again.visitor.post("/sign-in/second-factor", { intent: "code", code: recovery })).status).toBe(302);
    expect((await again.visitor.get("/account")).status).toBe(200);
    const reuse = await passwordStep(app.url, "coordinator@riverside.example");
    expect(
      (await reuse.visitor.post("/sign-in/second-factor", { intent: "code", code: recoveryCodes[0] })).status,
    ).toBe(400);
  });

  it("keeps recovery codes hashed, and writes no code or secret into the audit log", async () => {
    const { db, t } = app.services.database.store;
    const person = app.net.byRole("chair").personId;
    const [factor] = await db.select().from(t.totpFactors).where(eq(t.totpFactors.personId, person));
    const details = (await db.select({ d: t.auditLog.details }).from(t.auditLog))
      .map((r) => JSON.stringify(r.d))
      .join("\n");
    // The app's secret is sealed at rest (the database alone cannot make codes).
    expect(factor.secret).toMatch(/^enc:v1:/);
    const secret = app.services.keyring.open(factor.secret, `totp_factors.secret:${person}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(details).not.toContain(secret);
    const rows = await db.select({ codeHash: t.recoveryCodes.codeHash }).from(t.recoveryCodes);
    expect(rows.length).toBeGreaterThan(0);
    // SHA-256 in base64url, never the code itself.
    for (const r of rows) expect(r.codeHash).toMatch(/^[\w-]{43}$/);
  });

  it("a member whose role needs none signs in with the password alone", async () => {
    const { location } = await passwordStep(app.url, "police@riverside.example");
    expect(location).toBe("/");
  });
});

describe("resetting a second factor", () => {
  it("needs two administrators: one asks, another confirms; audited; the person then enrols again", async () => {
    const { store } = app.services.database;
    const { db, t } = store;
    const { networkId } = app.net;
    const chair = app.net.byRole("chair");
    // A second administrator (promoted directly: the promotion's own two-person rule is tested elsewhere).
    await store.transaction((tx) =>
      tx
        .update(t.memberships)
        .set({ role: "admin" })
        .where(eq(t.memberships.id, app.net.members.find((m) => m.email === "police@riverside.example")!.id)),
    );
    const admin1 = (await passwordStep(app.url, "admin@riverside.example")).visitor;
    await enrolTotp(admin1);
    const admin2 = (await passwordStep(app.url, "police@riverside.example")).visitor;
    await enrolTotp(admin2);
    const chairNow = await passwordStep(app.url, "chair@riverside.example");
    expect(chairNow.location).toMatch(/^\/sign-in\/second-factor/);
    const page = `/n/${networkId}/members/${chair.id}`;
    const factorsOfChair = async () =>
      (await db.select().from(t.totpFactors).where(eq(t.totpFactors.personId, chair.personId))).length;

    expect((await admin1.post(page, { intent: "factor-reset-request", reason: "" })).status).toBe(400);
    expect(
      (
        await admin1.post(page, {
          intent: "factor-reset-request",
          reason: "Lost phone; called her back on the office line",
        })
      ).status,
    ).toBe(200);
    const reset = (await app.services.secondFactor.resetsOf(networkId))[0];
    // The one who asked cannot confirm; a non-admin cannot either; nothing changes.
    expect((await admin1.post(page, { intent: "factor-reset-confirm", resetId: reset.id })).status).toBe(409);
    const member = await app.signIn("social@riverside.example");
    expect((await member.post(page, { intent: "factor-reset-confirm", resetId: reset.id })).status).toBe(403);
    expect(await factorsOfChair()).toBe(1);
    // Another network's admin page with this reset's id: not found.
    expect(
      (
        await admin2.post(`/n/${app.secondTenant.networkId}/members/${chair.id}`, {
          intent: "factor-reset-confirm",
          resetId: reset.id,
        })
      ).status,
    ).toBe(404);
    expect(await factorsOfChair()).toBe(1);

    expect((await admin2.post(page, { intent: "factor-reset-confirm", resetId: reset.id })).status).toBe(200);
    expect(await factorsOfChair()).toBe(0);
    expect(await app.services.secondFactor.methodsOf(chair.personId)).toMatchObject({
      totp: false,
      passkeys: [],
      recoveryCodesLeft: 0,
    });
    const [entry] = await db.select().from(t.auditLog).where(eq(t.auditLog.action, "auth.second_factor_reset"));
    expect(entry.subjectId).toBe(chair.personId);
    expect(JSON.stringify(entry.details)).toContain(reset.requestedBy);
    // The chair's half-finished sign-in ended with the reset; the next sign-in asks to enrol.
    expect((await chairNow.visitor.post("/sign-in/second-factor", { intent: "code", code: "123456" })).status).toBe(
      302,
    );
    expect((await passwordStep(app.url, "chair@riverside.example")).location).toMatch(/^\/account\/second-factor/);
  });
});
