import { useEffect, useState, useSyncExternalStore } from "react";
import { NoteDocProvider, type NoteDocState } from "./noteDocProvider.ts";
import { getSocket } from "./socket.ts";

export interface NoteUser {
  name: string;
  /** One of the caret colours, `c0`…`c7` (see `caretColourFor`). */
  color: string;
}

const INITIAL: NoteDocState = { status: "connecting", mode: null, pending: false, error: null, code: null };
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
export function useNoteDoc(doc: string, user: NoteUser) {
  const [provider, setProvider] = useState<NoteDocProvider | null>(null);

  useEffect(() => {
    const p = new NoteDocProvider(getSocket(), doc);
    setProvider(p);
    return () => {
      p.destroy();
      p.ydoc.destroy();
      setProvider(null);
    };
  }, [doc]);

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
