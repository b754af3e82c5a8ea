import LineBreaker from "linebreak";

// Measuring and wrapping text is most of what a document costs in pdfkit, and pdfkit keeps
// what it measured for one document only. What it computes there depends on the text and
// the font alone: where a text may break (Unicode line breaking, by the `linebreak` package
// pdfkit itself uses), how a word is shaped and how wide it is, and the font subset a set
// of glyphs makes. So each is kept here once per process and shared by every document and
// every personalised copy: the parts the copies share are measured once. Within a document,
// a word's glyph codes are kept too (pdfkit encodes every line glyph by glyph). The results are
// the very values pdfkit computes, so the output does not change, byte for byte (the
// determinism test renders with and without them). Every cache is bounded and starts
// afresh when full, so a long-lived server does not grow.

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** The parts of pdfkit's EmbeddedFont that measure text and embed the subset. */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
  widthOfString(text: string, size: number, features?: unknown): number;
  encode(text: string, features?: unknown): [string[], Position[]];
  /** A text's TJ operands in this document, or null when a glyph is placed off the line (ours). */
  operands?(text: string): string | null;
  subset: { glyphs: number[]; encode(): Uint8Array; includeGlyph(id: number): number };
  scale: number;
  widths: number[];
  unicode: number[][];
}

interface Break {
  position: number;
  required: boolean;
}

export class Bounded<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {
    every.add(this);
  }
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  keep(key: string, value: T): T {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }
  clear() {
    this.map.clear();
  }
}

const every = new Set<{ clear(): void }>();

/** A cache kept elsewhere that forgetMeasuredText clears too. */
export function forgottenWithMeasurements(cache: { clear(): void }) {
  every.add(cache);
}

/** Forgets everything measured: the next document is measured as if it were the first. */
export function forgetMeasuredText() {
  for (const cache of every) cache.clear();
}

// Where each text may break. pdfkit asks a fresh LineBreaker for every text it wraps, and
// again when it measures the same text for a table row's height; the breaks of a text
// never change, so the first breaker to reach a text's end leaves them here for the rest.
const breaks = new Bounded<Break[]>(20_000);
type Breaker = { string: string; nextBreak(): Break | null };
const proto = (LineBreaker as unknown as { prototype: Breaker }).prototype;
const findBreak = proto.nextBreak;
const replay = new WeakMap<Breaker, { list: Break[]; next: number }>();
proto.nextBreak = function (this: Breaker) {
  let state = replay.get(this);
  if (!state) {
    let list = breaks.get(this.string);
    if (!list) {
      list = [];
      for (let bk = findBreak.call(this); bk; bk = findBreak.call(this)) list.push(bk);
      breaks.keep(this.string, list);
    }
    replay.set(this, (state = { list, next: 0 }));
  }
  return state.list[state.next++] ?? null;
};

// How tall a text is when wrapped at a width in a font and size: the typesetter measures
// every table cell, heading and notice before it draws it, and each copy measures the same
// cells again.
const heights = new Bounded<number>(20_000);

/** The height under `key` (font, size, line gap, width, text), measured by `measure` the first time. */
export function measuredHeight(key: string, measure: () => number): number {
  return heights.get(key) ?? heights.keep(key, measure());
}

interface FontCache {
  runs: Bounded<Run>;
  widths: Bounded<number>;
  subsets: Bounded<Uint8Array>;
}
const fontCaches = new WeakMap<object, FontCache>();

/**
 * Lets pdfkit's font object for `parsedFont` measure words and encode its subset through
 * the caches every document shares. The chunks are pdfkit's own: a text is split after
 * each space or tab and each chunk is shaped on its own, so glyphs and widths are pdfkit's.
 */
