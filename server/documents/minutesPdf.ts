import {
  formatDay,
  formatFullDay,
  formatFullMoment,
  formatLongDay,
  formatTime,
  readerDateStyle,
  type DateStyle,
} from "../../app/contract/dates.ts";
import { agendaItemTitle } from "../../app/contract/agendaItemTitle.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { minutesSchema, type AgendaItem, type Minutes, type MinutesInput } from "./minutesModel.ts";
import { noteLeadHeight, renderNote } from "./notesPdf.ts";
import { PdfWriter } from "./pdfWriter.ts";
import { loadLayout } from "./templates.ts";
import { documentWords, markingIn, type DocumentWords } from "./words.ts";

/** The marking a network gets unless it sets its own, in a language. */
export function defaultClassification(language: Language): string {
  return markingIn(null, language);
}

/**
 * What a heading over a table keeps with it: the header row and as much of the first row
 * as the table itself needs on the page (pdfWriter: up to 80 pt), so it is never left alone.
 */
const TABLE_LEAD = 110;

const itemNumber = (item: AgendaItem, index: number) => item.number ?? index + 1;

/** Everything a part of the minutes needs to write: the writer, the words and the dates of the copy's language. */
interface Pen {
  w: PdfWriter;
  W: DocumentWords;
  /** A word of the documents' own (namespace `documents`). */
  L: DocumentWords["doc"];
  dates: DateStyle;
  itemLabel: (item: AgendaItem, index: number) => string;
}

/**
 * The minutes (full record or a recipient's copy from `redact`) as a tagged PDF in one
 * language: the recipient's for their copy, the network's minutes language for the archived
 * original. Validates the model first: a malformed record throws rather than printing half of it.
 */
