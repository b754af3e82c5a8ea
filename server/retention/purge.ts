import { rm } from "node:fs/promises";
import { join } from "node:path";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import { PURGE_KINDS, type PurgeKind } from "../../app/contract/retention.ts";
import { minutesSchema } from "../documents/minutesModel.ts";
import type { AuditChain } from "../audit/auditLog.ts";
import type { Log } from "../log.ts";
import { createMinutesArchive } from "../minutes/archive.ts";
import { itemNotesDoc, removeCaseContent, removeIdentities } from "./caseContent.ts";
import type { RetentionSchedules } from "./schedule.ts";

// The purge: removes what a network's retention schedule makes due (decision 0033). Rows
// are cleared in the database and files deleted. On SQLite, secure_delete zeroes the freed
// pages and the write-ahead log is then emptied, so no copy of a removed value is left on
// disk; on PostgreSQL the old row versions are left to the server's (auto)vacuum.
// Each network's purge is one transaction with one audit entry, with counts and ids,
// never the removed values.

export type PurgeCounts = Record<PurgeKind, number>;

export function createPurge(deps: {
  store: Store;
  audit: AuditChain;
  schedules: RetentionSchedules;
  archiveDir: string;
  outboxDir: string;
  log: Log;
  /** Drops a notes document's cached copy once its rows are gone. */
  forgetNotes: (doc: string) => void;
  /** SQLite only: empties the write-ahead log, where overwritten values stay until a checkpoint. */
  emptyWriteAheadLog: () => Promise<boolean>;
}) {
  const { store, audit, schedules, log } = deps;
  const { t } = store;
  const archive = createMinutesArchive(deps.archiveDir);

  async function purgeNetwork(networkId: string, now: Date): Promise<PurgeCounts> {
    const schedule = (await schedules.get(networkId))!;
    const mail = await store.db
      .select({ id: t.deliveries.id })
      .from(t.deliveries)
      .where(schedules.mailDue(store.db, networkId, schedule, now));
    const minutes = await store.db
      .select()
      .from(t.minutesVersions)
      .where(schedules.minutesDue(store.db, networkId, schedule, now));
    // Files first: a file whose row still says it is there is tried again at the next run.
    for (const d of mail) {
      await rm(join(deps.outboxDir, `${d.id}.eml`), { force: true });
      await rm(join(deps.outboxDir, "pending", `${d.id}.eml`), { force: true });
    }
    for (const v of minutes) await archive.remove(v.pdfPath);
    const counts: PurgeCounts = { identity: 0, auditAddresses: 0, intakeAddresses: 0, mail: 0, minutes: 0, case: 0 };
    const emptiedItems: string[] = [];
    const purgedMinutes: string[] = [];
    await store.transaction(async (tx) => {
      // Several nodes run the purge: one network's at a time, and what is due is read in the
      // transaction, so a second run finds it done (and a case reopened meanwhile is not due).
      await store.lock(tx, `retention-purge:${networkId}`);
      const wholeCases = await schedules.casesDue(tx, networkId, schedule, now);
      // A case whose whole content goes loses its identity with it.
      const identities = (await schedules.identitiesDue(tx, networkId, schedule, now)).filter(
        (c) => !wholeCases.some((w) => w.id === c.id),
      );
      const caseIds = identities.map((c) => c.id);
      await removeIdentities(tx, store, caseIds, now);
      counts.identity = caseIds.length;
      for (const c of wholeCases) emptiedItems.push(...(await removeCaseContent(tx, store, c.id, now)).agendaItemIds);
      counts.case = wholeCases.length;
      // The one change the audit log allows: an address whose keyed hash the chain covers (decision 0029).
      for (const intake of [false, true]) {
        const cleared = store.changedRows(
          await tx
            .update(t.auditLog)
            .set({ ip: null })
            .where(await schedules.auditAddressesDue(tx, networkId, schedule, now, intake)),
        );
        counts[intake ? "intakeAddresses" : "auditAddresses"] = cleared;
      }
      if (mail.length)
        counts.mail = store.changedRows(
          await tx
            .update(t.deliveries)
            .set({ filesPurgedAt: now })
            .where(
              and(
                inArray(
                  t.deliveries.id,
                  mail.map((d) => d.id),
                ),
                isNull(t.deliveries.filesPurgedAt),
              ),
            ),
        );
      for (const v of minutes) {
        // The version's row stays (who approved, when, its hash); its items and actions go.
        const frozen = minutesSchema.parse(v.model);
        const emptied = { ...frozen, items: [], actionList: [] };
        const changed = await tx
          .update(t.minutesVersions)
          .set({ model: emptied, purgedAt: now })
          .where(and(eq(t.minutesVersions.id, v.id), isNull(t.minutesVersions.purgedAt)));
        if (store.changedRows(changed) > 0) purgedMinutes.push(v.id);
      }
      counts.minutes = purgedMinutes.length;
      if (PURGE_KINDS.some((k) => counts[k] > 0))
        await audit.append(
          tx,
          { personId: null, ip: null },
          {
            action: "retention.purged",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: {
              ...counts,
              caseIds,
              wholeCaseIds: wholeCases.map((c) => c.id),
              minutesVersionIds: purgedMinutes,
              schedule,
            },
          },
        );
    });
    for (const itemId of emptiedItems) deps.forgetNotes(itemNotesDoc(itemId));
    return counts;
  }

  return {
    /**
     * Removes everything due at `now` in every network. Returns the counts per network.
     * The clock is a parameter so that an operator's check (and a test) can ask about a later day.
     */
    async run(now = new Date()): Promise<Map<string, PurgeCounts>> {
      const result = new Map<string, PurgeCounts>();
      for (const { id } of await store.db.select({ id: t.networks.id }).from(t.networks)) {
        result.set(id, await purgeNetwork(id, now));
      }
      if (store.dialect === "sqlite" && [...result.values()].some((c) => PURGE_KINDS.some((k) => c[k] > 0))) {
        if (!(await deps.emptyWriteAheadLog()))
          log.warn("another connection still reads the write-ahead log: it is emptied as soon as it leaves");
      }
      log.info({ networks: Object.fromEntries(result) }, "retention purge");
      return result;
    },
  };
}
