import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { Standing } from "../auth/standing.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { buildAgenda, type AgendaFacts } from "./agendaBuilder.ts";
import { reportOnAgenda } from "../written/writtenAgenda.ts";
import { loadAgendaTemplate } from "./agendaTemplate.ts";
import { days } from "../../app/contract/time.ts";
import { startsInThePast } from "../../app/contract/meetingDates.ts";
import { enqueueInvitations } from "../mail/invitations.ts";
import type { DeliveryRow, Outbox } from "../mail/outbox.ts";
import { createMeetingChanges } from "./meetingChanges.ts";

const OPEN_TASK = ["planned", "in_progress"] as const;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export interface ScheduleInput {
  title: string;
  startsAt: Date;
  place: string | null;
  callLink: string | null;
  /** Members invited; all members of the network when absent. */
  inviteePersonIds?: string[];
  /** Send each invited person their invitation, with answer links at `origin`; none when absent (seeding). */
  invitations?: { origin: string };
}

/** A meeting may not be scheduled or moved to a start in the past; nothing is written. */
export class MeetingInThePast extends Error {
  constructor() {
    super("A meeting cannot start in the past.");
  }
}

/** What scheduling needs to send invitations: the outbox, and the worker to wake once they are written. */
export interface InvitationMail {
  outbox: Outbox;
  worker: { wake(): void };
}

