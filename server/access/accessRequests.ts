import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import type { accessRequests } from "../../db/schema/index.ts";
import type { Query, Store } from "../../db/store.ts";
import { EXPORT_AVAILABLE_DAYS, type AccessRequestKind } from "../../app/contract/accessRequests.ts";
import { days } from "../../app/contract/time.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
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
  store: Store;
  audit: AuditChain;
  standing: Pick<Standing, "changed">;
  caseExport: CaseExport;
  forgetNotes: (doc: string) => void;
  /** The mail to those who may confirm a request (a durable job, decision 0014), enqueued in the request's transaction. */
  outbox: Pick<Outbox, "enqueue" | "announce">;
  worker: { wake(): void };
  /** SQLite only: empties the write-ahead log, where erased values stay until a checkpoint. */
  emptyWriteAheadLog: () => Promise<boolean>;
}) {
  const { store, audit, standing } = deps;
  const { t } = store;

  const entry = (r: Pick<AccessRequest, "id" | "networkId" | "caseId" | "kind">, action: string) => ({
    action,
    networkId: r.networkId,
    subjectType: "case",
    subjectId: r.caseId,
    details: { requestId: r.id, kind: r.kind },
  });

  /** Why a kind cannot be asked for this case now, or null; the case as it is in `tx`. */
  async function refusalToAsk(tx: Query, caseId: string, kind: AccessRequestKind): Promise<AskRefusal | null> {
    const [c] = await tx
      .select({ restrictedAt: t.cases.restrictedAt, contentPurgedAt: t.cases.contentPurgedAt })
      .from(t.cases)
      .where(eq(t.cases.id, caseId));
    if (c.contentPurgedAt) return "erased";
    if (kind === "restrict" && c.restrictedAt) return "restricted_already";
    if (kind === "lift" && !c.restrictedAt) return "not_restricted";
    const [open] = await tx
      .select({ id: t.accessRequests.id })
      .from(t.accessRequests)
      .where(
        and(eq(t.accessRequests.caseId, caseId), eq(t.accessRequests.kind, kind), eq(t.accessRequests.status, "open")),
      );
    return open ? "open_already" : null;
  }

  const namesOf = async (ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const rows = wanted.length
      ? await store.db
          .select({ id: t.persons.id, name: t.persons.name })
          .from(t.persons)
          .where(inArray(t.persons.id, wanted))
      : [];
    return new Map(rows.map((p) => [p.id, p.name]));
  };

  return {
    /** The network's requests, newest first, with the case code and who asked and settled them. */
    async list(networkId: string) {
      const rows = await store.db
        .select({ request: t.accessRequests, code: t.cases.code })
        .from(t.accessRequests)
        .innerJoin(t.cases, eq(t.cases.id, t.accessRequests.caseId))
        .where(eq(t.accessRequests.networkId, networkId))
        .orderBy(desc(t.accessRequests.requestedAt));
      const names = await namesOf(rows.flatMap(({ request }) => [request.requestedBy, request.settledBy]));
      return rows.map(({ request, code }) => ({
        ...request,
        code,
        requestedByName: names.get(request.requestedBy) ?? "",
        settledByName: request.settledBy ? (names.get(request.settledBy) ?? "") : null,
      }));
    },

    /** One request, looked up within the network: another network's id finds nothing. */
    async get(networkId: string, id: string): Promise<AccessRequest | null> {
      const [row] = await store.db
        .select()
        .from(t.accessRequests)
        .where(and(eq(t.accessRequests.id, id), eq(t.accessRequests.networkId, networkId)));
      return row ?? null;
    },

    /**
     * The coordinator asks; each other person holding the accountable officer's task gets a
     * mail that a request waits for their confirmation, written in the same transaction.
     */
    async ask(
      actor: Actor,
      c: CaseRow,
      kind: AccessRequestKind,
      /** Where the mail's link points: the site's public address. */
      origin: string,
    ): Promise<{ ok: true; id: string } | { ok: false; reason: AskRefusal }> {
      const done = await store.transaction(async (tx) => {
        const refusal = await refusalToAsk(tx, c.id, kind);
        if (refusal) return { ok: false as const, reason: refusal };
        const id = randomUUID();
        await tx.insert(t.accessRequests).values({
          id,
          networkId: c.networkId,
          caseId: c.id,
          kind,
          requestedBy: actor.personId,
          requestedAt: new Date(),
        });
        const [network] = await tx.select().from(t.networks).where(eq(t.networks.id, c.networkId));
        const officers = (
          await tx
            .select({ personId: t.persons.id, name: t.persons.name, email: t.persons.email })
            .from(t.memberships)
            .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
            .where(and(eq(t.memberships.networkId, c.networkId), eq(t.memberships.isAccountableOfficer, true)))
        ).filter((o) => o.personId !== actor.personId);
        const mails = await deps.outbox.enqueue(
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
        await audit.append(
          tx,
          actor,
          entry({ id, networkId: c.networkId, caseId: c.id, kind }, "access_request.asked"),
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
    async withdraw(actor: Actor, r: AccessRequest): Promise<{ ok: true } | { ok: false; reason: SettleRefusal }> {
      return store.transaction(async (tx) => {
        const changed = store.changedRows(
          await tx
            .update(t.accessRequests)
            .set({ status: "withdrawn", settledBy: actor.personId, settledAt: new Date() })
            .where(and(eq(t.accessRequests.id, r.id), eq(t.accessRequests.status, "open"))),
        );
        if (changed === 0) return { ok: false as const, reason: "settled_already" as const };
        await audit.append(tx, actor, entry(r, "access_request.withdrawn"));
        return { ok: true as const };
      });
    },

    /** The accountable officer's answer: declined, or confirmed and carried out in the same transaction. */
    async settle(
      actor: Actor,
      r: AccessRequest,
      answer: "confirm" | "decline",
      now = new Date(),
    ): Promise<{ ok: true } | { ok: false; reason: SettleRefusal }> {
      let emptiedItems: string[] = [];
      const result = await store.transaction(async (tx) => {
        const [c] = await tx.select().from(t.cases).where(eq(t.cases.id, r.caseId));
        if (answer === "confirm" && c.contentPurgedAt) return { ok: false as const, reason: "erased" as const };
        const changed = store.changedRows(
          await tx
            .update(t.accessRequests)
            .set({ status: answer === "confirm" ? "confirmed" : "declined", settledBy: actor.personId, settledAt: now })
            .where(and(eq(t.accessRequests.id, r.id), eq(t.accessRequests.status, "open"))),
        );
        if (changed === 0) return { ok: false as const, reason: "settled_already" as const };
        if (answer === "decline") {
          await audit.append(tx, actor, entry(r, "access_request.declined"));
          return { ok: true as const };
        }
        // The changes first, then their audit entries: the chain's appends are the transaction's last writes.
        if (r.kind === "restrict" || r.kind === "lift") {
          await tx
            .update(t.cases)
            .set({ restrictedAt: r.kind === "restrict" ? now : null, updatedAt: now })
            .where(eq(t.cases.id, c.id));
          await audit.append(tx, actor, entry(r, "access_request.confirmed"));
          await audit.append(
            tx,
            actor,
            entry(r, r.kind === "restrict" ? "case.restricted" : "case.restriction_lifted"),
          );
          return { ok: true as const };
        }
        if (r.kind === "erase") {
          const removed = await removeCaseContent(tx, store, c.id, now);
          emptiedItems = removed.agendaItemIds;
          await audit.append(tx, actor, entry(r, "access_request.confirmed"));
          await audit.append(tx, actor, {
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
          });
          return { ok: true as const };
        }
        await audit.append(tx, actor, entry(r, "access_request.confirmed"));
        return { ok: true as const };
      });
      if (result.ok && answer === "confirm" && r.kind !== "export") {
        for (const itemId of emptiedItems) deps.forgetNotes(itemNotesDoc(itemId));
        if (r.kind === "erase" && store.dialect === "sqlite") await deps.emptyWriteAheadLog();
        // Who may see the case changed: open meeting screens are re-seated at once.
        standing.changed({ kind: "case", networkId: r.networkId, caseId: r.caseId });
      }
      return result;
    },

    /** A confirmed export can be downloaded for a week after its confirmation, while the case still has content. */
    async exportAvailable(r: AccessRequest, now = new Date()): Promise<boolean> {
      if (r.kind !== "export" || r.status !== "confirmed" || !r.settledAt) return false;
      if (now.getTime() - r.settledAt.getTime() > days(EXPORT_AVAILABLE_DAYS)) return false;
      const [c] = await store.db
        .select({ purged: t.cases.contentPurgedAt })
        .from(t.cases)
        .where(eq(t.cases.id, r.caseId));
      return !!c && c.purged === null;
    },

    /** The ZIP (data.json and a PDF of the same); each download is audited with its size, never its content. */
    async export(actor: Actor, r: AccessRequest, now = new Date()): Promise<{ filename: string; zip: Uint8Array }> {
      const held = await deps.caseExport.gather(r.caseId);
      const [network] = await store.db.select().from(t.networks).where(eq(t.networks.id, r.networkId));
      const names = await namesOf([r.requestedBy, r.settledBy]);
      const nameOf = (id: string | null) => (id ? (names.get(id) ?? "") : "");
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
      await store.transaction((tx) =>
        audit.append(tx, actor, {
          ...entry(r, "access_request.exported"),
          details: { requestId: r.id, kind: r.kind, bytes: zip.length },
        }),
      );
      return { filename: `access-${held.case.code}.zip`, zip };
    },
  };
}