export async function renderMinutesPdf(
  input: Minutes | MinutesInput,
  options: { createdAt?: Date; language?: Language } = {},
): Promise<Buffer> {
  const m = minutesSchema.parse(input);
  const layout = loadLayout();
  const W = documentWords(options.language ?? "en");
  const L = W.doc;
  const dates = readerDateStyle(W.language, m.network);
  const classification = markingIn(m.classification, W.language);
  const title = L("minutesPdf.title", { meeting: m.meeting.title });
  const documentName = L("minutesPdf.documentName");
  const w = new PdfWriter(layout, {
    language: dates.locale,
    title,
    subject: `${m.network.name}: ${formatFullDay(m.meeting.startsAt, dates)}`,
    documentName,
    classification,
    dated: W.doc("page.dated", {
      document: documentName,
      version: m.document.version,
      date: formatLongDay(m.document.date, dates),
    }),
    pageOf: (page, pages) => W.doc("page.number", { page, pages }),
    createdAt: options.createdAt ?? new Date(),
  });
  const c = layout.colours;
  const person = (p: { name: string; agency: { name: string } }) => `${p.name} (${p.agency.name})`;
  const itemLabel = (item: AgendaItem, index: number) =>
    `${L("minutesPdf.item", { number: itemNumber(item, index) })} · ${item.kind === "case" ? L("minutesPdf.caseItem", { code: item.caseCode ?? "" }) : L("minutesPdf.generalItem")}`;
  const pen: Pen = { w, W, L, dates, itemLabel };
  const numberOf = new Map(m.items.map((item) => [item.id, item] as const));

  w.group("Sect", () => {
    w.heading("title", title, { keepWith: 120 });
    w.paragraph(m.network.name, { size: layout.sizes.subtitle, colour: c.muted, gapAfter: 8 });
    const clock = (at: string) => formatTime(at, dates);
    const { startedAt, endsAt } = m.meeting;
    const time = startedAt
      ? endsAt
        ? L("minutesPdf.timeHeld", { start: clock(startedAt), end: clock(endsAt) })
        : L("minutesPdf.timeStartedOnly", { start: clock(startedAt) })
      : endsAt
        ? // Versions approved before the actual start was kept: only the end is known.
          L("minutesPdf.timeEndedOnly", { end: clock(endsAt) })
        : L("minutesPdf.timePlanned", { start: clock(m.meeting.startsAt) });
    const approved = m.document.approvedBy
      ? m.document.approvedAt
        ? L("minutesPdf.approvedByOn", {
            person: person(m.document.approvedBy),
            when: formatFullMoment(m.document.approvedAt, dates),
          })
        : person(m.document.approvedBy)
      : null;
    w.facts([
      [L("minutesPdf.date"), formatFullDay(m.meeting.startsAt, dates)],
      [L("minutesPdf.time"), time],
      [L("minutesPdf.place"), m.meeting.place],
      [L("minutesPdf.chair"), person(m.meeting.chair)],
      [L("minutesPdf.minuteTaker"), person(m.meeting.minuteTaker)],
      [L("minutesPdf.status"), m.document.status === "approved" ? L("minutesPdf.approved") : L("minutesPdf.draft")],
      ...(approved ? [[L("minutesPdf.approvedBy"), approved] as [string, string]] : []),
    ]);
    if (m.copy) {
      w.paragraph(m.copy.full ? L("minutesPdf.copyFull") : L("minutesPdf.copyFor", { agency: m.copy.agencyName }), {
        style: "bold",
        colour: c.accent,
        gapAfter: 2,
      });
      if (!m.copy.full && m.copy.withheldItems > 0)
        w.paragraph(L("minutesPdf.copyWithheld", { agency: m.copy.agencyName, count: m.copy.withheldItems }), {
          size: layout.sizes.small + 0.5,
          colour: c.muted,
          gapAfter: 6,
        });
    }
    w.notice(noticeOf(m, W), { title: classification });
  });

  w.group("Sect", () => {
    w.heading(1, L("minutesPdf.attendance"));
    w.table(
      [
        { header: L("minutesPdf.name"), width: 3 },
        { header: L("minutesPdf.agency"), width: 3.2 },
        { header: L("minutesPdf.mandate"), width: 2.3 },
        { header: L("minutesPdf.presence"), width: 1.8 },
        // "Vertrokken om", "Gegangen um" on one line.
        { header: L("minutesPdf.leftAt"), width: 1.6 },
      ],
      m.attendance.map((a) => [
        a.name,
        a.agency.name,
        W.page(`mandates.${a.mandate}`),
        W.page(`meetings.room.attendance.${a.presence}`),
        a.leftAt ? formatTime(a.leftAt, dates) : L("minutesPdf.stayed"),
      ]),
    );
    w.heading(2, L("minutesPdf.apologies"), { keepWith: m.apologies.length ? TABLE_LEAD : 24 });
    if (m.apologies.length)
      w.table(
        [
          { header: L("minutesPdf.name"), width: 3 },
          { header: L("minutesPdf.agency"), width: 4 },
          { header: L("minutesPdf.delegate"), width: 3 },
        ],
        m.apologies.map((a) => [a.name, a.agency.name, a.delegate ?? L("minutesPdf.noDelegate")]),
      );
    else w.paragraph(L("minutesPdf.none"), { colour: c.muted });
    w.heading(2, L("minutesPdf.absent"), { keepWith: m.absent.length ? TABLE_LEAD : 24 });
    if (m.absent.length)
      w.table(
        [
          { header: L("minutesPdf.name"), width: 3 },
          { header: L("minutesPdf.agency"), width: 4 },
        ],
        m.absent.map((a) => [a.name, a.agency.name]),
      );
    else w.paragraph(L("minutesPdf.none"), { colour: c.muted });
    w.heading(2, L("minutesPdf.guests"), { keepWith: m.guests.length ? TABLE_LEAD : 24 });
    if (m.guests.length)
      w.table(
        [
          { header: L("minutesPdf.name"), width: 3 },
          { header: L("minutesPdf.agency"), width: 4 },
          { header: L("minutesPdf.guestItems"), width: 4 },
        ],
        m.guests.map((g) => [
          g.name,
          g.agency.name,
          g.itemIds
            .map((id) => {
              const item = numberOf.get(id);
              return item ? itemLabel(item, m.items.indexOf(item)) : null;
            })
            .filter(Boolean)
            .join("\n"),
        ]),
      );
    else w.paragraph(L("minutesPdf.none"), { colour: c.muted });
  });

  w.group("Sect", () => {
    // The section heading keeps with the first item's heading, kind and summary.
    w.heading(1, L("minutesPdf.agenda"), { keepWith: 120 });
    m.items.forEach((item, index) => w.group("Sect", () => renderItem(pen, item, index)));
  });

  w.group("Sect", () => {
    w.heading(1, L("minutesPdf.actionList"));
    if (m.actionList.length)
      w.table(
        [
          { header: L("minutesPdf.caseOrGeneral"), width: 2.4 },
          { header: L("minutesPdf.task"), width: 3.9 },
          { header: L("minutesPdf.owner"), width: 2.2 },
          { header: L("minutesPdf.agency"), width: 2.8 },
          // "30 Sept 2030" on one line.
          { header: L("minutesPdf.due"), width: 2.8 },
          { header: W.page("plans.form.status"), width: 1.9 },
        ],
        m.actionList.map((a) => [
          a.caseCode ?? L("minutesPdf.generalItem"),
          a.what,
          a.owner ?? "",
          a.agency.name,
          formatDay(a.dueOn, dates),
          W.page(`plans.statuses.${a.status}`),
        ]),
      );
    else w.paragraph(L("minutesPdf.noActions"), { colour: c.muted });
    w.heading(1, L("minutesPdf.nextMeeting"), { keepWith: 30 });
    w.paragraph(
      m.nextMeeting
        ? `${formatFullMoment(m.nextMeeting.startsAt, dates)}${m.nextMeeting.endsAt ? ` – ${formatTime(m.nextMeeting.endsAt, dates)}` : ""}${m.nextMeeting.place ? `, ${m.nextMeeting.place}` : ""}`
        : L("minutesPdf.noNextMeeting"),
    );
    w.paragraph(L("minutesPdf.endOfMinutes"), { style: "italic", colour: c.muted });
  });

  return w.finish();
}

