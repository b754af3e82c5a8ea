import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { formatMoment, useDateStyle } from "../../dates.ts";
import { Toolbar } from "../CollaborativeNotes.tsx";

/** What the minutes may hold (server/minutes/wordingDoc.ts keeps the same and drops the rest). */
const wordingExtensions = () => [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: { openOnClick: false, autolink: true, protocols: [], defaultProtocol: "https" },
    strike: false,
    code: false,
    codeBlock: false,
    blockquote: false,
    horizontalRule: false,
    underline: false,
  }),
];

type SaveResult = { intent: "wording"; itemId: string; savedAt: string } | { intent: "wording"; error: string };

export interface WordingEditorProps {
  itemId: string;
  /** The item as the page names it; also the editor's accessible name. */
  label: string;
  /** The wording saved, or the first text drafted from the record and the notes. */
  doc: unknown;
  /** When the wording was last saved; null: never (the PDF prints the notes until then). */
  savedAt: string | null;
}

/**
 * The coordinator's text of one item of the minutes: rich text, saved on request with a
 * visible outcome. The recorded facts (decisions, views, tasks) are not in it to change.
 */
export function WordingEditor({ itemId, label, doc, savedAt }: WordingEditorProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const labelId = useId();
  const fetcher = useFetcher<SaveResult>({ key: `wording-${itemId}` });
  const [dirty, setDirty] = useState(false);
  const submitted = useRef(false);
  const editor = useEditor({
    extensions: wordingExtensions(),
    content: doc as object,
    injectCSS: false,
    immediatelyRender: false,
    editorProps: {
      attributes: { class: "notes-editor", role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId },
    },
    onUpdate: () => setDirty(true),
  });
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const failed = result && "error" in result ? result.error : null;
  useEffect(() => {
    // A refused save leaves the text unsaved.
    if (failed && submitted.current) setDirty(true);
    submitted.current = false;
  }, [failed]);
  const lastSaved = result && "savedAt" in result ? result.savedAt : savedAt;

  function save() {
    if (!editor) return;
    submitted.current = true;
    setDirty(false);
    void fetcher.submit(
      { intent: "wording", itemId, doc: JSON.stringify(editor.getJSON()) },
      { method: "post", preventScrollReset: true },
    );
  }

  const status =
    fetcher.state !== "idle"
      ? t("minutes.wording.saving")
      : dirty
        ? t("minutes.wording.unsaved")
        : lastSaved
          ? t("minutes.wording.saved", { when: formatMoment(lastSaved, dateStyle) })
          : t("minutes.wording.neverSaved");
  return (
    <section className="wording" aria-labelledby={labelId} data-testid={`wording-${itemId}`}>
      <h3 id={labelId} className="notes-label">
        {label}
      </h3>
      {editor ? (
        <>
          <Toolbar editor={editor} />
          <EditorContent editor={editor} className="notes-body" />
        </>
      ) : (
        <p className="muted">{t("notes.loading")}</p>
      )}
      <div className="wording-actions">
        <button type="button" className="secondary" onClick={save} disabled={!editor || fetcher.state !== "idle"}>
          {t("minutes.wording.save")}
          <span className="visually-hidden">: {label}</span>
        </button>
        <p
          role="status"
          className={`notes-status${dirty ? " notes-status--unsaved" : ""}`}
          data-testid="wording-status"
        >
          {status}
        </p>
      </div>
      {failed && (
        <p role="alert" className="field-error">
          {failed}
        </p>
      )}
    </section>
  );
}
