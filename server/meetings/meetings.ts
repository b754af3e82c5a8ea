import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Standing } from "../auth/standing.ts";
import {
  agencies,
  agendaItemGuests,
  agendaItems,
  cases,
  caseSharingBases,
  closureProposals,
  decisions,
  meetingParticipants,
  meetings,
  memberships,
  monitoringChecks,
  networks,
  persons,
  signals,
  tasks,
} from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
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
export function createMeetings(deps: { db: Db; audit: AuditLog; standing: Standing; mail: InvitationMail }) {
  const { db, audit, standing, mail } = deps;
  /** Tells the worker of invitations written by a transaction that has committed. */
  const sendInvitations = (rows: DeliveryRow[]) => {
    if (rows.length === 0) return;
    mail.outbox.announce(rows);
    mail.worker.wake();
  };

  /** The facts the agenda builder needs, read from the register. */
  function agendaFacts(
    tx: Pick<Db, "select">,
    networkId: string,
    startsAt: Date,
    previous: typeof meetings.$inferSelect | undefined,
  ): AgendaFacts {
    // A restricted case (decision 0038) is put on no agenda until the restriction is lifted.
    const allCases = tx.select().from(cases).where(eq(cases.networkId, networkId)).all();
    const restricted = new Set(allCases.filter((c) => c.restrictedAt !== null).map((c) => c.id));
    const open = (r: { caseId: string | null }) => r.caseId === null || !restricted.has(r.caseId);
    const caseRows = allCases.filter((c) => !restricted.has(c.id));
    const proposals = new Set(
      tx
        .select({ caseId: closureProposals.caseId })
        .from(closureProposals)
        .innerJoin(cases, eq(cases.id, closureProposals.caseId))
        .where(and(eq(cases.networkId, networkId), eq(closureProposals.status, "open")))
        .all()
        .map((r) => r.caseId),
    );
    const routed = new Set(
      tx
        .select({ id: decisions.signalId })
        .from(decisions)
        .where(and(eq(decisions.networkId, networkId), eq(decisions.kind, "routing")))
        .all()
        .map((r) => r.id),
    );
    const stageOf = new Map(caseRows.map((c) => [c.id, c]));
    const signalRows = tx.select().from(signals).where(eq(signals.networkId, networkId)).all();
    const openTasks = tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.networkId, networkId), inArray(tasks.status, [...OPEN_TASK])))
      .all();
    const checks = tx
      .select({ caseId: monitoringChecks.caseId, dueOn: monitoringChecks.dueOn })
      .from(monitoringChecks)
      .innerJoin(cases, eq(cases.id, monitoringChecks.caseId))
      .where(and(eq(cases.networkId, networkId), isNull(monitoringChecks.doneOn)))
      .all();
    const deferred = previous
      ? tx
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, previous.id), eq(agendaItems.status, "deferred")))
          .all()
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
      openTasks: openTasks.filter(open).map((t) => ({
        caseId: t.caseId,
        dueOn: t.dueOn,
        fromLastMeeting: previous !== undefined && t.meetingId === previous.id,
      })),
      fadeOutChecks: checks.filter(open),
      consentWithdrawals: tx
        .select({ caseId: caseSharingBases.caseId, at: caseSharingBases.recordedAt })
        .from(caseSharingBases)
        .where(and(eq(caseSharingBases.networkId, networkId), eq(caseSharingBases.event, "withdrawn")))
        .all()
        .filter(open),
      deferred: deferred
        .filter(open)
        .map((d) => ({ section: d.section, kind: d.kind, title: d.title, caseId: d.caseId, signalId: d.signalId })),
    };
  }

  return {
    schedule(actor: AuditActor & { personId: string }, networkId: string, input: ScheduleInput): { id: string } {
      if (startsInThePast(input.startsAt)) throw new MeetingInThePast();
      const template = loadAgendaTemplate("default");
      const id = randomUUID();
      const invitations = db.transaction((tx) => {
        // The last meeting that was held: its open tasks and deferred items come back.
        const previous = tx
          .select()
          .from(meetings)
          .where(
            and(eq(meetings.networkId, networkId), eq(meetings.status, "ended"), lt(meetings.startsAt, input.startsAt)),
          )
          .orderBy(desc(meetings.startsAt))
          .limit(1)
          .get();
        tx.insert(meetings)
          .values({
            id,
            networkId,
            title: input.title,
            startsAt: input.startsAt,
            place: input.place,
            callLink: input.callLink,
            template: template.key,
            // What the meeting keeps of its templates' words is in the network's language now.
            language: tx.select({ language: networks.language }).from(networks).where(eq(networks.id, networkId)).get()!
              .language,
            createdBy: actor.personId,
            previousMeetingId: previous?.id ?? null,
          })
          .run();
        const items = buildAgenda(template, agendaFacts(tx, networkId, input.startsAt, previous));
        items.forEach((item, position) =>
          tx
            .insert(agendaItems)
            .values({
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
            })
            .run(),
        );
        // Decisions taken in writing since the last meeting are heard at this one.
        reportOnAgenda(tx, id);
        const members = tx
          .select({
            personId: memberships.personId,
            agencyId: memberships.agencyId,
            mandate: memberships.mandate,
            role: memberships.role,
          })
          .from(memberships)
          .where(
            and(eq(memberships.networkId, networkId), inArray(memberships.role, ["chair", "coordinator", "member"])),
          )
          .all()
          .filter((m) => !input.inviteePersonIds || input.inviteePersonIds.includes(m.personId) || m.role !== "member");
        for (const m of members)
          tx.insert(meetingParticipants)
            .values({ meetingId: id, personId: m.personId, agencyId: m.agencyId, mandate: m.mandate })
            .run();
        audit.append(
          actor,
          {
            action: "meeting.scheduled",
            networkId,
            subjectType: "meeting",
            subjectId: id,
            details: { startsAt: input.startsAt.toISOString(), items: items.length, invitees: members.length },
          },
          tx,
        );
        return input.invitations
          ? enqueueInvitations(tx, mail.outbox, { meetingId: id, change: "invited", origin: input.invitations.origin })
          : [];
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
    inviteGuest(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      itemId: string,
      personId: string,
      invitations?: { origin: string },
    ): boolean {
      let sent: DeliveryRow[] = [];
      const ok = db.transaction((tx) => {
        const meeting = tx
          .select()
          .from(meetings)
          .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, networkId)))
          .get();
        const item =
          meeting &&
          tx
            .select()
            .from(agendaItems)
            .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meeting.id)))
            .get();
        const member =
          meeting &&
          tx
            .select()
            .from(memberships)
            .where(
              and(
                eq(memberships.personId, personId),
                eq(memberships.networkId, networkId),
                ne(memberships.role, "admin"),
              ),
            )
            .get();
        // Only a meeting still to be held takes guests: not one that ended or was cancelled.
        const open = meeting?.status === "scheduled" || meeting?.status === "running";
        if (!meeting || !open || !item || !member) return false;
        const alreadyInvited = tx
          .select({ personId: meetingParticipants.personId })
          .from(meetingParticipants)
          .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, personId)))
          .get();
        tx.insert(agendaItemGuests).values({ itemId, personId }).onConflictDoNothing().run();
        tx.insert(meetingParticipants)
          .values({ meetingId, personId, agencyId: member.agencyId, mandate: member.mandate })
          .onConflictDoNothing()
          .run();
        audit.append(
          actor,
          {
            action: "meeting.guest_invited",
            networkId,
            subjectType: "meeting",
            subjectId: meetingId,
            details: { itemId, personId },
          },
          tx,
        );
        // A full participant made guest of an item keeps their invitation to the whole meeting.
        if (invitations && meeting.status === "scheduled" && (!alreadyInvited || member.role === "guest")) {
          // Their slot changed: a new SEQUENCE, so their calendar takes the update.
          if (alreadyInvited)
            tx.update(meetings)
              .set({ invitationSequence: meeting.invitationSequence + 1 })
              .where(eq(meetings.id, meetingId))
              .run();
          sent = enqueueInvitations(tx, mail.outbox, {
            meetingId,
            change: alreadyInvited ? "moved" : "invited",
            origin: invitations.origin,
            onlyPersonIds: [personId],
          });
        }
        standing.changed({ kind: "person", networkId, personId });
        return true;
      });
      sendInvitations(sent);
      return ok;
    },

    ...createMeetingChanges({ db, audit, sendInvitations, outbox: mail.outbox, wake: () => mail.worker.wake() }),

    async list(networkId: string) {
      return db.select().from(meetings).where(eq(meetings.networkId, networkId)).orderBy(desc(meetings.startsAt)).all();
    },

    /** One meeting of the network, or null (also for a meeting of another network). */
    async get(networkId: string, meetingId: string) {
      return (
        db
          .select()
          .from(meetings)
          .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, networkId)))
          .get() ?? null
      );
    },

    async confidentiality(networkId: string) {
      const n = db
        .select({ statement: networks.confidentialityStatement, version: networks.confidentialityVersion })
        .from(networks)
        .where(eq(networks.id, networkId))
        .get();
      return n ?? null;
    },

    /**
     * Where a guest of the network lands on signing in: the running meeting they are a guest
     * in, else the next one, else the latest; null when they are a guest in none.
     */
    guestLanding(networkId: string, personId: string, now = new Date()): string | null {
      const theirs = db
        .selectDistinct({ id: meetings.id, status: meetings.status, startsAt: meetings.startsAt })
        .from(meetings)
        .innerJoin(agendaItems, eq(agendaItems.meetingId, meetings.id))
        .innerJoin(agendaItemGuests, eq(agendaItemGuests.itemId, agendaItems.id))
        .where(and(eq(meetings.networkId, networkId), eq(agendaItemGuests.personId, personId)))
        .orderBy(asc(meetings.startsAt))
        .all();
      const running = theirs.find((m) => m.status === "running");
      const next = theirs.find((m) => m.status === "scheduled" && m.startsAt.getTime() >= now.getTime() - 86_400_000);
      return (running ?? next ?? theirs.at(-1))?.id ?? null;
    },

    /** Guests of each item of a meeting. */
    guestsOf(meetingId: string) {
      return db
        .select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId })
        .from(agendaItemGuests)
        .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
        .where(eq(agendaItems.meetingId, meetingId))
        .all();
    },

    /** People of the network a coordinator can invite as a guest of an item. */
    async guestChoices(networkId: string) {
      return db
        .select({ id: persons.id, name: persons.name, agencyName: agencies.name })
        .from(memberships)
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .where(and(eq(memberships.networkId, networkId), ne(memberships.role, "admin")))
        .orderBy(asc(persons.name))
        .all();
    },

    agendaFacts,
  };
}
