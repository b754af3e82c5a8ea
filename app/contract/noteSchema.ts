// The editor's document schema, shared by the browser editor and the server that
// renders stored notes (minutes PDF). It imports nothing from Node.
import { getSchema, type Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/** The Yjs XmlFragment the editor binds to. */
export const NOTE_FRAGMENT = "prosemirror";

/**
 * Headings, lists, bold, italic, links… Undo/redo is off: with Yjs, undo must undo
 * only one's own edits, which the collaboration extension provides instead.
 */
export function noteExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: true, protocols: [], defaultProtocol: "https" },
    }),
  ];
}

let schema: ReturnType<typeof getSchema> | undefined;
export function noteSchema() {
  schema ??= getSchema(noteExtensions());
  return schema;
}