/**
 * The network's own notice, else the documents' notice in the copy's language. Versions
 * frozen before the notice was left to the copy hold the English one: that is the default too.
 */
function noticeOf(m: Minutes, W: DocumentWords): string {
  const own = m.confidentialityNotice.trim();
  const english = documentWords("en").doc("minutesPdf.confidentialityNotice");
  return own && own !== english ? own : W.doc("minutesPdf.confidentialityNotice");
}

function renderItem(pen: Pen, item: AgendaItem, index: number) {
  const { w, W, L, dates, itemLabel } = pen;
  const c = w.layout.colours;
  const day = (d: string) => formatDay(d, dates);
  const title = agendaItemTitle((key, values) => W.page(key, values), {
    kind: item.titleKind,
    title: item.title,
    caseCode: item.caseCode,
  });
  w.heading(2, title.trim() ? `${itemLabel(item, index)}: ${title}` : itemLabel(item, index), {
    keepWith: 60,
  });
  const section = item.section ?? (item.kind === "case" ? "checkins" : null);
  w.richParagraph(
    [
      { text: `${L("minutesPdf.section")}: `, bold: true },
      { text: section ? W.page(`meetings.sections.${section}`) : L("minutesPdf.generalSection") },
    ],
    { gapAfter: 3 },
  );
  if (item.deferred)
    w.paragraph(L(item.deferred === "by_chair" ? "minutesPdf.deferredByChair" : "minutesPdf.deferredNotReached"), {
      style: "bold",
      colour: c.accent,
      gapAfter: 4,
    });
  if (item.summary.trim())
    w.richParagraph([{ text: `${L("minutesPdf.summary")}: `, bold: true }, { text: item.summary }], { gapAfter: 6 });

  // The coordinator's wording when there is one, the notes of the meeting otherwise.
  const text = item.wording ?? item.notes;
  w.heading(3, L(item.wording ? "minutesPdf.wording" : "minutesPdf.notes"), {
    colour: c.muted,
    keepWith: noteLeadHeight(text),
  });
  if (!renderNote(w, text)) w.paragraph(L("minutesPdf.noNotes"), { style: "italic", colour: c.muted });

  if (item.section === "signals" || item.section === "reliability") renderSignal(pen, item);
  if (item.earlierActions.length) {
    w.heading(3, L("minutesPdf.earlierActions"), { colour: c.muted, keepWith: TABLE_LEAD });
    w.table(
      [
        { header: L("minutesPdf.task"), width: 5 },
        { header: L("minutesPdf.agency"), width: 3.2 },
        { header: L("minutesPdf.due"), width: 2.2 },
        { header: L("minutesPdf.actionState"), width: 3.4 },
      ],
      item.earlierActions.map((a) => [
        a.owner ? `${a.what} (${a.owner})` : a.what,
        a.agency.name,
        a.dueOn ? day(a.dueOn) : "",
        a.status === "stopped" && a.stopReason
          ? W.page(`plans.stopReasons.${a.stopReason}`)
          : W.page(`plans.statuses.${a.status}`),
      ]),
    );
  }
  if (item.actionReviews.length) {
    w.heading(3, L("minutesPdf.actionReviews"), { colour: c.muted, keepWith: TABLE_LEAD });
    w.table(
      [
        { header: L("minutesPdf.caseOrGeneral"), width: 2.2 },
        { header: L("minutesPdf.task"), width: 3.9 },
        // "Netzwerkpartner" on one line.
        { header: L("minutesPdf.agency"), width: 3.3 },
        { header: L("minutesPdf.due"), width: 2.2 },
        { header: L("minutesPdf.actionFound"), width: 3.2 },
      ],
      item.actionReviews.map((a) => [
        a.caseCode,
        a.owner ? `${a.what} (${a.owner})` : a.what,
        a.agencyName ?? "",
        a.dueOn ? day(a.dueOn) : "",
        a.review ? W.page(`cockpit.rhythm.review.${a.review}`) : L("minutesPdf.leftOpen"),
      ]),
    );
  }
  if (item.updates.length) renderUpdates(pen, item.updates);
  if (item.closure) renderClosure(pen, item.closure);

  if (item.decisions.length) {
    w.heading(3, L("minutesPdf.decisions"), { colour: c.muted, keepWith: 40 });
    item.decisions.forEach((d, i) => {
      const label = d.kind
        ? L("minutesPdf.decisionOf", { number: i + 1, kind: L(`minutesPdf.decisionKinds.${d.kind}`) })
        : L("minutesPdf.decision", { number: i + 1 });
      w.richParagraph([{ text: `${label}: `, bold: true }, { text: outcomeWords(W, d) }], { gapAfter: 2 });
      if (d.careService)
        w.richParagraph([{ text: `${L("minutesPdf.careService")}: `, italic: true }, { text: d.careService }], {
          indent: 12,
          gapAfter: 2,
        });
      if (d.referredTo)
        w.richParagraph([{ text: `${L("minutesPdf.referredTo")}: `, italic: true }, { text: d.referredTo }], {
          indent: 12,
          gapAfter: 2,
        });
      if (d.rationale.trim())
        w.richParagraph([{ text: `${L("minutesPdf.rationale")}: `, italic: true }, { text: d.rationale }], {
          indent: 12,
          gapAfter: 3,
        });
      renderViews(pen, d.views);
    });
  }

  w.heading(3, L("minutesPdf.tasks"), { colour: c.muted, keepWith: item.tasks.length ? TABLE_LEAD : 30 });
  if (item.tasks.length)
    w.table(
      [
        { header: L("minutesPdf.task"), width: 4.2 },
        { header: L("minutesPdf.goal"), width: 2.8 },
        { header: L("minutesPdf.owner"), width: 2.2 },
        { header: L("minutesPdf.agency"), width: 3.2 },
        { header: L("minutesPdf.due"), width: 2.2 },
      ],
      item.tasks.map((t) => [t.what, t.goal ?? "", t.owner?.name ?? "", t.agency.name, day(t.dueOn)]),
    );
  else w.paragraph(L("minutesPdf.noTasks"), { colour: c.muted });
}

