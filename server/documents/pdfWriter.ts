import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { heightOfLines, layOut, writeLines, type LineFont, type StyledRun } from "./lineLayout.ts";
import { measuredHeight, shareMeasurements } from "./textCache.ts";
import type { Layout } from "./templates.ts";

// The typesetting both documents share: a tagged PDF in DejaVu, headings that keep with
// their content, tables that repeat their header row on every page they run onto, and
// the classification marking, page numbers, date and version on every page.

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;
export type FontStyle = "regular" | "bold" | "italic" | "boldItalic";

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

// Parsing DejaVu's tables costs more than typesetting a short document, so each font is
// parsed once per process with pdfkit's own fontkit (resolved from pdfkit, not a
// dependency of ours) and handed to every document; each document still embeds its own
// subset. Documents are built synchronously, so sharing the parsed font is safe.
const fontkit = createRequire(createRequire(import.meta.url).resolve("pdfkit"))("fontkit") as {
  create(data: Uint8Array): unknown;
};
const parsedFonts = new Map<string, unknown>();
function parsedFont(file: string): unknown {
  let font = parsedFonts.get(file);
  if (!font) parsedFonts.set(file, (font = fontkit.create(readFileSync(join(FONT_DIR, file)))));
  return font;
}

/** Control characters other than line breaks would end up as boxes or break the text layer. */
export function clean(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, "    ")
    .replace(/(?!\n)[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, "");
}

export interface DocumentMeta {
  /** The document's language as BCP 47 (e.g. nl-BE): the catalog's /Lang, read by screen readers. */
  language: string;
  title: string;
  subject: string;
  /** Short name in the running header and footer, e.g. "Minutes". */
  documentName: string;
  classification: string;
  /** The footer's line: name, version and date, in the reader's words. */
  dated: string;
  /** "Page x of y" in the reader's words. */
  pageOf(page: number, pages: number): string;
  createdAt: Date;
  keywords?: string;
}

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string | null;
}

export interface Column {
  header: string;
  /** Share of the table's width. */
  width: number;
}

export interface TextOptions {
  style?: FontStyle;
  size?: number;
  colour?: string;
  indent?: number;
  gapAfter?: number;
  tag?: string;
}

const CELL_PAD = 4;

type ContentStream = {
  write(chunk: string | Uint8Array): void;
  end(): void;
  compress: boolean;
  data: { Filter?: string };
  /** What was written before the page was handed to collectContent (pdfkit's first transform). */
  buffer: Uint8Array[];
};

/**
 * How hard a page's drawing is compressed. zlib's default (6) spent an eighth of a render;
 * level 3 takes about half that for files about a tenth larger (docs/performance.md, "Minutes").
 */
const CONTENT_DEFLATE_LEVEL = 3;

/**
 * pdfkit turns every drawing operator into bytes on its own as it is written (a dozen per
 * line of text); a page's operators are kept as text instead and turned into bytes once,
 * when the page ends, then compressed at CONTENT_DEFLATE_LEVEL.
 */
function collectContent(content: ContentStream) {
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  let pending: string[] = [];
  content.write = (chunk) => {
    pending.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("latin1"));
  };
  content.end = () => {
    if (pending.length) {
      // The bytes pdfkit would write: each operator on its own line.
      const bytes = Buffer.concat([...content.buffer.splice(0), Buffer.from(`${pending.join("\n")}\n`, "latin1")]);
      pending = [];
      if (content.compress) {
        content.compress = false;
        content.data.Filter = "FlateDecode";
        write(deflateSync(bytes, { level: CONTENT_DEFLATE_LEVEL }));
      } else write(bytes);
    }
    end();
  };
}

export class PdfWriter {
  readonly doc: Doc;
  private readonly stack: StructElement[] = [];
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly fonts = {} as Record<FontStyle, LineFont>;

