import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Store, Tables } from "../../db/store.ts";
import { minutesSchema, type Minutes, type NoteDoc, type Professional } from "../documents/minutesModel.ts";
import type { MinutesRecipient } from "../documents/redact.ts";
import type { Notes } from "../notes/notes.ts";
import { AGENDA_ITEM_NOTES_PREFIX } from "../../app/contract/meetingProtocol.ts";
import { updatesOfItem } from "../updates/agencyUpdates.ts";
import type { CaseRegister } from "../cases/caseRegister.ts";
import { createItemFacts } from "./itemFacts.ts";
import { createMeetingViews } from "../meetings/meetingViews.ts";
import { createMinutesWording } from "./wording.ts";

// The minutes model query: the minutes of a meeting built from its record (attendance,
// items, decisions with each agency's view, tasks, notes, next meeting), and the people
// they go to. Subjects appear by case code only: nothing here reads case_subjects.

export type MinutesVersionRow = Tables["minutesVersions"]["$inferSelect"];

/** Someone the minutes go to: every participant invited, present or not. */
export interface MinutesAddressee extends MinutesRecipient {
  personId: string;
  name: string;
  email: string;
  role: string;
}

const words = (s: string) => s.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Whether a note has any text or structure worth printing. */
function noteOrNull(json: unknown, text: string): NoteDoc | null {
  if (!text.trim()) return null;
  const doc = json as NoteDoc;
  return doc && doc.type === "doc" ? { type: "doc", content: doc.content ?? [] } : null;
}

/** A frozen version's model, as approved. */
export function modelOf(v: MinutesVersionRow): Minutes {
  return minutesSchema.parse(v.model);
}

export interface MinutesRecordDeps {
  store: Store;
  notes: Pick<Notes, "readNotes">;
  caseRegister: Pick<CaseRegister, "restrictedCodes">;
}