/** A decision's outcome in a language's words (for the coordinator's first wording, in the minutes language). */
export function decisionInWords(d: AgendaItem["decisions"][number], language: Language): string {
  return outcomeWords(documentWords(language), d);
}

/**
 * A decision's outcome in the pages' words for it: a routing as the first analysis names it,
 * others as the room did, a move between stages by the stage's name, a reopening as the
 * case register says; else as recorded.
 */
function outcomeWords(W: DocumentWords, d: AgendaItem["decisions"][number]): string {
  if (!d.outcome) return d.text;
  return (
    W.pageFirst([
      `signals.routings.${d.outcome}`,
      `meetings.decision.outcomes.${d.outcome}`,
      `stages.${d.outcome}`,
      `cases.decisionOutcomes.${d.outcome}`,
    ]) ?? d.text
  );
}

/** Each agency's view, and the dissent named on its own line. */
function renderViews(pen: Pen, views: AgendaItem["decisions"][number]["views"]) {
  const { w, W, L } = pen;
  if (!views.length) return;
  w.table(
    [
      { header: L("minutesPdf.agency"), width: 4 },
      { header: L("minutesPdf.view"), width: 2 },
      { header: L("minutesPdf.comment"), width: 5 },
    ],
    views.map((v) => [v.agency.name, W.page(`closure.viewLabels.${v.view}`), v.comment]),
  );
  const dissent = views.filter((v) => v.view === "disagree");
  if (dissent.length)
    w.richParagraph(
      [
        { text: `${L("minutesPdf.dissent")}: `, bold: true },
        {
          text: dissent
            .map(
              (v) =>
                `${L("minutesPdf.dissentLine", { agency: v.agency.name })}${v.comment.trim() ? ` (${v.comment.trim()})` : ""}`,
            )
            .join("; "),
        },
      ],
      { gapAfter: 4 },
    );
}

