import { lazy, Suspense, useId } from "react";
import { useTranslation } from "react-i18next";
import type { CollaborativeNotesProps } from "./CollaborativeNotes.tsx";
import { NotesFrame } from "./NotesFrame.tsx";

/**
 * The tiptap/Yjs editor is most of the room's code (docs/performance.md): its chunk is
 * fetched when notes are first shown, not with the page.
 */
const CollaborativeNotes = lazy(() =>
  import("./CollaborativeNotes.tsx").then((m) => ({ default: m.CollaborativeNotes })),
);

/**
 * Collaborative notes in a panel. Until the editor's code is there, the panel shows the
 * same frame with the editor's own loading line, so the page does not move when it comes.
 */
export function NotesPanel(props: CollaborativeNotesProps) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Suspense
      fallback={
        <NotesFrame
          labelId={labelId}
          label={props.label}
          state={{ status: "connecting", pending: false, error: null, code: null }}
        >
          <p className="muted">{t("notes.loading")}</p>
        </NotesFrame>
      }
    >
      <CollaborativeNotes {...props} />
    </Suspense>
  );
}
