import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Language, Mandate, Role, Sector } from "../../app/contract/vocabulary.ts";
import type { CaseStage } from "../../app/contract/vocabulary.ts";
import type { AuditActor } from "../audit/auditLog.ts";
import type { Services } from "../services.ts";
import { nextCaseCodes } from "./caseCodes.ts";
import { seedMeetings } from "./seedMeetings.ts";
import { dayAfter } from "../../app/contract/time.ts";

// A clearly fictional network: "Riverside" and every person in it are invented, and
// the addresses use the reserved .example domain.
const NETWORK = "Riverside Case Conference (demo)";

const AGENCIES: { key: string; name: string; sector: Sector }[] = [
  { key: "municipality", name: "Municipality of Riverside", sector: "municipality" },
  { key: "police", name: "Riverside Police", sector: "police" },
  { key: "social", name: "Riverside Social Services", sector: "social_services" },
  { key: "health", name: "Riverside Mental Health Trust", sector: "mental_health" },
  { key: "education", name: "Riverside Schools Service", sector: "education" },
  { key: "youth", name: "Riverside Youth Work", sector: "youth_work" },
];

export const DEMO_PEOPLE: {
  name: string;
  email: string;
  agency: string;
  role: Role;
  mandate: Mandate;
  accountable?: boolean;
}[] = [
  { name: "Sam Okafor", email: "admin@riverside.example", agency: "municipality", role: "admin", mandate: "decides" },
  {
    name: "Elena Novak",
    email: "chair@riverside.example",
    agency: "municipality",
    role: "chair",
    mandate: "decides",
    accountable: true,
  },
  {
    name: "Tomás Ruiz",
    email: "coordinator@riverside.example",
    agency: "municipality",
    role: "coordinator",
    mandate: "decides",
  },
  { name: "Jonas Becker", email: "police@riverside.example", agency: "police", role: "member", mandate: "decides" },
  {
    name: "Aïcha Benali",
    email: "social@riverside.example",
    agency: "social",
    role: "member",
    mandate: "reports_back",
  },
  {
    name: "Łukasz Zieliński",
    email: "health@riverside.example",
    agency: "health",
    role: "member",
    mandate: "reports_back",
  },
  {
    name: "Sofia Papadopoulou",
    email: "school@riverside.example",
    agency: "education",
    role: "member",
    mandate: "decides",
  },
  { name: "Niamh O'Brien", email: "youth@riverside.example", agency: "youth", role: "guest", mandate: "reports_back" },
];

const CASES: { stage: CaseStage; summary: string; checkInInDays: number | null }[] = [
  {
    stage: "signal",
    summary: "School reports a change in behaviour and statements in class about a conflict abroad.",
    checkInInDays: null,
  },
  {
    stage: "assessment",
    summary: "Family asks for help: withdrawal from friends, long nights online in closed groups.",
    checkInInDays: 9,
  },
  {
    stage: "active",
    summary: "Plan running: mentoring, return to vocational training, family support.",
    checkInInDays: 16,
  },
  {
    stage: "active",
    summary: "Plan running: mental health support and a youth-work mentor; check-in overdue.",
    checkInInDays: -3,
  },
  { stage: "monitoring", summary: "Goals attained; fade-out monitoring every three months.", checkInInDays: 45 },
];

function isoDay(offsetDays: number): string {
  return dayAfter(offsetDays);
}

/**
 * Fills an empty database with the demo network. Every person gets `password`.
 * Goes through the services, so the audit log tells the story of the setup too.
 */