function renderSignal(pen: Pen, item: AgendaItem) {
  const { w, W, L } = pen;
  const c = w.layout.colours;
  w.heading(3, L("minutesPdf.analysis"), { colour: c.muted, keepWith: 40 });
  const a = item.signal;
  if (!a) {
    w.paragraph(L("minutesPdf.noAnalysis"), { colour: c.muted });
    return;
  }
  // The grade as the pages write it: each dimension by the scale's name for it, with its meaning.
  const dimension = (name: string, grade: string, meaning: string) =>
    `${W.page(`signals.dimensions.${name}`)} ${grade}: ${W.page(`signals.scales.${a.scale}.${meaning}.${grade}`)}`;
  const grading = [
    L("minutesPdf.gradingScale", {
      code: `${a.source}${a.information}${a.handling ?? ""}`,
      scale: W.page(`signals.scaleShort.${a.scale}`),
    }),
    dimension("source", a.source, "source"),
    dimension(a.scale === "uk3x5x2" ? "intelligence" : "information", a.information, "information"),
    ...(a.handling ? [dimension("handling", a.handling, "handling")] : []),
  ].join("\n");
  const or = (v: string | null) => (v?.trim() ? v : L("minutesPdf.notRecorded"));
  w.facts([
    [L("minutesPdf.securitySignal"), L(a.isSecuritySignal ? "minutesPdf.securityYes" : "minutesPdf.securityNo")],
    [L("minutesPdf.grading"), grading],
    [L("minutesPdf.gradingReasons"), a.gradingRationale],
    [L("minutesPdf.motives", { question: L("minutesPdf.knownConflict") }), or(a.knownConflict)],
    [L("minutesPdf.motives", { question: L("minutesPdf.reporterInterest") }), or(a.reporterInterest)],
    [L("minutesPdf.motives", { question: L("minutesPdf.corroboration") }), or(a.corroboration)],
  ]);
}

