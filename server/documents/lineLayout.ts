import LineBreaker from "linebreak";
import { forgottenWithMeasurements } from "./textCache.ts";

// Wrapping text into lines is most of what a document costs in pdfkit: it wraps every table
// cell and heading twice (once to measure it, once to draw it), wraps the same text again for
// every copy, and draws each line inside its own save/transform/restore. Here a paragraph of
// styled runs is laid out once per process, by pdfkit's own rule (break where the Unicode
// line breaker allows, a word fits while its width with its trailing space fits what is left
// of the line, a run continues on the line where the one before ended), and its lines are
// written straight into the page: one text object per page the paragraph is on. What this
// does not handle (a word wider than a line of styled runs, a line break inside styled runs,
// soft hyphens) is left to pdfkit by returning null.

/** The parts of pdfkit's embedded font that lines are measured and written with. */
export interface LineFont {
  id: string;
  name: string;
  ascender: number;
  lineHeight(size: number, includeGap?: boolean): number;
  widthOfString(text: string, size: number): number;
  encode(
    text: string,
  ): [string[], { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[]];
  ref(): unknown;
  /** The text's TJ operands, kept per word for the document (textCache.ts); null when placed glyph by glyph. */
  operands?(text: string): string | null;
}

export interface StyledRun {
  text: string;
  font: LineFont;
}

/** A piece of one run on one line, `x` from the line's start. */
export interface Piece {
  run: number;
  text: string;
  x: number;
}

export interface Line {
  pieces: Piece[];
  /** The widths of its words, trailing spaces included (pdfkit's textWidth). */
  width: number;
  /** The run whose font sets the line's height (pdfkit's: the one the line ended in). */
  run: number;
}

const fArray = new Float32Array(1);
const uArray = new Uint32Array(fArray.buffer);
/** pdfkit's rounding of a width to the float below (PDFNumber), so lines break where pdfkit breaks them. */
function floatBelow(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  fArray[0] = n;
  if (n <= 0) uArray[0] += 1;
  else uArray[0] -= 1;
  return fArray[0];
}

/** pdfkit's number format in content streams. */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Laid-out paragraphs, by size and width, then each run's font and text in turn: nested
 * maps, so a long text is looked up as it is rather than copied into a key first. At most
 * MAX_LAYOUTS; starts afresh when full.
 */
const MAX_LAYOUTS = 20_000;
type Level = Map<string, Level | Line[] | null>;
const layouts: Level = new Map();
let laidOut = 0;
forgottenWithMeasurements({
  clear() {
    layouts.clear();
    laidOut = 0;
  },
});

/** The lines of `runs` at `size` wrapped at `width`; null when pdfkit must wrap them. */
export function layOut(runs: StyledRun[], size: number, width: number): Line[] | null {
  // The number of runs first: a text that ends one paragraph never meets one that continues
  // another. (A loop, not a helper: this runs for every cell of every copy.)
  let level = layouts;
  const last = runs[runs.length - 1];
  for (let i = -1; i < 2 * runs.length - 1; i++) {
    const key = i < 0 ? `${size}|${width}|${runs.length}` : i % 2 ? runs[(i - 1) / 2].text : runs[i / 2].font.name;
    let next = level.get(key) as Level | undefined;
    if (!next) level.set(key, (next = new Map()));
    level = next;
  }
  const known = level.get(last.text) as Line[] | null | undefined;
  if (known !== undefined) return known;
  if (++laidOut > MAX_LAYOUTS) {
    layouts.clear();
    laidOut = 0;
    return layOut(runs, size, width);
  }
  const lines = wrap(runs, size, width);
  level.set(last.text, lines);
  return lines;
}

function wrap(runs: StyledRun[], size: number, width: number): Line[] | null {
  if (runs.some((r) => r.text.includes("\u00AD")) || (runs.length > 1 && runs.some((r) => r.text.includes("\n"))))
    return null;
  const lines: Line[] = [];
  let pieces: Piece[] = [];
  let x = 0;
  let spaceLeft = width;
  const add = (run: number, word: string, w: number) => {
    const last = pieces[pieces.length - 1];
    if (last && last.run === run) last.text += word;
    else pieces.push({ run, text: word, x });
    x += w;
  };
  const endLine = (run: number) => {
    lines.push({ pieces, run, width: x });
    pieces = [];
    x = 0;
  };
  const place = (r: number, word: string, w: number, required: boolean) => {
    const fits = w <= spaceLeft;
    if (fits) add(r, word, w);
    if (required || !fits) {
      if (required && !fits) {
        endLine(r);
        add(r, word, w);
      }
      endLine(r);
      if (required) spaceLeft = width;
      else {
        add(r, word, w);
        spaceLeft = width - w;
      }
    } else spaceLeft -= w;
  };
  for (let r = 0; r < runs.length; r++) {
    const { text, font } = runs[r];
    const measure = (part: string) => floatBelow(font.widthOfString(part, size));
    const breaker = new LineBreaker(text);
    let from = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      const word = text.slice(from, bk.position);
      from = bk.position;
      const w = measure(word);
      if (w <= width) {
        place(r, word, w, bk.required);
        continue;
      }
      if (runs.length > 1) return null;
      // A word wider than the line is cut where pdfkit cuts it: the longest start that fits
      // what is left of the line, found from an estimate by growing or shrinking it.
      let rest = word;
      let rw = w;
      while (rest.length) {
        let l = rest.length;
        let mightGrow = false;
        if (rw > spaceLeft) {
          l = Math.ceil(spaceLeft / (rw / rest.length));
          rw = measure(rest.slice(0, l));
          mightGrow = rw <= spaceLeft && l < rest.length;
        }
        let mustShrink = rw > spaceLeft && l > 0;
        while (mustShrink || mightGrow) {
          if (mustShrink) {
            rw = measure(rest.slice(0, --l));
            mustShrink = rw > spaceLeft && l > 0;
          } else {
            rw = measure(rest.slice(0, ++l));
            mustShrink = rw > spaceLeft && l > 0;
            mightGrow = rw <= spaceLeft && l < rest.length;
          }
        }
        if (l === 0 && spaceLeft === width) l = 1;
        place(r, rest.slice(0, l), rw, bk.required || l < rest.length);
        rest = rest.slice(l);
        rw = measure(rest);
      }
    }
  }
  if (pieces.length) endLine(runs.length - 1);
  return lines;
}

