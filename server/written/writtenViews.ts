import { rolesWith } from "../auth/policy.ts";
import { involvedAgencies } from "../cases/caseRegister.ts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, cases, memberships, persons, writtenAnswers, writtenProcedures } from "../../db/schema/index.ts";
import type {
  WrittenAgency,
  WrittenAnswer,
  WrittenOutcome,
  WrittenProcedureView,
} from "../../app/contract/writtenProcedure.ts";

// Reading procedures back as a screen shows them (in full; writtenView.ts cuts them).

type Read = Pick<Db, "select">;
export type ProcedureRow = typeof writtenProcedures.$inferSelect;

/** The members of the involved agencies who may decide for them: who is asked, and mailed. */
export function decidersOf(tx: Read, networkId: string, agencyIds: readonly string[]) {
  if (agencyIds.length === 0) return [];
  return tx
    .select({ personId: persons.id, name: persons.name, email: persons.email, agencyId: memberships.agencyId })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.networkId, networkId),
        inArray(memberships.agencyId, agencyIds),
        eq(memberships.mandate, "decides"),
        inArray(memberships.role, rolesWith("decisions:answerInWriting")),
      ),
    )
    .all();
}

function agenciesAsked(tx: Read, networkId: string, caseId: string): WrittenAgency[] {
  const ids = involvedAgencies(tx, caseId);
  if (ids.length === 0) return [];
  const deciders = decidersOf(tx, networkId, ids);
  return tx
    .select({ agencyId: agencies.id, agencyName: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, ids))
    .orderBy(asc(agencies.name))
    .all()
    .map((a) => ({ ...a, deciders: deciders.filter((d) => d.agencyId === a.agencyId).length }));
}

function answersOf(tx: Read, procedureId: string): WrittenAnswer[] {
  return tx
    .select({
      agencyId: writtenAnswers.agencyId,
      agencyName: agencies.name,
      stance: writtenAnswers.stance,
      reason: writtenAnswers.reason,
      givenByName: persons.name,
      givenAt: writtenAnswers.givenAt,
    })
    .from(writtenAnswers)
    .innerJoin(agencies, eq(agencies.id, writtenAnswers.agencyId))
    .innerJoin(persons, eq(persons.id, writtenAnswers.givenBy))
    .where(eq(writtenAnswers.procedureId, procedureId))
    .orderBy(asc(agencies.name))
    .all()
    .map((a) => ({ ...a, givenAt: a.givenAt.getTime() }));
}

export function answerOf(tx: Read, procedureId: string, agencyId: string): WrittenAnswer | null {
  return answersOf(tx, procedureId).find((a) => a.agencyId === agencyId) ?? null;
}

const nameOf = (tx: Read, personId: string | null) =>
  personId ? (tx.select({ name: persons.name }).from(persons).where(eq(persons.id, personId)).get()?.name ?? "") : null;

/** One procedure in full, or null when there is none of that id in the network. */
export function procedureView(tx: Read, networkId: string, id: string): WrittenProcedureView | null {
  const row = tx
    .select({ p: writtenProcedures, code: cases.code, summary: cases.summary })
    .from(writtenProcedures)
    .innerJoin(cases, eq(cases.id, writtenProcedures.caseId))
    .where(and(eq(writtenProcedures.id, id), eq(writtenProcedures.networkId, networkId)))
    .get();
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
      proposal: JSON.parse(p.proposal) as WrittenOutcome,
      agencies: agenciesAsked(tx, networkId, p.caseId),
      answers: answersOf(tx, p.id),
      openedByName: nameOf(tx, p.openedBy) ?? "",
      concludedByName: nameOf(tx, p.concludedBy),
      note: p.note,
      decisionId: p.decisionId,
    },
  };
}

/** The network's procedures, open ones first, newest first. */
export function procedureRows(tx: Read, networkId: string): ProcedureRow[] {
  return tx
    .select()
    .from(writtenProcedures)
    .where(eq(writtenProcedures.networkId, networkId))
    .all()
    .sort(
      (a, b) =>
        Number(a.status === "concluded") - Number(b.status === "concluded") ||
        b.openedAt.getTime() - a.openedAt.getTime(),
    );
}