export function shareMeasurements(pdfFont: unknown, parsedFont: object) {
  const font = pdfFont as EmbeddedFont;
  let cache = fontCaches.get(parsedFont);
  if (!cache) {
    cache = { runs: new Bounded(50_000), widths: new Bounded(50_000), subsets: new Bounded(32) };
    fontCaches.set(parsedFont, cache);
  }
  const { runs, widths, subsets } = cache;
  const layoutRun = font.layoutRun.bind(font);
  const ownLayout = font.layout.bind(font);
  const ownWidth = font.widthOfString.bind(font);
  const ownSubset = font.subset.encode.bind(font.subset);

  const chunk = (text: string) => runs.get(text) ?? runs.keep(text, layoutRun(text));
  const eachChunk = (text: string, use: (run: Run, chunkText: string) => void) => {
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        const piece = text.slice(last, i + 1);
        use(chunk(piece), piece);
        last = i + 1;
      }
    }
    if (last < text.length) {
      const piece = text.slice(last);
      use(chunk(piece), piece);
    }
  };
  const width = (text: string) => {
    let w = widths.get(text);
    if (w === undefined) {
      let sum = 0;
      eachChunk(text, (run) => (sum += run.advanceWidth));
      w = widths.keep(text, sum);
    }
    return w;
  };

  font.layoutCached = chunk;
  font.layout = (text, features, onlyWidth) => {
    if (features) return ownLayout(text, features, onlyWidth);
    if (onlyWidth) return { glyphs: [], positions: [], advanceWidth: width(text) };
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    let advanceWidth = 0;
    eachChunk(text, (run) => {
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
      advanceWidth += run.advanceWidth;
    });
    return { glyphs, positions, advanceWidth };
  };
  // A word's glyph codes in this document's subset: the subset numbers glyphs in the order
  // they are first used, so the codes belong to this document and are kept with it.
  const ownEncode = font.encode.bind(font);
  const codes = new Map<string, string[]>();
  const codesOf = (run: Run, piece: string) => {
    let hex = codes.get(piece);
    if (!hex) {
      hex = run.glyphs.map((glyph) => {
        const gid = font.subset.includeGlyph(glyph.id);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= glyph.codePoints;
        return `0000${gid.toString(16)}`.slice(-4);
      });
      codes.set(piece, hex);
    }
    return hex;
  };
  font.encode = (text, features) => {
    if (features) return ownEncode(text, features);
    const hex: string[] = [];
    const positions: Position[] = [];
    eachChunk(text, (run, piece) => {
      for (const code of codesOf(run, piece)) hex.push(code);
      for (const p of run.positions) positions.push(p);
    });
    return [hex, positions];
  };
  // A word's TJ operands in this document (glyph codes, kerning after a glyph in thousandths
  // of the size, as pdfkit writes them); null for a word with a glyph placed off the line.
  const operands = new Map<string, string | null>();
  const operandsOf = (run: Run, piece: string) => {
    let tj = operands.get(piece);
    if (tj === undefined) {
      const hex = codesOf(run, piece);
      tj = "";
      let pending = "";
      const last = run.positions.length - 1;
      for (let i = 0; i <= last && tj !== null; i++) {
        const p = run.positions[i];
        if (p.xOffset || p.yOffset) tj = null;
        else {
          pending += hex[i];
          const kern = p.xAdvance - p.advanceWidth;
          if (kern !== 0 || i === last) {
            tj += `${tj ? " " : ""}<${pending}> ${Math.round(-kern * 1e6) / 1e6}`;
            pending = "";
          }
        }
      }
      operands.set(piece, tj);
    }
    return tj;
  };
  font.operands = (text) => {
    let tj: string | null = "";
    eachChunk(text, (run, piece) => {
      if (tj === null) return;
      const word = operandsOf(run, piece);
      tj = word === null ? null : tj ? `${tj} ${word}` : word;
    });
    return tj;
  };
  font.widthOfString = (text, size, features) =>
    features ? ownWidth(text, size, features) : width(text) * (size / 1000);
  // The subset's bytes follow from its glyphs in the order they were first used; the
  // personalised copies of one set of minutes mostly use the same ones.
  font.subset.encode = () => {
    const key = font.subset.glyphs.join(",");
    return subsets.get(key) ?? subsets.keep(key, ownSubset());
  };
}
