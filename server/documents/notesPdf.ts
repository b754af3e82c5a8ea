import type { NoteDoc, NoteNode } from "./minutesModel.ts";
import type { PdfWriter, Span } from "./pdfWriter.ts";

// Prints a note as the editor (tiptap StarterKit, ProseMirror JSON) holds it: headings,
// paragraphs, bullet and ordered lists (nested), bold, italic, links. Anything else is
// printed as its plain text, so nothing typed in the meeting is lost on paper.

const SAFE_LINK = /^(https?:|mailto:)/i;

function spansOf(nodes: NoteNode[] | undefined, inherited: Omit<Span, "text"> = {}): Span[] {
  const spans: Span[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "text") {
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      const href = node.marks?.find((m) => m.type === "link")?.attrs?.href;
      spans.push({
        text: node.text ?? "",
        bold: inherited.bold || marks.has("bold") || marks.has("strong"),
        italic: inherited.italic || marks.has("italic") || marks.has("em"),
        link: typeof href === "string" && SAFE_LINK.test(href) ? href : (inherited.link ?? null),
      });
    } else if (node.type === "hardBreak") spans.push({ text: "\n" });
    else spans.push(...spansOf(node.content, inherited));
  }
  return spans;
}

export function plainText(node: NoteNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(plainText);
  return ["paragraph", "heading", "listItem", "blockquote", "codeBlock", "bulletList", "orderedList", "doc"].includes(
    node.type,
  )
    ? inner.join("\n")
    : inner.join("");
}

const hasText = (spans: Span[]) => spans.some((s) => s.text.trim().length > 0);

function block(w: PdfWriter, node: NoteNode, indent: number, label?: string) {
  switch (node.type) {
    case "heading": {
      const text = plainText(node).trim();
      if (text) w.heading(3, text, { colour: w.layout.colours.accent, keepWith: 30 });
      return;
    }
    case "paragraph": {
      const spans = spansOf(node.content);
      if (hasText(spans) || label)
        w.richParagraph(hasText(spans) ? spans : [{ text: " " }], { indent, label, tag: label ? "LBody" : "P" });
      return;
    }
    case "bulletList":
    case "orderedList": {
      const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
      w.group("L", () =>
        (node.content ?? []).forEach((item, i) => {
          const marker = node.type === "orderedList" ? `${start + i}.` : indent > 0 ? "–" : "•";
          w.group("LI", () => listItem(w, item, indent + 18, marker));
        }),
      );
      return;
    }
    case "blockquote":
      for (const child of node.content ?? []) block(w, child, indent + 14);
      return;
    case "horizontalRule":
      w.doc.y += 6;
      return;
    default: {
      const text = plainText(node);
      if (text.trim()) w.paragraph(text, { indent });
    }
  }
}

function listItem(w: PdfWriter, item: NoteNode, indent: number, marker: string) {
  const children = item.type === "listItem" ? (item.content ?? []) : [item];
  if (!children.length) return w.richParagraph([{ text: " " }], { indent, label: marker, tag: "LBody" });
  children.forEach((child, i) => block(w, child, indent, i === 0 && child.type === "paragraph" ? marker : undefined));
}

/**
 * Room a heading above this note must keep below it: a note that opens with a heading of
 * its own needs that heading and its first lines too, or the outer heading is left alone.
 */
export function noteLeadHeight(note: NoteDoc | null): number {
  const first = note?.content.find((n) => plainText(n).trim());
  return first?.type === "heading" ? 30 + 24 + 6 : 30;
}

/** Prints the note; false if it held no text at all. */
export function renderNote(w: PdfWriter, note: NoteDoc | null): boolean {
  if (!note || !note.content.some((n) => plainText(n).trim())) return false;
  for (const node of note.content) block(w, node, 0);
  return true;
}
