import type { AgendaItem, NoteDoc, NoteMark, NoteNode } from "../documents/minutesModel.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { decisionInWords } from "../documents/minutesPdf.ts";
import { plainText } from "../documents/notesPdf.ts";

// What a minutes wording may hold, and its first text. The coordinator's editor (tiptap
// StarterKit) can send anything ProseMirror JSON can say; what is stored and printed is cut
// down to the few things minutes need: paragraphs, headings (levels 2–4), bullet and
// ordered lists, line breaks; bold, italic and links to web or mail addresses. Any other
// block keeps its text as a paragraph, any other mark or attribute is dropped.

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
const MARKS = new Set(["bold", "italic", "link"]);
const BLOCKS = new Set(["paragraph", "heading", "bulletList", "orderedList", "listItem"]);

function mark(m: NoteMark): NoteMark | null {
  if (!MARKS.has(m.type)) return null;
  if (m.type !== "link") return { type: m.type };
  const href = m.attrs?.href;
  return typeof href === "string" && SAFE_HREF.test(href.trim())
    ? { type: "link", attrs: { href: href.trim() } }
    : null;
}

function inline(node: NoteNode): NoteNode[] {
  if (node.type === "hardBreak") return [{ type: "hardBreak" }];
  if (node.type === "text") {
    if (!node.text) return [];
    const marks = (node.marks ?? []).map(mark).filter((m): m is NoteMark => m !== null);
    return [{ type: "text", text: node.text, ...(marks.length ? { marks } : {}) }];
  }
  // An inline node the minutes do not know: its text, unmarked.
  const text = plainText(node);
  return text ? [{ type: "text", text }] : [];
}

function block(node: NoteNode): NoteNode[] {
  if (!BLOCKS.has(node.type)) {
    const text = plainText(node).trim();
    return text ? [{ type: "paragraph", content: [{ type: "text", text }] }] : [];
  }
  if (node.type === "paragraph" || node.type === "heading") {
    const level = node.attrs?.level;
    const attrs =
      node.type === "heading"
        ? { level: typeof level === "number" && level >= 2 && level <= 4 ? level : 3 }
        : undefined;
    return [{ type: node.type, ...(attrs ? { attrs } : {}), content: (node.content ?? []).flatMap(inline) }];
  }
  if (node.type === "listItem") {
    const content = (node.content ?? []).flatMap(block);
    return [{ type: "listItem", content: content.length ? content : [{ type: "paragraph", content: [] }] }];
  }
  // A list holds list items only.
  const start = node.attrs?.start;
  const items = (node.content ?? []).flatMap((child) =>
    child.type === "listItem" ? block(child) : block({ type: "listItem", content: [child] }),
  );
  if (!items.length) return [];
  return [
    {
      type: node.type,
      ...(node.type === "orderedList" && typeof start === "number" && Number.isInteger(start) && start >= 0
        ? { attrs: { start } }
        : {}),
      content: items,
    },
  ];
}

/** The wording as it may be stored and printed. */
export function sanitizeWording(doc: NoteDoc): NoteDoc {
  return { type: "doc", content: doc.content.flatMap(block) };
}

/** A block's lines: a paragraph or heading is one line, a list one line per item. */
function lines(node: NoteNode): string[] {
  if (node.type === "text") return [node.text ?? ""];
  if (node.type === "hardBreak") return ["\n"];
  const children = node.content ?? [];
  if (node.type === "paragraph" || node.type === "heading" || !children.some((c) => c.type !== "text"))
    return [children.map((c) => (c.type === "hardBreak" ? "\n" : plainText(c))).join("")];
  return children.flatMap(lines);
}

/** The wording's words, one line per paragraph, heading or list item (for the chair's comparison). */
export function wordingText(doc: NoteDoc): string {
  return doc.content
    .flatMap(lines)
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

const paragraph = (...content: NoteNode[]): NoteNode => ({ type: "paragraph", content });
const text = (t: string, ...marks: string[]): NoteNode => ({
  type: "text",
  text: t,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});

/**
 * The text the coordinator starts from: each decision in words with its rationale, then
 * the notes taken in the room. The decisions themselves stay in the record beside it.
 */
export function firstWording(item: AgendaItem, language: Language): NoteDoc {
  const decisions = item.decisions.map((d) =>
    paragraph(
      text(`${decisionInWords(d, language)}.`, "bold"),
      ...(d.rationale.trim() ? [text(` ${d.rationale.trim()}`)] : []),
    ),
  );
  return sanitizeWording({ type: "doc", content: [...decisions, ...(item.notes?.content ?? [])] });
}
