import { rolesWith } from "../auth/policy.ts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Query, Tables } from "../../db/store.ts";
import type { WrittenAgency, WrittenAnswer, WrittenProcedureView } from "../../app/contract/writtenProcedure.ts";

// Reading procedures back as a screen shows them (in full; writtenView.ts cuts them). The
// agencies asked are the case's involved agencies, as the case register gives them.

export type ProcedureRow = Tables["writtenProcedures"]["$inferSelect"];

/** The members of the involved agencies who may decide for them: who is asked, and mailed. */
export async function decidersOf(t: Tables, q: Query, networkId: string, agencyIds: readonly string[]) {
  if (agencyIds.length === 0) return [];
  return q
    .select({ personId: t.persons.id, name: t.persons.name, email: t.persons.email, agencyId: t.memberships.agencyId })
    .from(t.memberships)
    .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
    .where(
      and(
        eq(t.memberships.networkId, networkId),
        inArray(t.memberships.agencyId, [...agencyIds]),
        eq(t.memberships.mandate, "decides"),
        inArray(t.memberships.role, rolesWith("decisions:answerInWriting")),
      ),
    );
}

async function agenciesAsked(
  t: Tables,
  q: Query,
  networkId: string,
  involved: readonly string[],
): Promise<WrittenAgency[]> {
  if (involved.length === 0) return [];
  const deciders = await decidersOf(t, q, networkId, involved);
  const rows = await q
    .select({ agencyId: t.agencies.id, agencyName: t.agencies.name })
    .from(t.agencies)
    .where(inArray(t.agencies.id, [...involved]))
    .orderBy(asc(t.agencies.name));
  return rows.map((a) => ({ ...a, deciders: deciders.filter((d) => d.agencyId === a.agencyId).length }));
}

async function answersOf(t: Tables, q: Query, procedureId: string): Promise<WrittenAnswer[]> {
  const rows = await q
    .select({
      agencyId: t.writtenAnswers.agencyId,
      agencyName: t.agencies.name,
      stance: t.writtenAnswers.stance,
      reason: t.writtenAnswers.reason,
      givenByName: t.persons.name,
      givenAt: t.writtenAnswers.givenAt,
    })
    .from(t.writtenAnswers)
    .innerJoin(t.agencies, eq(t.agencies.id, t.writtenAnswers.agencyId))
    .innerJoin(t.persons, eq(t.persons.id, t.writtenAnswers.givenBy))
    .where(eq(t.writtenAnswers.procedureId, procedureId))
    .orderBy(asc(t.agencies.name));
  return rows.map((a) => ({ ...a, givenAt: a.givenAt.getTime() }));
}

export async function answerOf(
  t: Tables,
  q: Query,
  procedureId: string,
  agencyId: string,
): Promise<WrittenAnswer | null> {
  return (await answersOf(t, q, procedureId)).find((a) => a.agencyId === agencyId) ?? null;
}

async function nameOf(t: Tables, q: Query, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const [person] = await q.select({ name: t.persons.name }).from(t.persons).where(eq(t.persons.id, personId));
  return person?.name ?? "";
}

/**
 * One procedure in full, with the case's involved agencies now; null when there is none of
 * that id in the network.
 */
export async function procedureView(
  t: Tables,
  q: Query,
  networkId: string,
  id: string,
  involved: readonly string[],
): Promise<WrittenProcedureView | null> {
  const [row] = await q
    .select({ p: t.writtenProcedures, code: t.cases.code, summary: t.cases.summary })
    .from(t.writtenProcedures)
    .innerJoin(t.cases, eq(t.cases.id, t.writtenProcedures.caseId))
    .where(and(eq(t.writtenProcedures.id, id), eq(t.writtenProcedures.networkId, networkId)));
  if (!row) return null;
  const { p } = row;
  return {
    id: p.id,
    caseCode: row.code,
    caseSummary: row.summary,
    status: p.status,
    result: p.result,
    deadline: p.deadline.getTime(),
    openedAt: p.openedAt.getTime(),
    concludedAt: p.concludedAt?.getTime() ?? null,
    access: "full",
    detail: {
      reason: p.reason,
      kind: p.kind,
      proposal: p.proposal,
      agencies: await agenciesAsked(t, q, networkId, involved),
      answers: await answersOf(t, q, p.id),
      openedByName: (await nameOf(t, q, p.openedBy)) ?? "",
      concludedByName: await nameOf(t, q, p.concludedBy),
      note: p.note,
      decisionId: p.decisionId,
    },
  };
}

/** The network's procedures, open ones first, newest first. */
export async function procedureRows(t: Tables, q: Query, networkId: string): Promise<ProcedureRow[]> {
  const rows = await q.select().from(t.writtenProcedures).where(eq(t.writtenProcedures.networkId, networkId));
  return rows.sort(
    (a, b) =>
      Number(a.status === "concluded") - Number(b.status === "concluded") ||
      b.openedAt.getTime() - a.openedAt.getTime(),
  );
}
