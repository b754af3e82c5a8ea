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
 * opening block, in the caller's transaction. On the Store (decision 0040): the scheduling
 * of a meeting calls it; `reportOnAgenda` below is its synchronous form for the written
 * procedures until they move to the Store, then it goes and this takes its name.
 */
export async function reportOnAgendaOnStore(
  t: Tables,
  tx: Query,
  meetingId: string,
  procedureIds?: readonly string[],
): Promise<number> {
  const [meeting] = await tx.select().from(t.meetings).where(eq(t.meetings.id, meetingId));
  if (!meeting) return 0;
  const waiting = (
    await tx
      .select({ p: t.writtenProcedures })
      .from(t.writtenProcedures)
      .innerJoin(t.cases, eq(t.cases.id, t.writtenProcedures.caseId))
      .where(
        and(
          eq(t.writtenProcedures.networkId, meeting.networkId),
          eq(t.writtenProcedures.status, "concluded"),
          isNull(t.writtenProcedures.reportedItemId),
        ),
      )
      .orderBy(asc(t.writtenProcedures.concludedAt))
  ).filter((r) => !procedureIds || procedureIds.includes(r.p.id));
  if (waiting.length === 0) return 0;
  const items = await tx
    .select()
    .from(t.agendaItems)
    .where(eq(t.agendaItems.meetingId, meetingId))
    .orderBy(asc(t.agendaItems.position));
  const firstAfterOpening = items.findIndex((i) => AGENDA_SECTIONS.indexOf(i.section) > 0);
  const at = firstAfterOpening === -1 ? items.length : firstAfterOpening;
  for (const i of items.slice(at))
    await tx
      .update(t.agendaItems)
      .set({ position: i.position + waiting.length })
      .where(eq(t.agendaItems.id, i.id));
  for (const [n, { p }] of waiting.entries()) {
    const itemId = randomUUID();
    await tx.insert(t.agendaItems).values({
      id: itemId,
      meetingId,
      position: at + n,
      section: "opening",
      reason: "decided_between_meetings",
      kind: "decided_between_meetings",
      title: "",
      caseId: p.caseId,
      plannedMinutes: 2,
    });
    await tx
      .update(t.writtenProcedures)
      .set({ reportedMeetingId: meetingId, reportedItemId: itemId })
      .where(eq(t.writtenProcedures.id, p.id));
    // The decision is heard at this item, and is part of its minutes.
    if (p.decisionId)
      await tx.update(t.decisions).set({ meetingId, agendaItemId: itemId }).where(eq(t.decisions.id, p.decisionId));
  }
  return waiting.length;
}

/** `reportOnAgendaOnStore` in a synchronous transaction (written procedures, until they move to the Store). */
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
export function nextScheduledMeeting(tx: Pick<Db, "select">, networkId: string, now: Date): string | null {
  return (
    tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.networkId, networkId), eq(meetings.status, "scheduled"), gt(meetings.startsAt, now)))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .get()?.id ?? null
  );
}
