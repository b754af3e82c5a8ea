import { createHash, randomUUID } from "node:crypto";
import { eq, getTableName, ne } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import { scratchDoc } from "../../app/contract/noteDocs.ts";
import type { Services } from "../../server/services.ts";
import { PASSWORD, seedNetwork, withoutSecondFactor } from "./fixtures.ts";
import { prepareMeeting } from "./meetings.ts";
import {
  assessmentDomains,
  assessmentFormFields,
  caseCode,
  closureFormFields,
  planFormFields,
  seededCase,
} from "./planForms.ts";
import { storeTables } from "./storeTables.ts";

/**
 * Two tenants on one Casetable. A is the demo network (with a meeting, a proposed
 * closure, a pending grant, an invitation and an intake link). B is Eastport, with one
 * case whose code is also a code in A. Two people of B attack A: `coordinatorOfB`,
 * also a guest of A (issue 9's first reproduction), and `adminOfB`, nothing in A.
 */
export async function seedTwoNetworks(services: Services) {
  const a = await seedNetwork(services);
  const prepared = await prepareMeeting(services, a);
  const { store } = services.database;
  const { db, t } = store;
  const admin = { personId: a.byRole("admin").personId, ip: null };
  const member = (email: string) => a.members.find((m) => m.email === email)!;

  const networkB = await services.networks.create(admin, {
    networkName: "Eastport Case Conference",
    timeZone: "Europe/Paris",
    agencyName: "Eastport Police",
    agencySector: "police",
  });
  await withoutSecondFactor(services, networkB, admin.personId);
  const agencyB = (await services.networks.listAgencies(networkB))[0].id;
  const youth = member("youth@riverside.example");
  const toB = await services.invitations.create(admin, networkB, {
    email: youth.email,
    agencyId: agencyB,
    role: "coordinator",
    mandate: "decides",
  });
  if (
    !toB.ok ||
    !(await services.invitations.acceptAsPerson(toB.token, youth.personId, { personId: youth.personId, ip: null })).ok
  )
    throw new Error("coordinator of B");
  const adminInvite = await services.invitations.create(admin, networkB, {
    email: "admin@eastport.example",
    agencyId: agencyB,
    role: "admin",
    mandate: "decides",
  });
  if (
    !adminInvite.ok ||
    !(
      await services.invitations.acceptWithNewAccount(
        adminInvite.token,
        { name: "Eastport Admin", password: PASSWORD },
        { ip: "127.0.0.1", userAgent: null },
      )
    ).ok
  )
    throw new Error("admin of B");
  // B has a coordinator now, so the second admin's role waits for them to confirm it.
  const [adminGrant] = await services.members.pendingGrants(networkB);
  if (
    !adminGrant ||
    !(await services.members.confirmGrant({ personId: youth.personId, ip: null }, networkB, adminGrant.id)).ok
  )
    throw new Error("admin of B confirmed");
  const caseB = await services.signals.register(
    { personId: youth.personId, ip: null },
    {
      networkId: networkB,
      agencyId: agencyB,
      receivedAt: new Date(),
      channel: "police",
      reporter: { name: "Officer Marchand", organisation: "Eastport Police", contact: null, withheld: false },
      concern: "Posts glorifying an attack.",
      summary: "Police report posts online.",
      subject: { name: "Eastport Subject", dateOfBirth: null, address: null, contacts: null },
    },
  );
  if (caseB.code !== caseCode(1)) throw new Error(`B's first case should share A's first code, got ${caseB.code}`);

  // Things of A that only A's people should ever reach by id.
  await services.members.change(admin, a.networkId, member("school@riverside.example").id, {
    role: "coordinator",
    mandate: "decides",
    agencyId: member("school@riverside.example").agencyId,
    isAccountableOfficer: false,
  });
  const invited = await services.invitations.create(admin, a.networkId, {
    email: "pending@riverside.example",
    agencyId: member("police@riverside.example").agencyId,
    role: "member",
    mandate: "decides",
  });
  if (!invited.ok) throw new Error("invitation of A");
  const link = await services.intake.create(admin, a.networkId, "Riverside youth club");
  const case5 = await seededCase(services, a.networkId, 5);
  // A plan (its action is a live task), an assessment and a fade-out check of A, so their ids can be posted elsewhere.
  const police = member("police@riverside.example");
  const case3 = await seededCase(services, a.networkId, 3);
  const planned = await services.actionPlans.save(
    { personId: member("coordinator@riverside.example").personId, ip: null },
    case3,
    {
      socialContext: "Lives with his father.",
      goals: [{ id: "g1", what: "Back in training", measure: "4 of 5 days", byWhen: "2030-09-30", standing: "open" }],
      actions: [
        {
          goalId: "g1",
          what: "Intake talk",
          ownerAgencyId: police.agencyId,
          ownerPersonId: police.personId,
          startOn: null,
          dueOn: "2030-05-20",
          status: "planned",
        },
      ],
      agencyIds: [police.agencyId],
      nextCheckInOn: "2030-06-01",
    },
    0,
  );
  if (!planned.ok) throw new Error("plan of A");
  if (
    !(
      await services.assessments.record({ personId: police.personId, ip: null }, case3, {
        assessedOn: "2025-01-01",
        domains: assessmentDomains(),
      })
    ).ok
  )
    throw new Error("assessment of A");
  await store.transaction((tx) =>
    tx.insert(t.monitoringChecks).values({ id: randomUUID(), caseId: case5.id, dueOn: "2030-01-01" }),
  );
  const firstOf = <T>(rows: T[], what: string) => {
    if (!rows[0]) throw new Error(`A has no ${what}`);
    return rows[0];
  };
  const itemOfA = firstOf(
    (await db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, prepared.meetingId))).filter(
      (i) => i.caseId !== null,
    ),
    "case item",
  );
  const idsOfA = {
    networkId: a.networkId,
    agencyId: member("police@riverside.example").agencyId,
    personId: member("police@riverside.example").personId,
    membershipId: member("police@riverside.example").id,
    grantId: firstOf(
      await db.select().from(t.membershipGrants).where(eq(t.membershipGrants.networkId, a.networkId)),
      "pending grant",
    ).id,
    invitationId: firstOf(await services.invitations.listPending(a.networkId), "invitation").id,
    linkId: link.id,
    meetingId: prepared.meetingId,
    itemId: itemOfA.id,
    /** A code that exists in A only. */
    code: case5.code,
    signalId: prepared.signal.signalId,
    checkId: firstOf(await db.select().from(t.monitoringChecks), "fade-out check").id,
    assessmentId: firstOf(await db.select().from(t.assessments), "assessment").id,
    taskId: firstOf(await db.select().from(t.tasks).where(eq(t.tasks.networkId, a.networkId)), "task").id,
    signalsOfA: (await db.select().from(t.signals).where(eq(t.signals.networkId, a.networkId))).length,
  };
  return {
    a,
    idsOfA,
    b: { networkId: networkB, agencyId: agencyB, code: caseB.code, signalId: caseB.signalId },
    coordinatorOfB: youth,
    adminOfBEmail: "admin@eastport.example",
  };
}

