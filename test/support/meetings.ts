import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import type { MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import type { Services } from "../../server/services.ts";
import { signedIn, type Network as Net } from "./fixtures.ts";
import { caseCode, closureChecklist, involveSectors, seededCase } from "./planForms.ts";
import { dayAfter } from "../../app/contract/time.ts";

/**
 * A network ready for a meeting: a new signal (case 6), the active case 4 with police
 * and mental health involved and a closure proposed, and a meeting scheduled for today.
 */
/** Case 3 gets a plan with one goal and a police action (the intake talk), due in 2030. */
export async function planWithPoliceAction(services: Services, net: Net) {
  const member = (email: string) => net.members.find((m) => m.email === email)!;
  const police = member("police@riverside.example");
  const saved = await services.actionPlans.save(
    { personId: member("coordinator@riverside.example").personId, ip: null },
    await seededCase(services, net.networkId, 3),
    {
      socialContext: "Lives with his father; youth club member.",
      goals: [
        {
          id: "g1",
          what: "Back in vocational training",
          measure: "Attending 4 of 5 days for 6 weeks",
          byWhen: "2030-09-30",
          standing: "open",
        },
      ],
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
      nextCheckInOn: dayAfter(10),
    },
    0,
  );
  if (!saved.ok) throw new Error(`plan: ${JSON.stringify(saved)}`);
}

export async function prepareMeeting(services: Services, net: Net) {
  const { store } = services.database;
  const { t } = store;
  const member = (email: string) => net.members.find((m) => m.email === email)!;
  const school = member("school@riverside.example");
  const signal = await services.signals.register(
    { personId: school.personId, ip: null },
    {
      networkId: net.networkId,
      agencyId: school.agencyId,
      receivedAt: new Date(),
      channel: "school",
      reporter: { name: "Mr Hendriks", organisation: "Riverside North College", contact: null, withheld: false },
      concern: "Statements in class about a conflict abroad.",
      summary: "School reports a change in behaviour.",
      subject: { name: "Fictional Subject", dateOfBirth: null, address: null, contacts: null },
    },
  );
  const agencyOf = (sector: string) => net.members.find((m) => m.agencySector === sector)!.agencyId;
  await involveSectors(services, net, 5, ["police", "mental_health"]);

  const coordinator = member("coordinator@riverside.example");
  const proposed = await services.closure.propose(
    { personId: coordinator.personId, ip: null },
    (await seededCase(services, net.networkId, 5))!,
    { checklist: closureChecklist(), rationale: "Goals attained; youth work carries on." },
  );
  if (!proposed.ok) throw new Error(`closure proposal failed: ${proposed.reason}`);
  const { id: meetingId } = await services.meetings.schedule(
    { personId: coordinator.personId, ip: null },
    net.networkId,
    {
      title: "Monthly case conference",
      startsAt: new Date(),
      place: "Town hall, room 2",
      callLink: null,
    },
  );
  /** The check-ins on the meeting's generated agenda, in their order. */
  const checkIns = () =>
    store.db
      .select()
      .from(t.agendaItems)
      .where(and(eq(t.agendaItems.meetingId, meetingId), eq(t.agendaItems.section, "checkins")))
      .orderBy(asc(t.agendaItems.position));
  const firstCheckIn = async () => (await checkIns())[0];
  /** Need to know for browser tests: the police become involved in the new signal and the first check-in. */
  const involvePolice = async () => {
    for (const caseId of [signal.caseId, (await firstCheckIn()).caseId!]) {
      const c = (await services.caseRegister.get(caseId))!;
      await services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, c, [
        ...c.scope.involvedAgencyIds,
        agencyOf("police"),
      ]);
    }
  };
  return { meetingId, signal, closingCode: caseCode(5), agencyOf, member, checkIns, firstCheckIn, involvePolice };
}

/**
 * The basis a routing into multi-agency work carries (issue 14, rule 3): the person's own
 * consent (the test subjects have no date of birth, so count as adults), obtained today.
 */
export const personConsent = (obtainedBy: string) => ({
  basis: "person_consent",
  obtainedOn: new Date().toISOString().slice(0, 10),
  obtainedBy,
});

/** The consent that fits the case of an agenda item: a parent's for a minor, the person's own for an adult. */
export async function consentFitting(services: Services, itemId: string, obtainedBy: string) {
  const { store } = services.database;
  const { t } = store;
  const [{ isMinor }] = await store.db
    .select({ isMinor: t.cases.isMinor })
    .from(t.agendaItems)
    .innerJoin(t.cases, eq(t.cases.id, t.agendaItems.caseId))
    .where(eq(t.agendaItems.id, itemId));
  return { ...personConsent(obtainedBy), basis: isMinor ? "parent_consent" : "person_consent" };
}

