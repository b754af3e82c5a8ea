import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agencies,
  agendaItemGuests,
  agendaItems,
  caseAgencies,
  cases,
  decisions,
  decisionViews,
  meetingParticipants,
  meetings,
  memberships,
  minutesDeliveries,
  minutesVersions,
  networks,
  persons,
  tasks,
} from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { ActionPlans } from "../cases/actionPlans.ts";
import { renderActionPlanPdf } from "../documents/actionPlanPdf.ts";
import { minutesSchema, type Minutes, type NoteDoc } from "../documents/minutesModel.ts";
import { defaultClassification, defaultMinutesNotice, renderMinutesPdf } from "../documents/minutesPdf.ts";
import { redact, type MinutesRecipient } from "../documents/redact.ts";
import { writeAtomically } from "../documents/writeAtomically.ts";
import type { Delivery } from "../mail/deliveries.ts";
import type { Mailer } from "../mail/mailer.ts";
import { minutesMail } from "../mail/minutesMail.ts";
import type { Notes } from "../notes/notes.ts";
import { AGENDA_ITEM_NOTES_PREFIX } from "../realtime/meetingProtocol.ts";

// The minutes of a meeting: a draft built live from the meeting's record until the chair
// approves it; approval freezes the full model and the full PDF (archived with its SHA-256)
// as a numbered version; the coordinator distributes a version, each recipient getting
// their own redacted copy; a correction after approval is approved as the next version,
// saying what changed and why. Subjects appear by case code only: nothing here reads
// case_subjects.

export type MinutesVersionRow = typeof minutesVersions.$inferSelect;
export type MinutesDeliveryRow = typeof minutesDeliveries.$inferSelect;

/** Someone the minutes go to: every participant invited, present or not. */
export interface MinutesAddressee extends MinutesRecipient {
  personId: string;
  name: string;
  email: string;
  role: string;
}

export type ApproveResult =
  | { ok: true; version: MinutesVersionRow }
  | { ok: false; reason: "not_found" | "not_ended" | "change_note_required" | "nothing_changed" };
export type DistributeResult = { ok: true; deliveries: MinutesDeliveryRow[] } | { ok: false; reason: "not_found" | "already_distributed" };

const DECISION_WORDS: Record<string, string> = {};
const words = (s: string) => DECISION_WORDS[s] ?? s.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Whether a note has any text or structure worth printing. */
function noteOrNull(json: unknown, text: string): NoteDoc | null {
  if (!text.trim()) return null;
  const doc = json as NoteDoc;
  return doc && doc.type === "doc" ? { type: "doc", content: doc.content ?? [] } : null;
}

