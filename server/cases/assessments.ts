import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Store } from "../../db/store.ts";
import { JUDGEMENTS } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { networkToday } from "../networks/today.ts";
import type { CaseRow } from "./caseRegister.ts";
import { compareAssessments, type DomainAnswer, type DomainChange } from "../../app/contract/assessmentChanges.ts";
import { domainKeysOf, type AssessmentTemplate } from "../../app/contract/assessmentTemplate.ts";

/** One domain as the form or the demo seed gives it. */
export type DomainInput = Omit<DomainAnswer, "key">;

export interface AssessmentInput {
  /** The day the group made the assessment (YYYY-MM-DD), not later than today. */
  assessedOn: string;
  /** One entry per domain of the template, by domain key. */
  domains: Record<string, DomainInput>;
  template?: string;
}

export type AssessmentRefusal = "unknown_template" | "missing_domain" | "unknown_domain" | "future_date";

export interface Assessment {
  id: string;
  template: string;
  assessedOn: string;
  domains: DomainAnswer[];
  recordedBy: { id: string; name: string };
  recordedAt: Date;
}

const storedDomains = z.array(
  z.object({
    key: z.string(),
    riskFactors: z.string(),
    protectiveFactors: z.string(),
    known: z.string(),
    unknown: z.string(),
    judgement: z.enum(JUDGEMENTS),
    reasoning: z.string(),
  }),
);

export function createAssessments(deps: {
  store: Store;
  audit: AuditChain;
  templates: ReadonlyMap<string, AssessmentTemplate>;
}) {
  const { store, audit, templates } = deps;
  const { assessments, persons } = store.t;

  function template(id = "default"): AssessmentTemplate | null {
    return templates.get(id) ?? null;
  }

  /** Every assessment of the case, oldest first (by the day it was made, then when it was recorded). */
  async function list(caseId: string): Promise<Assessment[]> {
    const rows = await store.db
      .select({ a: assessments, byName: persons.name })
      .from(assessments)
      .innerJoin(persons, eq(persons.id, assessments.recordedBy))
      .where(eq(assessments.caseId, caseId))
      .orderBy(asc(assessments.assessedOn), asc(assessments.recordedAt));
    return rows.map(({ a, byName }) => ({
      id: a.id,
      template: a.template,
      assessedOn: a.assessedOn,
      domains: storedDomains.parse(a.domains),
      recordedBy: { id: a.recordedBy, name: byName },
      recordedAt: a.recordedAt,
    }));
  }

  return {
    template,
    list,

    /**
     * One assessment (the latest when no id is given) with what changed in each domain
     * since the one before it. Null when the case has none (or the id is not this case's).
     */
    async withChanges(
      caseId: string,
      id?: string,
    ): Promise<{ assessment: Assessment; previous: Assessment | null; changes: DomainChange[] } | null> {
      const all = await list(caseId);
      const at = id ? all.findIndex((a) => a.id === id) : all.length - 1;
      if (at < 0) return null;
      const previous = at > 0 ? all[at - 1] : null;
      return { assessment: all[at], previous, changes: compareAssessments(previous?.domains ?? null, all[at].domains) };
    },

    /** Records a dated assessment; earlier ones are kept untouched. */
    async record(
      actor: AuditActor & { personId: string },
      theCase: CaseRow,
      input: AssessmentInput,
    ): Promise<{ ok: true; id: string } | { ok: false; reason: AssessmentRefusal; domain?: string }> {
      const t = template(input.template);
      if (!t) return { ok: false, reason: "unknown_template" };
      const keys = domainKeysOf(t);
      const missing = keys.find((k) => !input.domains[k]);
      if (missing) return { ok: false, reason: "missing_domain", domain: missing };
      const unknown = Object.keys(input.domains).find((k) => !keys.includes(k));
      if (unknown) return { ok: false, reason: "unknown_domain", domain: unknown };
      if (input.assessedOn > (await networkToday(store, theCase.networkId)))
        return { ok: false, reason: "future_date" };

      const domains: DomainAnswer[] = keys.map((key) => {
        const d = input.domains[key];
        return {
          key,
          riskFactors: d.riskFactors.trim(),
          protectiveFactors: d.protectiveFactors.trim(),
          known: d.known.trim(),
          unknown: d.unknown.trim(),
          judgement: d.judgement,
          reasoning: d.reasoning.trim(),
        };
      });
      const id = randomUUID();
      await store.transaction(async (tx) => {
        await tx.insert(assessments).values({
          id,
          caseId: theCase.id,
          template: t.id,
          assessedOn: input.assessedOn,
          domains,
          recordedBy: actor.personId,
        });
        // The judgements stay out of the audit log: it records who did what, not the content.
        await audit.append(tx, actor, {
          action: "assessment.recorded",
          networkId: theCase.networkId,
          subjectType: "case",
          subjectId: theCase.id,
          details: { code: theCase.code, assessmentId: id, assessedOn: input.assessedOn, template: t.id },
        });
      });
      return { ok: true, id };
    },
  };
}
