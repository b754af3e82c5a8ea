import { rm } from "node:fs/promises";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client.ts";
import { auditLog, deliveries, minutesVersions, networks } from "../../db/schema/index.ts";
import { PURGE_KINDS, type PurgeKind } from "../../app/contract/retention.ts";
import { minutesSchema } from "../documents/minutesModel.ts";
import type { AuditLog } from "../audit/auditLog.ts";
import type { Log } from "../log.ts";
import { createMinutesArchive } from "../minutes/archive.ts";
import { itemNotesDoc, removeCaseContent, removeIdentities } from "./caseContent.ts";
import type { RetentionSchedules } from "./schedule.ts";

// The purge: removes what a network's retention schedule makes due (decision 0033). Rows
// are cleared in the database (secure_delete zeroes the freed pages) and files deleted;
// the write-ahead log is then emptied, so no copy of a removed value is left on disk.
// Each network's purge is one audit entry with counts and ids, never the removed values.

export type PurgeCounts = Record<PurgeKind, number>;

export function createPurge(deps: {
  database: DatabaseHandle;
  audit: AuditLog;
  schedules: RetentionSchedules;
  archiveDir: string;
  outboxDir: string;
  log: Log;
  /** Drops a notes document's cached copy once its rows are gone. */
  forgetNotes: (doc: string) => void;
}) {
  const { database, audit, schedules, log } = deps;
  const { db } = database;
  const archive = createMinutesArchive(deps.archiveDir);

  async function purgeNetwork(networkId: string, now: Date): Promise<PurgeCounts> {
    const schedule = schedules.get(networkId)!;
    const wholeCases = schedules.casesDue(networkId, schedule, now);
    // A case whose whole content goes loses its identity with it.
    const identities = schedules
      .identitiesDue(networkId, schedule, now)
      .filter((c) => !wholeCases.some((w) => w.id === c.id));
    const mail = db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(schedules.mailDue(networkId, schedule, now))
      .all();
    const minutes = db
      .select()
      .from(minutesVersions)
      .where(schedules.minutesDue(networkId, schedule, now))
      .all();
    // Files first: a file whose row still says it is there is tried again at the next run.
    for (const d of mail) {
      await rm(join(deps.outboxDir, `${d.id}.eml`), { force: true });
      await rm(join(deps.outboxDir, "pending", `${d.id}.eml`), { force: true });
    }
    for (const v of minutes) await archive.remove(v.pdfPath);
    const counts: PurgeCounts = { identity: 0, auditAddresses: 0, intakeAddresses: 0, mail: 0, minutes: 0, case: 0 };
    const emptiedItems: string[] = [];
    db.transaction((tx) => {
      const caseIds = identities.map((c) => c.id);
      removeIdentities(tx, caseIds, now);
      counts.identity = caseIds.length;
      for (const c of wholeCases) emptiedItems.push(...removeCaseContent(tx, c.id, now).agendaItemIds);
      counts.case = wholeCases.length;
      // The one change the audit log allows: an address whose keyed hash the chain covers (decision 0029).
      counts.auditAddresses = tx
        .update(auditLog)
        .set({ ip: null })
        .where(schedules.auditAddressesDue(networkId, schedule, now, false))
        .run().changes;
      counts.intakeAddresses = tx
        .update(auditLog)
        .set({ ip: null })
        .where(schedules.auditAddressesDue(networkId, schedule, now, true))
        .run().changes;
      if (mail.length)
        tx.update(deliveries)
          .set({ filesPurgedAt: now })
          .where(
            inArray(
              deliveries.id,
              mail.map((d) => d.id),
            ),
          )
          .run();
      counts.mail = mail.length;
      for (const v of minutes) {
        // The version's row stays (who approved, when, its hash); its items and actions go.
        const frozen = minutesSchema.parse(v.model);
        const emptied = { ...frozen, items: [], actionList: [] };
        tx.update(minutesVersions).set({ model: emptied, purgedAt: now }).where(eq(minutesVersions.id, v.id)).run();
      }
      counts.minutes = minutes.length;
      if (PURGE_KINDS.some((k) => counts[k] > 0))
        audit.append(
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
              minutesVersionIds: minutes.map((v) => v.id),
              schedule,
            },
          },
          tx,
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
      for (const { id } of db.select({ id: networks.id }).from(networks).all()) {
        result.set(id, await purgeNetwork(id, now));
      }
      if ([...result.values()].some((c) => PURGE_KINDS.some((k) => c[k] > 0))) {
        // What was overwritten may still sit in the write-ahead log until a checkpoint.
        database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
      }
      log.info({ networks: Object.fromEntries(result) }, "retention purge");
      return result;
    },
  };
}
