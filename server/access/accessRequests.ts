import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import type { DatabaseHandle } from "../../db/client.ts";
import { accessRequests, cases, memberships, networks, persons } from "../../db/schema/index.ts";
import { EXPORT_AVAILABLE_DAYS, type AccessRequestKind } from "../../app/contract/accessRequests.ts";
import { days } from "../../app/contract/time.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { Standing } from "../auth/standing.ts";
import type { CaseRow } from "../cases/caseRegister.ts";
import { renderAccessExportPdf } from "../documents/accessExportPdf.ts";
import { itemNotesDoc, removeCaseContent } from "../retention/caseContent.ts";
import type { Outbox } from "../mail/outbox.ts";
import type { CaseExport } from "./caseExport.ts";
import { ACCESS_REQUEST_MAIL_KIND, type AccessRequestMailPayload } from "./accessRequestMail.ts";

// A data subject's requests about one case (issue 13, rule 7; decision 0038). The
// coordinator asks; another person, holding the accountable officer's task in the network,
// confirms or declines (the route asks the policy who may); then it is carried out at
// once: the export becomes downloadable, the case is restricted or shown again, or its
// content and identity are erased as the retention purge does. Each step is one audit
// entry with ids and the kind, never content.

export type AccessRequest = typeof accessRequests.$inferSelect;
export type AskRefusal = "open_already" | "restricted_already" | "not_restricted" | "erased";
export type SettleRefusal = "settled_already" | "erased";

type Actor = AuditActor & { personId: string };

