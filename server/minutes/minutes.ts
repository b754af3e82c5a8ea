import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Store } from "../../db/store.ts";
import { agencies, meetings, memberships, minutesReceipts, minutesVersions, persons } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { ActionPlans } from "../cases/actionPlans.ts";
import { noteDocSchema, type Minutes } from "../documents/minutesModel.ts";
import { WORDING_MAX_CHARS } from "../../app/contract/limits.ts";
import { wordingChanges } from "./wordingChanges.ts";
import { firstWording } from "./wordingDoc.ts";
import { renderMinutesPdf } from "../documents/minutesPdf.ts";
import { redact, type MinutesRecipient } from "../documents/redact.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import type { Outbox } from "../mail/outbox.ts";
import type { Notes } from "../notes/notes.ts";
import { createMinutesArchive } from "./archive.ts";
import { createDistribution } from "./distribution.ts";
import { createMinutesSettings } from "./settings.ts";
import { createMinutesDeadlines } from "./deadlines.ts";
import { createMinutesRecord, modelOf, type MinutesVersionRow } from "./minutesRecord.ts";
import { minutesLanguageOf } from "./minutesLanguage.ts";
import type { Language } from "../../app/contract/vocabulary.ts";

// The minutes of a meeting: a draft built live from the meeting's record until the chair
// approves it; approval freezes the full model and the full PDF (archived with its SHA-256)
// as a numbered version; the coordinator distributes a version, each recipient getting
// their own redacted copy; a correction after approval is approved as the next version,
// saying what changed and why. The model query is in ./minutesRecord.ts, the archive in
// ./archive.ts, distribution in ./distribution.ts.

export type ApproveResult =
  | { ok: true; version: MinutesVersionRow }
  | { ok: false; reason: "not_found" | "not_ended" | "change_note_required" | "nothing_changed" }
  /** Someone else approved this version number a moment earlier: theirs stands. */
  | { ok: false; reason: "approved_meanwhile"; version: number };

/** Whether an insert failed on the one-version-number-per-meeting index, and on nothing else. */
function isVersionTaken(e: unknown): boolean {
  for (
    let err = e as { code?: string; message?: string; cause?: unknown } | undefined;
    err;
    err = err.cause as typeof err
  ) {
    if (
      err.code === "SQLITE_CONSTRAINT_UNIQUE" &&
      /minutes_versions\.meeting_id, minutes_versions\.version/.test(err.message ?? "")
    )
      return true;
  }
  return false;
}

export type SaveWordingResult =
  { ok: true; savedAt: Date } | { ok: false; reason: "invalid" | "not_found" | "not_ended" | "approved" };