export function meetingSocket(url: string, cookie: string, options: { reconnection?: boolean } = {}): Socket {
  return connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
    transports: ["websocket"],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
}

export const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });

/**
 * A command's answer as a test gets it: commands are named by a string here, so the
 * event's data is read as the wire has it (the typed answer is `CommandResult<N>`).
 */
export type WireCommandResult = { seq: number; data: Record<string, unknown> };
/** A command's answer; a test reads `data` once it has checked `ok`. */
type CommandAck = { ok: boolean; data: WireCommandResult; error?: { code: string; reason: string } };

export const emit = <T = CommandAck>(s: Socket, event: string, payload: unknown) =>
  new Promise<T>((resolve) => s.emit(event, payload, (ack: T) => resolve(ack)));

export const op = () => randomUUID();

/**
 * A meeting as its people hold it: each `join` signs a person in, seats their socket and
 * accepts the statement; `cmd` sends a command and throws on a refusal, so a helper that
 * builds a record through the real room reads as the meeting went.
 */
export function seatedRoom(url: string, meetingId: string) {
  const sockets: Socket[] = [];
  return {
    async join(email: string) {
      const s = meetingSocket(url, (await signedIn(url, email)).cookieHeader);
      sockets.push(s);
      await connected(s);
      await emit(s, "meeting:join", { meetingId });
      await emit(s, "confidentiality:accept", { meetingId, opId: op(), version: 1 });
      return s;
    },
    async cmd(s: Socket, name: string, payload: Record<string, unknown> = {}) {
      const ack = await emit(s, name, { meetingId, opId: op(), ...payload });
      if (!ack.ok) throw new Error(`${name}: ${JSON.stringify(ack.error)}`);
      return ack.data.data;
    },
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}

/** A person's socket, signed in and joined to a meeting (statement not accepted), with the join's answer. */
export async function joinMeeting(url: string, email: string, meetingId: string, display = false) {
  const s = meetingSocket(url, (await signedIn(url, email)).cookieHeader);
  await connected(s);
  const ack = await emit<{ ok: boolean; data: MeetingSnapshot }>(s, "meeting:join", { meetingId, display });
  return { s, ack };
}

/**
 * A meeting whose last meeting left an action open: the prepared meeting is run, the
 * chair gives the police a task on case 5's item and ends it; the next one is scheduled.
 */
export async function meetingAfterAnOpenAction(app: {
  url: string;
  services: Services;
  net: Net;
  signIn: (email: string) => Promise<{ cookieHeader: string }>;
}) {
  const last = await prepareMeeting(app.services, app.net);
  const s = meetingSocket(app.url, (await app.signIn("chair@riverside.example")).cookieHeader);
  await connected(s);
  const cmd = (name: string, payload: Record<string, unknown> = {}) =>
    emit(s, name, { meetingId: last.meetingId, opId: op(), ...payload });
  try {
    await emit(s, "meeting:join", { meetingId: last.meetingId });
    for (const [name, payload] of [
      ["confidentiality:accept", { version: 1 }],
      ["meeting:start", {}],
    ] as const)
      if (!(await cmd(name, payload)).ok) throw new Error(`${name} failed`);
    const case5 = await seededCase(app.services, app.net.networkId, 5);
    const snapshot = await emit<{ ok: true; data: { agenda: { id: string; caseCode: string | null }[] } }>(
      s,
      "meeting:join",
      { meetingId: last.meetingId },
    );
    const item = snapshot.data.agenda.find((i) => i.caseCode === case5.code)!;
    const police = app.net.members.find((m) => m.email === "police@riverside.example")!;
    const task = await cmd("task:add", {
      itemId: item.id,
      what: "Ask the school for a progress report",
      ownerAgencyId: police.agencyId,
      ownerPersonId: police.personId,
      dueOn: "2030-01-15",
    });
    if (!task.ok || !(await cmd("meeting:end")).ok) throw new Error("the last meeting could not be run");
    const coordinator = app.net.members.find((m) => m.email === "coordinator@riverside.example")!;
    const { id: meetingId } = await app.services.meetings.schedule(
      { personId: coordinator.personId, ip: null },
      app.net.networkId,
      { title: "Next case conference", startsAt: new Date(Date.now() + 60_000), place: null, callLink: null },
    );
    return {
      meetingId,
      taskId: (task.data.data.task as { id: string }).id,
      closingCode: case5.code,
      member: last.member,
    };
  } finally {
    s.disconnect();
  }
}
