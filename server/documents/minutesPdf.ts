import { minutesSchema, type AgendaItem, type Minutes, type MinutesInput } from "./minutesModel.ts";
import { noteLeadHeight, renderNote } from "./notesPdf.ts";
import { PdfWriter } from "./pdfWriter.ts";
import {
  fill,
  formatDay,
  formatMoment,
  formatShortDay,
  labeller,
  loadDocumentTemplate,
  loadLayout,
} from "./templates.ts";

/** The marking a network gets unless it sets its own (templates/documents/layout.json). */
export function defaultClassification(): string {
  return loadLayout().classification;
}

/** The confidentiality notice of the minutes template, for building a model. */
export function defaultMinutesNotice(): string {
  return loadDocumentTemplate("minutes").confidentialityNotice;
}

/**
 * What a heading over a table keeps with it: the header row and as much of the first row
 * as the table itself needs on the page (pdfWriter: up to 80 pt), so it is never left alone.
 */
const TABLE_LEAD = 110;

const itemNumber = (item: AgendaItem, index: number) => item.number ?? index + 1;

/**
 * The minutes (full record or a recipient's copy from `redact`) as a tagged PDF.
 * Validates the model first: a malformed record throws rather than printing half of it.
 */
export async function renderMinutesPdf(
  input: Minutes | MinutesInput,
  options: { createdAt?: Date } = {},
): Promise<Buffer> {
  const m = minutesSchema.parse(input);
  const layout = loadLayout();
  const template = loadDocumentTemplate("minutes");
  const L = labeller(template);
  const { locale } = layout;
  const tz = m.network.timeZone;
  const dateText = formatDay(m.document.date, locale);
  const w = new PdfWriter(layout, {
    title: fill(template.title, { meeting: m.meeting.title }),
    subject: `${m.network.name}: ${formatMoment(m.meeting.startsAt, locale, tz, { date: true })}`,
    documentName: template.documentName,
    classification: m.classification,
    version: m.document.version,
    dateText,
    createdAt: options.createdAt ?? new Date(),
  });
  const c = layout.colours;
  const person = (p: { name: string; agency: { name: string } }) => `${p.name} (${p.agency.name})`;
  const itemLabel = (item: AgendaItem, index: number) =>
    `${L("item", { number: itemNumber(item, index) })} · ${item.kind === "case" ? L("caseItem", { code: item.caseCode ?? "" }) : L("generalItem")}`;
  const numberOf = new Map(m.items.map((item) => [item.id, item] as const));

  w.group("Sect", () => {
    w.heading("title", fill(template.title, { meeting: m.meeting.title }), { keepWith: 120 });
    w.paragraph(m.network.name, { size: layout.sizes.subtitle, colour: c.muted, gapAfter: 8 });
    const clock = (at: string) => formatMoment(at, locale, tz, { time: true });
    const { startedAt, endsAt } = m.meeting;
    const time = startedAt
      ? endsAt
        ? L("timeHeld", { start: clock(startedAt), end: clock(endsAt) })
        : L("timeStartedOnly", { start: clock(startedAt) })
      : endsAt
        ? // Versions approved before the actual start was kept: only the end is known.
          L("timeEndedOnly", { end: clock(endsAt) })
        : L("timePlanned", { start: clock(m.meeting.startsAt) });
    const approved = m.document.approvedBy
      ? m.document.approvedAt
        ? L("approvedByOn", {
            person: person(m.document.approvedBy),
            when: formatMoment(m.document.approvedAt, locale, tz),
          })
        : person(m.document.approvedBy)
      : null;
    w.facts([
      [L("date"), formatMoment(m.meeting.startsAt, locale, tz, { date: true })],
      [L("time"), time],
      [L("place"), m.meeting.place],
      [L("chair"), person(m.meeting.chair)],
      [L("minuteTaker"), person(m.meeting.minuteTaker)],
      [L("status"), m.document.status === "approved" ? L("approved") : L("draft")],
      ...(approved ? [[L("approvedBy"), approved] as [string, string]] : []),
    ]);
    if (m.copy) {
      w.paragraph(m.copy.full ? L("copyFull") : L("copyFor", { agency: m.copy.agencyName }), {
        style: "bold",
        colour: c.accent,
        gapAfter: 2,
      });
      if (!m.copy.full && m.copy.withheldItems > 0)
        w.paragraph(L("copyWithheld", { agency: m.copy.agencyName, count: m.copy.withheldItems }), {
          size: layout.sizes.small + 0.5,
          colour: c.muted,
          gapAfter: 6,
        });
    }
    w.notice(m.confidentialityNotice || template.confidentialityNotice, { title: m.classification });
  });

  w.group("Sect", () => {
    w.heading(1, L("attendance"));
    w.table(
      [
        { header: L("name"), width: 3 },
        { header: L("agency"), width: 4 },
        { header: L("mandate"), width: 1.9 },
        { header: L("presence"), width: 1.8 },
        { header: L("leftAt"), width: 1.2 },
      ],
      m.attendance.map((a) => [
        a.name,
        a.agency.name,
        L(`mandates.${a.mandate}`),
        L(`presences.${a.presence}`),
        a.leftAt ? formatMoment(a.leftAt, locale, tz, { time: true }) : L("stayed"),
      ]),
    );
    w.heading(2, L("apologies"), { keepWith: m.apologies.length ? TABLE_LEAD : 24 });
    if (m.apologies.length)
      w.table(
        [
          { header: L("name"), width: 3 },
          { header: L("agency"), width: 4 },
          { header: L("delegate"), width: 3 },
        ],
        m.apologies.map((a) => [a.name, a.agency.name, a.delegate ?? L("noDelegate")]),
      );
    else w.paragraph(L("noApologies"), { colour: c.muted });
    w.heading(2, L("absent"), { keepWith: m.absent.length ? TABLE_LEAD : 24 });
    if (m.absent.length)
      w.table(
        [
          { header: L("name"), width: 3 },
          { header: L("agency"), width: 4 },
        ],
        m.absent.map((a) => [a.name, a.agency.name]),
      );
    else w.paragraph(L("noAbsent"), { colour: c.muted });
    w.heading(2, L("guests"), { keepWith: m.guests.length ? TABLE_LEAD : 24 });
    if (m.guests.length)
      w.table(
        [
          { header: L("name"), width: 3 },
          { header: L("agency"), width: 4 },
          { header: L("guestItems"), width: 4 },
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
    else w.paragraph(L("noGuests"), { colour: c.muted });
  });

  w.group("Sect", () => {
    // The section heading keeps with the first item's heading, kind and summary.
    w.heading(1, L("agenda"), { keepWith: 120 });
    m.items.forEach((item, index) => w.group("Sect", () => renderItem(w, L, item, index, itemLabel, tz)));
  });

  w.group("Sect", () => {
    w.heading(1, L("actionList"));
    if (m.actionList.length)
      w.table(
        [
          { header: L("caseOrGeneral"), width: 2.4 },
          { header: L("task"), width: 3.9 },
          { header: L("owner"), width: 2.2 },
          { header: L("agency"), width: 2.8 },
          // "30 Sept 2030" on one line.
          { header: L("due"), width: 2.8 },
          { header: L("statusColumn"), width: 1.9 },
        ],
        m.actionList.map((a) => [
          a.caseCode ?? L("generalItem"),
          a.what,
          a.owner ?? "",
          a.agency.name,
          formatShortDay(a.dueOn, locale),
          L(`statuses.${a.status}`),
        ]),
      );
    else w.paragraph(L("noActions"), { colour: c.muted });
    w.heading(1, L("nextMeeting"), { keepWith: 30 });
    w.paragraph(
      m.nextMeeting
        ? `${formatMoment(m.nextMeeting.startsAt, locale, tz)}${m.nextMeeting.endsAt ? ` – ${formatMoment(m.nextMeeting.endsAt, locale, tz, { time: true })}` : ""}${m.nextMeeting.place ? `, ${m.nextMeeting.place}` : ""}`
        : L("noNextMeeting"),
    );
    w.paragraph(L("endOfMinutes"), { style: "italic", colour: c.muted });
  });

  return w.finish();
}

function renderItem(
  w: PdfWriter,
  L: ReturnType<typeof labeller>,
  item: AgendaItem,
  index: number,
  itemLabel: (item: AgendaItem, index: number) => string,
  tz: string,
) {
  const layout = w.layout;
  const c = layout.colours;
  const day = (d: string) => formatShortDay(d, layout.locale);
  w.heading(2, item.title.trim() ? `${itemLabel(item, index)}: ${item.title}` : itemLabel(item, index), {
    keepWith: 60,
  });
  w.richParagraph(
    [
      { text: `${L("kind")}: `, bold: true },
      { text: L(`kinds.${item.section ?? (item.kind === "case" ? "checkins" : "general")}`) },
    ],
    { gapAfter: 3 },
  );
  if (item.deferred)
    w.paragraph(L(item.deferred === "by_chair" ? "deferredByChair" : "deferredNotReached"), {
      style: "bold",
      colour: c.accent,
      gapAfter: 4,
    });
  if (item.summary.trim())
    w.richParagraph([{ text: `${L("summary")}: `, bold: true }, { text: item.summary }], { gapAfter: 6 });

  // The coordinator's wording when there is one, the notes of the meeting otherwise.
  const text = item.wording ?? item.notes;
  w.heading(3, L(item.wording ? "wording" : "notes"), { colour: c.muted, keepWith: noteLeadHeight(text) });
  if (!renderNote(w, text)) w.paragraph(L("noNotes"), { style: "italic", colour: c.muted });

  if (item.section === "signals" || item.section === "reliability") renderSignal(w, L, item);
  if (item.earlierActions.length) {
    w.heading(3, L("earlierActions"), { colour: c.muted, keepWith: TABLE_LEAD });
    w.table(
      [
        { header: L("task"), width: 5 },
        { header: L("agency"), width: 3.2 },
        { header: L("due"), width: 2.2 },
        { header: L("actionState"), width: 3.4 },
      ],
      item.earlierActions.map((a) => [
        a.owner ? `${a.what} (${a.owner})` : a.what,
        a.agency.name,
        a.dueOn ? day(a.dueOn) : "",
        L(`actionStates.${a.status === "stopped" && a.stopReason ? a.stopReason : a.status}`),
      ]),
    );
  }
  if (item.actionReviews.length) {
    w.heading(3, L("actionReviews"), { colour: c.muted, keepWith: TABLE_LEAD });
    w.table(
      [
        { header: L("caseOrGeneral"), width: 2.2 },
        { header: L("task"), width: 4.4 },
        { header: L("agency"), width: 2.8 },
        { header: L("due"), width: 2.2 },
        { header: L("actionFound"), width: 3.2 },
      ],
      item.actionReviews.map((a) => [
        a.caseCode,
        a.owner ? `${a.what} (${a.owner})` : a.what,
        a.agencyName ?? "",
        a.dueOn ? day(a.dueOn) : "",
        L(`actionStates.${a.review ?? "planned"}`),
      ]),
    );
  }
  if (item.updates.length) renderUpdates(w, L, item.updates, tz);
  if (item.closure) renderClosure(w, L, item.closure, tz);

  if (item.decisions.length) {
    w.heading(3, L("decisions"), { colour: c.muted, keepWith: 40 });
    item.decisions.forEach((d, i) => {
      const label = d.kind
        ? L("decisionOf", { number: i + 1, kind: L(`decisionKinds.${d.kind}`) })
        : L("decision", { number: i + 1 });
      w.richParagraph([{ text: `${label}: `, bold: true }, { text: outcomeWords(L, d) }], { gapAfter: 2 });
      if (d.careService)
        w.richParagraph([{ text: `${L("careService")}: `, italic: true }, { text: d.careService }], {
          indent: 12,
          gapAfter: 2,
        });
      if (d.referredTo)
        w.richParagraph([{ text: `${L("referredTo")}: `, italic: true }, { text: d.referredTo }], {
          indent: 12,
          gapAfter: 2,
        });
      if (d.rationale.trim())
        w.richParagraph([{ text: `${L("rationale")}: `, italic: true }, { text: d.rationale }], {
          indent: 12,
          gapAfter: 3,
        });
      renderViews(w, L, d.views);
    });
  }

  w.heading(3, L("tasks"), { colour: c.muted, keepWith: item.tasks.length ? TABLE_LEAD : 30 });
  if (item.tasks.length)
    w.table(
      [
        { header: L("task"), width: 4.4 },
        { header: L("goal"), width: 3 },
        { header: L("owner"), width: 2.4 },
        { header: L("agency"), width: 2.6 },
        { header: L("due"), width: 2.2 },
      ],
      item.tasks.map((t) => [t.what, t.goal ?? "", t.owner?.name ?? "", t.agency.name, day(t.dueOn)]),
    );
  else w.paragraph(L("noTasks"), { colour: c.muted });
}

/** A decision's outcome in the minutes template's words (for the coordinator's first wording). */
export function decisionInWords(d: AgendaItem["decisions"][number]): string {
  return outcomeWords(labeller(loadDocumentTemplate("minutes")), d);
}

/** A decision's outcome in words: the template's wording of its code, else as recorded. */
function outcomeWords(L: ReturnType<typeof labeller>, d: AgendaItem["decisions"][number]): string {
  if (!d.outcome) return d.text;
  try {
    return L(`outcomes.${d.outcome}`);
  } catch {
    return d.text;
  }
}

/** Each agency's view, and the dissent named on its own line. */
function renderViews(w: PdfWriter, L: ReturnType<typeof labeller>, views: AgendaItem["decisions"][number]["views"]) {
  if (!views.length) return;
  w.table(
    [
      { header: L("agency"), width: 4 },
      { header: L("view"), width: 2 },
      { header: L("comment"), width: 5 },
    ],
    views.map((v) => [v.agency.name, L(`views_${v.view}`), v.comment]),
  );
  const dissent = views.filter((v) => v.view === "disagree");
  if (dissent.length)
    w.richParagraph(
      [
        { text: `${L("dissent")}: `, bold: true },
        {
          text: dissent
            .map(
              (v) =>
                `${L("dissentLine", { agency: v.agency.name })}${v.comment.trim() ? ` (${v.comment.trim()})` : ""}`,
            )
            .join("; "),
        },
      ],
      { gapAfter: 4 },
    );
}

function renderSignal(w: PdfWriter, L: ReturnType<typeof labeller>, item: AgendaItem) {
  const c = w.layout.colours;
  w.heading(3, L("analysis"), { colour: c.muted, keepWith: 40 });
  const a = item.signal;
  if (!a) {
    w.paragraph(L("noAnalysis"), { colour: c.muted });
    return;
  }
  const infoName = L(`dimensionNames.${a.scale === "uk3x5x2" ? "intelligence" : "information"}`);
  const grading = L("gradingValue", {
    code: `${a.source}${a.information}${a.handling ?? ""}`,
    scale: L(`scaleNames.${a.scale}`),
    source: a.source,
    sourceMeaning: L(`scales.${a.scale}.source.${a.source}`),
    infoName,
    information: a.information,
    informationMeaning: L(`scales.${a.scale}.information.${a.information}`),
    handling: a.handling
      ? L("gradingHandling", { handling: a.handling, meaning: L(`scales.${a.scale}.handling.${a.handling}`) })
      : "",
  });
  const or = (v: string | null) => (v?.trim() ? v : L("notRecorded"));
  w.facts([
    [L("securitySignal"), L(a.isSecuritySignal ? "securityYes" : "securityNo")],
    [L("grading"), grading],
    [L("gradingReasons"), a.gradingRationale],
    [`${L("motives")}: ${L("knownConflict")}`, or(a.knownConflict)],
    [`${L("motives")}: ${L("reporterInterest")}`, or(a.reporterInterest)],
    [`${L("motives")}: ${L("corroboration")}`, or(a.corroboration)],
  ]);
}

/** Each agency's update posted ahead of the meeting: news, progress on its tasks, its view on closing. */
function renderUpdates(w: PdfWriter, L: ReturnType<typeof labeller>, updates: AgendaItem["updates"], tz: string) {
  const { colours: c, locale } = w.layout;
  w.heading(3, L("updates"), { colour: c.muted, keepWith: 60 });
  for (const u of updates) {
    w.richParagraph(
      [
        { text: `${u.agency.name}: `, bold: true },
        { text: L("updatePosted", { person: u.postedBy, when: formatMoment(u.postedAt, locale, tz) }) },
        { text: ` ${u.confirmedAt ? L("updateConfirmed") : L("updateNotConfirmed")}`, italic: true },
      ],
      { gapAfter: 2 },
    );
    if (u.news?.trim())
      w.richParagraph([{ text: `${L("updateNews")}: `, italic: true }, { text: u.news }], { indent: 12, gapAfter: 2 });
    if (u.closureView)
      w.richParagraph(
        [
          { text: `${L("updateClosureView")}: `, italic: true },
          { text: `${L(`views_${u.closureView}`)}${u.closureComment?.trim() ? ` (${u.closureComment.trim()})` : ""}` },
        ],
        { indent: 12, gapAfter: 2 },
      );
    if (u.tasks.length)
      w.table(
        [
          { header: L("task"), width: 5 },
          { header: L("updateProgress"), width: 3.4 },
          { header: L("note"), width: 4 },
        ],
        u.tasks.map((t) => [t.what, L(`actionStates.${t.progress}`), t.note ?? ""]),
      );
  }
}

function renderClosure(
  w: PdfWriter,
  L: ReturnType<typeof labeller>,
  closure: NonNullable<AgendaItem["closure"]>,
  tz: string,
) {
  const layout = w.layout;
  const c = layout.colours;
  w.heading(3, L("closure"), { colour: c.muted, keepWith: 40 });
  w.richParagraph([{ text: `${L("closureReasons")}: `, italic: true }, { text: closure.rationale }], { gapAfter: 4 });
  w.table(
    [
      { header: L("question"), width: 6 },
      { header: L("answer"), width: 1.8 },
      { header: L("note"), width: 4 },
    ],
    closure.checklist.map((q) => [q.question, L(`answers.${q.answer ?? "none"}`), q.note]),
  );
  w.heading(3, L("closureViews"), { colour: c.muted, keepWith: closure.views.length ? TABLE_LEAD : 30 });
  if (closure.views.length) renderViews(w, L, closure.views);
  else w.paragraph(L("noViews"), { colour: c.muted });
  w.heading(3, L("signOff"), { colour: c.muted, keepWith: 30 });
  if (closure.signOff) {
    w.paragraph(
      L("signedOff", { person: closure.signOff.by, when: formatMoment(closure.signOff.at, layout.locale, tz) }),
      { gapAfter: 2 },
    );
    if (closure.signOff.words?.trim())
      w.richParagraph([{ text: `${L("signOffWords")}: `, italic: true }, { text: `“${closure.signOff.words}”` }], {
        indent: 12,
        gapAfter: 3,
      });
    w.richParagraph(
      [
        { text: `${L("fadeOut")}: `, bold: true },
        {
          text: closure.fadeOutDates.length
            ? closure.fadeOutDates.map((d) => formatShortDay(d, layout.locale)).join(", ")
            : L("noFadeOut"),
        },
      ],
      { gapAfter: 4 },
    );
  } else w.paragraph(L(`notSignedOff.${closure.status}`), { colour: c.muted });
}
