import type { Services } from "../../server/services.ts";
import type { PlanInput } from "../../app/contract/planContent.ts";
import type { DomainInput } from "../../server/cases/assessments.ts";
import { closureTemplate } from "../../server/cases/closureTemplate.ts";
import type { Network } from "./fixtures.ts";

/** The code of a seeded demo case, e.g. caseCode(3) → "C-2026-0003". */
export const caseCode = (n: number) => `C-${new Date().getFullYear()}-${String(n).padStart(4, "0")}`;

export async function seededCase(services: Services, networkId: string, n: number) {
  const found = await services.caseRegister.findByCode(networkId, caseCode(n));
  if (!found) throw new Error(`No seeded case ${caseCode(n)}`);
  return found;
}

/** A new signal (a new case at the signal stage) registered by the school's member, as the signal form would. */
export function registerSignal(services: Services, net: Network, subjectName = "Case Subject") {
  const school = net.members.find((m) => m.email === "school@riverside.example")!;
  return services.signals.register(
    { personId: school.personId, ip: null },
    {
      networkId: net.networkId,
      agencyId: school.agencyId,
      receivedAt: new Date(),
      channel: "school",
      reporter: {
        name: "Mr Hendriks",
        organisation: "Riverside North College",
        contact: "+32 2 555 01 23",
        withheld: true,
      },
      concern: "Statements in class about a conflict abroad; has stopped seeing old friends.",
      summary: "School reports a change in behaviour.",
      subject: { name: subjectName, dateOfBirth: null, address: null, contacts: null },
    },
  );
}

/** Makes the network's agencies of these sectors the ones involved in seeded case `n`. */
export async function involveSectors(services: Services, net: Network, n: number, sectors: string[]) {
  const agencyOf = (sector: string) => net.members.find((m) => m.agencySector === sector)!.agencyId;
  const theCase = await seededCase(services, net.networkId, n);
  await services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, theCase, sectors.map(agencyOf));
  return theCase;
}

/** A plan as the browser posts it: Conform's field names, empty fields left out. */
export function planFormFields(plan: PlanInput, baseVersion: number): Record<string, string> {
  const fields: Record<string, string> = {
    baseVersion: String(baseVersion),
    socialContext: plan.socialContext,
    nextCheckInOn: plan.nextCheckInOn,
  };
  const put = (name: string, v: string | null | undefined) => {
    if (v) fields[name] = v;
  };
  plan.goals.forEach((g, i) => {
    put(`goals[${i}].id`, g.id);
    put(`goals[${i}].what`, g.what);
    put(`goals[${i}].measure`, g.measure);
    put(`goals[${i}].byWhen`, g.byWhen);
    put(`goals[${i}].standing`, g.standing);
  });
  plan.actions.forEach((a, i) => {
    put(`actions[${i}].id`, a.id);
    put(`actions[${i}].goalId`, a.goalId);
    put(`actions[${i}].what`, a.what);
    put(`actions[${i}].ownerAgencyId`, a.ownerAgencyId);
    put(`actions[${i}].ownerPersonId`, a.ownerPersonId);
    put(`actions[${i}].startOn`, a.startOn);
    put(`actions[${i}].dueOn`, a.dueOn);
    put(`actions[${i}].status`, a.status);
    put(`actions[${i}].stopReason`, a.stopReason);
  });
  plan.agencyIds.forEach((id, i) => (fields[`agencyIds[${i}]`] = id));
  put("contentCoordinatorId", plan.contentCoordinatorId);
  put("processCoordinatorId", plan.processCoordinatorId);
  return fields;
}

export const DOMAIN_KEYS = [
  "beliefs_rhetoric",
  "readiness_violence",
  "social_influence",
  "psychological_vulnerability",
  "family",
  "networks_leisure",
  "education_work",
  "individual_resilience",
] as const;

/** A full answer for every domain of the default template, with `overrides` per domain. */
export function assessmentDomains(
  overrides: Partial<Record<string, Partial<DomainInput>>> = {},
): Record<string, DomainInput> {
  return Object.fromEntries(
    DOMAIN_KEYS.map((key) => [
      key,
      {
        riskFactors: "",
        protectiveFactors: "",
        known: "",
        unknown: "",
        judgement: "unknown",
        reasoning: `Too little information on ${key} yet.`,
        ...overrides[key],
      } as DomainInput,
    ]),
  );
}

export function assessmentFormFields(assessedOn: string, domains: Record<string, DomainInput>): Record<string, string> {
  const fields: Record<string, string> = { assessedOn };
  for (const [key, d] of Object.entries(domains)) {
    for (const [field, value] of Object.entries(d)) if (value) fields[`domains.${key}.${field}`] = value;
  }
  return fields;
}

/** A page's text as a reader gets it: no tags, scripts or React's comment markers. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

/** The items of the default closure checklist (templates/closure/default.json). */
const closureItems = () => closureTemplate().items.map((i) => i.key);

/** Every closure checklist item answered, as the service takes it. */
export const closureChecklist = (answer: "yes" | "no" = "yes") =>
  Object.fromEntries(closureItems().map((k) => [k, { answer, note: "" }]));

/** Every closure checklist item answered, as the closure form posts it; with `note`, each with a note naming its item. */
export const closureFormFields = (answer: string, options: { note?: boolean } = {}) =>
  Object.fromEntries(
    closureItems().flatMap((k) => [
      [`items.${k}.answer`, answer],
      ...(options.note ? [[`items.${k}.note`, `note on ${k}`]] : []),
    ]),
  );
