import { comparePlans, type FieldChange, type PlanChanges } from "../../app/contract/planChanges.ts";
import type { PlanContent } from "../../app/contract/planContent.ts";
import type { SharingBasisState } from "../../app/contract/sharingBasis.ts";
import { formatFullDay, formatFullMoment, formatLongDay, readerDateStyle } from "../../app/contract/dates.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { PdfWriter } from "./pdfWriter.ts";
import { loadLayout } from "./templates.ts";
import { documentWords, markingIn, type DocumentWords } from "./words.ts";

export interface ActionPlanDocument {
  /** `locale`: how the network writes dates (a reader of another language reads them in their own). */
  network: { name: string; timeZone: string; locale: string };
  caseCode: string;
  version: number;
  savedBy: string;
  savedAt: Date;
  content: PlanContent;
  /** The version before, to say what changed; null for the first version. */
  previous: { version: number; content: PlanContent } | null;
  /** The network's marking; the default in the plan's language ("RESTRICTED"…) when not given. */
  classification?: string | null;
  /** The basis the case's information is shared on; not printed when not given. */
  sharingBasis?: SharingBasisState;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The current version of a case's action plan as a tagged PDF in the reader's language.
 * Names the case by its code only.
 */
export async function renderActionPlanPdf(
  plan: ActionPlanDocument,
  options: { createdAt?: Date; language?: Language } = {},
): Promise<Buffer> {
  const layout = loadLayout();
  const W = documentWords(options.language ?? "en");
  const L = W.doc;
  const P = (key: string, vars?: Record<string, string | number>) => W.page(`plans.${key}`, vars);
  const dates = readerDateStyle(W.language, plan.network);
  const c = layout.colours;
  const day = (d: string | null) => (!d ? "" : DAY.test(d) ? formatLongDay(d, dates) : d);
  const createdAt = options.createdAt ?? new Date();
  const classification = markingIn(plan.classification, W.language);
  const title = L("actionPlanPdf.title", { code: plan.caseCode });
  const documentName = L("actionPlanPdf.documentName", { code: plan.caseCode });
  const w = new PdfWriter(layout, {
    language: dates.locale,
    title,
    subject: L("actionPlanPdf.subject", { network: plan.network.name, code: plan.caseCode, version: plan.version }),
    documentName,
    classification,
    dated: W.doc("page.dated", {
      document: documentName,
      version: plan.version,
      date: formatFullDay(plan.savedAt, dates),
    }),
    pageOf: (page, pages) => W.doc("page.number", { page, pages }),
    createdAt,
  });
  const { content } = plan;

  w.group("Sect", () => {
    w.heading("title", title, { keepWith: 120 });
    w.paragraph(plan.network.name, { size: layout.sizes.subtitle, colour: c.muted, gapAfter: 8 });
    w.facts([
      [L("actionPlanPdf.case"), plan.caseCode],
      [L("actionPlanPdf.version"), String(plan.version)],
      [L("actionPlanPdf.savedBy"), plan.savedBy],
      [L("actionPlanPdf.savedAt"), formatFullMoment(plan.savedAt, dates)],
      ...(plan.sharingBasis
        ? [[L("actionPlanPdf.sharingBasis"), sharingLine(W, plan.sharingBasis, day)] as [string, string]]
        : []),
    ]);
    w.notice(L("actionPlanPdf.confidentialityNotice"), { title: classification });
  });

  w.group("Sect", () => {
    w.heading(1, P("form.socialContext"));
    if (content.socialContext.trim()) for (const p of content.socialContext.split(/\n\s*\n/)) w.paragraph(p.trim());
    else w.paragraph(L("actionPlanPdf.noContext"), { style: "italic", colour: c.muted });
  });

  const goalNumber = new Map(content.goals.map((g, i) => [g.id, i + 1]));
  w.group("Sect", () => {
    w.heading(1, P("form.goals"));
    content.goals.forEach((g, i) => {
      w.heading(3, `${P("form.goalN", { n: i + 1 })}: ${g.what}`, { keepWith: 40 });
      w.facts([
        [P("form.measure"), g.measure],
        [P("form.byWhen"), day(g.byWhen)],
        [P("form.standing"), P(`standings.${g.standing}`)],
      ]);
    });
  });

  w.group("Sect", () => {
    w.heading(1, P("form.actions"));
    if (content.actions.length)
      w.table(
        [
          { header: P("compare.goal"), width: 1.2 },
          { header: P("compare.action"), width: 4.2 },
          { header: P("view.owner"), width: 2.6 },
          { header: L("actionPlanPdf.agency"), width: 2.6 },
          { header: P("form.startOn"), width: 1.9 },
          { header: P("form.dueOn"), width: 1.9 },
          { header: P("form.status"), width: 3.2 },
        ],
        content.actions.map((a) => [
          String(goalNumber.get(a.goalId) ?? ""),
          a.what,
          a.ownerPerson?.name ?? "",
          a.ownerAgency.name,
          day(a.startOn),
          day(a.dueOn),
          a.status === "stopped" && a.stopReason
            ? L("actionPlanPdf.stoppedBecause", {
                status: P("statuses.stopped"),
                reason: P(`stopReasons.${a.stopReason}`),
              })
            : P(`statuses.${a.status}`),
        ]),
      );
    else w.paragraph(P("form.noActions"), { colour: c.muted });
  });

  w.group("Sect", () => {
    w.heading(1, P("form.coordination"), { keepWith: 60 });
    w.facts([
      [P("form.contentCoordinator"), content.contentCoordinator?.name ?? P("form.notNamedYet")],
      [P("form.processCoordinator"), content.processCoordinator?.name ?? P("form.notNamedYet")],
      [P("form.agencies"), content.agencies.map((a) => a.name).join("\n")],
    ]);
    w.heading(1, L("actionPlanPdf.checkIns"), { keepWith: 40 });
    w.facts([[P("fields.nextCheckInOn"), day(content.nextCheckInOn)]]);
    w.paragraph(L("actionPlanPdf.checkInNote"), { colour: c.muted });
  });

  w.group("Sect", () => {
    if (!plan.previous) {
      w.heading(1, L("actionPlanPdf.changesHeading"), { keepWith: 30 });
      w.paragraph(L("actionPlanPdf.firstVersion"), { colour: c.muted });
      return;
    }
    w.heading(1, L("actionPlanPdf.changes", { previous: plan.previous.version }), { keepWith: 40 });
    renderChanges(w, W, comparePlans(plan.previous.content, content), day);
  });

  return w.finish();
}

function sharingLine(W: DocumentWords, s: SharingBasisState, day: (d: string) => string): string {
  switch (s.state) {
    case "none":
      return W.page("sharing.state.none");
    case "not_sought":
      return W.page("sharing.state.not_sought", {
        basis: s.basis,
        reference: [s.reference, s.caseReference].filter(Boolean).join("; "),
      });
    case "withdrawn":
      return `${W.page("sharing.state.withdrawn", { on: day(s.on), by: W.page(`sharing.givers.${s.by}`) })}\n${W.page("sharing.withdrawnAdvice")}`;
    default:
      return W.page(`sharing.state.${s.state}`, { on: day(s.on), by: W.page(`sharing.givers.${s.by}`) });
  }
}

function renderChanges(w: PdfWriter, W: DocumentWords, changes: PlanChanges, day: (d: string | null) => string) {
  const L = W.doc;
  const P = (key: string) => W.page(`plans.${key}`);
  if (changes.same) return w.paragraph(L("actionPlanPdf.noChanges"), { colour: w.layout.colours.muted });
  const value = (f: FieldChange, v: string | null) => {
    if (v === null || v === "") return L("actionPlanPdf.none");
    if (f.field === "status") return P(`statuses.${v}`);
    if (f.field === "standing") return P(`standings.${v}`);
    if (f.field === "stopReason") return P(`stopReasons.${v}`);
    return day(v);
  };
  const describe = (fields: FieldChange[]) =>
    fields.map((f) => `${P(`fields.${f.field}`)}: ${value(f, f.from)} → ${value(f, f.to)}`).join("\n");
  const rows: string[][] = [];
  for (const f of changes.plan) rows.push([P("compare.changed"), P(`fields.${f.field}`), describe([f])]);
  for (const a of changes.agencies.added) rows.push([L("actionPlanPdf.agencyAdded"), a.name, ""]);
  for (const a of changes.agencies.removed) rows.push([L("actionPlanPdf.agencyRemoved"), a.name, ""]);
  for (const g of changes.goals)
    rows.push([P(`compare.${g.kind}`), `${P("compare.goal")}: ${g.label}`, describe(g.fields)]);
  for (const a of changes.actions)
    rows.push([P(`compare.${a.kind}`), `${P("compare.action")}: ${a.label}`, describe(a.fields)]);
  w.table(
    [
      { header: L("actionPlanPdf.changeKind"), width: 2 },
      { header: L("actionPlanPdf.changeItem"), width: 5 },
      { header: L("actionPlanPdf.changeDetail"), width: 6 },
    ],
    rows,
  );
}