export function createAccessRequests(deps: {
  database: DatabaseHandle;
  audit: AuditLog;
  standing: Standing;
  caseExport: CaseExport;
  forgetNotes: (doc: string) => void;
  /** The mail to those who may confirm a request (a durable job, decision 0014). */
  outbox: Outbox;
  worker: { wake(): void };
}) {
  const { audit, standing } = deps;
  const { db } = deps.database;

  const entry = (r: Pick<AccessRequest, "id" | "networkId" | "caseId" | "kind">, action: string) => ({
    action,
    networkId: r.networkId,
    subjectType: "case",
    subjectId: r.caseId,
    details: { requestId: r.id, kind: r.kind },
  });

  /** Why a kind cannot be asked for this case now, or null. */
  function refusalToAsk(c: CaseRow, kind: AccessRequestKind): AskRefusal | null {
    if (c.contentPurgedAt) return "erased";
    if (kind === "restrict" && c.restrictedAt) return "restricted_already";
    if (kind === "lift" && !c.restrictedAt) return "not_restricted";
    const open = db
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(and(eq(accessRequests.caseId, c.id), eq(accessRequests.kind, kind), eq(accessRequests.status, "open")))
      .get();
    return open ? "open_already" : null;
  }

  return {
    /** The network's requests, newest first, with the case code and who asked and settled them. */
    list(networkId: string) {
      const rows = db
        .select({ request: accessRequests, code: cases.code })
        .from(accessRequests)
        .innerJoin(cases, eq(cases.id, accessRequests.caseId))
        .where(eq(accessRequests.networkId, networkId))
        .orderBy(desc(accessRequests.requestedAt))
        .all();
      const names = new Map(
        db
          .select({ id: persons.id, name: persons.name })
          .from(persons)
          .all()
          .map((p) => [p.id, p.name]),
      );
      return rows.map(({ request, code }) => ({
        ...request,
        code,
        requestedByName: names.get(request.requestedBy) ?? "",
        settledByName: request.settledBy ? (names.get(request.settledBy) ?? "") : null,
      }));
    },

    /** One request, looked up within the network: another network's id finds nothing. */
    get(networkId: string, id: string): AccessRequest | null {
      return (
        db
          .select()
          .from(accessRequests)
          .where(and(eq(accessRequests.id, id), eq(accessRequests.networkId, networkId)))
          .get() ?? null
      );
    },

    /**
     * The coordinator asks; each other person holding the accountable officer's task gets a
     * mail that a request waits for their confirmation, written in the same transaction.
     */
    ask(
      actor: Actor,
      c: CaseRow,
      kind: AccessRequestKind,
      /** Where the mail's link points: the site's public address. */
      origin: string,
    ): { ok: true; id: string } | { ok: false; reason: AskRefusal } {
      const done = db.transaction((tx) => {
        const refusal = refusalToAsk(c, kind);
        if (refusal) return { ok: false as const, reason: refusal };
        const id = randomUUID();
        tx.insert(accessRequests)
          .values({
            id,
            networkId: c.networkId,
            caseId: c.id,
            kind,
            requestedBy: actor.personId,
            requestedAt: new Date(),
          })
          .run();
        audit.append(actor, entry({ id, networkId: c.networkId, caseId: c.id, kind }, "access_request.asked"), tx);
        const network = tx.select().from(networks).where(eq(networks.id, c.networkId)).get()!;
        const officers = tx
          .select({ personId: persons.id, name: persons.name, email: persons.email })
          .from(memberships)
          .innerJoin(persons, eq(persons.id, memberships.personId))
          .where(and(eq(memberships.networkId, c.networkId), eq(memberships.isAccountableOfficer, true)))
          .all()
          .filter((o) => o.personId !== actor.personId);
        const mails = deps.outbox.enqueue(
          tx,
          officers.map((o) => ({
            kind: ACCESS_REQUEST_MAIL_KIND,
            recipientPersonId: o.personId,
            email: o.email,
            payload: {
              recipientName: o.name,
              networkId: c.networkId,
              networkName: network.name,
              caseCode: c.code,
              kind,
              url: `${origin}/n/${c.networkId}/access-requests`,
            } satisfies AccessRequestMailPayload,
          })),
        );
        return { ok: true as const, id, mails };
      });
      if (!done.ok) return done;
      if (done.mails.length > 0) {
        deps.outbox.announce(done.mails);
        deps.worker.wake();
      }
      return { ok: true, id: done.id };
    },

    /** The coordinator takes back an open request. */
    withdraw(actor: Actor, r: AccessRequest): { ok: true } | { ok: false; reason: SettleRefusal } {
      return db.transaction((tx) => {
        const changed = tx
          .update(accessRequests)
          .set({ status: "withdrawn", settledBy: actor.personId, settledAt: new Date() })
          .where(and(eq(accessRequests.id, r.id), eq(accessRequests.status, "open")))
          .run().changes;
        if (changed === 0) return { ok: false as const, reason: "settled_already" as const };
        audit.append(actor, entry(r, "access_request.withdrawn"), tx);
        return { ok: true as const };
      });
    },

    /** The accountable officer's answer: declined, or confirmed and carried out in the same transaction. */
    settle(
      actor: Actor,
      r: AccessRequest,
      answer: "confirm" | "decline",
      now = new Date(),
    ): { ok: true } | { ok: false; reason: SettleRefusal } {
      let emptiedItems: string[] = [];
      const result = db.transaction((tx) => {
        const c = tx.select().from(cases).where(eq(cases.id, r.caseId)).get()!;
        if (answer === "confirm" && c.contentPurgedAt) return { ok: false as const, reason: "erased" as const };
        const changed = tx
          .update(accessRequests)
          .set({ status: answer === "confirm" ? "confirmed" : "declined", settledBy: actor.personId, settledAt: now })
          .where(and(eq(accessRequests.id, r.id), eq(accessRequests.status, "open")))
          .run().changes;
        if (changed === 0) return { ok: false as const, reason: "settled_already" as const };
        if (answer === "decline") {
          audit.append(actor, entry(r, "access_request.declined"), tx);
          return { ok: true as const };
        }
        audit.append(actor, entry(r, "access_request.confirmed"), tx);
        if (r.kind === "restrict" || r.kind === "lift") {
          tx.update(cases)
            .set({ restrictedAt: r.kind === "restrict" ? now : null, updatedAt: now })
            .where(eq(cases.id, c.id))
            .run();
          audit.append(actor, entry(r, r.kind === "restrict" ? "case.restricted" : "case.restriction_lifted"), tx);
        }
        if (r.kind === "erase") {
          const removed = removeCaseContent(tx, c.id, now);
          emptiedItems = removed.agendaItemIds;
          audit.append(
            actor,
            {
              ...entry(r, "case.erased"),
              details: {
                requestId: r.id,
                kind: r.kind,
                decisions: removed.decisions,
                planVersions: removed.planVersions,
                assessments: removed.assessments,
                tasks: removed.tasks,
                notes: removed.notes,
              },
            },
            tx,
          );
        }
        return { ok: true as const };
      });
      if (result.ok && answer === "confirm" && r.kind !== "export") {
        for (const itemId of emptiedItems) deps.forgetNotes(itemNotesDoc(itemId));
        if (r.kind === "erase") deps.database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
        // Who may see the case changed: open meeting screens are re-seated at once.
        standing.changed({ kind: "case", networkId: r.networkId, caseId: r.caseId });
      }
      return result;
    },

    /** A confirmed export can be downloaded for a week after its confirmation, while the case still has content. */
    exportAvailable(r: AccessRequest, now = new Date()): boolean {
      if (r.kind !== "export" || r.status !== "confirmed" || !r.settledAt) return false;
      if (now.getTime() - r.settledAt.getTime() > days(EXPORT_AVAILABLE_DAYS)) return false;
      const c = db.select({ purged: cases.contentPurgedAt }).from(cases).where(eq(cases.id, r.caseId)).get();
      return !!c && c.purged === null;
    },

    /** The ZIP (data.json and a PDF of the same); each download is audited with its size, never its content. */
    async export(actor: Actor, r: AccessRequest, now = new Date()): Promise<{ filename: string; zip: Uint8Array }> {
      const held = deps.caseExport.gather(r.caseId);
      const network = db.select().from(networks).where(eq(networks.id, r.networkId)).get()!;
      const nameOf = (id: string | null) =>
        id ? (db.select({ name: persons.name }).from(persons).where(eq(persons.id, id)).get()?.name ?? "") : "";
      const pdf = await renderAccessExportPdf(held, {
        askedBy: nameOf(r.requestedBy),
        confirmedBy: nameOf(r.settledBy),
        exportedAt: now,
        language: network.language,
        locale: network.locale,
        timeZone: network.timeZone,
      });
      const mtime = now;
      const zip = zipSync({
        "data.json": [strToU8(JSON.stringify({ exportedAt: now.toISOString(), ...held }, null, 2)), { mtime }],
        [`${held.case.code}.pdf`]: [new Uint8Array(pdf), { mtime, level: 0 }],
      });
      audit.append(actor, {
        ...entry(r, "access_request.exported"),
        details: { requestId: r.id, kind: r.kind, bytes: zip.length },
      });
      return { filename: `access-${held.case.code}.zip`, zip };
    },
  };
}
