import { comparePlans, type FieldChange, type PlanChanges } from "../../app/contract/planChanges.ts";
import type { PlanContent } from "../../app/contract/planContent.ts";
import type { SharingBasisState } from "../../app/contract/sharingBasis.ts";
import { PdfWriter } from "./pdfWriter.ts";
import { fill, formatDay, formatMoment, labeller, loadDocumentTemplate, loadLayout } from "./templates.ts";

export interface ActionPlanDocument {
  network: { name: string; timeZone: string };
  caseCode: string;
  version: number;
  savedBy: string;
  savedAt: Date;
  content: PlanContent;
  /** The version before, to say what changed; null for the first version. */
  previous: { version: number; content: PlanContent } | null;
  /** The network's marking; the template's default ("RESTRICTED") when not given. */
  classification?: string;
  /** The basis the case's information is shared on; not printed when not given. */
  sharingBasis?: SharingBasisState;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The current version of a case's action plan as a tagged PDF. Names the case by its code only. */
export async function renderActionPlanPdf(
  plan: ActionPlanDocument,
  options: { createdAt?: Date } = {},
): Promise<Buffer> {
  const layout = loadLayout();
  const template = loadDocumentTemplate("action-plan");
  const L = labeller(template);
  const { locale } = layout;
  const c = layout.colours;
  const day = (d: string | null) => (!d ? "" : DAY.test(d) ? formatDay(d, locale) : d);
  const createdAt = options.createdAt ?? new Date();
  const classification = plan.classification?.trim() || layout.classification;
  const title = fill(template.title, { code: plan.caseCode });
  const w = new PdfWriter(layout, {
    title,
    subject: `${plan.network.name}: ${title}, ${L("version")} ${plan.version}`,
    documentName: `${template.documentName} ${plan.caseCode}`,
    classification,
    version: plan.version,
    dateText: formatMoment(plan.savedAt, locale, plan.network.timeZone, { date: true }),
    createdAt,
  });
  const { content } = plan;

  w.group("Sect", () => {
    w.heading("title", title, { keepWith: 120 });
    w.paragraph(plan.network.name, { size: layout.sizes.subtitle, colour: c.muted, gapAfter: 8 });
    w.facts([
      [L("case"), plan.caseCode],
      [L("version"), String(plan.version)],
      [L("savedBy"), plan.savedBy],
      [L("savedAt"), formatMoment(plan.savedAt, locale, plan.network.timeZone)],
      ...(plan.sharingBasis ? [[L("sharingBasis"), sharingLine(L, plan.sharingBasis, day)] as [string, string]] : []),
    ]);
    w.notice(template.confidentialityNotice, { title: classification });
  });

  w.group("Sect", () => {
    w.heading(1, L("context"));
    if (content.socialContext.trim()) for (const p of content.socialContext.split(/\n\s*\n/)) w.paragraph(p.trim());
    else w.paragraph(L("noContext"), { style: "italic", colour: c.muted });
  });

  const goalNumber = new Map(content.goals.map((g, i) => [g.id, i + 1]));
  w.group("Sect", () => {
    w.heading(1, L("goals"));
    content.goals.forEach((g, i) => {
      w.heading(3, `${L("goal", { number: i + 1 })}: ${g.what}`, { keepWith: 40 });
      w.facts([
        [L("measure"), g.measure],
        [L("byWhen"), day(g.byWhen)],
        [L("standing"), L(`standings.${g.standing}`)],
      ]);
    });
  });

  w.group("Sect", () => {
    w.heading(1, L("actions"));
    if (content.actions.length)
      w.table(
        [
          { header: L("forGoal"), width: 1.2 },
          { header: L("action"), width: 4.2 },
          { header: L("owner"), width: 2.6 },
          { header: L("agency"), width: 2.6 },
          { header: L("start"), width: 1.9 },
          { header: L("due"), width: 1.9 },
          { header: L("status"), width: 3.2 },
        ],
        content.actions.map((a) => [
          String(goalNumber.get(a.goalId) ?? ""),
          a.what,
          a.ownerPerson?.name ?? "",
          a.ownerAgency.name,
          day(a.startOn),
          day(a.dueOn),
          a.status === "stopped" && a.stopReason
            ? `${L("statuses.stopped")}: ${L(`stopReasons.${a.stopReason}`)}`
            : L(`statuses.${a.status}`),
        ]),
      );
    else w.paragraph(L("noActions"), { colour: c.muted });
  });

  w.group("Sect", () => {
    w.heading(1, L("coordinators"), { keepWith: 60 });
    w.facts([
      [L("contentCoordinator"), content.contentCoordinator?.name ?? L("nobody")],
      [L("processCoordinator"), content.processCoordinator?.name ?? L("nobody")],
      [L("organisations"), content.agencies.map((a) => a.name).join("\n")],
    ]);
    w.heading(1, L("checkIns"), { keepWith: 40 });
    w.facts([[L("nextCheckIn"), day(content.nextCheckInOn)]]);
    w.paragraph(L("checkInNote"), { colour: c.muted });
  });

  w.group("Sect", () => {
    if (!plan.previous) {
      w.heading(1, L("changesHeading"), { keepWith: 30 });
      w.paragraph(L("firstVersion"), { colour: c.muted });
      return;
    }
    w.heading(1, L("changes", { previous: plan.previous.version }), { keepWith: 40 });
    renderChanges(w, L, comparePlans(plan.previous.content, content), day);
  });

  return w.finish();
}

function sharingLine(L: ReturnType<typeof labeller>, s: SharingBasisState, day: (d: string) => string): string {
  switch (s.state) {
    case "none":
      return L("sharing.none");
    case "not_sought":
      return L("sharing.not_sought", {
        basis: s.basis,
        reference: [s.reference, s.caseReference].filter(Boolean).join("; "),
      });
    default:
      return L(`sharing.${s.state}`, { on: day(s.on), by: L(`sharing.givers.${s.by}`) });
  }
}

function renderChanges(
  w: PdfWriter,
  L: ReturnType<typeof labeller>,
  changes: PlanChanges,
  day: (d: string | null) => string,
) {
  if (changes.same) return w.paragraph(L("noChanges"), { colour: w.layout.colours.muted });
  const value = (f: FieldChange, v: string | null) => {
    if (v === null || v === "") return L("none");
    if (f.field === "status") return L(`statuses.${v}`);
    if (f.field === "standing") return L(`standings.${v}`);
    if (f.field === "stopReason") return L(`stopReasons.${v}`);
    return day(v);
  };
  const describe = (fields: FieldChange[]) =>
    fields.map((f) => `${L(`fields.${f.field}`)}: ${value(f, f.from)} → ${value(f, f.to)}`).join("\n");
  const rows: string[][] = [];
  for (const f of changes.plan) rows.push([L("changed"), L(`fields.${f.field}`), describe([f])]);
  for (const a of changes.agencies.added) rows.push([L("agencyAdded"), a.name, ""]);
  for (const a of changes.agencies.removed) rows.push([L("agencyRemoved"), a.name, ""]);
  for (const g of changes.goals) rows.push([L(g.kind), `${L("forGoal")}: ${g.label}`, describe(g.fields)]);
  for (const a of changes.actions) rows.push([L(a.kind), `${L("action")}: ${a.label}`, describe(a.fields)]);
  w.table(
    [
      { header: L("changeKind"), width: 2 },
      { header: L("changeItem"), width: 5 },
      { header: L("changeDetail"), width: 6 },
    ],
    rows,
  );
}
