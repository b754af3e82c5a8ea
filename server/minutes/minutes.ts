import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { noteDocSchema, type Minutes } from "../documents/minutesModel.ts";
import { WORDING_MAX_CHARS } from "../../app/contract/limits.ts";
import { wordingChanges } from "./wordingChanges.ts";
import { firstWording } from "./wordingDoc.ts";
import { renderMinutesPdf } from "../documents/minutesPdf.ts";
import { redact, type MinutesRecipient } from "../documents/redact.ts";
import type { Outbox } from "../mail/outbox.ts";
import { createMinutesArchive } from "./archive.ts";
import { createDistribution, type DistributionDeps } from "./distribution.ts";
import { createMinutesSettings } from "./settings.ts";
import { createMinutesDeadlines } from "./deadlines.ts";
import { createMinutesRecord, modelOf, type MinutesRecordDeps, type MinutesVersionRow } from "./minutesRecord.ts";
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

export type SaveWordingResult =
  { ok: true; savedAt: Date } | { ok: false; reason: "invalid" | "not_found" | "not_ended" | "approved" };

export function createMinutes(deps: {
  store: Store;
  audit: AuditChain;
  notes: MinutesRecordDeps["notes"];
  actionPlans: DistributionDeps["actionPlans"];
  sharingBasis: DistributionDeps["sharingBasis"];
  caseRegister: MinutesRecordDeps["caseRegister"];
  outbox: Outbox;
  worker: DistributionDeps["worker"];
  archiveDir: string;
}) {
  const { store, audit } = deps;
  const { db, t } = store;
  const record = createMinutesRecord(deps);
  const archive = createMinutesArchive(deps.archiveDir);
  const distribution = createDistribution({ ...deps, record });
  const settings = createMinutesSettings(deps);
  const deadlines = createMinutesDeadlines(deps);

  const meetingOf = async (meetingId: string) =>
    (await db.select().from(t.meetings).where(eq(t.meetings.id, meetingId)))[0];

  const versionRow = async (meetingId: string, version: number) =>
    (
      await db
        .select()
        .from(t.minutesVersions)
        .where(and(eq(t.minutesVersions.meetingId, meetingId), eq(t.minutesVersions.version, version)))
    )[0];

  async function model(meetingId: string, version?: number): Promise<Minutes | null> {
    if (version === undefined) {
      const latest = (await record.versions(meetingId)).at(-1);
      return record.build(meetingId, { version: (latest?.version ?? 0) + 1, status: "draft" });
    }
    const v = await versionRow(meetingId, version);
    return v ? modelOf(v) : null;
  }

  return {
    build: record.build,
    addressees: record.addressees,
    versions: record.versions,

    /** Who approved each version of a meeting's minutes, by version id: the record names them. */
    async approvers(meetingId: string): Promise<Map<string, string>> {
      const rows = await db
        .select({ id: t.minutesVersions.id, name: t.persons.name })
        .from(t.minutesVersions)
        .innerJoin(t.persons, eq(t.persons.id, t.minutesVersions.approvedBy))
        .where(eq(t.minutesVersions.meetingId, meetingId));
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
    async saveWording(
      actor: AuditActor & { personId: string },
      meetingId: string,
      itemId: string,
      json: string,
    ): Promise<SaveWordingResult> {
      let doc;
      try {
        if (json.length > WORDING_MAX_CHARS) throw new Error("too long");
        doc = noteDocSchema.parse(JSON.parse(json));
      } catch {
        return { ok: false, reason: "invalid" };
      }
      return store.transaction(async (tx): Promise<SaveWordingResult> => {
        const [meeting] = await tx.select().from(t.meetings).where(eq(t.meetings.id, meetingId));
        if (!meeting) return { ok: false, reason: "not_found" };
        if (meeting.status !== "ended") return { ok: false, reason: "not_ended" };
        const [approved] = await tx
          .select({ id: t.minutesVersions.id })
          .from(t.minutesVersions)
          .where(eq(t.minutesVersions.meetingId, meetingId))
          .limit(1);
        if (approved) return { ok: false, reason: "approved" };
        if (!(await record.wording.save(tx, meetingId, itemId, doc, actor.personId)))
          return { ok: false, reason: "not_found" };
        await audit.append(tx, actor, {
          action: "minutes.wording_saved",
          networkId: meeting.networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { itemId },
        });
        return { ok: true, savedAt: new Date() };
      });
    },

    /**
     * Each item's wording for the chair and the coordinator: as saved, or drafted from the
     * record and the notes; with what changed since the coordinator's first draft.
     */
    async wordingForReview(meetingId: string) {
      const draft = await model(meetingId);
      if (!draft) return [];
      const saved = await record.wording.drafts(meetingId);
      const language = await minutesLanguageOf(t, db, draft.network.id);
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
    async status(meetingId: string) {
      const meeting = await meetingOf(meetingId);
      if (!meeting) return null;
      const all = await record.versions(meetingId);
      return { meeting, versions: all, latest: all.at(-1) ?? null };
    },

    /** The current draft (live) or a frozen version's model. */
    model,

    /**
     * The chair approves the draft: the full model and the full PDF are frozen as the next
     * version, the PDF (in the network's minutes language) written whole to the archive with
     * its SHA-256. After a first version, only a correction: the change note (what changed
     * and why) is required. Two approvals at once, on one node or two: the version number is
     * taken under the meeting's minutes-version lock (decision 0040), so the first to commit
     * makes the version, the other is told so and its PDF removed.
     */
    async approve(
      actor: AuditActor & { personId: string },
      meetingId: string,
      input: { changeNote?: string | null } = {},
    ): Promise<ApproveResult> {
      const meeting = await meetingOf(meetingId);
      if (!meeting) return { ok: false, reason: "not_found" };
      if (meeting.status !== "ended") return { ok: false, reason: "not_ended" };
      const previous = (await record.versions(meetingId)).at(-1);
      const changeNote = input.changeNote?.trim() || null;
      if (previous && !changeNote) return { ok: false, reason: "change_note_required" };
      const version = (previous?.version ?? 0) + 1;
      const approvedAt = new Date();
      const [approver] = await db
        .select({ name: t.persons.name, agencyId: t.agencies.id, agencyName: t.agencies.name })
        .from(t.memberships)
        .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
        .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
        .where(and(eq(t.memberships.personId, actor.personId), eq(t.memberships.networkId, meeting.networkId)));
      const approvedBy = approver
        ? { name: approver.name, agency: { id: approver.agencyId, name: approver.agencyName } }
        : null;
      const frozen = (await record.build(
        meetingId,
        { version, status: "approved", approvedBy, approvedAt },
        approvedAt,
      ))!;
      if (previous) {
        const { document: _a, ...before } = modelOf(previous);
        const { document: _b, ...after } = frozen;
        if (isDeepStrictEqual(before, after)) return { ok: false, reason: "nothing_changed" };
      }
      const pdf = await renderMinutesPdf(frozen, {
        createdAt: approvedAt,
        language: await minutesLanguageOf(t, db, meeting.networkId),
      });
      const id = randomUUID();
      const pdfPath = archive.pathFor(meeting.networkId, meetingId, version, id);
      // The file first, then the row that points to it: no version is ever recorded whose
      // PDF is not in the archive. A file without its row is removed below.
      const hash = await archive.write(pdfPath, pdf);
      let row: MinutesVersionRow | null;
      try {
        row = await store.transaction(async (tx) => {
          await store.lock(tx, `minutes-version:${meetingId}`);
          const [latest] = await tx
            .select({ version: t.minutesVersions.version })
            .from(t.minutesVersions)
            .where(eq(t.minutesVersions.meetingId, meetingId))
            .orderBy(desc(t.minutesVersions.version))
            .limit(1);
          if ((latest?.version ?? 0) !== version - 1) return null;
          const [inserted] = await tx
            .insert(t.minutesVersions)
            .values({
              id,
              meetingId,
              version,
              status: "approved",
              model: frozen,
              pdfSha256: hash,
              pdfPath,
              changeNote,
              approvedBy: actor.personId,
              approvedAt,
            })
            .returning();
          await audit.append(tx, actor, {
            action: previous ? "minutes.corrected" : "minutes.approved",
            networkId: meeting.networkId,
            subjectType: "meeting",
            subjectId: meetingId,
            details: { version, sha256: hash, changeNote: changeNote !== null },
          });
          return inserted;
        });
      } catch (e) {
        await archive.remove(pdfPath);
        // The unique index, the last guard behind the lock: still "someone was first".
        if (store.isUniqueViolation(e)) return { ok: false, reason: "approved_meanwhile", version };
        throw e;
      }
      if (!row) {
        // No row points to this file: it must not stay in the archive as if it were a version.
        await archive.remove(pdfPath);
        return { ok: false, reason: "approved_meanwhile", version };
      }
      return { ok: true, version: row };
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
      const meeting = await meetingOf(meetingId);
      if (!meeting) return { error: "not_found" };
      const { seesAll } = who.recipient;
      let pdf: Buffer;
      let n: number;
      let draft = false;
      let sentVersionId: string | null = null;
      if (version === undefined) {
        if (!seesAll) return { error: "forbidden" };
        const draftModel = (await model(meetingId))!;
        pdf = await renderMinutesPdf(draftModel, { language: await minutesLanguageOf(t, db, meeting.networkId) });
        n = draftModel.document.version;
        draft = true;
      } else {
        const v = await versionRow(meetingId, version);
        if (!v) return { error: "not_found" };
        // Past its retention: the PDF and the items are gone (decision 0033).
        if (v.purgedAt) return { error: "purged" };
        n = v.version;
        if (v.status === "distributed") sentVersionId = v.id;
        if (seesAll) {
          const archived = await archive.read(v.pdfPath, v.pdfSha256);
          if (!archived.ok) {
            const action = archived.reason === "tampered" ? "minutes.archive_mismatch" : "minutes.archive_missing";
            await store.transaction((tx) =>
              audit.append(tx, actor, {
                action,
                networkId: meeting.networkId,
                subjectType: "meeting",
                subjectId: meetingId,
                details: { version: n },
              }),
            );
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
      const addressee = (await record.addressees(meetingId)).some((a) => a.personId === who.personId);
      await store.transaction(async (tx) => {
        // A person the version was sent to opens their own copy: that is their receipt.
        if (sentVersionId && addressee)
          await tx
            .insert(t.minutesReceipts)
            .values({ versionId: sentVersionId, personId: who.personId })
            .onConflictDoUpdate({
              target: [t.minutesReceipts.versionId, t.minutesReceipts.personId],
              set: { lastOpenedAt: new Date(), opened: sql`${t.minutesReceipts.opened} + 1` },
            });
        await audit.append(tx, actor, {
          action: "minutes.downloaded",
          networkId: meeting.networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { version: n, draft, copy: seesAll ? "full" : who.recipient.agency.name, bytes: pdf.length },
        });
      });
      return { pdf, version: n, draft };
    },
  };
}
