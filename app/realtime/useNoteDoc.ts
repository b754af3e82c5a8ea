import { useEffect, useState, useSyncExternalStore } from "react";
import { NoteDocProvider, type NoteDocState } from "./noteDocProvider.ts";
import { keepLocally } from "./localNotes.ts";
import { getSocket } from "./socket.ts";

export interface NoteUser {
  name: string;
  /** One of the caret colours, `c0`…`c7` (see `caretColourFor`). */
  color: string;
}

const INITIAL: NoteDocState = {
  status: "connecting",
  mode: null,
  writable: false,
  pending: false,
  error: null,
  code: null,
};
const noop = () => () => {};

/** Picks a stable cursor colour for a person. */
export function caretColourFor(personId: string): string {
  let h = 0;
  for (const ch of personId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `c${h % 8}`;
}

/**
 * One collaborative notes document on the page's shared socket. Created in an effect,
 * so nothing of it exists during server rendering: `provider` is null there and on the
 * first client render.
 */
export function useNoteDoc(doc: string, user: NoteUser & { personId: string }) {
  const [provider, setProvider] = useState<NoteDocProvider | null>(null);

  useEffect(() => {
    const p = new NoteDocProvider(getSocket(), doc);
    // A copy in this browser, so a reload or a closed tab while offline loses nothing.
    const local = keepLocally(user.personId, doc, p.ydoc);
    setProvider(p);
    return () => {
      p.destroy();
      void local.destroy();
      p.ydoc.destroy();
      setProvider(null);
    };
  }, [doc, user.personId]);

  useEffect(() => {
    provider?.awareness.setLocalStateField("user", { name: user.name, color: user.color });
  }, [provider, user.name, user.color]);

  const state = useSyncExternalStore(
    provider?.subscribe ?? noop,
    () => provider?.state ?? INITIAL,
    () => INITIAL,
  );
  return { provider, state };
}