export function createMinutesRecord(deps: MinutesRecordDeps) {
  const { store, notes } = deps;
  const { db, t } = store;
  const { agencies, agendaItems, caseAgencies, cases, decisions, decisionViews, meetingAnswers } = t;
  const { meetings, memberships, minutesVersions, networks, persons, tasks } = t;
  // The meeting's participants and reviewed actions, as the room lists them.
  const views = createMeetingViews(store);
  const facts = createItemFacts(store);
  const wording = createMinutesWording(store);

  /** The agencies' updates on an item, as posted (and, if so, confirmed by the chair). */
  async function updatesOf(itemId: string) {
    return (await updatesOfItem(t, db, itemId)).map((u) => ({
      agency: { id: u.agencyId, name: u.agencyName },
      postedBy: u.postedBy,
      postedAt: new Date(u.postedAt).toISOString(),
      news: u.news,
      closureView: u.closureView,
      closureComment: u.closureComment,
      tasks: u.tasks.map((t) => ({ what: t.what, progress: t.progress, note: t.note })),
      confirmedAt: u.confirmedAt === null ? null : new Date(u.confirmedAt).toISOString(),
    }));
  }

  function versions(meetingId: string): Promise<MinutesVersionRow[]> {
    return db
      .select()
      .from(minutesVersions)
      .where(eq(minutesVersions.meetingId, meetingId))
      .orderBy(asc(minutesVersions.version));
  }

  /** The minutes as the meeting's record stands now. */
  async function build(
    meetingId: string,
    document: {
      version: number;
      status: "draft" | "approved";
      approvedBy?: Professional | null;
      approvedAt?: Date | null;
    },
    at = new Date(),
  ): Promise<Minutes | null> {
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) return null;
    const network = (await db.select().from(networks).where(eq(networks.id, meeting.networkId)))[0]!;
    // Who was invited and how they took part: the room's own participant list.
    const people = (await views.participantViews(db, meeting)).sort(
      (a, b) => a.agencyName.localeCompare(b.agencyName) || a.name.localeCompare(b.name),
    );
    const itemRows = await db
      .select({ i: agendaItems, code: cases.code, summary: cases.summary })
      .from(agendaItems)
      .leftJoin(cases, eq(cases.id, agendaItems.caseId))
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position));
    const ref = (id: string, name: string) => ({ id, name });
    const pro = (r: (typeof people)[number]) => ({ name: r.name, agency: ref(r.agencyId, r.agencyName) });
    const [creator] = await db
      .select({ name: persons.name, agencyId: memberships.agencyId, agencyName: agencies.name })
      .from(persons)
      .innerJoin(memberships, and(eq(memberships.personId, persons.id), eq(memberships.networkId, meeting.networkId)))
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(eq(persons.id, meeting.createdBy));
    const fallback = creator
      ? { name: creator.name, agency: ref(creator.agencyId, creator.agencyName) }
      : { name: "", agency: ref("", "") };
    // What each invited person answered to the invitation: apologies (with a delegate) count even if the room never marked them.
    const answers = new Map(
      (await db.select().from(meetingAnswers).where(eq(meetingAnswers.meetingId, meetingId))).map((a) => [
        a.personId,
        a,
      ]),
    );
    const excused = (r: (typeof people)[number]) =>
      r.attendance === "apologies" || (r.attendance === null && answers.get(r.personId)?.answer === "apologies");
    const chair = people.find((r) => r.role === "chair");
    const taker = people.find((r) => r.role === "coordinator");

    const caseIds = itemRows.map((r) => r.i.caseId).filter((id): id is string => id !== null);
    const involved = caseIds.length
      ? await db.select().from(caseAgencies).where(inArray(caseAgencies.caseId, caseIds))
      : [];
    const decisionRows = await db
      .select({ d: decisions, byName: persons.name })
      .from(decisions)
      .innerJoin(persons, eq(persons.id, decisions.decidedBy))
      .where(eq(decisions.meetingId, meetingId))
      .orderBy(asc(decisions.decidedAt));
    const viewRows = decisionRows.length
      ? await db
          .select({ v: decisionViews, agencyName: agencies.name })
          .from(decisionViews)
          .innerJoin(agencies, eq(agencies.id, decisionViews.agencyId))
          .where(
            inArray(
              decisionViews.decisionId,
              decisionRows.map((d) => d.d.id),
            ),
          )
          .orderBy(asc(agencies.name))
      : [];
    const taskRows = await db
      .select({ t: tasks, agencyName: agencies.name, ownerName: persons.name })
      .from(tasks)
      .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
      .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
      .where(eq(tasks.meetingId, meetingId))
      .orderBy(asc(tasks.dueOn), asc(tasks.createdAt));
    const due = (t: (typeof taskRows)[number]["t"]) => t.dueOn ?? dayOf(meeting.startsAt);
    const codeOfCase = new Map(itemRows.filter((r) => r.i.caseId).map((r) => [r.i.caseId!, r.code!]));
    const goals = await facts.goalsOf(caseIds);
    const byChair = await facts.deferredByChair(meetingId);
    const wordings = await wording.current(meetingId);

    // The last meeting's open actions, as reviewed in this one's opening block, each with who may read its case.
    const reviewed = await views.actionViews(db, meeting);
    const reviewInvolved = reviewed.length
      ? await db
          .select()
          .from(caseAgencies)
          .where(
            inArray(
              caseAgencies.caseId,
              reviewed.map((a) => a.caseId),
            ),
          )
      : [];
    const actionReviews = reviewed.map((a) => ({
      caseCode: a.caseCode,
      involvedAgencyIds: reviewInvolved.filter((x) => x.caseId === a.caseId).map((x) => x.agencyId),
      what: a.what,
      agencyName: a.ownerAgencyName,
      owner: a.ownerPersonName,
      dueOn: a.dueOn,
      review: a.review,
    }));

    const items: Minutes["items"] = [];
    for (const [index, { i, code, summary }] of itemRows.entries()) {
      const rendered = await notes.readNotes(`${AGENDA_ITEM_NOTES_PREFIX}:${i.id}`);
      items.push({
        id: i.id,
        number: index + 1,
        kind: i.caseId ? ("case" as const) : ("general" as const),
        section: i.section,
        deferred: i.status !== "deferred" ? null : byChair.has(i.id) ? ("by_chair" as const) : ("not_reached" as const),
        caseCode: i.caseId ? code : null,
        titleKind: i.kind,
        title: i.title,
        involvedAgencyIds: i.caseId ? involved.filter((a) => a.caseId === i.caseId).map((a) => a.agencyId) : [],
        summary: summary ?? "",
        notes: noteOrNull(rendered.json, rendered.text),
        updates: i.caseId ? await updatesOf(i.id) : [],
        decisions: decisionRows
          .filter(({ d }) => d.agendaItemId === i.id)
          .map(({ d, byName }) => {
            const details = d.details as { careService?: string; referredTo?: string };
            return {
              text: words(d.outcome),
              kind: d.kind,
              outcome: d.outcome,
              rationale: d.rationale,
              careService: details.careService ?? null,
              referredTo: details.referredTo ?? null,
              decidedBy: byName,
              views: viewRows
                .filter((v) => v.v.decisionId === d.id)
                .map((v) => ({ agency: ref(v.v.agencyId, v.agencyName), view: v.v.view, comment: v.v.comment ?? "" })),
            };
          }),
        tasks: taskRows
          .filter((t) => t.t.agendaItemId === i.id && t.t.ownerAgencyId)
          .map((t) => ({
            id: t.t.id,
            what: t.t.what,
            owner: t.t.ownerPersonId ? { id: t.t.ownerPersonId, name: t.ownerName ?? "" } : null,
            agency: ref(t.t.ownerAgencyId!, t.agencyName ?? ""),
            dueOn: due(t.t),
            goal: t.t.goalId ? (goals.get(`${t.t.caseId}:${t.t.goalId}`) ?? null) : null,
          })),
        signal: await facts.signal(i, meeting),
        earlierActions: await facts.earlierActions(i, meeting),
        actionReviews: i.reason === "open_tasks_last_meeting" && !i.caseId ? actionReviews : [],
        closure: await facts.closure(i, meeting),
        wording: wordings.get(i.id) ?? null,
      });
    }
    const [next] = await db
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.networkId, meeting.networkId),
          gt(meetings.startsAt, meeting.startsAt),
          eq(meetings.status, "scheduled"),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    const model: Minutes = {
      network: { id: network.id, name: network.name, timeZone: network.timeZone, locale: network.locale },
      meeting: {
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt.toISOString(),
        startedAt: meeting.startedAt?.toISOString() ?? null,
        endsAt: meeting.endedAt?.toISOString() ?? null,
        place: meeting.place ?? "",
        chair: chair ? pro(chair) : fallback,
        minuteTaker: taker ? pro(taker) : fallback,
      },
      // Null: each copy carries the default marking and notice in its own language.
      classification: network.classification,
      confidentialityNotice: "",
      attendance: people
        .filter((r) => r.attendance === "in_room" || r.attendance === "on_screen")
        .filter((r) => r.guestOf.length === 0)
        .map((r) => ({
          ...pro(r),
          mandate: r.mandate as "decides" | "reports_back",
          presence: r.attendance as "in_room" | "on_screen",
          // Their last screen left the running meeting and they did not come back (attendance.ts).
          leftAt: r.leftAt === null ? null : new Date(r.leftAt).toISOString(),
        })),
      apologies: people
        .filter(excused)
        .map((r) => ({ ...pro(r), delegate: answers.get(r.personId)?.delegateName?.trim() || null })),
      absent: people.filter((r) => r.attendance === null && !excused(r)).map(pro),
      guests: people
        .filter((r) => r.guestOf.length > 0 && r.attendance !== null && r.attendance !== "apologies")
        .map((r) => ({ ...pro(r), itemIds: r.guestOf })),
      items,
      actionList: taskRows
        .filter((t) => t.t.ownerAgencyId)
        .map((t) => ({
          taskId: t.t.id,
          itemId: t.t.agendaItemId && items.some((i) => i.id === t.t.agendaItemId) ? t.t.agendaItemId : null,
          caseCode: codeOfCase.get(t.t.caseId) ?? null,
          what: t.t.what,
          owner: t.ownerName,
          agency: ref(t.t.ownerAgencyId!, t.agencyName ?? ""),
          dueOn: due(t.t),
          status: t.t.status,
        })),
      nextMeeting: next ? { startsAt: next.startsAt.toISOString(), endsAt: null, place: next.place ?? "" } : null,
      document: {
        version: document.version,
        date: dayOf(at),
        status: document.status,
        approvedBy: document.approvedBy ?? null,
        approvedAt: document.approvedAt?.toISOString() ?? null,
      },
    };
    return minutesSchema.parse(model);
  }

  /** Everyone invited to the meeting: attendees and invited absentees, each with what their copy may hold. */
  async function addressees(meetingId: string): Promise<MinutesAddressee[]> {
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) return [];
    const people = await views.participantViews(db, meeting);
    if (!people.length) return [];
    const emails = new Map(
      (
        await db
          .select({ id: persons.id, email: persons.email })
          .from(persons)
          .where(
            inArray(
              persons.id,
              people.map((p) => p.personId),
            ),
          )
      ).map((r) => [r.id, r.email]),
    );
    const withheld = await deps.caseRegister.restrictedCodes(meeting.networkId);
    // Their copy follows the agency they work for now, as the room does (recordView.ts).
    return people.map((p) => ({
      personId: p.personId,
      name: p.name,
      email: emails.get(p.personId) ?? "",
      role: p.role,
      agency: { id: p.agencyId, name: p.agencyName },
      seesAll: p.role === "chair" || p.role === "coordinator",
      guestItemIds: p.guestOf,
      withheldCaseCodes: withheld,
    }));
  }

  return { build, addressees, versions, wording };
}

export type MinutesRecord = ReturnType<typeof createMinutesRecord>;
