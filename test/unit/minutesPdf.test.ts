import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { minutesSchema, type Minutes, type NoteDoc } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact, visibleItemIds } from "../../server/documents/redact.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";
import { pdfCatalog, pdfInfo, pdfPages, pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";

const squash = (s: string) => s.replace(/\s+/g, "");
const marker = (id: string, what: string) => `MARKER${what}${id.replace(/\D/g, "")}X`;

/** The fixture with a unique word in every item's summary, note, decision and task. */
function markedMinutes(): Minutes {
  const m = minutesSchema.parse(minutesFixture());
  for (const item of m.items) {
    item.summary = `${item.summary} ${marker(item.id, "SUMMARY")}`;
    item.notes!.content.push({
      type: "paragraph",
      content: [{ type: "text", text: `Said in the room: ${marker(item.id, "NOTE")}.` }],
    });
    item.decisions.forEach((d) => (d.text += ` ${marker(item.id, "DECISION")}`));
    item.tasks.forEach((t) => (t.what += ` ${marker(item.id, "TASK")}`));
  }
  m.actionList = m.actionList.map((a) => ({ ...a, what: `${a.what} ${marker(a.itemId!, "ACTION")}` }));
  return m;
}

const health = FIXTURE_AGENCIES[3];
const createdAt = new Date("2030-03-16T10:00:00Z");

describe.skipIf(!pdfToolsAvailable)("the minutes PDF", () => {
  let full: Minutes;
  let pdf: Buffer;
  let text: string;
  let pages: string[];
  beforeAll(async () => {
    full = markedMinutes();
    pdf = await renderMinutesPdf(full, { createdAt });
    text = pdfText(pdf);
    pages = pdfPages(pdf);
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, pdf);
  });

  it("is a valid, tagged PDF with title, author, language and creation date", () => {
    expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
    const info = pdfInfo(pdf);
    expect(info.Title).toBe("Minutes: Monthly case conference, March 2030");
    expect(info.Author).toBe("Casetable");
    expect(info.Tagged).toBe("yes");
    expect(info.CreationDate).toMatch(/^2030-03-16T10:00:00/);
    expect(info["PDF version"]).toBe("1.7");
    const catalog = pdfCatalog(pdf);
    expect(catalog).toContain("/Lang (en-GB)");
    expect(catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(catalog).toMatch(/\/DisplayDocTitle true/);
  });

  it("embeds DejaVu, so every EU name renders and can be searched", () => {
    const fonts = execFileSync("pdffonts", ["-"], { input: pdf, encoding: "utf8" });
    expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes/);
    expect(fonts).toMatch(/DejaVuSans-Bold\s.*yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica/);
    for (const name of [
      "Łukasz Zieliński",
      "Søren Østergaard",
      "Jürgen Weiß",
      "Hélène Lefèvre",
      "Erdős Zsófia",
      "Petra Novák Čermáková",
      "Iñigo Muñoz",
      "Σοφία Παπαδοπούλου",
      "Σχολική Υπηρεσία",
    ])
      expect(text).toContain(name);
  });

  it("holds the meeting, attendance with agency and mandate, apologies, guests, the notice and the next meeting", () => {
    for (const s of [
      "Riverside Case Conference (fictional)",
      "Thursday, 14 March 2030",
      "09:30 – 12:00",
      "Stadhuis Rivierstad, Zaal 3",
      "Chair",
      "Minutes taken by",
      "Approved by the chair",
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/Jürgen Weiß\s+Sociale Dienst \/ Służby\s+Społeczne\s+Reports back[\s\S]{0,40}In the room/);
    expect(text).toContain("These minutes contain personal information shared between partner agencies");
    expect(text).toMatch(/Apologies\s+Name\s+Agency\s+Delegate\s+Ana Šimić/);
    expect(text).toMatch(/Dr\. Ingrid Ødegård[\s\S]{0,80}Item 2 · Case C-2030-0002/);
    expect(text).toContain("Consolidated action list");
    expect(text).toMatch(/Next meeting\s+Thursday, 11 April 2030, 09:30 – 12:00, Stadhuis Rivierstad, Zaal 3/);
  });

  it("prints every item in order with summary, notes (headings, lists, bold, italic, links), decisions with views and tasks", () => {
    const agenda = squash(text).indexOf("Agendaitems");
    const positions = full.items.map((item, i) =>
      squash(text).indexOf(squash(`Item ${i + 1} · ${item.caseCode ? `Case ${item.caseCode}` : "General"}`), agenda),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain("Agreed next steps");
    expect(text).toMatch(/•\s*\S/);
    expect(text).toMatch(/1\.\s*Share the school report through the secure channel \(guidance\)/);
    expect(text).toMatch(/–\s*A nested point about consent\./);
    expect(pdf.includes("https://example.org/guidance/sharing")).toBe(true);
    expect(text).toMatch(/Rationale: Protective factors are growing/);
    expect(text).toMatch(/^Abstain$/m);
    expect(text).toMatch(/^Will confirm with the team\.$/m);
    for (const item of full.items)
      for (const what of ["SUMMARY", "NOTE", "TASK", "ACTION"])
        if (what !== "SUMMARY" || item.kind === "case") expect(squash(text)).toContain(marker(item.id, what));
  });

  it("marks every page in header and footer and numbers it 'page x of y' beside the date and version", () => {
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((page, i) => {
      expect(page.match(/RESTRICTED/g)!.length).toBeGreaterThanOrEqual(2);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain("Minutes · version 1 · 16 March 2030");
    });
  });

  it("repeats the header row on every page a table runs onto, and leaves no heading alone at a page's foot", () => {
    const start = pages.findIndex((p) => p.includes("Consolidated action list"));
    const continued = pages.slice(start + 1).filter((p) => p.includes("MARKERACTION"));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued)
      for (const header of ["Case", "Task", "Owner", "Agency", "Due", "Status"])
        expect(page).toMatch(new RegExp(`^${header}$`, "m"));
    for (const page of pages) {
      const lines = page
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      const content = lines.filter((l) => !/^(RESTRICTED|Minutes|Minutes · version.*|Page \d+ of \d+)$/.test(l));
      expect(content.at(-1), `the foot of page ${pages.indexOf(page) + 1}`).not.toMatch(
        /^(Item \d+ · .+: .*|Notes|Decisions|Tasks|Agreed next steps|Update from partners|Attendance|Apologies|Guests)$/,
      );
    }
  });

  it("carries the network's own marking when it has one", async () => {
    const own = await renderMinutesPdf(
      { ...minutesFixture({ items: 3, tasks: 4 }), classification: "OFFICIAL-SENSITIVE" },
      { createdAt },
    );
    const ownPages = pdfPages(own);
    for (const page of ownPages) expect(page.match(/OFFICIAL-SENSITIVE/g)!.length).toBeGreaterThanOrEqual(2);
    expect(pdfText(own)).not.toContain("RESTRICTED");
  });
});

describe.skipIf(!pdfToolsAvailable)("need to know: each recipient's copy", () => {
  let full: Minutes;
  beforeAll(() => {
    full = markedMinutes();
  });

  async function copyText(recipient: Parameters<typeof redact>[1]) {
    const pdf = await renderMinutesPdf(redact(full, recipient), { createdAt });
    qpdfCheck(pdf);
    return { text: pdfText(pdf), squashed: squash(pdfText(pdf)) };
  }

  it("an agency's copy holds general items and its cases, and nothing of the others", async () => {
    const visible = visibleItemIds(full, { agency: health, seesAll: false });
    const hidden = full.items.filter((i) => !visible.has(i.id));
    expect(hidden.length).toBeGreaterThan(10);
    expect(full.items.filter((i) => visible.has(i.id) && i.kind === "case").length).toBeGreaterThan(3);
    const { text, squashed } = await copyText({ agency: health, seesAll: false });
    for (const item of hidden) {
      expect(squashed).not.toContain(squash(item.caseCode!));
      for (const what of ["SUMMARY", "NOTE", "DECISION", "TASK", "ACTION"])
        expect(squashed).not.toContain(marker(item.id, what));
    }
    for (const item of full.items.filter((i) => visible.has(i.id))) {
      expect(squashed).toContain(marker(item.id, "NOTE"));
      if (item.caseCode)
        expect(squashed).toContain(squash(`Item ${full.items.indexOf(item) + 1} · Case ${item.caseCode}`));
    }
    // The guest came only for item 2, a case health is not part of.
    expect(text).not.toContain("Ødegård");
    expect(text).toContain(`Copy for ${health.name}`);
    expect(text).toContain(`${hidden.length} other items are withheld`);
  });

  it("a guest's copy holds the item they attended; the chair's copy holds everything", async () => {
    const youth = FIXTURE_AGENCIES[5];
    const guest = await copyText({ agency: youth, seesAll: false, guestItemIds: ["item-2"] });
    expect(guest.squashed).toContain(marker("item-2", "NOTE"));
    expect(guest.text).toContain("Dr. Ingrid Ødegård");
    const chair = await copyText({ agency: FIXTURE_AGENCIES[0], seesAll: true });
    for (const item of full.items) expect(chair.squashed).toContain(marker(item.id, "NOTE"));
    expect(chair.text).toContain("Full record (chair and coordinator)");
  });
});

describe("redact (pure)", () => {
  const m = minutesSchema.parse(minutesFixture({ items: 6, tasks: 12 }));
  it("filters items, action list and guests alike and keeps the agenda numbers", () => {
    const copy = redact(m, { agency: health, seesAll: false });
    const ids = visibleItemIds(m, { agency: health, seesAll: false });
    expect(copy.items.map((i) => i.id)).toEqual(m.items.filter((i) => ids.has(i.id)).map((i) => i.id));
    expect(copy.items.every((i) => i.number === m.items.findIndex((x) => x.id === i.id) + 1)).toBe(true);
    expect(copy.actionList.every((a) => a.itemId && ids.has(a.itemId))).toBe(true);
    expect(copy.actionList.length).toBe(m.actionList.filter((a) => ids.has(a.itemId!)).length);
    expect(copy.copy).toEqual({
      agencyName: health.name,
      full: false,
      withheldItems: m.items.length - copy.items.length,
    });
    // The full record is not touched.
    expect(m.items).toHaveLength(6);
  });

  it("a line of the action list tied to no item follows its case code", () => {
    const hiddenCase = m.items.find((i) => i.kind === "case" && !i.involvedAgencyIds.includes(health.id))!;
    const extra: Minutes = {
      ...m,
      actionList: [
        {
          taskId: "x1",
          itemId: null,
          caseCode: hiddenCase.caseCode,
          what: "hidden",
          owner: null,
          agency: health,
          dueOn: "2030-05-01",
          status: "planned",
        },
        {
          taskId: "x2",
          itemId: null,
          caseCode: null,
          what: "general business",
          owner: null,
          agency: health,
          dueOn: "2030-05-01",
          status: "planned",
        },
      ],
    };
    expect(redact(extra, { agency: health, seesAll: false }).actionList.map((a) => a.what)).toEqual([
      "general business",
    ]);
    expect(redact(extra, { agency: health, seesAll: true }).actionList).toHaveLength(2);
  });
});

describe.skipIf(!pdfToolsAvailable)("bad input still gives a valid PDF", () => {
  it("a 5,000-word note, a 300-character word, emoji, right-to-left text, an empty item", async () => {
    const m = minutesSchema.parse(minutesFixture({ items: 4, tasks: 4 }));
    const longWord = "Rechtsschutzversicherungsgesellschaften".repeat(8).slice(0, 300);
    const words = Array.from(
      { length: 5000 },
      (_, i) => ["zorg", "Gesundheit", "ochrona", "σχολείο", "niño", "øje"][i % 6],
    ).join(" ");
    const note: NoteDoc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: words }] },
        { type: "paragraph", content: [{ type: "text", text: longWord }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "Emoji 😀👍🏽 and RTL: שלום עולם, مرحبا بالعالم, mixed עברית text." }],
        },
        { type: "paragraph" },
        { type: "bulletList", content: [{ type: "listItem", content: [] }] },
        { type: "mystery", content: [{ type: "text", text: "unknown node kept as text" }] },
      ],
    };
    m.items[1].notes = note;
    m.items[2] = { ...m.items[2], title: "", summary: "", notes: null, decisions: [], tasks: [] };
    m.items[3].tasks[0] = { ...m.items[3].tasks[0], what: `${longWord} ${words}` };
    m.meeting.place = `Zaal ${longWord}`;
    const pdf = await renderMinutesPdf(m);
    qpdfCheck(pdf);
    const text = squash(pdfText(pdf));
    expect(text).toContain(longWord);
    expect(text).toContain("unknownnodekeptastext");
    expect(text).toContain("Nonoteswererecordedforthisitem.");
    expect(pdfPages(pdf).length).toBeGreaterThan(10);
  });

  it("rejects a model that breaks the rules instead of printing half of it", async () => {
    const m = minutesFixture({ items: 2, tasks: 1 });
    await expect(renderMinutesPdf({ ...m, items: [{ ...m.items[1], caseCode: null }] })).rejects.toThrow(
      /case_item_without_code/,
    );
  });
});
