import type { AgendaItemKind, AgendaReason, AgendaSection, CaseStage } from "../../app/contract/vocabulary.ts";
import type { AgendaTemplate } from "./agendaTemplate.ts";

// Builds a meeting's agenda from the state of the cases. Pure: the facts come in, the
// items go out, each with the reasons it is there, so the table can see why, and with
// what it is (its kind), from which each reader's screen words its title.

export interface AgendaFacts {
  /** The day of the meeting (YYYY-MM-DD): "overdue" means due before it. */
  meetingOn: string;
  /** Check-ins falling due before this day (the next meeting, or a month on) come up now. */
  horizonOn: string;
  /** When the previous meeting of the network was held; null for the first. */
  lastMeetingAt: Date | null;
  signals: {
    signalId: string;
    caseId: string;
    code: string;
    receivedAt: Date;
    caseStage: CaseStage;
    routed: boolean;
  }[];
  cases: {
    caseId: string;
    code: string;
    stage: CaseStage;
    nextCheckInOn: string | null;
    isMinor: boolean;
    openClosureProposal: boolean;
  }[];
  openTasks: { caseId: string; dueOn: string | null; fromLastMeeting: boolean }[];
  fadeOutChecks: { caseId: string; dueOn: string }[];
  /** Consents withdrawn (when recorded): one since the last meeting brings its case up. */
  consentWithdrawals?: { caseId: string; at: Date }[];
  /** Items the last meeting deferred: they come back in their section. */
  deferred: {
    section: AgendaSection;
    kind: AgendaItemKind;
    title: string;
    caseId: string | null;
    signalId: string | null;
  }[];
}

export interface PlannedItem {
  section: AgendaSection;
  /** The first reason, stored with the item. */
  reason: AgendaReason;
  /** Every reason the item is on the agenda. */
  reasons: AgendaReason[];
  kind: AgendaItemKind;
  /** The typed title of an `own` item (one deferred from the last meeting); empty for the others. */
  title: string;
  caseId: string | null;
  signalId: string | null;
  plannedMinutes: number;
}

const RUNNING: readonly CaseStage[] = ["assessment", "active", "monitoring"];

function minutesFor(template: AgendaTemplate, section: AgendaSection, fallback = 5): number {
  const s = template.sections.find((x) => x.section === section);
  if (!s) return fallback;
  return "minutes" in s ? s.minutes : s.minutesPerItem;
}

export function buildAgenda(template: AgendaTemplate, facts: AgendaFacts): PlannedItem[] {
  const codeOf = new Map(facts.cases.map((c) => [c.caseId, c.code]));
  for (const s of facts.signals) codeOf.set(s.caseId, s.code);
  const caseById = new Map(facts.cases.map((c) => [c.caseId, c]));
  const item = (
    section: AgendaSection,
    reasons: AgendaReason[],
    kind: AgendaItemKind,
    caseId: string | null = null,
    signalId: string | null = null,
    title = "",
  ): PlannedItem => ({
    section,
    reason: reasons[0],
    reasons,
    kind,
    title,
    caseId,
    signalId,
    plannedMinutes: minutesFor(template, section),
  });

  const out: PlannedItem[] = [item("opening", ["opening"], "opening")];

  // MARAC practice: the actions left open at the last meeting come first, as one block
  // where each is found done, no longer possible, or not done by its agency.
  if (facts.openTasks.some((t) => t.fromLastMeeting))
    out.push(item("opening", ["open_tasks_last_meeting"], "open_tasks"));

  // New signals: received since the last meeting, or still waiting for their routing.
  const newSignals = facts.signals
    .filter(
      (s) =>
        (!s.routed && s.caseStage === "signal") || (facts.lastMeetingAt !== null && s.receivedAt > facts.lastMeetingAt),
    )
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  // One item per signal: its source check (grading, motives, the security question) is the
  // item's first phase and the routing its second (decision 0036), so the agenda never
  // lists the case twice for one signal. A source check deferred by an earlier meeting,
  // when it was an item of its own, comes back as this item too.
  const wasDeferred = (signalId: string) =>
    facts.deferred.some((d) => d.signalId === signalId && (d.section === "signals" || d.section === "reliability"));
  for (const s of newSignals)
    out.push(
      item(
        "signals",
        wasDeferred(s.signalId) ? ["deferred", "new_signal"] : ["new_signal"],
        "signal",
        s.caseId,
        s.signalId,
      ),
    );

  // Check-ins: one item per case, with every reason it comes up.
  const reasons = new Map<string, Set<AgendaReason>>();
  const add = (caseId: string, r: AgendaReason) => {
    if (caseById.get(caseId)?.openClosureProposal) return;
    if (!reasons.has(caseId)) reasons.set(caseId, new Set());
    reasons.get(caseId)!.add(r);
  };
  for (const d of facts.deferred) if (d.section === "checkins" && d.caseId) add(d.caseId, "deferred");
  for (const w of facts.consentWithdrawals ?? [])
    if (facts.lastMeetingAt === null || w.at > facts.lastMeetingAt) add(w.caseId, "consent_withdrawn");
  for (const c of facts.cases) {
    if (RUNNING.includes(c.stage) && c.nextCheckInOn !== null && c.nextCheckInOn < facts.horizonOn)
      add(c.caseId, "check_in_due");
  }
  for (const f of facts.fadeOutChecks) if (f.dueOn < facts.horizonOn) add(f.caseId, "fade_out_check");
  for (const t of facts.openTasks) if (t.dueOn !== null && t.dueOn < facts.meetingOn) add(t.caseId, "overdue_tasks");

  // A consent withdrawn changes what the table may share about the case: it is said first.
  const ORDER: AgendaReason[] = ["consent_withdrawn", "deferred", "overdue_tasks", "check_in_due", "fade_out_check"];
  const checkIns = [...reasons]
    .filter(([caseId]) => codeOf.has(caseId))
    .map(([caseId, set]) => ({ caseId, reasons: ORDER.filter((r) => set.has(r)), c: caseById.get(caseId) }))
    // MARAC practice: cases with children before adult-only.
    .sort(
      (a, b) =>
        Number(b.c?.isMinor ?? false) - Number(a.c?.isMinor ?? false) ||
        ORDER.indexOf(a.reasons[0]) - ORDER.indexOf(b.reasons[0]) ||
        (a.c?.nextCheckInOn ?? "9999").localeCompare(b.c?.nextCheckInOn ?? "9999") ||
        codeOf.get(a.caseId)!.localeCompare(codeOf.get(b.caseId)!),
    );
  for (const c of checkIns) out.push(item("checkins", c.reasons, "check_in", c.caseId));

  for (const c of facts.cases.filter((x) => x.openClosureProposal).sort((a, b) => a.code.localeCompare(b.code))) {
    out.push(item("closures", ["closure_proposal"], "closure_proposal", c.caseId));
  }
  for (const d of facts.deferred.filter((x) => x.section === "aob"))
    out.push(item("aob", ["deferred"], d.kind, null, null, d.title));
  out.push(item("aob", ["aob"], "aob"));
  return out;
}

/** When the meeting ends if every item takes its planned time. */
export function plannedEnd(startsAt: Date, items: readonly { plannedMinutes: number; status?: string }[]): Date {
  return new Date(
    startsAt.getTime() +
      items.filter((i) => i.status !== "deferred").reduce((sum, i) => sum + i.plannedMinutes, 0) * 60_000,
  );
}