/** Per table: how many rows, and a hash of them all. */
export type Fingerprint = Map<string, { rows: number; hash: string }>;

/**
 * A fingerprint of every table of the store, on either dialect: row count and a hash of every
 * row, to prove a request changed nothing (beyond the audit entry that records its refusal).
 * Rows are hashed in the order of their serialised form, which does not depend on how the
 * dialect happens to return them.
 *
 * `withoutIdleClocks` leaves out each session's last activity, which any request of a signed-in
 * person may write (at most every 15 seconds, sessions.ts `touch`): for a test whose requests
 * may take that long on a loaded machine; every other column of every session still counts.
 */
export async function databaseFingerprint(
  store: Store,
  options: { withoutIdleClocks?: boolean } = {},
): Promise<Fingerprint> {
  const fingerprint: Fingerprint = new Map();
  for (const table of storeTables(store)) {
    // A refusal is recorded (who was refused what, no content): that is the one row a refused request may add.
    const rows =
      table === store.t.auditLog
        ? await store.db.select().from(store.t.auditLog).where(ne(store.t.auditLog.action, "access.refused"))
        : await store.db.select().from(table);
    const serialised = rows
      .map((row) =>
        JSON.stringify(
          options.withoutIdleClocks && table === store.t.sessions ? { ...row, lastSeenAt: undefined } : row,
        ),
      )
      .sort();
    fingerprint.set(getTableName(table), {
      rows: rows.length,
      hash: createHash("sha256").update(JSON.stringify(serialised)).digest("hex"),
    });
  }
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t)?.hash !== after.get(t)?.hash);
}

