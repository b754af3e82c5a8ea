import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { agendaItems, cases, decisions, meetings, writtenProcedures } from "../../db/schema/index.ts";
import type { Query, Tables } from "../../db/store.ts";
import { AGENDA_SECTIONS } from "../../app/contract/vocabulary.ts";

// A procedure concluded between the meetings is reported at the next one: an item
// "decided between meetings" about its case (so need to know cuts it as any case item),
// which carries the decision, and so its minutes carry it too.

type Tx = Pick<Db, "select" | "insert" | "update">;

/**
 * Puts the concluded procedures not yet reported on this meeting's agenda, at the end of its
 * opening block. Still synchronous: it runs in the scheduling of a meeting too, which moves
 * to the Store on its own (a converted caller passes `legacyTx(tx)`).
 */
export function reportOnAgenda(tx: Tx, meetingId: string, procedureIds?: readonly string[]): number {
  const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!meeting) return 0;
  const waiting = tx
    .select({ p: writtenProcedures })
    .from(writtenProcedures)
    .innerJoin(cases, eq(cases.id, writtenProcedures.caseId))
    .where(
      and(
        eq(writtenProcedures.networkId, meeting.networkId),
        eq(writtenProcedures.status, "concluded"),
        isNull(writtenProcedures.reportedItemId),
      ),
    )
    .orderBy(asc(writtenProcedures.concludedAt))
    .all()
    .filter((r) => !procedureIds || procedureIds.includes(r.p.id));
  if (waiting.length === 0) return 0;
  const items = tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const firstAfterOpening = items.findIndex((i) => AGENDA_SECTIONS.indexOf(i.section) > 0);
  const at = firstAfterOpening === -1 ? items.length : firstAfterOpening;
  for (const i of items.slice(at))
    tx.update(agendaItems)
      .set({ position: i.position + waiting.length })
      .where(eq(agendaItems.id, i.id))
      .run();
  waiting.forEach(({ p }, n) => {
    const itemId = randomUUID();
    tx.insert(agendaItems)
      .values({
        id: itemId,
        meetingId,
        position: at + n,
        section: "opening",
        reason: "decided_between_meetings",
        kind: "decided_between_meetings",
        title: "",
        caseId: p.caseId,
        plannedMinutes: 2,
      })
      .run();
    tx.update(writtenProcedures)
      .set({ reportedMeetingId: meetingId, reportedItemId: itemId })
      .where(eq(writtenProcedures.id, p.id))
      .run();
    // The decision is heard at this item, and is part of its minutes.
    if (p.decisionId)
      tx.update(decisions).set({ meetingId, agendaItemId: itemId }).where(eq(decisions.id, p.decisionId)).run();
  });
  return waiting.length;
}

/** The network's next meeting still to be held, whose agenda a conclusion joins at once. */
export async function nextScheduledMeeting(t: Tables, q: Query, networkId: string, now: Date): Promise<string | null> {
  const [next] = await q
    .select({ id: t.meetings.id })
    .from(t.meetings)
    .where(and(eq(t.meetings.networkId, networkId), eq(t.meetings.status, "scheduled"), gt(t.meetings.startsAt, now)))
    .orderBy(asc(t.meetings.startsAt))
    .limit(1);
  return next?.id ?? null;
}