/** Each agency's update posted ahead of the meeting: news, progress on its tasks, its view on closing. */
function renderUpdates(pen: Pen, updates: AgendaItem["updates"]) {
  const { w, W, L, dates } = pen;
  const c = w.layout.colours;
  w.heading(3, L("minutesPdf.updates"), { colour: c.muted, keepWith: 60 });
  for (const u of updates) {
    w.richParagraph(
      [
        { text: `${u.agency.name}: `, bold: true },
        { text: L("minutesPdf.updatePosted", { person: u.postedBy, when: formatFullMoment(u.postedAt, dates) }) },
        {
          text: ` ${u.confirmedAt ? L("minutesPdf.updateConfirmed") : L("minutesPdf.updateNotConfirmed")}`,
          italic: true,
        },
      ],
      { gapAfter: 2 },
    );
    if (u.news?.trim())
      w.richParagraph([{ text: `${W.page("updates.news")}: `, italic: true }, { text: u.news }], {
        indent: 12,
        gapAfter: 2,
      });
    if (u.closureView)
      w.richParagraph(
        [
          { text: `${L("minutesPdf.updateClosureView")}: `, italic: true },
          {
            text: `${W.page(`closure.viewLabels.${u.closureView}`)}${u.closureComment?.trim() ? ` (${u.closureComment.trim()})` : ""}`,
          },
        ],
        { indent: 12, gapAfter: 2 },
      );
    if (u.tasks.length)
      w.table(
        [
          { header: L("minutesPdf.task"), width: 5 },
          { header: L("minutesPdf.updateProgress"), width: 3.4 },
          { header: L("minutesPdf.note"), width: 4 },
        ],
        u.tasks.map((t) => [t.what, W.page(`updates.progress.${t.progress}`), t.note ?? ""]),
      );
  }
}

function renderClosure(pen: Pen, closure: NonNullable<AgendaItem["closure"]>) {
  const { w, W, L, dates } = pen;
  const c = w.layout.colours;
  w.heading(3, L("minutesPdf.closure"), { colour: c.muted, keepWith: 40 });
  w.richParagraph([{ text: `${L("minutesPdf.closureReasons")}: `, italic: true }, { text: closure.rationale }], {
    gapAfter: 4,
  });
  w.table(
    [
      { header: L("minutesPdf.question"), width: 6 },
      { header: L("minutesPdf.answer"), width: 1.8 },
      { header: L("minutesPdf.note"), width: 4 },
    ],
    closure.checklist.map((q) => [
      q.question,
      q.answer ? W.page(`closure.answers.${q.answer}`) : L("minutesPdf.notAnswered"),
      q.note,
    ]),
  );
  w.heading(3, L("minutesPdf.closureViews"), { colour: c.muted, keepWith: closure.views.length ? TABLE_LEAD : 30 });
  if (closure.views.length) renderViews(pen, closure.views);
  else w.paragraph(L("minutesPdf.noViews"), { colour: c.muted });
  w.heading(3, L("minutesPdf.signOff"), { colour: c.muted, keepWith: 30 });
  if (closure.signOff) {
    w.paragraph(
      L("minutesPdf.signedOff", { person: closure.signOff.by, when: formatFullMoment(closure.signOff.at, dates) }),
      {
        gapAfter: 2,
      },
    );
    if (closure.signOff.words?.trim())
      w.richParagraph(
        [{ text: `${L("minutesPdf.signOffWords")}: `, italic: true }, { text: `“${closure.signOff.words}”` }],
        {
          indent: 12,
          gapAfter: 3,
        },
      );
    w.richParagraph(
      [
        { text: `${L("minutesPdf.fadeOut")}: `, bold: true },
        {
          text: closure.fadeOutDates.length
            ? closure.fadeOutDates.map((d) => formatDay(d, dates)).join(", ")
            : L("minutesPdf.noFadeOut"),
        },
      ],
      { gapAfter: 4 },
    );
  } else w.paragraph(L(`minutesPdf.notSignedOff.${closure.status}`), { colour: c.muted });
}
