import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Query, Tables } from "../../db/store.ts";
import { AGENDA_SECTIONS } from "../../app/contract/vocabulary.ts";

// A procedure concluded between the meetings is reported at the next one: an item
// "decided between meetings" about its case (so need to know cuts it as any case item),
// which carries the decision, and so its minutes carry it too.

/**
 * Puts the concluded procedures not yet reported on this meeting's agenda, at the end of its
 * opening block, in the caller's transaction: a conclusion, or the scheduling of a meeting.
 */
export async function reportOnAgenda(
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
