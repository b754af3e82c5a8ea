import { minutesSchema, type AgendaItem, type Minutes, type MinutesInput } from "./minutesModel.ts";
import { noteLeadHeight, renderNote } from "./notesPdf.ts";
import { PdfWriter } from "./pdfWriter.ts";
import { fill, formatDay, formatMoment, labeller, loadDocumentTemplate, loadLayout } from "./templates.ts";

/** The marking a network gets unless it sets its own (templates/documents/layout.json). */
export function defaultClassification(): string {
  return loadLayout().classification;
}

/** The confidentiality notice of the minutes template, for building a model. */
export function defaultMinutesNotice(): string {
  return loadDocumentTemplate("minutes").confidentialityNotice;
}

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
    const time = [
      formatMoment(m.meeting.startsAt, locale, tz, { time: true }),
      m.meeting.endsAt ? formatMoment(m.meeting.endsAt, locale, tz, { time: true }) : null,
    ]
      .filter(Boolean)
      .join(" – ");
    w.facts([
      [L("date"), formatMoment(m.meeting.startsAt, locale, tz, { date: true })],
      [L("time"), time],
      [L("place"), m.meeting.place],
      [L("chair"), person(m.meeting.chair)],
      [L("minuteTaker"), person(m.meeting.minuteTaker)],
      [L("status"), m.document.status === "approved" ? L("approved") : L("draft")],
      ...(m.document.approvedBy ? [[L("approvedBy"), person(m.document.approvedBy)] as [string, string]] : []),
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
        { header: L("mandate"), width: 2 },
        { header: L("presence"), width: 2 },
      ],
      m.attendance.map((a) => [a.name, a.agency.name, L(`mandates.${a.mandate}`), L(`presences.${a.presence}`)]),
    );
    w.heading(2, L("apologies"), { keepWith: 24 });
    if (m.apologies.length)
      w.table(
        [
          { header: L("name"), width: 3 },
          { header: L("agency"), width: 4 },
        ],
        m.apologies.map((a) => [a.name, a.agency.name]),
      );
    else w.paragraph(L("noApologies"), { colour: c.muted });
    w.heading(2, L("guests"), { keepWith: 24 });
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
    w.heading(1, L("agenda"));
    m.items.forEach((item, index) => w.group("Sect", () => renderItem(w, L, item, index, itemLabel)));
  });

  w.group("Sect", () => {
    w.heading(1, L("actionList"));
    if (m.actionList.length)
      w.table(
        [
          { header: L("caseOrGeneral"), width: 2.5 },
          { header: L("task"), width: 4.4 },
          { header: L("owner"), width: 2.4 },
          { header: L("agency"), width: 3.1 },
          { header: L("due"), width: 2 },
          { header: L("statusColumn"), width: 1.7 },
        ],
        m.actionList.map((a) => [
          a.caseCode ?? L("generalItem"),
          a.what,
          a.owner ?? "",
          a.agency.name,
          formatDay(a.dueOn, locale),
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
) {
  const layout = w.layout;
  const c = layout.colours;
  w.heading(2, item.title.trim() ? `${itemLabel(item, index)}: ${item.title}` : itemLabel(item, index), {
    keepWith: 60,
  });
  if (item.summary.trim())
    w.richParagraph([{ text: `${L("summary")}: `, bold: true }, { text: item.summary }], { gapAfter: 6 });

  w.heading(3, L("notes"), { colour: c.muted, keepWith: noteLeadHeight(item.notes) });
  if (!renderNote(w, item.notes)) w.paragraph(L("noNotes"), { style: "italic", colour: c.muted });

  if (item.decisions.length) {
    w.heading(3, L("decisions"), { colour: c.muted, keepWith: 40 });
    item.decisions.forEach((d, i) => {
      w.richParagraph([{ text: `${L("decision", { number: i + 1 })}: `, bold: true }, { text: d.text }], {
        gapAfter: 2,
      });
      if (d.rationale.trim())
        w.richParagraph([{ text: `${L("rationale")}: `, italic: true }, { text: d.rationale }], {
          indent: 12,
          gapAfter: 3,
        });
      if (d.views.length)
        w.table(
          [
            { header: L("agency"), width: 4 },
            { header: L("view"), width: 2 },
            { header: L("comment"), width: 5 },
          ],
          d.views.map((v) => [v.agency.name, L(`views_${v.view}`), v.comment]),
        );
    });
  }

  w.heading(3, L("tasks"), { colour: c.muted, keepWith: 30 });
  if (item.tasks.length)
    w.table(
      [
        { header: L("task"), width: 6 },
        { header: L("owner"), width: 3 },
        { header: L("agency"), width: 3 },
        { header: L("due"), width: 2 },
      ],
      item.tasks.map((t) => [t.what, t.owner?.name ?? "", t.agency.name, formatDay(t.dueOn, layout.locale)]),
    );
  else w.paragraph(L("noTasks"), { colour: c.muted });
}
