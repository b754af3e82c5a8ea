import type { HeldData } from "../access/caseExport.ts";
import { PdfWriter } from "./pdfWriter.ts";
import { agendaItemTitle } from "../../app/contract/agendaItemTitle.ts";
import { formatFullDay, formatFullMoment, readerDateStyle } from "../../app/contract/dates.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { loadLayout } from "./templates.ts";
import { documentWords, markingIn } from "./words.ts";

/** Who asked and confirmed, and when: printed on the export's first page. */
export interface ExportProvenance {
  askedBy: string;
  confirmedBy: string;
  exportedAt: Date;
  /** The network's: the export is in its language, dates in its locale and time zone. */
  language: Language;
  locale: string;
  timeZone: string;
}

/**
 * The person's data as a readable, tagged PDF: identity, case file, signals, decisions
 * with views, assessments, plans, tasks, closure, meetings' notes and minutes items.
 * Structured parts (plans, assessments, checklists) are given in full in data.json.
 */
export async function renderAccessExportPdf(held: HeldData, provenance: ExportProvenance): Promise<Buffer> {
  const layout = loadLayout();
  const W = documentWords(provenance.language);
  const L = (key: string, vars?: Record<string, string | number>) => W.doc(`accessExportPdf.${key}`, vars);
  const dates = readerDateStyle(provenance.language, { locale: provenance.locale, timeZone: provenance.timeZone });
  const marking = markingIn(null, provenance.language);
  const c = layout.colours;
  const at = (d: string | Date) => formatFullMoment(d, dates);
  const title = L("title", { code: held.case.code });
  const documentName = `${L("documentName")} ${held.case.code}`;
  const w = new PdfWriter(layout, {
    title,
    subject: `${held.network}: ${title}`,
    documentName,
    language: dates.locale,
    classification: marking,
    dated: W.doc("page.dated", {
      document: documentName,
      version: 1,
      date: formatFullDay(provenance.exportedAt, dates),
    }),
    pageOf: (page, pages) => W.doc("page.number", { page, pages }),
    createdAt: provenance.exportedAt,
  });
  const none = () => w.paragraph(L("none"), { colour: c.muted });
  const section = (heading: string, build: () => void) =>
    w.group("Sect", () => {
      w.heading(1, heading, { keepWith: 40 });
      build();
    });

  w.group("Sect", () => {
    w.heading("title", title, { keepWith: 120 });
    w.facts([
      [L("network"), held.network],
      [L("case"), held.case.code],
      [L("exportedAt"), at(provenance.exportedAt)],
      [L("askedBy"), provenance.askedBy],
      [L("confirmedBy"), provenance.confirmedBy],
    ]);
    w.notice(L("confidentialityNotice"), { title: marking });
  });
  section(L("identity"), () => {
    const id = held.identity;
    if (!id) return w.paragraph(L("noIdentity"), { colour: c.muted });
    w.facts([
      [L("name"), id.name ?? ""],
      [L("dateOfBirth"), id.dateOfBirth ?? ""],
      [L("address"), id.address ?? ""],
      [L("contacts"), id.contacts ?? ""],
    ]);
  });
  section(L("caseFile"), () => {
    w.facts([
      [L("stage"), W.page(`stages.${held.case.stage}`)],
      [L("outcome"), held.case.outcome ?? ""],
      [L("minor"), L(held.case.isMinor ? "yes" : "no")],
      [L("summary"), held.case.summary],
      [L("agencies"), held.involvedAgencies.join("\n")],
    ]);
  });
  section(L("signals"), () => {
    if (held.signals.length === 0) return none();
    for (const s of held.signals) {
      w.heading(3, L("received", { at: at(s.receivedAt), channel: W.page(`cases.channels.${s.channel}`) }));
      w.facts([[L("concern"), s.concern]]);
      for (const a of s.analyses)
        w.facts([[L("analyses"), `${a.sourceGrade}${a.informationGrade} (${a.scale}): ${a.gradingRationale}`]]);
    }
    w.paragraph(L("reporterWithheld"), { colour: c.muted });
  });
  section(L("decisions"), () => {
    if (held.decisions.length === 0) return none();
    for (const d of held.decisions) {
      const what = W.page(`cases.timeline.decision.${d.kind}`, {
        outcome: W.pageFirst([`cases.decisionOutcomes.${d.outcome}`]) ?? d.outcome,
      });
      w.heading(3, `${at(d.decidedAt)}: ${what}`);
      w.facts([
        [L("rationale"), d.rationale],
        [L("views"), d.views.map((v) => `${v.agency}: ${v.view}${v.comment ? `, ${v.comment}` : ""}`).join("\n")],
      ]);
    }
  });
  section(L("assessments"), () =>
    held.assessments.length === 0
      ? none()
      : w.paragraph(`${held.assessments.map((a) => a.assessedOn).join(", ")}. ${L("fullInJson")}`),
  );
  section(L("plans"), () =>
    held.plans.length === 0
      ? none()
      : held.plans.forEach((p) => w.paragraph(L("planVersion", { version: p.version, at: at(p.savedAt) }))),
  );
  section(L("tasks"), () =>
    held.tasks.length === 0
      ? none()
      : w.table(
          [
            { header: L("what"), width: 5 },
            { header: L("due"), width: 2 },
            { header: L("status"), width: 2 },
          ],
          held.tasks.map((t) => [t.what, t.dueOn ?? "", W.page(`plans.statuses.${t.status}`)]),
        ),
  );
  section(L("closure"), () =>
    held.closure.length === 0
      ? none()
      : held.closure.forEach((p) => w.facts([[`${at(p.proposedAt)} (${p.status})`, p.rationale]])),
  );
  section(L("meetings"), () => {
    if (held.meetings.length === 0) return none();
    for (const m of held.meetings) {
      const item = agendaItemTitle((key, values) => W.page(key, values), { ...m.item, caseCode: held.case.code });
      w.heading(3, `${m.meeting}, ${at(m.startsAt)}: ${item}`);
      w.facts([[L("notes"), m.notes]]);
    }
  });
  section(L("minutes"), () =>
    held.minutes.length === 0
      ? none()
      : held.minutes.forEach((m) =>
          w.paragraph(
            `${L("minutesVersion", { meeting: m.meeting, at: at(m.startsAt), version: m.version })} ${L("fullInJson")}`,
          ),
        ),
  );
  return w.finish();
}
