import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../app/contract/vocabulary.ts";
import { serverTranslations, translations } from "../../app/locales/languages.ts";
import type { MinutesInput } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { closedMeeting, deliveriesSettled, useSmtpServer } from "../support/minutes.ts";
import { pdfCatalog, pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";
import { useTestServer } from "../support/harness.ts";

// The minutes in each language Casetable speaks: every word of ours in the reader's
// language (none left in English), dates in it, /Lang saying it, nothing running off the
// page however long the words (German); and through the real flow, the archived original
// in the network's minutes language and each recipient's copy in theirs.

/** What the people at the table typed, in their own language: ours must match it. */
const TYPED: Record<Language, { title: string; text: string; place: string }> = {
  en: { title: "Monthly case conference", text: "The school sees progress.", place: "Town hall, room 3" },
  nl: { title: "Maandelijks casusoverleg", text: "De school ziet vooruitgang.", place: "Stadhuis, zaal 3" },
  fr: {
    title: "Concertation de cas mensuelle",
    text: "L'école constate des progrès.",
    place: "Hôtel de ville, salle 3",
  },
  de: { title: "Monatliche Fallkonferenz", text: "Die Schule sieht Fortschritte.", place: "Rathaus, Raum 3" },
};

/** Our words for what every set of minutes has, that a reader of each language must find. */
const THEIR_WORDS: Record<Exclude<Language, "en">, string[]> = {
  nl: [
    "Verslag",
    "Aanwezigheid",
    "Agendapunten",
    "Besluit 1",
    "Bronbeoordeling",
    "Admiraliteitscode",
    "Pagina 1 van",
    "maart",
    "Voorstel tot afsluiting",
    "Open acties uit het vorige overleg",
    "Brontoets C-2030-0001",
    "Opvolgmoment C-2030-0001",
    "Voorstel tot afsluiting C-2030-0001",
  ],
  fr: [
    "Procès-verbal",
    "Présences",
    "Points de l'ordre du jour",
    "Décision 1",
    "Cotation de la source",
    "Amirauté",
    "Page 1 sur",
    "mars",
    "Validée par",
    "Tâches restées ouvertes lors de la dernière réunion",
    "Vérification de la source C-2030-0001",
    "Proposition de clôture C-2030-0001",
  ],
  de: [
    "Protokoll",
    "Anwesenheit",
    "Tagesordnungspunkte",
    "Beschluss 1",
    "Quellenbewertung",
    "Admiralty-Code",
    "Seite 1 von",
    "März",
    "Freigegeben von",
    "Offene Aufgaben aus der letzten Sitzung",
    "Quellenprüfung C-2030-0001",
    "Überprüfung C-2030-0001",
    "Abschlussvorschlag C-2030-0001",
  ],
};

/** English words of ours that must not be left in another language's copy (unless that language uses them too). */
const ENGLISH = [
  "Minutes",
  "Attendance",
  "Apologies",
  "Agenda items",
  "Agenda section",
  "Decision",
  "Rationale",
  "Tasks",
  "Task",
  "Owner",
  "Due",
  "Chair",
  "Present",
  "Next meeting",
  "End of minutes",
  "Consolidated action list",
  "Summary",
  "Item",
  "Copy for",
  "Agree",
  "Disagree",
  "reliable",
  "Planned",
  "In progress",
  "Approved",
  "Reports back",
  "May decide",
  "In the room",
  "On screen",
  "Guests",
  "Held",
  "Dissent",
  "disagrees",
  "Check-in",
  "Closure proposal",
  "Source check",
  "Open actions from the last meeting",
  "Sign-off",
  "Signed off",
  "RESTRICTED",
  "Thursday",
  "March",
  "Not recorded",
  "Routing",
  "Security signal",
  "Source grading",
  "Reasoning",
  "Fade-out",
  "Question",
  "Answer",
  "Page",
  "of",
  "Case",
  "General",
  "Place",
  "Date",
  "Delegate",
  "Invited",
  "withheld",
  "the",
  "and",
];

const LANGUAGES: Language[] = ["en", "nl", "fr", "de"];
const everyWord = (language: Language) => JSON.stringify([translations[language], serverTranslations[language]]);

function minutesIn(language: Language): MinutesInput {
  const typed = TYPED[language];
  const note = {
    type: "doc" as const,
    content: [{ type: "paragraph", content: [{ type: "text", text: typed.text }] }],
  };
  const agency = (id: string, name: string) => ({ id, name });
  const police = agency("ag-police", "Politie / Police / Polizei Rivierstadt-Nord");
  const youth = agency("ag-youth", "Jugendhilfe und Familienberatungsdienststelle Rivierstadt");
  const pro = (name: string, a = police) => ({ name, agency: a });
  const views = [
    { agency: police, view: "agree" as const, comment: "" },
    { agency: youth, view: "disagree" as const, comment: typed.text },
  ];
  // Item titles are ours, worded from the item's kind and case code; only a typed one is theirs.
  const base = {
    id: "",
    kind: "case" as const,
    caseCode: "C-2030-0001",
    title: "",
    involvedAgencyIds: [police.id, youth.id],
    summary: typed.text,
    notes: note,
  };
  return {
    network: { id: "net", name: "Rivierstad", timeZone: "Europe/Brussels", locale: "en-GB" },
    meeting: {
      id: "m",
      title: typed.title,
      startsAt: "2030-03-14T08:30:00Z",
      startedAt: "2030-03-14T08:30:00Z",
      endsAt: "2030-03-14T11:00:00Z",
      place: typed.place,
      chair: pro("Elena Novak"),
      minuteTaker: pro("Tomás Ruiz", youth),
    },
    classification: null,
    confidentialityNotice: "",
    attendance: [
      { ...pro("Elena Novak"), mandate: "decides", presence: "in_room" },
      { ...pro("Jürgen Weiß", youth), mandate: "reports_back", presence: "on_screen", leftAt: "2030-03-14T10:15:00Z" },
    ],
    apologies: [{ ...pro("Łukasz Zieliński"), delegate: "Ana Šimić" }],
    absent: [pro("Søren Østergaard", youth)],
    guests: [{ ...pro("Hélène Lefèvre", youth), itemIds: ["i2"] }],
    items: [
      {
        ...base,
        id: "i0",
        kind: "general",
        titleKind: "open_tasks",
        caseCode: null,
        section: "opening",
        involvedAgencyIds: [],
        summary: "",
        actionReviews: [
          {
            caseCode: "C-2030-0001",
            involvedAgencyIds: [police.id],
            what: typed.text,
            agencyName: police.name,
            owner: null,
            dueOn: "2030-03-01",
            review: "agency_not_done",
          },
          {
            caseCode: "C-2030-0001",
            involvedAgencyIds: [police.id],
            what: typed.text,
            agencyName: police.name,
            owner: null,
            dueOn: "2030-03-01",
            review: null,
          },
        ],
      },
      {
        ...base,
        id: "i1",
        titleKind: "source_check",
        section: "reliability",
        signal: {
          scale: "admiralty",
          source: "B",
          information: "2",
          handling: null,
          isSecuritySignal: false,
          gradingRationale: typed.text,
          knownConflict: null,
          reporterInterest: typed.text,
          corroboration: null,
        },
        decisions: [{ text: "", kind: "routing", outcome: "take_into_maw", rationale: typed.text, views }],
      },
      {
        ...base,
        id: "i2",
        titleKind: "check_in",
        section: "checkins",
        earlierActions: [
          {
            what: typed.text,
            agency: police,
            owner: "Elena Novak",
            dueOn: "2030-03-01",
            status: "stopped",
            stopReason: "circumstances_changed",
          },
          {
            what: typed.text,
            agency: youth,
            owner: null,
            dueOn: "2030-03-02",
            status: "in_progress",
            stopReason: null,
          },
        ],
        decisions: [{ text: "", kind: "check_in", outcome: "adjust_plan", rationale: typed.text, views }],
        tasks: [
          {
            id: "t1",
            what: typed.text,
            owner: { id: "p", name: "Jürgen Weiß" },
            agency: youth,
            dueOn: "2030-09-30",
            goal: typed.text,
          },
        ],
      },
      {
        ...base,
        id: "i3",
        titleKind: "closure_proposal",
        section: "closures",
        closure: {
          checklist: [
            { question: typed.text, answer: "partly", note: typed.text },
            { question: typed.text, answer: null, note: "" },
          ],
          rationale: typed.text,
          views,
          status: "closed",
          signOff: { by: "Elena Novak", words: typed.text, at: "2030-03-14T10:40:00Z" },
          fadeOutDates: ["2030-06-14", "2030-09-14"],
        },
        decisions: [{ text: "", kind: "closure", outcome: "close", rationale: typed.text, views }],
      },
      {
        ...base,
        id: "i4",
        kind: "general",
        titleKind: "own",
        title: typed.title,
        caseCode: null,
        section: "aob",
        involvedAgencyIds: [],
        deferred: "by_chair",
      },
    ],
    actionList: [
      {
        taskId: "t1",
        itemId: "i2",
        caseCode: "C-2030-0001",
        what: typed.text,
        owner: "Jürgen Weiß",
        agency: youth,
        dueOn: "2030-09-30",
        status: "in_progress",
      },
      {
        taskId: "t2",
        itemId: null,
        caseCode: null,
        what: typed.text,
        owner: null,
        agency: police,
        dueOn: "2030-10-01",
        status: "planned",
      },
    ],
    nextMeeting: { startsAt: "2030-04-11T07:30:00Z", endsAt: null, place: typed.place },
    document: {
      version: 2,
      date: "2030-03-16",
      status: "approved",
      approvedBy: pro("Elena Novak"),
      approvedAt: "2030-03-16T09:00:00Z",
    },
    copy: { agencyName: youth.name, full: false, withheldItems: 2 },
  };
}

/** Words of ours from English left in a copy: whole words, those the language itself does not use. */
function englishLeft(text: string, language: Language): string[] {
  const own = everyWord(language);
  return ENGLISH.filter((w) => !new RegExp(`\\b${w}\\b`).test(own)).filter((w) =>
    new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(text),
  );
}

type WordBox = {
  word: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  pageWidth: number;
};

/** Each word's box (pdftotext -bbox): where it stands on the page, in points. */
function wordBoxes(pdf: Buffer): WordBox[] {
  const dir = join(tmpdir(), `casetable-bbox-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "m.pdf"), pdf);
  const html = execFileSync("pdftotext", ["-bbox", join(dir, "m.pdf"), "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const boxes: WordBox[] = [];
  let pageWidth = 0;
  let page = 0;
  for (const line of html.split("\n")) {
    const opened = /<page width="([\d.]+)"/.exec(line);
    if (opened) {
      pageWidth = Number(opened[1]);
      page += 1;
    }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (w)
      boxes.push({
        word: w[5],
        page,
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        pageWidth,
      });
  }
  return boxes;
}

/** Pairs of words printed over each other (more than a point of overlap both ways). */
function overlapping(boxes: WordBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.page !== b.page) continue;
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > 1 && down > 1) found.push(`${a.word} / ${b.word} (page ${a.page})`);
    }
  return found;
}

/** Page images to look at (pdftoppm -r 60), in a folder the run prints. */
const PNG_DIR = join(tmpdir(), "casetable-minutes-languages");

describe.skipIf(!pdfToolsAvailable)("the minutes in four languages", () => {
  const pdfs = new Map<Language, Buffer>();
  beforeAll(async () => {
    mkdirSync(PNG_DIR, { recursive: true });
    for (const language of LANGUAGES) {
      const pdf = await renderMinutesPdf(minutesIn(language), {
        language,
        createdAt: new Date("2030-03-16T09:00:00Z"),
      });
      pdfs.set(language, pdf);
      execFileSync("pdftoppm", ["-png", "-r", "60", "-", join(PNG_DIR, language)], { input: pdf });
    }
    console.info(`Minutes pages as images: ${PNG_DIR}`);
  }, 120_000);

  it.each(["nl", "fr", "de"] as const)("%s: our words in the language, dates in it, no English left", (language) => {
    const pdf = pdfs.get(language)!;
    qpdfCheck(pdf);
    const text = pdfText(pdf).replace(/\s+/g, " ");
    for (const word of THEIR_WORDS[language]) expect(text, word).toContain(word);
    expect(englishLeft(text, language)).toEqual([]);
    expect(pdfCatalog(pdf)).toMatch(new RegExp(`/Lang \\(${language}[-)]`));
  });

  it("en: the same minutes in English, so the list of English words is the one the English copy has", () => {
    const text = pdfText(pdfs.get("en")!).replace(/\s+/g, " ");
    const found = ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(text));
    // Every word the check looks for does occur in English minutes: the check can fail.
    expect(ENGLISH.filter((w) => !found.includes(w))).toEqual([]);
    expect(pdfCatalog(pdfs.get("en")!)).toContain("/Lang (en-GB)");
  });

  it.each(LANGUAGES)("%s: nothing runs past the margins or over other words, however long the words", (language) => {
    const boxes = wordBoxes(pdfs.get(language)!);
    expect(boxes.length).toBeGreaterThan(300);
    const outside = boxes.filter((b) => b.xMin < 63 || b.xMax > b.pageWidth - 63).map((b) => b.word);
    expect(outside).toEqual([]);
    // A label that wraps further than its value (French and German run longer) pushes the next row down.
    expect(overlapping(boxes)).toEqual([]);
    expect(readdirSync(PNG_DIR).filter((f) => f.startsWith(language) && f.endsWith(".png")).length).toBeGreaterThan(1);
  });
});

// Through the real flow: a network whose pages are Dutch and whose official minutes are French.
const smtp = useSmtpServer();
const app = useTestServer({ env: () => ({ SMTP_URL: smtp.url }) });
let m: Awaited<ReturnType<typeof closedMeeting>>;
beforeAll(async () => {
  m = await closedMeeting(app.server, app.net);
}, 60_000);
afterAll(() => m?.close());

describe.skipIf(!pdfToolsAvailable)("each document's language", () => {
  it("archives the original in the minutes language; mails each person their copy and plans in theirs, else the network's", async () => {
    const { services } = app;
    const actor = (email: string) => ({ personId: m.member(email).personId, ip: null });
    await services.networks.setLanguage(actor("chair@riverside.example"), app.net.networkId, "nl");
    expect(await services.networks.setMinutesLanguage(actor("chair@riverside.example"), app.net.networkId, "fr")).toBe(
      true,
    );
    await services.accounts.setLanguage(m.member("police@riverside.example").personId, "de");

    const approved = await services.minutes.approve(actor("chair@riverside.example"), m.meetingId);
    if (!approved.ok) throw new Error(approved.reason);
    const { store } = services.database;
    const [row] = await store.db
      .select()
      .from(store.t.minutesVersions)
      .where(eq(store.t.minutesVersions.id, approved.version.id));
    const archived = readFileSync(services.minutes.archive.fileOf(row.pdfPath));
    expect(pdfCatalog(archived)).toMatch(/\/Lang \(fr[-)]/);
    expect(pdfText(archived)).toContain("Procès-verbal");
    // Item titles are worded in the copy's language from what the item is, none in English.
    const titles = /Opening: attendance|Check-in C-|Signal C-|Closure proposal C-|Any other business and/;
    expect(pdfText(archived).replace(/\s+/g, " ")).toContain("présences, excusés, déclaration de confidentialité");
    expect(pdfText(archived)).not.toMatch(titles);

    const sent = await services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId);
    if (!sent.ok) throw new Error(sent.reason);
    await deliveriesSettled(app.server, m.meetingId);
    const attachment = (email: string, kind: string) =>
      smtp.received
        .filter((r) => r.envelopeTo.includes(email))
        .flatMap((r) => r.mail.attachments)
        .find((a) => a.filename?.startsWith(kind))!.content;
    // Each mail names its attachments in the reader's language too.
    const german = attachment("police@riverside.example", "protokoll-");
    expect(pdfCatalog(german)).toMatch(/\/Lang \(de[-)]/);
    expect(pdfText(german)).toContain("Anwesenheit");
    expect(pdfText(german).replace(/\s+/g, " ")).toContain("Anwesenheit, Absagen, Vertraulichkeitserklärung");
    expect(pdfText(german)).not.toMatch(titles);
    // The heading, not the members' own words ("Attendance at training" is a task's text).
    expect(
      pdfText(german)
        .split("\n")
        .map((l) => l.trim()),
    ).not.toContain("Attendance");
    expect(pdfText(attachment("police@riverside.example", "massnahmenplan-"))).toContain("Maßnahmenplan");
    const dutch = attachment("social@riverside.example", "verslag-");
    expect(pdfCatalog(dutch)).toMatch(/\/Lang \(nl[-)]/);
    expect(pdfText(dutch)).toContain("Aanwezigheid");
  }, 120_000);
});
