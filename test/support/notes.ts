import * as Y from "yjs";
import { NOTE_FRAGMENT } from "../../app/contract/noteSchema.ts";

/** Appends a paragraph the way the editor does: an XmlElement holding XmlText. */
export function type(ydoc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = ydoc.getXmlFragment(NOTE_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
}

/** The notes of a document as the editor holds them (its XML fragment). */
export const textOf = (ydoc: Y.Doc) => ydoc.getXmlFragment(NOTE_FRAGMENT).toString();
