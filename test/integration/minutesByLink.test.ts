import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { closedMeeting, deliveriesSettled, useSmtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { changedTables, databaseFingerprint } from "../support/twoNetworks.ts";
import { days } from "../../app/contract/time.ts";

// Issue 12, rule 4: a network may deliver restricted minutes by link. The mail says the
// minutes are ready and where to sign in for one's own copy; it carries no copy and no case
// content. Each download by a recipient is their receipt, shown per recipient.

const smtp = useSmtpServer();
// A second network, whose chair tries the link of the first.
const app = useTestServer({ secondTenant: true, env: () => ({ SMTP_URL: smtp.url }) });
let m: Awaited<ReturnType<typeof closedMeeting>>;

beforeAll(async () => {
  m = await closedMeeting(app.server, app.net);
}, 60_000);
afterAll(() => m?.close());

describe.skipIf(!pdfToolsAvailable)("minutes delivered by link (issue 12, rule 4)", () => {
  it("the coordinator sets link delivery; a bad deadline is refused with nothing changed", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const path = `/n/${m.net.networkId}/settings`;
    const bad = await coordinator.post(path, { intent: "minutes", dueDays: "0", delivery: "link" });
    expect(bad.status).toBe(400);
    expect(await app.services.minutes.settings.get(m.net.networkId)).toEqual({ dueDays: 3, delivery: "attach" });
    const member = await app.signIn("police@riverside.example");
    const refused = await member.post(path, { intent: "minutes", dueDays: "5", delivery: "link" });
    expect([403, 404]).toContain(refused.status);
    const ok = await coordinator.post(path, { intent: "minutes", dueDays: "3", delivery: "link" });
    expect(ok.status).toBe(200);
    expect(await app.services.minutes.settings.get(m.net.networkId)).toEqual({ dueDays: 3, delivery: "link" });
  });

  it("minutes not approved by their deadline: one reminder to the chair and to the coordinator, however often the check runs", async () => {
    const { deadlines } = app.services.minutes;
    const ours = async (now: Date) =>
      (await deadlines.pending([m.net.networkId], now)).find((p) => p.meetingId === m.meetingId)!;
    expect(await ours(new Date())).toMatchObject({ state: "due" });
    const late = new Date(Date.now() + days(10));
    expect((await ours(late)).state).toBe("approval_overdue");
    expect(await deadlines.remindOverdue(late)).toBe(2);
    expect(await deadlines.remindOverdue(late)).toBe(0);
    const isReminder = (r: (typeof smtp.received)[number]) =>
      !!r.mail.subject?.startsWith("[RESTRICTED] Minutes overdue:") &&
      !!r.mail.text?.includes("Monthly case conference");
    for (const until = Date.now() + 20_000; smtp.received.filter(isReminder).length < 2 && Date.now() < until;)
      await new Promise((done) => setTimeout(done, 50));
    const got = smtp.received.filter(isReminder);
    expect(got.map((r) => r.envelopeTo[0]).sort()).toEqual([
      "chair@riverside.example",
      "coordinator@riverside.example",
    ]);
    for (const r of got) {
      expect(r.mail.text).toContain("not yet been approved by the chair");
      for (const secret of [m.codes.case3, m.codes.case5, "Training attendance"])
        expect(r.mail.text).not.toContain(secret);
    }
  });

  it("sends each person a notice with the link to their own copy: no attachment, no case content", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const base = `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;
    expect((await chair.post(base, { intent: "approve" })).status).toBe(200);
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await coordinator.post(base, { intent: "distribute" })).status).toBe(200);
    await deliveriesSettled(app.server, m.meetingId);
    // One notice per person and nothing else: no copy, no action plan attached to any mail.
    const sent = smtp.received.filter((r) => r.mail.subject?.includes("] Minutes: "));
    expect(sent.length).toBe((await app.services.minutes.addressees(m.meetingId)).length);
    expect(smtp.received.filter((r) => r.mail.subject?.includes("Action plan"))).toEqual([]);
    for (const r of smtp.received)
      expect(r.mail.attachments.filter((a) => a.contentType === "application/pdf").map((a) => a.filename)).toEqual([]);
    expect((await app.services.minutes.deliveries(m.meetingId)).filter((r) => r.d.kind === "action_plan")).toEqual([]);
    const notice = smtp.received.find((r) => r.envelopeTo.includes("police@riverside.example"))!;
    expect(notice).toBeDefined();
    expect(notice.mail.text).toContain(`${app.url}${base}.pdf?version=1`);
    // The police work on a case discussed: their mail points to the plans on the minutes page.
    expect(notice.mail.text).toContain(`${app.url}${base}#action-plans`);
    const school = smtp.received.find((r) => r.envelopeTo.includes("school@riverside.example"))!;
    expect(school.mail.text).not.toContain("#action-plans");
    for (const r of [notice, school])
      for (const secret of [m.codes.case3, m.codes.case5, "Training attendance", "Fine by us"])
        expect(r.mail.text).not.toContain(secret);
    // Sent: nothing is waiting, so no reminder follows, however late it is.
    expect(
      (await app.services.minutes.deadlines.pending([m.net.networkId], new Date(Date.now() + days(30)))).some(
        (p) => p.meetingId === m.meetingId,
      ),
    ).toBe(false);
  });

  it("the link needs sign-in; a recipient's download is their receipt, the others show as not yet opened", async () => {
    const link = `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes.pdf?version=1`;
    const anonymous = await fetch(`${app.url}${link}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in\?next=/);
    const police = await app.signIn("police@riverside.example");
    const res = await police.get(link);
    expect(res.status).toBe(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Copy for Riverside Police");
    const minutesRows = (await app.services.minutes.deliveries(m.meetingId)).filter((r) => r.d.kind === "minutes");
    const opened = minutesRows.filter((r) => r.openedAt !== null).map((r) => r.name);
    expect(opened).toEqual(["Jonas Becker"]);
    expect(minutesRows.every((r) => r.byLink)).toBe(true);
    // The page says it per recipient.
    const coordinator = await app.signIn("coordinator@riverside.example");
    const html = await (await coordinator.get(`/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`)).text();
    expect(html).toMatch(/Jonas Becker<\/td>.*?Downloaded /s);
    expect(html).toMatch(/Sofia Papadopoulou<\/td>.*?Not yet opened/s);
    // The police find their action plan on the minutes page, and download it after sign-in.
    const page = await (await police.get(`/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`)).text();
    const href = page.match(/href="([^"]*\/plan\.pdf)"/)?.[1];
    expect(href).toBeDefined();
    const plan = await police.get(href!.replaceAll("&amp;", "&"));
    expect(plan.status).toBe(200);
    expect(plan.headers.get("content-type")).toBe("application/pdf");
    // The school works on no case discussed: no plan is listed for them.
    const school = await app.signIn("school@riverside.example");
    const schoolPage = await (await school.get(`/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`)).text();
    expect(schoolPage).not.toContain("plan.pdf");
  });

  it("the link reached by someone else: another network, a person removed or demoted a second ago get no copy beyond their standing, and nothing is recorded", async () => {
    const link = (networkId: string) => `/n/${networkId}/meetings/${m.meetingId}/minutes.pdf?version=1`;
    const secrets = [m.codes.case3, m.codes.case5, "Training attendance", "Mental health asks", "Fine by us"];
    const tryLink = async (email: string, networkId = m.net.networkId) => {
      const visitor = await app.signIn(email);
      const before = await databaseFingerprint(app.services.database.store);
      const res = await visitor.get(link(networkId));
      const body = Buffer.from(await res.arrayBuffer());
      return {
        status: res.status,
        body,
        changed: changedTables(before, await databaseFingerprint(app.services.database.store)),
      };
    };
    // Another network's chair, through A's address and through their own.
    for (const networkId of [m.net.networkId, app.secondTenant.networkId]) {
      const r = await tryLink(app.secondTenant.chairEmail, networkId);
      expect(r.status).toBe(404);
      expect(r.changed).toEqual([]);
    }
    const admin = { personId: m.member("admin@riverside.example").personId, ip: null };
    // Removed a second ago: signed in still, but no longer of the network.
    const school = m.member("school@riverside.example");
    const schoolVisitor = await app.signIn(school.email);
    expect(await app.services.members.remove(admin, m.net.networkId, school.id)).toEqual({ ok: true });
    const before = await databaseFingerprint(app.services.database.store);
    const removed = await schoolVisitor.get(link(m.net.networkId));
    await removed.arrayBuffer();
    expect([302, 403, 404]).toContain(removed.status);
    expect(changedTables(before, await databaseFingerprint(app.services.database.store))).toEqual([]);
    // The police officer demoted to guest a second ago: their copy is cut for what they are now.
    const police = m.member("police@riverside.example");
    expect(
      await app.services.members.change(admin, m.net.networkId, police.id, {
        role: "guest",
        mandate: police.mandate,
        agencyId: police.agencyId,
        isAccountableOfficer: false,
      }),
    ).toMatchObject({ ok: true });
    const demoted = await tryLink(police.email);
    if (demoted.status === 200) {
      const text = pdfText(demoted.body);
      for (const secret of secrets) expect(text).not.toContain(secret);
    } else expect(demoted.status).toBe(404);
  });
});