/** How tall the lines are: each line's font's height with its gap, and `lineGap` more. */
export function heightOfLines(lines: Line[], runs: StyledRun[], size: number, lineGap: number): number {
  let h = 0;
  for (const line of lines) h += runs[line.run].font.lineHeight(size, true) + lineGap;
  return h;
}

type Doc = PDFKit.PDFDocument & {
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; height: number; maxY(): number };
  _fillColor?: [PDFKit.Mixins.ColorValue, number?];
  continueOnNewPage(): void;
};

/**
 * Writes laid-out lines at (`x`, the document's y) as pdfkit's text() would place them,
 * moving to a new page (and its marked content) when a line no longer fits; leaves the
 * document's y below the last line.
 */
export function writeLines(
  doc: Doc,
  lines: Line[],
  runs: StyledRun[],
  place: { size: number; x: number; width: number; lineGap: number; align: "left" | "center" | "right" },
) {
  const { size, x, width, lineGap, align } = place;
  // One text object per page the lines are on.
  let ops: string[] = [];
  let y = doc.y;
  let font: LineFont | null = null;
  for (const line of lines) {
    const lh = runs[line.run].font.lineHeight(size, true);
    if (y > doc.page.maxY() || floatBelow(y + lh) > doc.page.maxY()) {
      if (ops.length) {
        ops.push("ET", "Q");
        doc.addContent(ops.join("\n"));
        ops = [];
      }
      doc.continueOnNewPage();
      if (doc._fillColor) doc.fillColor(...doc._fillColor);
      y = doc.y;
      font = null;
    }
    if (!ops.length) ops.push("q", `1 0 0 -1 0 ${num(doc.page.height)} cm`, "BT");
    // Centred and right-aligned as pdfkit aligns a line (of one run: the running headers).
    const shift =
      align === "center"
        ? width / 2 - line.width / 2
        : align === "right" && line.pieces.length === 1
          ? width - runs[line.pieces[0].run].font.widthOfString(line.pieces[0].text.replace(/\s+$/, ""), size)
          : 0;
    for (const piece of line.pieces) {
      const text = piece.text.includes("\n") ? piece.text.replace(/\n/g, "") : piece.text;
      if (!text) continue;
      const f = runs[piece.run].font;
      doc.page.fonts[f.id] ??= f.ref();
      if (f !== font) {
        ops.push(`/${f.id} ${num(size)} Tf`);
        font = f;
      }
      textOps(ops, f, text, size, x + shift + piece.x, doc.page.height - y - (f.ascender / 1000) * size);
    }
    y += lh + lineGap;
  }
  if (ops.length) {
    ops.push("ET", "Q");
    doc.addContent(ops.join("\n"));
  }
  doc.y = y;
  doc.x = x;
}

/** A piece's glyphs as pdfkit's _fragment writes them: kerning in TJ, offsets by moving the text matrix. */
function textOps(ops: string[], font: LineFont, text: string, size: number, x: number, y: number) {
  ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
  const operands = font.operands?.(text);
  if (operands) {
    ops.push(`[${operands}] TJ`);
    return;
  }
  const [encoded, positions] = font.encode(text);
  const scale = size / 1000;
  let commands = "";
  let hex = "";
  const n = positions.length;
  for (let i = 0; i < n; i++) {
    const pos = positions[i];
    if (pos.xOffset || pos.yOffset) {
      // A glyph placed off the line (a combining mark) is written on its own, as pdfkit does.
      if (hex) commands += `${commands ? " " : ""}<${hex}> 0`;
      if (commands) ops.push(`[${commands}] TJ`);
      ops.push(`1 0 0 1 ${num(x + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`);
      ops.push(`[<${encoded[i]}> ${num(pos.advanceWidth - pos.xAdvance)}] TJ`);
      commands = hex = "";
      const next = positions[i + 1];
      if (next && !(next.xOffset || next.yOffset)) ops.push(`1 0 0 1 ${num(x + pos.xAdvance * scale)} ${num(y)} Tm`);
    } else {
      hex += encoded[i];
      const kern = pos.xAdvance - pos.advanceWidth;
      if (kern !== 0 || i === n - 1) {
        commands += `${commands ? " " : ""}<${hex}> ${num(-kern)}`;
        hex = "";
      }
    }
    x += pos.xAdvance * scale;
  }
  if (commands) ops.push(`[${commands}] TJ`);
}