export async function seedDemo(
  services: Services,
  password: string,
  options: { language?: Language } = {},
): Promise<{ networkId: string; readyMeetingId: string }> {
  const { store } = services.database;
  const { t } = store;
  const [first, ...others] = DEMO_PEOPLE;
  const municipality = AGENCIES[0];
  const token = await services.setup.issueToken();
  if (!token) throw new Error("The demo needs an empty database.");
  const meta = { ip: "127.0.0.1", userAgent: "casetable-demo-seed" };
  const setup = await services.setup.complete(
    token,
    {
      name: first.name,
      email: first.email,
      password,
      networkName: NETWORK,
      timeZone: "Europe/Brussels",
      agencyName: municipality.name,
      agencySector: municipality.sector,
    },
    meta,
  );
  if (!setup.ok) throw new Error("Demo setup failed.");
  const { networkId } = setup;
  const [founder] = await store.db
    .select({ personId: t.memberships.personId })
    .from(t.memberships)
    .where(eq(t.memberships.networkId, networkId))
    .limit(1);
  const admin = { personId: founder.personId, ip: meta.ip };

  const [firstAgency] = await store.db
    .select({ id: t.agencies.id })
    .from(t.agencies)
    .where(eq(t.agencies.networkId, networkId))
    .limit(1);
  const agencyIds = new Map<string, string>([[municipality.key, firstAgency.id]]);
  for (const a of AGENCIES.slice(1)) {
    const added = await services.networks.addAgency(admin, networkId, { name: a.name, sector: a.sector });
    if (added.ok) agencyIds.set(a.key, added.id);
  }

  for (const p of others) {
    const invite = await services.invitations.create(admin, networkId, {
      email: p.email,
      agencyId: agencyIds.get(p.agency)!,
      role: p.role,
      mandate: p.mandate,
    });
    if (!invite.ok) throw new Error(`Demo invitation failed for ${p.email}`);
    const joined = await services.invitations.acceptWithNewAccount(invite.token, { name: p.name, password }, meta);
    if (!joined.ok) throw new Error(`Demo account failed for ${p.email}`);
  }
  // Naming the accountable officer takes two people: the admin asks, the coordinator confirms.
  const everyone = await services.members.list(networkId);
  const coordinator = everyone.find((x) => x.role === "coordinator")!;
  for (const p of others.filter((x) => x.accountable)) {
    const m = everyone.find((x) => x.email === p.email)!;
    const asked = await services.members.change(admin, networkId, m.id, {
      role: m.role,
      mandate: m.mandate,
      agencyId: m.agencyId,
      isAccountableOfficer: true,
    });
    const grant = (await services.members.pendingGrants(networkId)).find((g) => g.membershipId === m.id);
    if (
      !asked.ok ||
      !grant ||
      !(await services.members.confirmGrant({ personId: coordinator.personId, ip: meta.ip }, networkId, grant.id)).ok
    ) {
      throw new Error(`Demo accountable officer failed for ${p.email}`);
    }
  }

  await seedCases(services, admin, networkId);
  if (options.language) await speakInDemo(services, admin, networkId, options.language);
  const { readyId } = await seedMeetings(services, networkId);
  return { networkId, readyMeetingId: readyId };
}

/**
 * The demo's first cases, each at its stage, with no story behind them: no service opens a
 * case half-way through its life, so they are written as they stand, each with a
 * `case.seeded` entry in the audit chain.
 */
async function seedCases(services: Services, admin: AuditActor, networkId: string): Promise<void> {
  const { store } = services.database;
  const year = new Date().getFullYear();
  await store.transaction(async (tx) => {
    const codeOf = await nextCaseCodes(store, tx, networkId);
    const seeded = CASES.map((c) => ({
      id: randomUUID(),
      networkId,
      code: codeOf(year),
      stage: c.stage,
      summary: c.summary,
      nextCheckInOn: c.checkInInDays === null ? null : isoDay(c.checkInInDays),
    }));
    await tx.insert(store.t.cases).values(seeded);
    // The audit chain last: its lock is held until the commit (decision 0040).
    for (const { id, code } of seeded)
      await services.auditChain.append(tx, admin, {
        action: "case.seeded",
        networkId,
        subjectType: "case",
        subjectId: id,
        details: { code },
      });
  });
}

/** How the demo network writes dates in each language: a Belgian network, but for German. */
const DEMO_LOCALES: Record<Language, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE", de: "de-DE" };

/**
 * The demo in one language (`npm run demo -- --lang nl`): the network's default language and
 * date style, and every demo person's own language, so each page, mail and the room speak it
 * whatever the browser asks for.
 */
async function speakInDemo(
  services: Services,
  admin: AuditActor,
  networkId: string,
  language: Language,
): Promise<void> {
  const { store } = services.database;
  const { t } = store;
  await services.networks.setLanguage(admin, networkId, language);
  // No page sets a network's date style yet; the demo writes it as an installer would.
  await store.transaction(async (tx) => {
    await tx.update(t.networks).set({ locale: DEMO_LOCALES[language] }).where(eq(t.networks.id, networkId));
  });
  const people = await store.db
    .select({ personId: t.memberships.personId })
    .from(t.memberships)
    .where(eq(t.memberships.networkId, networkId));
  for (const { personId } of people) await services.accounts.setLanguage(personId, language);
}
