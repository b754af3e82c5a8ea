import type { JSONContent } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { NOTE_FRAGMENT, noteSchema } from "../../app/contract/noteSchema.ts";

export interface RenderedNotes {
  /** ProseMirror JSON in the editor's schema: headings, lists, marks. */
  json: JSONContent;
  /** Plain text, one block a line. */
  text: string;
}

/**
 * Renders a Yjs notes document (as one update) to what a minutes PDF needs. Works on
 * its own copy: the binding drops nodes the schema does not know, and that must not
 * change the stored document.
 */
export function renderNotes(update: Uint8Array): RenderedNotes {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, update);
    const root = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(NOTE_FRAGMENT), noteSchema());
    const text = root.textBetween(0, root.content.size, "\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : ""));
    return { json: root.toJSON() as JSONContent, text };
  } finally {
    ydoc.destroy();
  }
}