export function createMinutes(deps: { db: Db; audit: AuditLog; notes: Notes; actionPlans: ActionPlans; mailer: Mailer; archiveDir: string }) {
  const { db, audit, notes, actionPlans, mailer } = deps;
  const archiveDir = resolve(deps.archiveDir);

  function versionsOf(meetingId: string): MinutesVersionRow[] {
    return db.select().from(minutesVersions).where(eq(minutesVersions.meetingId, meetingId)).orderBy(asc(minutesVersions.version)).all();
  }

  /** The minutes as the meeting's record stands now. */
  function build(meetingId: string, document: { version: number; status: "draft" | "approved" }, at = new Date()): Minutes | null {
    const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!meeting) return null;
    const network = db.select().from(networks).where(eq(networks.id, meeting.networkId)).get()!;
    const people = db
      .select({ p: meetingParticipants, name: persons.name, agencyName: agencies.name, role: memberships.role })
      .from(meetingParticipants)
      .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
      .innerJoin(agencies, eq(agencies.id, meetingParticipants.agencyId))
      .innerJoin(memberships, and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, meeting.networkId)))
      .where(eq(meetingParticipants.meetingId, meetingId))
      .orderBy(asc(agencies.name), asc(persons.name))
      .all();
    const itemRows = db
      .select({ i: agendaItems, code: cases.code, summary: cases.summary })
      .from(agendaItems)
      .leftJoin(cases, eq(cases.id, agendaItems.caseId))
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position))
      .all();
    const guestRows = db.select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId }).from(agendaItemGuests).innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId)).where(eq(agendaItems.meetingId, meetingId)).all();
    const guestIds = new Set(guestRows.map((g) => g.personId));
    const ref = (id: string, name: string) => ({ id, name });
    const pro = (r: (typeof people)[number]) => ({ name: r.name, agency: ref(r.p.agencyId, r.agencyName) });
    const creator = db.select({ name: persons.name, agencyId: memberships.agencyId, agencyName: agencies.name }).from(persons).innerJoin(memberships, and(eq(memberships.personId, persons.id), eq(memberships.networkId, meeting.networkId))).innerJoin(agencies, eq(agencies.id, memberships.agencyId)).where(eq(persons.id, meeting.createdBy)).get();
    const fallback = creator ? { name: creator.name, agency: ref(creator.agencyId, creator.agencyName) } : { name: "", agency: ref("", "") };
    const chair = people.find((r) => r.role === "chair");
    const taker = people.find((r) => r.role === "coordinator");

    const caseIds = itemRows.map((r) => r.i.caseId).filter((id): id is string => id !== null);
    const involved = caseIds.length ? db.select().from(caseAgencies).where(inArray(caseAgencies.caseId, caseIds)).all() : [];
    const decisionRows = db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.decidedAt)).all();
    const viewRows = decisionRows.length
      ? db.select({ v: decisionViews, agencyName: agencies.name }).from(decisionViews).innerJoin(agencies, eq(agencies.id, decisionViews.agencyId)).where(inArray(decisionViews.decisionId, decisionRows.map((d) => d.id))).orderBy(asc(agencies.name)).all()
      : [];
    const taskRows = db
      .select({ t: tasks, agencyName: agencies.name, ownerName: persons.name })
      .from(tasks)
      .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
      .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
      .where(eq(tasks.meetingId, meetingId))
      .orderBy(asc(tasks.dueOn), asc(tasks.createdAt))
      .all();
    const due = (t: (typeof taskRows)[number]["t"]) => t.dueOn ?? dayOf(meeting.startsAt);
    const codeOfCase = new Map(itemRows.filter((r) => r.i.caseId).map((r) => [r.i.caseId!, r.code!]));

    const items = itemRows.map(({ i, code, summary }, index) => {
      const rendered = notes.readNotes(`${AGENDA_ITEM_NOTES_PREFIX}:${i.id}`);
      return {
        id: i.id,
        number: index + 1,
        kind: i.caseId ? ("case" as const) : ("general" as const),
        caseCode: i.caseId ? code : null,
        title: i.title,
        involvedAgencyIds: i.caseId ? involved.filter((a) => a.caseId === i.caseId).map((a) => a.agencyId) : [],
        summary: summary ?? "",
        notes: noteOrNull(rendered.json, rendered.text),
        decisions: decisionRows
          .filter((d) => d.agendaItemId === i.id)
          .map((d) => ({
            text: words(d.outcome),
            rationale: d.rationale,
            views: viewRows.filter((v) => v.v.decisionId === d.id).map((v) => ({ agency: ref(v.v.agencyId, v.agencyName), view: v.v.view, comment: v.v.comment ?? "" })),
          })),
        tasks: taskRows
          .filter((t) => t.t.agendaItemId === i.id && t.t.ownerAgencyId)
          .map((t) => ({ id: t.t.id, what: t.t.what, owner: t.t.ownerPersonId ? { id: t.t.ownerPersonId, name: t.ownerName ?? "" } : null, agency: ref(t.t.ownerAgencyId!, t.agencyName ?? ""), dueOn: due(t.t) })),
      };
    });
    const next = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.networkId, meeting.networkId), gt(meetings.startsAt, meeting.startsAt), eq(meetings.status, "scheduled")))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get();
    const model: Minutes = {
      network: { id: network.id, name: network.name, timeZone: network.timeZone },
      meeting: {
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt.toISOString(),
        endsAt: meeting.endedAt?.toISOString() ?? null,
        place: meeting.place ?? "",
        chair: chair ? pro(chair) : fallback,
        minuteTaker: taker ? pro(taker) : fallback,
      },
      classification: network.classification ?? defaultClassification(),
      confidentialityNotice: defaultMinutesNotice(),
      attendance: people
        .filter((r) => r.p.attendance === "in_room" || r.p.attendance === "on_screen")
        .filter((r) => !guestIds.has(r.p.personId))
        .map((r) => ({ ...pro(r), mandate: r.p.mandate as "decides" | "reports_back", presence: r.p.attendance as "in_room" | "on_screen" })),
      apologies: people.filter((r) => r.p.attendance === "apologies" && !guestIds.has(r.p.personId)).map(pro),
      guests: people
        .filter((r) => guestIds.has(r.p.personId))
        .map((r) => ({ ...pro(r), itemIds: guestRows.filter((g) => g.personId === r.p.personId).map((g) => g.itemId) })),
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
      document: { version: document.version, date: dayOf(at), status: document.status },
    };
    return minutesSchema.parse(model);
  }

  /** Everyone invited to the meeting: attendees and invited absentees, each with what their copy may hold. */
  function addressees(meetingId: string): MinutesAddressee[] {
    const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!meeting) return [];
    const guestRows = db.select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId }).from(agendaItemGuests).innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId)).where(eq(agendaItems.meetingId, meetingId)).all();
    return db
      .select({ personId: persons.id, name: persons.name, email: persons.email, agencyId: agencies.id, agencyName: agencies.name, role: memberships.role })
      .from(meetingParticipants)
      .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
      .innerJoin(agencies, eq(agencies.id, meetingParticipants.agencyId))
      .innerJoin(memberships, and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, meeting.networkId)))
      .where(eq(meetingParticipants.meetingId, meetingId))
      .orderBy(asc(persons.name))
      .all()
      .map((r) => ({
        personId: r.personId,
        name: r.name,
        email: r.email,
        role: r.role,
        agency: { id: r.agencyId, name: r.agencyName },
        seesAll: r.role === "chair" || r.role === "coordinator",
        guestItemIds: guestRows.filter((g) => g.personId === r.personId).map((g) => g.itemId),
      }));
  }

  function modelOf(v: MinutesVersionRow): Minutes {
    return minutesSchema.parse(JSON.parse(v.model));
  }

  function recordDelivery(versionId: string, kind: string, to: MinutesAddressee, d: Delivery): MinutesDeliveryRow {
    const row = {
      id: randomUUID(),
      versionId,
      kind,
      recipientPersonId: to.personId,
      email: to.email,
      mailId: d.id,
      status: d.status === "sent" ? ("sent" as const) : ("failed" as const),
      reason: d.status === "sent" ? null : (d.lastError ?? "not delivered"),
      retryable: d.status !== "sent" && d.retryable,
      attempts: d.attempts,
      sentAt: d.sentAt ? new Date(d.sentAt) : null,
    };
    db.insert(minutesDeliveries).values(row).run();
    return db.select().from(minutesDeliveries).where(eq(minutesDeliveries.id, row.id)).get()!;
  }

  return {
    build,
    addressees,
    versions: versionsOf,

    /** Whether the meeting has ended and its minutes can be written. */
    status(meetingId: string) {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return null;
      const all = versionsOf(meetingId);
      return { meeting, versions: all, latest: all.at(-1) ?? null };
    },

    /** The current draft (live) or a frozen version's model. */
    model(meetingId: string, version?: number): Minutes | null {
      if (version === undefined) {
        const latest = versionsOf(meetingId).at(-1);
        return build(meetingId, { version: (latest?.version ?? 0) + 1, status: "draft" });
      }
      const v = db.select().from(minutesVersions).where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version))).get();
      return v ? modelOf(v) : null;
    },

    /**
     * The chair approves the draft: the full model and the full PDF are frozen as the next
     * version, the PDF written whole to the archive with its SHA-256. After a first version,
     * only a correction: the change note (what changed and why) is required.
     */
    async approve(actor: AuditActor & { personId: string }, meetingId: string, input: { changeNote?: string | null } = {}): Promise<ApproveResult> {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return { ok: false, reason: "not_found" };
      if (meeting.status !== "ended") return { ok: false, reason: "not_ended" };
      const previous = versionsOf(meetingId).at(-1);
      const changeNote = input.changeNote?.trim() || null;
      if (previous && !changeNote) return { ok: false, reason: "change_note_required" };
      const version = (previous?.version ?? 0) + 1;
      const approvedAt = new Date();
      const model = build(meetingId, { version, status: "approved" }, approvedAt)!;
      if (previous) {
        const { document: _a, ...before } = modelOf(previous);
        const { document: _b, ...after } = model;
        if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false, reason: "nothing_changed" };
      }
      const pdf = await renderMinutesPdf(model, { createdAt: approvedAt });
      const id = randomUUID();
      // Named by the row too: two approvals racing for the same number never write one file.
      const pdfPath = join(archiveDir, meeting.networkId, meetingId, `minutes-v${version}-${id}.pdf`);
      await writeAtomically(pdfPath, pdf);
      const hash = sha256(pdf);
      try {
        db.transaction((tx) => {
          tx.insert(minutesVersions).values({ id, meetingId, version, status: "approved", model: JSON.stringify(model), pdfSha256: hash, pdfPath, changeNote, approvedBy: actor.personId, approvedAt }).run();
          audit.append(
            actor,
            { action: previous ? "minutes.corrected" : "minutes.approved", networkId: meeting.networkId, subjectType: "meeting", subjectId: meetingId, details: { version, sha256: hash, ...(changeNote ? { changeNote } : {}) } },
            tx,
          );
        });
      } catch (e) {
        // Two approvals at once: the unique (meeting, version) index lets one through.
        if (String((e as Error).message).includes("UNIQUE")) return this.approve(actor, meetingId, input);
        throw e;
      }
      return { ok: true, version: db.select().from(minutesVersions).where(eq(minutesVersions.id, id)).get()! };
    },

    /**
     * The coordinator sends the latest version: each invited person gets their own copy
     * (and the next meeting's calendar entry); each agency involved in a discussed case
     * gets its action plan. Every mail is recorded, sent or failed with the reason; a
     * failing mail server never stops the rest.
     */
    async distribute(actor: AuditActor & { personId: string }, meetingId: string): Promise<DistributeResult> {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      const v = versionsOf(meetingId).at(-1);
      if (!meeting || !v) return { ok: false, reason: "not_found" };
      // Claim the version first: two coordinators clicking at once send once.
      const claimed = db.update(minutesVersions).set({ status: "distributed", distributedAt: new Date(), distributedBy: actor.personId }).where(and(eq(minutesVersions.id, v.id), eq(minutesVersions.status, "approved"))).run();
      if (claimed.changes !== 1) return { ok: false, reason: "already_distributed" };
      const model = modelOf(v);
      const rows: MinutesDeliveryRow[] = [];
      const to = addressees(meetingId);
      for (const person of to) {
        const pdf = await renderMinutesPdf(redact(model, person), { createdAt: v.approvedAt });
        rows.push(recordDelivery(v.id, "minutes", person, await mailer.send(minutesMail(model, person, pdf))));
      }
      // Action plans of the cases discussed, to the people of the agencies involved in each.
      for (const item of model.items.filter((i) => i.kind === "case" && (i.decisions.length > 0 || i.tasks.length > 0))) {
        const c = db.select().from(cases).where(and(eq(cases.networkId, meeting.networkId), eq(cases.code, item.caseCode!))).get();
        const plan = c && (await actionPlans.latest(c.id));
        if (!c || !plan) continue;
        const before = plan.version > 1 ? await actionPlans.version(c.id, plan.version - 1) : null;
        const pdf = await renderActionPlanPdf({
          network: model.network,
          caseCode: c.code,
          version: plan.version,
          savedBy: plan.savedBy.name,
          savedAt: plan.savedAt,
          content: plan.content,
          previous: before && { version: before.version, content: before.content },
          classification: model.classification,
        });
        for (const person of to.filter((p) => item.involvedAgencyIds.includes(p.agency.id) && p.role !== "guest")) {
          const d = await mailer.send({
            to: [person.email],
            subject: `[${model.classification}] Action plan ${c.code}, version ${plan.version}`,
            text: `Dear ${person.name},\n\nAttached is the current action plan of case ${c.code} (version ${plan.version}), as discussed at "${model.meeting.title}". Your agency is involved in this case.\nIt is marked ${model.classification}: keep it to those who need it, and do not forward this mail.\n\nCasetable`,
            attachments: [{ filename: `action-plan-${c.code}-v${plan.version}.pdf`, content: pdf, contentType: "application/pdf" }],
            purpose: `action_plan:${c.code}:v${plan.version}:minutes:${meetingId}`,
          });
          rows.push(recordDelivery(v.id, `action_plan:${c.code}`, person, d));
        }
      }
      audit.append(actor, {
        action: "minutes.distributed",
        networkId: meeting.networkId,
        subjectType: "meeting",
        subjectId: meetingId,
        details: { version: v.version, mails: rows.length, sent: rows.filter((r) => r.status === "sent").length, failed: rows.filter((r) => r.status === "failed").length },
      });
      return { ok: true, deliveries: rows };
    },

    deliveries(meetingId: string) {
      return db
        .select({ d: minutesDeliveries, version: minutesVersions.version, name: persons.name })
        .from(minutesDeliveries)
        .innerJoin(minutesVersions, eq(minutesVersions.id, minutesDeliveries.versionId))
        .innerJoin(persons, eq(persons.id, minutesDeliveries.recipientPersonId))
        .where(eq(minutesVersions.meetingId, meetingId))
        .orderBy(desc(minutesVersions.version), asc(persons.name), asc(minutesDeliveries.kind))
        .all();
    },

    /** Sends a failed delivery again, the very same message; records the outcome. */
    async retry(actor: AuditActor, meetingId: string, deliveryId: string): Promise<MinutesDeliveryRow | null> {
      const row = db
        .select({ d: minutesDeliveries, networkId: meetings.networkId })
        .from(minutesDeliveries)
        .innerJoin(minutesVersions, eq(minutesVersions.id, minutesDeliveries.versionId))
        .innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
        .where(and(eq(minutesDeliveries.id, deliveryId), eq(minutesVersions.meetingId, meetingId)))
        .get();
      if (!row) return null;
      if (row.d.status !== "failed" || !row.d.retryable) return row.d;
      const d = await mailer.retry(row.d.mailId);
      const sent = d.status === "sent";
      db.update(minutesDeliveries)
        .set({ status: sent ? "sent" : "failed", reason: sent ? null : d.lastError, retryable: !sent && d.retryable, attempts: d.attempts, updatedAt: new Date(), sentAt: d.sentAt ? new Date(d.sentAt) : null })
        .where(eq(minutesDeliveries.id, deliveryId))
        .run();
      audit.append(actor, { action: "minutes.delivery_retried", networkId: row.networkId, subjectType: "meeting", subjectId: meetingId, details: { deliveryId, status: sent ? "sent" : "failed", attempts: d.attempts } });
      return db.select().from(minutesDeliveries).where(eq(minutesDeliveries.id, deliveryId)).get()!;
    },

    /**
     * A PDF for a download: the full record (chair, coordinator) is the archived file,
     * checked against its SHA-256; anyone else gets their own redacted copy of an approved
     * version. `version` undefined: the live draft (full record only). Audited.
     */
    async download(actor: AuditActor, meetingId: string, who: { recipient: MinutesRecipient; personId: string }, version?: number): Promise<{ pdf: Buffer; version: number; draft: boolean } | { error: "not_found" | "forbidden" | "tampered" }> {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return { error: "not_found" };
      const { seesAll } = who.recipient;
      let pdf: Buffer;
      let n: number;
      let draft = false;
      if (version === undefined) {
        if (!seesAll) return { error: "forbidden" };
        const model = this.model(meetingId)!;
        pdf = await renderMinutesPdf(model);
        n = model.document.version;
        draft = true;
      } else {
        const v = db.select().from(minutesVersions).where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version))).get();
        if (!v) return { error: "not_found" };
        n = v.version;
        if (seesAll) {
          pdf = await readFile(v.pdfPath);
          if (sha256(pdf) !== v.pdfSha256) {
            audit.append(actor, { action: "minutes.archive_mismatch", networkId: meeting.networkId, subjectType: "meeting", subjectId: meetingId, details: { version: n } });
            return { error: "tampered" };
          }
        } else {
          pdf = await renderMinutesPdf(redact(modelOf(v), who.recipient), { createdAt: v.approvedAt });
        }
      }
      audit.append(actor, {
        action: "minutes.downloaded",
        networkId: meeting.networkId,
        subjectType: "meeting",
        subjectId: meetingId,
        details: { version: n, draft, copy: seesAll ? "full" : who.recipient.agency.name, bytes: pdf.length },
      });
      return { pdf, version: n, draft };
    },
  };
}

export type MinutesService = ReturnType<typeof createMinutes>;
