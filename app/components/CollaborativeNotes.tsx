import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { NOTE_FRAGMENT, noteExtensions } from "../contract/noteSchema.ts";
import type { NoteDocProvider, NoteDocState } from "../realtime/noteDocProvider.ts";
import { NotesFrame } from "./NotesFrame.tsx";
import { caretColourFor, useNoteDoc, type NoteUser } from "../realtime/useNoteDoc.ts";

export interface CollaborativeNotesProps {
  /** The document, e.g. `agenda-item:<id>`; its prefix's access rule decides who may read or write. */
  doc: string;
  /** The visible label of the notes (also their accessible name). */
  label: string;
  /** The signed-in person: their name labels their cursor for the others. */
  user: { personId: string; name: string };
  /** Show read-only even where the server would allow writing. */
  readOnly?: boolean;
}

const colourClass = (colour: unknown) => (typeof colour === "string" && /^c[0-7]$/.test(colour) ? colour : "c0");

/** Cursors are built with classes only: the site's CSP allows no inline style attributes. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = `note-caret note-caret--${colourClass(user.color)}`;
  const label = document.createElement("span");
  label.className = "note-caret__label";
  label.setAttribute("data-testid", "note-caret-label");
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

/**
 * Notes several people write at once (Yjs over the page's socket). The editor mounts in
 * the browser only; the server renders the label and a loading line.
 */
export function CollaborativeNotes({ doc, label, user, readOnly = false }: CollaborativeNotesProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const noteUser: NoteUser = { name: user.name, color: caretColourFor(user.personId) };
  const { provider, state } = useNoteDoc(doc, { ...noteUser, personId: user.personId });
  return (
    <NotesFrame labelId={labelId} label={label} state={state}>
      {provider ? (
        <NotesEditor
          key={doc}
          provider={provider}
          state={state}
          user={noteUser}
          labelId={labelId}
          readOnly={readOnly}
        />
      ) : (
        <p className="muted">{t("notes.loading")}</p>
      )}
    </NotesFrame>
  );
}

function NotesEditor({
  provider,
  state,
  user,
  labelId,
  readOnly,
}: {
  provider: NoteDocProvider;
  state: NoteDocState;
  user: NoteUser;
  labelId: string;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  // Offline, notes the server let this person write stay editable: kept here, sent on return.
  const editable = !readOnly && state.writable;
  const editor = useEditor(
    {
      extensions: [
        ...noteExtensions(),
        Collaboration.configure({ document: provider.ydoc, field: NOTE_FRAGMENT }),
        CollaborationCaret.configure({
          provider,
          user,
          render: renderCaret,
          selectionRender: (u) => ({
            nodeName: "span",
            class: `note-selection note-selection--${colourClass(u.color)}`,
          }),
        }),
      ],
      editable: false,
      // Tiptap would add a <style> element, which the CSP refuses; styles.css has the rules.
      injectCSS: false,
      immediatelyRender: false,
      editorProps: {
        attributes: { class: "notes-editor", role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId },
      },
    },
    [provider],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    editor.view.dom.setAttribute("aria-readonly", String(!editable));
  }, [editor, editable]);

  if (!editor) return <p className="muted">{t("notes.loading")}</p>;
  return (
    <>
      {editable ? <Toolbar editor={editor} /> : state.mode === "read" && <p className="muted">{t("notes.readOnly")}</p>}
      <EditorContent editor={editor} className="notes-body" />
    </>
  );
}

/** Bold, italic, headings, lists and links for a note editor (also the minutes wording editor). */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      link: e.isActive("link"),
    }),
  });
  const chain = () => editor.chain().focus();
  const buttons: { key: keyof typeof active; label: string; text: string; run: () => void }[] = [
    { key: "bold", label: t("notes.bold"), text: "B", run: () => chain().toggleBold().run() },
    { key: "italic", label: t("notes.italic"), text: "I", run: () => chain().toggleItalic().run() },
    { key: "h2", label: t("notes.heading2"), text: "H2", run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: "h3", label: t("notes.heading3"), text: "H3", run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: "bulletList", label: t("notes.bulletList"), text: "•", run: () => chain().toggleBulletList().run() },
    { key: "orderedList", label: t("notes.orderedList"), text: "1.", run: () => chain().toggleOrderedList().run() },
    {
      key: "link",
      label: t("notes.link"),
      text: t("notes.link"),
      run: () => {
        const current = editor.getAttributes("link").href as string | undefined;
        const href = window.prompt(t("notes.linkPrompt"), current ?? "https://");
        if (href === null) return;
        if (href.trim() === "") chain().extendMarkRange("link").unsetLink().run();
        else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
      },
    },
  ];
  return (
    <div role="toolbar" aria-label={t("notes.toolbar")} className="notes-toolbar">
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className={`notes-tool notes-tool--${b.key}`}
          aria-label={b.label}
          title={b.label}
          aria-pressed={active[b.key]}
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
    </div>
  );
}