  constructor(
    readonly layout: Layout,
    readonly meta: DocumentMeta,
  ) {
    this.doc = new PDFDocument({
      size: layout.page.size,
      margins: layout.page.margins,
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: "1.7",
      // No Helvetica opened (and its metrics parsed) for every document: DejaVu is opened below.
      font: null as unknown as string,
      // PDF/UA: XMP metadata carrying the title, as screen readers and archives expect.
      subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
      tagged: true,
      lang: meta.language,
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: layout.author,
        Subject: meta.subject,
        Keywords: meta.keywords ?? meta.classification,
        Creator: "Casetable",
        Producer: "Casetable (pdfkit)",
        CreationDate: meta.createdAt,
        ModDate: meta.createdAt,
      },
    });
    // pdfkit writes the file as thousands of small pieces, each turned into bytes on its own
    // and pushed through a stream; after its header, they are collected here instead: text
    // as text, turned into bytes once per stretch between binary streams.
    const doc = this.doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
    const written: Uint8Array[] = [];
    let text = "";
    doc._write = (data) => {
      if (typeof data === "string") {
        text += `${data}\n`;
        doc._offset += data.length + 1;
      } else {
        if (text) written.push(Buffer.from(text, "latin1"));
        text = "";
        written.push(data);
        doc._offset += data.length;
      }
    };
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on("end", () => resolve(Buffer.concat([...this.chunks, ...written, Buffer.from(text, "latin1")])));
      this.doc.on("error", reject);
    });
    // Each style is opened now, in the layout's order (so its name in the file, F1…F4, does
    // not depend on the content), and measures words through the cache all documents share.
    // A style that is never used is not embedded.
    for (const [style, file] of Object.entries(layout.fonts)) {
      const font = parsedFont(file);
      this.doc.registerFont(style, font as Buffer).font(style);
      const opened = (this.doc as unknown as { _font: LineFont })._font;
      shareMeasurements(opened, font as object);
      this.fonts[style as FontStyle] = opened;
    }
    const page = () => collectContent((this.doc.page as unknown as { content: ContentStream }).content);
    page();
    this.doc.on("pageAdded", page);
    const root = this.doc.struct("Document");
    this.doc.addStructure(root);
    this.stack.push(root);
    this.doc.font("regular").fontSize(layout.sizes.body).fillColor(layout.colours.text);
  }

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get top() {
    return this.doc.page.margins.top;
  }
  private get parent(): StructElement {
    return this.stack[this.stack.length - 1];
  }

  font(style: FontStyle, size: number, colour = this.layout.colours.text) {
    this.doc.font(style).fontSize(size).fillColor(colour);
  }

  private styled(runs: { text: string; style: FontStyle }[]): StyledRun[] {
    return runs.map((r) => ({ text: r.text, font: this.fonts[r.style] }));
  }

  /** How tall `text` is wrapped at `width` in a style and size (laid out once per process). */
  private heightOf(text: string, width: number, style: FontStyle, size: number): number {
    const runs = this.styled([{ text, style }]);
    const lines = layOut(runs, size, width);
    if (lines) return heightOfLines(lines, runs, size, 0);
    this.font(style, size);
    return measuredHeight(`${this.fonts[style].name}|${size}|${width}|${text}`, () =>
      this.doc.heightOfString(text, { width }),
    );
  }

  /**
   * Writes `runs` wrapped at `width` from (`x`, `y`) in one size and colour, with the lines
   * laid out once per process (lineLayout.ts); pdfkit wraps what that leaves to it.
   */
  private write(
    spans: { text: string; style: FontStyle }[],
    x: number,
    y: number,
    width: number,
    options: { size: number; colour?: string; lineGap?: number; align?: "left" | "center" | "right" },
  ) {
    const { size, colour = this.layout.colours.text, lineGap = 0, align = "left" } = options;
    const runs = this.styled(spans);
    const lines = layOut(runs, size, width);
    this.font(spans[spans.length - 1].style, size, colour);
    this.doc.y = y;
    if (lines) return writeLines(this.doc as never, lines, runs, { size, x, width, lineGap, align });
    spans.forEach((span, i) => {
      this.font(span.style, size, colour);
      const textOptions = { width, continued: i < spans.length - 1, lineGap, align };
      if (i === 0) this.doc.text(span.text, x, y, textOptions);
      else this.doc.text(span.text, textOptions);
    });
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) this.doc.addPage();
  }

  /** A structure element holding what `draw` puts on the page. */
  tagged(tag: string, draw: () => void) {
    this.parent.add(this.doc.struct(tag, {}, draw));
  }

  /** A grouping element (Sect, L, LI, Table…) whose children `build` adds. */
  group(tag: string, build: () => void) {
    const el = this.doc.struct(tag);
    this.parent.add(el);
    this.stack.push(el);
    try {
      build();
    } finally {
      this.stack.pop();
      el.end();
    }
  }

  /** Decoration and running headers: not read out by screen readers. */
  artifact(draw: () => void, type: "Layout" | "Pagination" = "Layout") {
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  heading(level: 1 | 2 | 3 | "title", text: string, options: { colour?: string; keepWith?: number } = {}) {
    const size = level === "title" ? this.layout.sizes.title : this.layout.sizes[`h${level}`];
    const colour = options.colour ?? (level === 3 ? this.layout.colours.text : this.layout.colours.accent);
    const gapBefore = level === "title" ? 0 : level === 1 ? 14 : level === 2 ? 10 : 6;
    const h = this.heightOf(clean(text), this.width, "bold", size);
    if (this.doc.y > this.top + 1) this.doc.y += gapBefore;
    // No orphaned headings: the heading moves to the next page with the first lines of its content.
    this.ensureSpace(h + (options.keepWith ?? this.layout.keepWithNext));
    this.tagged(level === "title" ? "H1" : `H${level === 1 ? 2 : level === 2 ? 3 : 4}`, () => {
      this.write([{ text: clean(text), style: "bold" }], this.left, this.doc.y, this.width, { size, colour });
    });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.artifact(() =>
        this.doc
          .moveTo(this.left, y)
          .lineTo(this.left + this.width, y)
          .lineWidth(0.8)
          .strokeColor(this.layout.colours.rule)
          .stroke(),
      );
      this.doc.y = y + 5;
    } else this.doc.y += 3;
    this.font("regular", this.layout.sizes.body);
  }

  paragraph(text: string, options: TextOptions = {}) {
    this.richParagraph(
      [
        {
          text,
          bold: options.style === "bold" || options.style === "boldItalic",
          italic: options.style === "italic" || options.style === "boldItalic",
        },
      ],
      options,
    );
  }

  /** A paragraph of runs in different styles (bold, italic, links), wrapped as one. */
  richParagraph(spans: Span[], options: TextOptions & { label?: string } = {}) {
    const size = options.size ?? this.layout.sizes.body;
    const indent = options.indent ?? 0;
    const x = this.left + indent;
    const width = this.width - indent;
    const runs = spans.map((s) => ({ ...s, text: clean(s.text) })).filter((s) => s.text.length > 0);
    if (!runs.length) runs.push({ text: " " });
    this.font("regular", size);
    this.ensureSpace(Math.min(this.doc.currentLineHeight(true) * 2, 40));
    this.tagged(options.tag ?? "P", () => {
      if (options.label) {
        // A list marker, hanging in the indent.
        this.write([{ text: options.label, style: "regular" }], x - 16, this.doc.y, 14, {
          size,
          colour: options.colour,
          align: "right",
        });
        this.doc.y -= this.doc.currentLineHeight(true);
      }
      const styleOf = (run: Span): FontStyle =>
        run.bold && run.italic ? "boldItalic" : run.bold ? "bold" : run.italic ? "italic" : "regular";
      // Links are underlined and annotated by pdfkit.
      if (!runs.some((run) => run.link))
        return this.write(
          runs.map((run) => ({ text: run.text, style: styleOf(run) })),
          x,
          this.doc.y,
          width,
          { size, colour: options.colour, lineGap: 1.5 },
        );
      runs.forEach((run, i) => {
        this.font(
          styleOf(run),
          size,
          run.link ? this.layout.colours.link : (options.colour ?? this.layout.colours.text),
        );
        const last = i === runs.length - 1;
        const textOptions = {
          width,
          continued: !last,
          link: run.link ?? null,
          underline: !!run.link,
          lineGap: 1.5,
        } as PDFKit.Mixins.TextOptions;
        if (i === 0) this.doc.text(run.text, x, this.doc.y, textOptions);
        else this.doc.text(run.text, textOptions);
      });
    });
    this.doc.x = this.left;
    this.doc.y += options.gapAfter ?? 4;
    this.font("regular", this.layout.sizes.body);
  }

  /** A boxed notice, e.g. the confidentiality statement. */
  notice(text: string, options: { title?: string } = {}) {
    const pad = 8;
    const size = this.layout.sizes.small + 0.5;
    const bodyH = this.heightOf(clean(text), this.width - 2 * pad, "regular", size);
    const titleH = options.title ? this.heightOf(clean(options.title), this.width - 2 * pad, "bold", size) + 2 : 0;
    const h = bodyH + titleH + 2 * pad;
    this.ensureSpace(h + 6);
    const y = this.doc.y;
    this.artifact(() =>
      this.doc
        .rect(this.left, y, this.width, h)
        .lineWidth(0.8)
        .fillAndStroke(this.layout.colours.noticeBackground, this.layout.colours.noticeBorder),
    );
    this.doc.y = y + pad;
    this.tagged("P", () => {
      if (options.title) {
        this.write([{ text: clean(options.title), style: "bold" }], this.left + pad, this.doc.y, this.width - 2 * pad, {
          size,
        });
        this.doc.y += 2;
      }
      this.write([{ text: clean(text), style: "regular" }], this.left + pad, this.doc.y, this.width - 2 * pad, {
        size,
      });
    });
    this.doc.x = this.left;
    this.doc.y = y + h + 8;
    this.font("regular", this.layout.sizes.body);
  }

  /** Label–value pairs in two columns (a definition table). */
  facts(rows: [string, string][]) {
    const labelW = Math.round(this.width * 0.27);
    const size = this.layout.sizes.body;
    this.group("Table", () => {
      for (const [label, value] of rows) {
        // Each column measured in the font it is drawn in: a bold label wraps sooner.
        const valueH = this.heightOf(clean(value) || " ", this.width - labelW, "regular", size);
        const h = Math.max(valueH, this.heightOf(clean(label), labelW - 8, "bold", size));
        this.ensureSpace(h + 3);
        const y = this.doc.y;
        this.group("TR", () => {
          this.tagged("TH", () =>
            this.write([{ text: clean(label), style: "bold" }], this.left, y, labelW - 8, {
              size,
              colour: this.layout.colours.muted,
            }),
          );
          this.tagged("TD", () =>
            this.write([{ text: clean(value) || " ", style: "regular" }], this.left + labelW, y, this.width - labelW, {
              size,
            }),
          );
        });
        this.doc.y = y + h + 3;
      }
    });
    this.doc.x = this.left;
    this.doc.y += 4;
  }

  /**
   * A table whose rows never split: a row that does not fit goes to the next page, and
   * the header row is drawn again at the top of every page the table runs onto. A row
   * taller than a whole page (pathological input) is printed as label–value lines that
   * may flow across pages, so nothing is cut.
   */
  table(columns: Column[], rows: string[][], options: { size?: number } = {}) {
    const size = options.size ?? this.layout.sizes.table;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const c = this.layout.colours;
    const cellHeight = (texts: string[], style: FontStyle) =>
      Math.max(...texts.map((t, i) => this.heightOf(clean(t) || " ", widths[i] - 2 * CELL_PAD, style, size))) +
      2 * CELL_PAD;
    const headers = columns.map((col) => col.header);
    const headerH = cellHeight(headers, "bold");

    const drawRow = (texts: string[], y: number, h: number, kind: "header" | "repeat" | "body", stripe: boolean) => {
      const fillColour = kind === "body" ? (stripe ? c.tableStripe : null) : c.tableHeader;
      this.artifact(() => {
        if (fillColour) this.doc.rect(this.left, y, this.width, h).fill(fillColour);
        this.doc.lineWidth(0.5).strokeColor(c.tableBorder);
        this.doc.rect(this.left, y, this.width, h).stroke();
        for (const x of xs.slice(1))
          this.doc
            .moveTo(x, y)
            .lineTo(x, y + h)
            .stroke();
      });
      const drawCells = () =>
        texts.forEach((t, i) => {
          const draw = () =>
            this.write(
              [{ text: clean(t) || " ", style: kind === "body" ? "regular" : "bold" }],
              xs[i] + CELL_PAD,
              y + CELL_PAD,
              widths[i] - 2 * CELL_PAD,
              { size },
            );
          // A repeated header is layout, not content: read once, at the table's start.
          if (kind === "repeat") draw();
          else this.tagged(kind === "header" ? "TH" : "TD", draw);
        });
      if (kind === "repeat") this.artifact(drawCells);
      else this.group("TR", drawCells);
      this.doc.y = y + h;
    };

    this.group("Table", () => {
      this.ensureSpace(headerH + Math.min(cellHeight(rows[0] ?? headers, "regular"), 80));
      drawRow(headers, this.doc.y, headerH, "header", false);
      const roomOnFullPage = this.bottom - this.top - headerH;
      rows.forEach((row, r) => {
        const h = cellHeight(row, "regular");
        if (h > roomOnFullPage) {
          this.oversizedRow(headers, row, size);
          return;
        }
        if (this.doc.y + h > this.bottom) {
          this.doc.addPage();
          drawRow(headers, this.doc.y, headerH, "repeat", false);
        }
        drawRow(row, this.doc.y, h, "body", r % 2 === 1);
      });
    });
    this.doc.x = this.left;
    this.doc.y += 8;
    this.font("regular", this.layout.sizes.body);
  }

  private oversizedRow(headers: string[], row: string[], size: number) {
    this.doc.y += 4;
    this.group("TR", () => {
      row.forEach((cell, i) => {
        this.tagged("TD", () => {
          this.font("bold", size);
          this.doc.text(`${clean(headers[i])}: `, this.left, this.doc.y, { width: this.width, continued: true });
          this.font("regular", size);
          this.doc.text(clean(cell) || " ", { width: this.width });
        });
      });
    });
    this.doc.y += 4;
  }

  /** Running header and footer on every page, then the finished file. */
  async finish(): Promise<Buffer> {
    const { doc, layout, meta } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = { ...doc.page.margins };
      doc.page.margins.top = 0;
      doc.page.margins.bottom = 0;
      const left = margins.left;
      const width = doc.page.width - margins.left - margins.right;
      const c = layout.colours;
      this.artifact(() => {
        // Header: the marking, then the document's name, over a rule.
        const headY = margins.top - 36;
        const marking = { size: layout.sizes.marking, colour: c.marking, align: "center" } as const;
        const small = { size: layout.sizes.small, colour: c.muted } as const;
        this.write([{ text: meta.classification, style: "bold" }], left, headY, width, marking);
        this.write([{ text: meta.documentName, style: "regular" }], left, headY + 14, width, {
          ...small,
          align: "right",
        });
        doc
          .moveTo(left, headY + 25)
          .lineTo(left + width, headY + 25)
          .lineWidth(0.5)
          .strokeColor(c.rule)
          .stroke();
        // Footer: the rule, date and version, page x of y, the marking again.
        const footY = doc.page.height - margins.bottom + 16;
        doc
          .moveTo(left, footY - 5)
          .lineTo(left + width, footY - 5)
          .lineWidth(0.5)
          .strokeColor(c.rule)
          .stroke();
        this.write([{ text: meta.dated, style: "regular" }], left, footY, width * 0.7, small);
        const pageOf = meta.pageOf(i - range.start + 1, range.count);
        this.write([{ text: pageOf, style: "regular" }], left + width * 0.7, footY, width * 0.3, {
          ...small,
          align: "right",
        });
        this.write([{ text: meta.classification, style: "bold" }], left, footY + 14, width, marking);
      }, "Pagination");
      doc.page.margins.top = margins.top;
      doc.page.margins.bottom = margins.bottom;
    }
    doc.end();
    return this.done;
  }
}