export interface Probe {
  method: "GET" | "POST";
  path: string;
  body?: Record<string, string>;
}

type Ids = Awaited<ReturnType<typeof seedTwoNetworks>>["idsOfA"];

/**
 * Every page and every form of a network (loaders and actions, every intent), addressed
 * with `ids`. Each probe carries at least one of those ids, in its address or its form.
 */
export function everyRoute(networkId: string, ids: Ids, options: { idsOnly: boolean }): Probe[] {
  const n = `/n/${networkId}`;
  const m = `${n}/meetings/${ids.meetingId}`;
  const c = `${n}/cases/${ids.code}`;
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const checklist = closureFormFields("yes");

  const plan = planFormFields(
    {
      socialContext: "Lives with his mother.",
      goals: [{ id: "g1", what: "Back at school", measure: "Attends 4 of 5 days", byWhen: later, standing: "open" }],
      actions: [
        {
          id: ids.taskId ?? undefined,
          goalId: "g1",
          what: "Intake talk",
          ownerAgencyId: ids.agencyId,
          ownerPersonId: ids.personId,
          startOn: null,
          dueOn: later,
          status: "planned",
        },
      ],
      agencyIds: [ids.agencyId],
      nextCheckInOn: later,
    },
    0,
  );
  const withIds: Probe[] = [
    { method: "GET", path: `${n}/members/${ids.membershipId}` },
    {
      method: "POST",
      path: `${n}/members/${ids.membershipId}`,
      body: { intent: "save", agencyId: ids.agencyId, role: "chair", mandate: "decides", isAccountableOfficer: "on" },
    },
    {
      method: "POST",
      path: `${n}/members/${ids.membershipId}`,
      body: { intent: "save", agencyId: ids.agencyId, role: "member", mandate: "reports_back" },
    },
    { method: "POST", path: `${n}/members/${ids.membershipId}`, body: { intent: "remove" } },
    { method: "POST", path: `${n}/members`, body: { intent: "confirm", grantId: ids.grantId } },
    { method: "POST", path: `${n}/members`, body: { intent: "cancel", grantId: ids.grantId } },
    { method: "POST", path: `${n}/members/invite`, body: { intent: "revoke", invitationId: ids.invitationId } },
    {
      method: "POST",
      path: `${n}/members/invite`,
      body: {
        intent: "create",
        email: "someone.new@example.org",
        agencyId: ids.agencyId,
        role: "member",
        mandate: "decides",
      },
    },
    { method: "POST", path: `${n}/intake`, body: { intent: "revoke", linkId: ids.linkId } },
    {
      method: "POST",
      path: `${n}/meetings/new`,
      body: { title: "Conference", startsAt: `${later}T14:00`, invitees: ids.personId },
    },
    { method: "GET", path: `${n}/notes/${encodeURIComponent(scratchDoc(ids.networkId))}` },
    { method: "GET", path: m },
    { method: "GET", path: `${m}/agenda` },
    { method: "POST", path: `${m}/agenda`, body: { itemId: ids.itemId, personId: ids.personId } },
    { method: "GET", path: `${m}/display` },
    { method: "GET", path: `${m}/minutes` },
    { method: "GET", path: `${m}/minutes.pdf` },
    ...["approve", "distribute", "retry"].map((intent): Probe => ({
      method: "POST",
      path: `${m}/minutes`,
      body: { intent, changeNote: "Corrected" },
    })),
    ...["", "/analysis", "/assessments", "/plan", "/plan/versions", "/closure", "/plan.pdf"].map((p): Probe => ({
      method: "GET",
      path: `${c}${p}`,
    })),
    // The case page is an index route: its forms post to `?index`.
    { method: "POST", path: `${c}?index`, body: { intent: "identity", name: "Someone Else" } },
    { method: "POST", path: `${c}?index`, body: { intent: "summary", summary: "Overwritten" } },
    { method: "POST", path: `${c}?index`, body: { intent: "agencies", agencyIds: ids.agencyId } },
    { method: "POST", path: `${c}?index`, body: { intent: "check", checkId: ids.checkId ?? "none", note: "Seen" } },
    { method: "POST", path: `${c}?index`, body: { intent: "move", to: "closed", rationale: "Done" } },
    { method: "POST", path: `${c}/analysis`, body: { intent: "summary", summary: "Overwritten" } },
    {
      method: "POST",
      path: `${c}/analysis`,
      body: {
        intent: "analyse",
        signalId: ids.signalId,
        sourceGrade: "B",
        informationGrade: "2",
        gradingRationale: "Known source",
      },
    },
    {
      method: "POST",
      path: `${c}/analysis`,
      body: { intent: "route", routing: "no_further_action", signalId: ids.signalId, rationale: "Nothing to do" },
    },
    { method: "POST", path: `${c}/assessments`, body: assessmentFormFields(today, assessmentDomains()) },
    { method: "POST", path: `${c}/plan`, body: plan },
    { method: "POST", path: `${c}/closure`, body: { intent: "propose", rationale: "Goals attained", ...checklist } },
    ...["withdraw", "signOff"].map((intent): Probe => ({
      method: "POST",
      path: `${c}/closure`,
      body: { intent, comment: "Agreed" },
    })),
    { method: "POST", path: `${c}/closure`, body: { intent: "view", view: "agree", comment: "Agreed" } },
  ];
  if (ids.assessmentId) withIds.push({ method: "GET", path: `${c}/assessments?id=${ids.assessmentId}` });
  if (options.idsOnly) return withIds;
  // Pages and forms that take no id but the network's own.
  return [
    ...withIds,
    ...[
      "",
      "/members",
      "/members/invite",
      "/agencies",
      "/audit",
      "/settings",
      "/signals",
      "/signals/new",
      "/intake",
      "/report",
      "/meetings",
      "/meetings/new",
      "/cases",
    ].map((p): Probe => ({ method: "GET", path: `${n}${p}` })),
    { method: "POST", path: `${n}/agencies`, body: { name: "Sneaky agency", sector: "other" } },
    { method: "POST", path: `${n}/settings`, body: { gradingScale: "uk3x5x2", classification: "SNEAKY" } },
    // Every other form of the settings pages, each with a valid value.
    ...(
      [
        { intent: "language", language: "fr", minutesLanguage: "de" },
        { intent: "update-reminder", reminderDays: "9" },
        { intent: "minutes", dueDays: "20", delivery: "attach" },
        { intent: "officer", roles: "coordinator" },
        { intent: "second-factor", roles: "member" },
        { intent: "basis-add", name: "Sneaky basis", reference: "Art. 0" },
      ] as Record<string, string>[]
    ).map((body): Probe => ({ method: "POST", path: `${n}/settings`, body })),
    {
      method: "POST",
      path: `${n}/settings/retention`,
      body: {
        identityYears: "1",
        auditAddressDays: "7",
        intakeAddressDays: "7",
        mailDays: "7",
        minutesYears: "1",
        caseYears: "1",
      },
    },
    { method: "GET", path: `${n}/settings/retention` },
    { method: "GET", path: `${n}/access-requests` },
    { method: "POST", path: `${n}/access-requests`, body: { intent: "ask", code: ids.code, kind: "export" } },
    { method: "POST", path: `${n}/intake`, body: { intent: "create", label: "Sneaky link" } },
    { method: "POST", path: `${n}/meetings/new`, body: { title: "Sneaky conference", startsAt: `${later}T14:00` } },
    {
      method: "POST",
      path: `${n}/signals/new`,
      body: {
        receivedAt: `${today}T09:00`,
        channel: "police",
        reporterName: "X",
        concern: "Sneaky",
        summary: "Sneaky",
        subjectName: "Sneaky Subject",
      },
    },
  ];
}