export function createMinutes(deps: {
  db: Db;
  store: Store;
  audit: AuditLog;
  notes: Notes;
  actionPlans: ActionPlans;
  outbox: Outbox;
  worker: MailWorker;
  archiveDir: string;
}) {
  const { db, audit } = deps;
  const record = createMinutesRecord(deps);
  const archive = createMinutesArchive(deps.archiveDir);
  const distribution = createDistribution({ ...deps, record });
  const settings = createMinutesSettings(deps);
  const deadlines = createMinutesDeadlines(deps);

  function model(meetingId: string, version?: number): Minutes | null {
    if (version === undefined) {
      const latest = record.versions(meetingId).at(-1);
      return record.build(meetingId, { version: (latest?.version ?? 0) + 1, status: "draft" });
    }
    const v = db
      .select()
      .from(minutesVersions)
      .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version)))
      .get();
    return v ? modelOf(v) : null;
  }

  return {
    build: record.build,
    addressees: record.addressees,
    versions: record.versions,

    /** Who approved each version of a meeting's minutes, by version id: the record names them. */
    approvers(meetingId: string): Map<string, string> {
      const rows = db
        .select({ id: minutesVersions.id, name: persons.name })
        .from(minutesVersions)
        .innerJoin(persons, eq(persons.id, minutesVersions.approvedBy))
        .where(eq(minutesVersions.meetingId, meetingId))
        .all();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    archive,
    settings,
    wording: record.wording,
    /** Where each ended meeting's minutes stand against the deadline; reminders when overdue. */
    deadlines,
    ...distribution,

    /**
     * The coordinator saves the wording of one item, before the chair approves: once a
     * version is approved its wording is part of it, and the record changes only through
     * the audited correction command. Audited (which item, not the words).
     */
    saveWording(
      actor: AuditActor & { personId: string },
      meetingId: string,
      itemId: string,
      json: string,
    ): SaveWordingResult {
      let doc;
      try {
        if (json.length > WORDING_MAX_CHARS) throw new Error("too long");
        doc = noteDocSchema.parse(JSON.parse(json));
      } catch {
        return { ok: false, reason: "invalid" };
      }
      return db.transaction((tx) => {
        const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
        if (!meeting) return { ok: false as const, reason: "not_found" as const };
        if (meeting.status !== "ended") return { ok: false as const, reason: "not_ended" as const };
        const approved = tx
          .select({ id: minutesVersions.id })
          .from(minutesVersions)
          .where(eq(minutesVersions.meetingId, meetingId))
          .get();
        if (approved) return { ok: false as const, reason: "approved" as const };
        if (!record.wording.save(meetingId, itemId, doc, actor.personId, tx))
          return { ok: false as const, reason: "not_found" as const };
        audit.append(
          actor,
          {
            action: "minutes.wording_saved",
            networkId: meeting.networkId,
            subjectType: "meeting",
            subjectId: meetingId,
            details: { itemId },
          },
          tx,
        );
        return { ok: true as const, savedAt: new Date() };
      });
    },

    /**
     * Each item's wording for the chair and the coordinator: as saved, or drafted from the
     * record and the notes; with what changed since the coordinator's first draft.
     */
    wordingForReview(meetingId: string) {
      const draft = model(meetingId);
      if (!draft) return [];
      const saved = record.wording.drafts(meetingId);
      const language = minutesLanguageOf(db, draft.network.id);
      return draft.items.map((item, i) => {
        const s = saved.get(item.id);
        return {
          id: item.id,
          number: item.number ?? i + 1,
          caseCode: item.caseCode,
          kind: item.titleKind,
          title: item.title,
          doc: s?.doc ?? firstWording(item, language),
          savedAt: s?.updatedAt.toISOString() ?? null,
          changes: s ? wordingChanges(s.firstDraft, s.doc) : null,
        };
      });
    },

    /** Whether the meeting has ended and its minutes can be written. */
    status(meetingId: string) {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return null;
      const all = record.versions(meetingId);
      return { meeting, versions: all, latest: all.at(-1) ?? null };
    },

    /** The current draft (live) or a frozen version's model. */
    model,

    /**
     * The chair approves the draft: the full model and the full PDF are frozen as the next
     * version, the PDF (in the network's minutes language) written whole to the archive with its SHA-256. After a first version,
     * only a correction: the change note (what changed and why) is required. Two approvals
     * at once: the first to commit makes the version, the other is told so and its PDF removed.
     */
    async approve(
      actor: AuditActor & { personId: string },
      meetingId: string,
      input: { changeNote?: string | null } = {},
    ): Promise<ApproveResult> {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return { ok: false, reason: "not_found" };
      if (meeting.status !== "ended") return { ok: false, reason: "not_ended" };
      const previous = record.versions(meetingId).at(-1);
      const changeNote = input.changeNote?.trim() || null;
      if (previous && !changeNote) return { ok: false, reason: "change_note_required" };
      const version = (previous?.version ?? 0) + 1;
      const approvedAt = new Date();
      const approver = db
        .select({ name: persons.name, agencyId: agencies.id, agencyName: agencies.name })
        .from(memberships)
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .where(and(eq(memberships.personId, actor.personId), eq(memberships.networkId, meeting.networkId)))
        .get();
      const approvedBy = approver
        ? { name: approver.name, agency: { id: approver.agencyId, name: approver.agencyName } }
        : null;
      const frozen = record.build(meetingId, { version, status: "approved", approvedBy, approvedAt }, approvedAt)!;
      if (previous) {
        const { document: _a, ...before } = modelOf(previous);
        const { document: _b, ...after } = frozen;
        if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false, reason: "nothing_changed" };
      }
      const pdf = await renderMinutesPdf(frozen, {
        createdAt: approvedAt,
        language: minutesLanguageOf(db, meeting.networkId),
      });
      const id = randomUUID();
      const pdfPath = archive.pathFor(meeting.networkId, meetingId, version, id);
      const hash = await archive.write(pdfPath, pdf);
      try {
        db.transaction((tx) => {
          tx.insert(minutesVersions)
            .values({
              id,
              meetingId,
              version,
              status: "approved",
              model: JSON.stringify(frozen),
              pdfSha256: hash,
              pdfPath,
              changeNote,
              approvedBy: actor.personId,
              approvedAt,
            })
            .run();
          audit.append(
            actor,
            {
              action: previous ? "minutes.corrected" : "minutes.approved",
              networkId: meeting.networkId,
              subjectType: "meeting",
              subjectId: meetingId,
              details: { version, sha256: hash, changeNote: changeNote !== null },
            },
            tx,
          );
        });
      } catch (e) {
        // No row points to this file: it must not stay in the archive as if it were a version.
        await archive.remove(pdfPath);
        if (isVersionTaken(e)) return { ok: false, reason: "approved_meanwhile", version };
        throw e;
      }
      return { ok: true, version: db.select().from(minutesVersions).where(eq(minutesVersions.id, id)).get()! };
    },

    /**
     * A PDF for a download: the full record (chair, coordinator) is the archived file,
     * checked against its SHA-256; anyone else gets their own redacted copy of an approved
     * version, in the language they read Casetable in. `version` undefined: the live draft
     * (full record only), in the minutes language it will be archived in. Audited.
     */
    async download(
      actor: AuditActor,
      meetingId: string,
      who: { recipient: MinutesRecipient; personId: string; language: Language },
      version?: number,
    ): Promise<
      | { pdf: Buffer; version: number; draft: boolean }
      | { error: "not_found" | "forbidden" | "tampered" | "missing" | "purged" }
    > {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!meeting) return { error: "not_found" };
      const { seesAll } = who.recipient;
      let pdf: Buffer;
      let n: number;
      let draft = false;
      let sentVersionId: string | null = null;
      if (version === undefined) {
        if (!seesAll) return { error: "forbidden" };
        const draftModel = model(meetingId)!;
        pdf = await renderMinutesPdf(draftModel, { language: minutesLanguageOf(db, meeting.networkId) });
        n = draftModel.document.version;
        draft = true;
      } else {
        const v = db
          .select()
          .from(minutesVersions)
          .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version)))
          .get();
        if (!v) return { error: "not_found" };
        // Past its retention: the PDF and the items are gone (decision 0033).
        if (v.purgedAt) return { error: "purged" };
        n = v.version;
        if (v.status === "distributed") sentVersionId = v.id;
        if (seesAll) {
          const archived = await archive.read(v.pdfPath, v.pdfSha256);
          if (!archived.ok) {
            const action = archived.reason === "tampered" ? "minutes.archive_mismatch" : "minutes.archive_missing";
            audit.append(actor, {
              action,
              networkId: meeting.networkId,
              subjectType: "meeting",
              subjectId: meetingId,
              details: { version: n },
            });
            return { error: archived.reason };
          }
          pdf = archived.pdf;
        } else {
          pdf = await renderMinutesPdf(redact(modelOf(v), who.recipient), {
            createdAt: v.approvedAt,
            language: who.language,
          });
        }
      }
      const addressee = record.addressees(meetingId).some((a) => a.personId === who.personId);
      db.transaction((tx) => {
        // A person the version was sent to opens their own copy: that is their receipt.
        if (sentVersionId && addressee)
          tx.insert(minutesReceipts)
            .values({ versionId: sentVersionId, personId: who.personId })
            .onConflictDoUpdate({
              target: [minutesReceipts.versionId, minutesReceipts.personId],
              set: { lastOpenedAt: new Date(), opened: sql`${minutesReceipts.opened} + 1` },
            })
            .run();
        audit.append(
          actor,
          {
            action: "minutes.downloaded",
            networkId: meeting.networkId,
            subjectType: "meeting",
            subjectId: meetingId,
            details: { version: n, draft, copy: seesAll ? "full" : who.recipient.agency.name, bytes: pdf.length },
          },
          tx,
        );
      });
      return { pdf, version: n, draft };
    },
  };
}
