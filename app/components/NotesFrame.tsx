import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { NoteDocState } from "../realtime/noteDocProvider.ts";
import { refusalText } from "../refusals.ts";

/** What the status line of the notes tells. */
export type NotesStatusState = Pick<NoteDocState, "status" | "pending" | "error" | "code">;

/**
 * The notes' frame: their heading, what is inside (the editor, or a loading line) and the
 * status line. Light on purpose: the room shows it while the editor's code still loads.
 */
export function NotesFrame({
  labelId,
  label,
  state,
  children,
}: {
  labelId: string;
  label: string;
  state: NotesStatusState;
  children: ReactNode;
}) {
  return (
    <section className="notes" aria-labelledby={labelId}>
      <h2 id={labelId} className="notes-label">
        {label}
      </h2>
      {children}
      <NotesStatus state={state} />
    </section>
  );
}

function NotesStatus({ state }: { state: NotesStatusState }) {
  const { t } = useTranslation();
  const text =
    state.status === "offline"
      ? t(state.pending ? "notes.status.offlinePending" : "notes.status.offline")
      : state.status === "refused" || state.status === "failed"
        ? t(`notes.status.${state.status}`, { reason: state.error ? refusalText(t, state.error) : "" })
        : state.status === "retrying"
          ? t(
              `notes.status.retrying.${state.code === "busy" || state.code === "storage_unavailable" ? state.code : "internal"}`,
            )
          : t(`notes.status.${state.status}`);
  return (
    <p role="status" className={`notes-status notes-status--${state.status}`} data-testid="notes-status">
      {text}
    </p>
  );
}