/** Scheduling meetings and preparing their agenda from the state of the cases. */
export function createMeetings(deps: { store: Store; audit: AuditChain; standing: Standing; mail: InvitationMail }) {
  const { store, audit, standing, mail } = deps;
  const { t } = store;
  /** Tells the worker of invitations written by a transaction that has committed. */
  const sendInvitations = (rows: DeliveryRow[]) => {
    if (rows.length === 0) return;
    mail.outbox.announce(rows);
    mail.worker.wake();
  };

  /** The facts the agenda builder needs, read from the register. */
  async function agendaFacts(
    tx: Query,
    networkId: string,
    startsAt: Date,
    previous: Tables["meetings"]["$inferSelect"] | undefined,
  ): Promise<AgendaFacts> {
    // A restricted case (decision 0038) is put on no agenda until the restriction is lifted.
    const allCases = await tx.select().from(t.cases).where(eq(t.cases.networkId, networkId));
    const restricted = new Set(allCases.filter((c) => c.restrictedAt !== null).map((c) => c.id));
    const open = (r: { caseId: string | null }) => r.caseId === null || !restricted.has(r.caseId);
    const caseRows = allCases.filter((c) => !restricted.has(c.id));
    const proposals = new Set(
      (
        await tx
          .select({ caseId: t.closureProposals.caseId })
          .from(t.closureProposals)
          .innerJoin(t.cases, eq(t.cases.id, t.closureProposals.caseId))
          .where(and(eq(t.cases.networkId, networkId), eq(t.closureProposals.status, "open")))
      ).map((r) => r.caseId),
    );
    const routed = new Set(
      (
        await tx
          .select({ id: t.decisions.signalId })
          .from(t.decisions)
          .where(and(eq(t.decisions.networkId, networkId), eq(t.decisions.kind, "routing")))
      ).map((r) => r.id),
    );
    const stageOf = new Map(caseRows.map((c) => [c.id, c]));
    const signalRows = await tx.select().from(t.signals).where(eq(t.signals.networkId, networkId));
    const openTasks = await tx
      .select()
      .from(t.tasks)
      .where(and(eq(t.tasks.networkId, networkId), inArray(t.tasks.status, [...OPEN_TASK])));
    const checks = await tx
      .select({ caseId: t.monitoringChecks.caseId, dueOn: t.monitoringChecks.dueOn })
      .from(t.monitoringChecks)
      .innerJoin(t.cases, eq(t.cases.id, t.monitoringChecks.caseId))
      .where(and(eq(t.cases.networkId, networkId), isNull(t.monitoringChecks.doneOn)));
    const withdrawals = await tx
      .select({ caseId: t.caseSharingBases.caseId, at: t.caseSharingBases.recordedAt })
      .from(t.caseSharingBases)
      .where(and(eq(t.caseSharingBases.networkId, networkId), eq(t.caseSharingBases.event, "withdrawn")));
    const deferred = previous
      ? await tx
          .select()
          .from(t.agendaItems)
          .where(and(eq(t.agendaItems.meetingId, previous.id), eq(t.agendaItems.status, "deferred")))
      : [];
    return {
      meetingOn: dayOf(startsAt),
      horizonOn: dayOf(new Date(startsAt.getTime() + days(31))),
      lastMeetingAt: previous?.startsAt ?? null,
      signals: signalRows.filter(open).map((s) => ({
        signalId: s.id,
        caseId: s.caseId,
        code: stageOf.get(s.caseId)!.code,
        receivedAt: s.receivedAt,
        caseStage: stageOf.get(s.caseId)!.stage,
        routed: routed.has(s.id),
      })),
      cases: caseRows.map((c) => ({
        caseId: c.id,
        code: c.code,
        stage: c.stage,
        nextCheckInOn: c.nextCheckInOn,
        isMinor: c.isMinor,
        openClosureProposal: proposals.has(c.id),
      })),
      openTasks: openTasks.filter(open).map((task) => ({
        caseId: task.caseId,
        dueOn: task.dueOn,
        fromLastMeeting: previous !== undefined && task.meetingId === previous.id,
      })),
      fadeOutChecks: checks.filter(open),
      consentWithdrawals: withdrawals.filter(open),
      deferred: deferred
        .filter(open)
        .map((d) => ({ section: d.section, kind: d.kind, title: d.title, caseId: d.caseId, signalId: d.signalId })),
    };
  }

  const meetingIn = async (q: Query, networkId: string, meetingId: string) =>
    (
      await q
        .select()
        .from(t.meetings)
        .where(and(eq(t.meetings.id, meetingId), eq(t.meetings.networkId, networkId)))
    )[0];

  return {
    /**
     * Schedules a meeting of the network with its agenda built from the cases, invites its
     * members (or the chosen ones, with the chair and coordinators) and, with `invitations`,
     * writes each one's invitation mail. A network that does not exist schedules nothing.
     */
    async schedule(
      actor: AuditActor & { personId: string },
      networkId: string,
      input: ScheduleInput,
    ): Promise<{ id: string }> {
      if (startsInThePast(input.startsAt)) throw new MeetingInThePast();
      const template = loadAgendaTemplate("default");
      const id = randomUUID();
      const invitations = await store.transaction(async (tx) => {
        const [network] = await tx
          .select({ language: t.networks.language })
          .from(t.networks)
          .where(eq(t.networks.id, networkId));
        if (!network) throw new Error(`No network ${networkId}`);
        // The last meeting that was held: its open tasks and deferred items come back.
        const [previous] = await tx
          .select()
          .from(t.meetings)
          .where(
            and(
              eq(t.meetings.networkId, networkId),
              eq(t.meetings.status, "ended"),
              lt(t.meetings.startsAt, input.startsAt),
            ),
          )
          .orderBy(desc(t.meetings.startsAt))
          .limit(1);
        await tx.insert(t.meetings).values({
          id,
          networkId,
          title: input.title,
          startsAt: input.startsAt,
          place: input.place,
          callLink: input.callLink,
          template: template.key,
          // What the meeting keeps of its templates' words is in the network's language now.
          language: network.language,
          createdBy: actor.personId,
          previousMeetingId: previous?.id ?? null,
        });
        const items = buildAgenda(template, await agendaFacts(tx, networkId, input.startsAt, previous));
        if (items.length)
          await tx.insert(t.agendaItems).values(
            items.map((item, position) => ({
              id: randomUUID(),
              meetingId: id,
              position,
              section: item.section,
              reason: item.reason,
              kind: item.kind,
              title: item.title,
              caseId: item.caseId,
              signalId: item.signalId,
              plannedMinutes: item.plannedMinutes,
            })),
          );
        // Decisions taken in writing since the last meeting are heard at this one.
        await reportOnAgenda(t, tx, id);
        const members = (
          await tx
            .select({
              personId: t.memberships.personId,
              agencyId: t.memberships.agencyId,
              mandate: t.memberships.mandate,
              role: t.memberships.role,
            })
            .from(t.memberships)
            .where(
              and(
                eq(t.memberships.networkId, networkId),
                inArray(t.memberships.role, ["chair", "coordinator", "member"]),
              ),
            )
        ).filter((m) => !input.inviteePersonIds || input.inviteePersonIds.includes(m.personId) || m.role !== "member");
        if (members.length)
          await tx
            .insert(t.meetingParticipants)
            .values(
              members.map((m) => ({ meetingId: id, personId: m.personId, agencyId: m.agencyId, mandate: m.mandate })),
            );
        const rows = input.invitations
          ? await enqueueInvitations(t, tx, mail.outbox, {
              meetingId: id,
              change: "invited",
              origin: input.invitations.origin,
            })
          : [];
        await audit.append(tx, actor, {
          action: "meeting.scheduled",
          networkId,
          subjectType: "meeting",
          subjectId: id,
          details: { startsAt: input.startsAt.toISOString(), items: items.length, invitees: members.length },
        });
        return rows;
      });
      sendInvitations(invitations);
      return { id };
    },

    /**
     * Invites a guest for one item: they join the meeting, and see only that item. The
     * meeting, the item and the person must all belong to `networkId` (the network in the
     * URL), and the meeting still to be held (not ended, not cancelled); anything else is
     * refused and nothing is written. With `invitations`, the
     * guest is sent an invitation to their items' time (an update when they already had one).
     */
    async inviteGuest(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      itemId: string,
      personId: string,
      invitations?: { origin: string },
    ): Promise<boolean> {
      const sent = await store.transaction(async (tx): Promise<DeliveryRow[] | null> => {
        const meeting = await meetingIn(tx, networkId, meetingId);
        // Only a meeting still to be held takes guests: not one that ended or was cancelled.
        if (!meeting || (meeting.status !== "scheduled" && meeting.status !== "running")) return null;
        const [item] = await tx
          .select({ id: t.agendaItems.id })
          .from(t.agendaItems)
          .where(and(eq(t.agendaItems.id, itemId), eq(t.agendaItems.meetingId, meeting.id)));
        const [member] = await tx
          .select()
          .from(t.memberships)
          .where(
            and(
              eq(t.memberships.personId, personId),
              eq(t.memberships.networkId, networkId),
              ne(t.memberships.role, "admin"),
            ),
          );
        if (!item || !member) return null;
        const [alreadyInvited] = await tx
          .select({ personId: t.meetingParticipants.personId })
          .from(t.meetingParticipants)
          .where(and(eq(t.meetingParticipants.meetingId, meetingId), eq(t.meetingParticipants.personId, personId)));
        await tx.insert(t.agendaItemGuests).values({ itemId, personId }).onConflictDoNothing();
        await tx
          .insert(t.meetingParticipants)
          .values({ meetingId, personId, agencyId: member.agencyId, mandate: member.mandate })
          .onConflictDoNothing();
        let rows: DeliveryRow[] = [];
        // A full participant made guest of an item keeps their invitation to the whole meeting.
        if (invitations && meeting.status === "scheduled" && (!alreadyInvited || member.role === "guest")) {
          // Their slot changed: a new SEQUENCE, so their calendar takes the update.
          if (alreadyInvited)
            await tx
              .update(t.meetings)
              .set({ invitationSequence: sql`${t.meetings.invitationSequence} + 1` })
              .where(eq(t.meetings.id, meetingId));
          rows = await enqueueInvitations(t, tx, mail.outbox, {
            meetingId,
            change: alreadyInvited ? "moved" : "invited",
            origin: invitations.origin,
            onlyPersonIds: [personId],
          });
        }
        await audit.append(tx, actor, {
          action: "meeting.guest_invited",
          networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { itemId, personId },
        });
        return rows;
      });
      if (!sent) return false;
      standing.changed({ kind: "person", networkId, personId });
      sendInvitations(sent);
      return true;
    },

    ...createMeetingChanges({ store, audit, sendInvitations, outbox: mail.outbox }),

    async list(networkId: string) {
      return store.db
        .select()
        .from(t.meetings)
        .where(eq(t.meetings.networkId, networkId))
        .orderBy(desc(t.meetings.startsAt));
    },

    /** One meeting of the network, or null (also for a meeting of another network). */
    async get(networkId: string, meetingId: string) {
      return (await meetingIn(store.db, networkId, meetingId)) ?? null;
    },

    async confidentiality(networkId: string) {
      const [n] = await store.db
        .select({ statement: t.networks.confidentialityStatement, version: t.networks.confidentialityVersion })
        .from(t.networks)
        .where(eq(t.networks.id, networkId));
      return n ?? null;
    },

    /**
     * Where a guest of the network lands on signing in: the running meeting they are a guest
     * in, else the next one, else the latest; null when they are a guest in none.
     */
    async guestLanding(networkId: string, personId: string, now = new Date()): Promise<string | null> {
      const theirs = await store.db
        .selectDistinct({ id: t.meetings.id, status: t.meetings.status, startsAt: t.meetings.startsAt })
        .from(t.meetings)
        .innerJoin(t.agendaItems, eq(t.agendaItems.meetingId, t.meetings.id))
        .innerJoin(t.agendaItemGuests, eq(t.agendaItemGuests.itemId, t.agendaItems.id))
        .where(and(eq(t.meetings.networkId, networkId), eq(t.agendaItemGuests.personId, personId)))
        .orderBy(asc(t.meetings.startsAt));
      const running = theirs.find((m) => m.status === "running");
      const next = theirs.find((m) => m.status === "scheduled" && m.startsAt.getTime() >= now.getTime() - 86_400_000);
      return (running ?? next ?? theirs.at(-1))?.id ?? null;
    },

    /** Guests of each item of a meeting. */
    async guestsOf(meetingId: string) {
      return store.db
        .select({ itemId: t.agendaItemGuests.itemId, personId: t.agendaItemGuests.personId })
        .from(t.agendaItemGuests)
        .innerJoin(t.agendaItems, eq(t.agendaItems.id, t.agendaItemGuests.itemId))
        .where(eq(t.agendaItems.meetingId, meetingId));
    },

    /** People of the network a coordinator can invite as a guest of an item. */
    async guestChoices(networkId: string) {
      return store.db
        .select({ id: t.persons.id, name: t.persons.name, agencyName: t.agencies.name })
        .from(t.memberships)
        .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
        .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
        .where(and(eq(t.memberships.networkId, networkId), ne(t.memberships.role, "admin")))
        .orderBy(asc(t.persons.name));
    },
  };
}
