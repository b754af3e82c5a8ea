import type { Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import type { Log } from "../log.ts";
import { createNotesAccess, type NotesAccessOptions, type NotesAccessRule } from "./access.ts";
import { createAwarenessRelay } from "./awarenessRelay.ts";
import { createNoteStore, type NoteStoreOptions } from "./noteStore.ts";
import { renderNotes, type RenderedNotes } from "./readNotes.ts";

/** Typing is not an event worth a row each: one `notes.edited` per person and document per window. */
export const EDIT_AUDIT_WINDOW_MS = 5 * 60_000;

export interface NotesDeps extends NoteStoreOptions {
  store: Store;
  audit: AuditChain;
  log: Log;
  now?: () => number;
}

/** The collaborative-notes capability: access rules, stored documents, cursors, rendering. */
export function createNotes({ store, audit, log, now = Date.now, ...storeOptions }: NotesDeps) {
  const access = createNotesAccess(log);
  const documents = createNoteStore(store, storeOptions);
  const awareness = createAwarenessRelay();
  const lastAudited = new Map<string, number>();

  function auditDue(personId: string, doc: string): boolean {
    const key = `${personId}\u0000${doc}`;
    const t = now();
    const last = lastAudited.get(key);
    if (last !== undefined && t - last < EDIT_AUDIT_WINDOW_MS) return false;
    if (lastAudited.size > 10_000)
      for (const [k, at] of lastAudited) if (t - at >= EDIT_AUDIT_WINDOW_MS) lastAudited.delete(k);
    lastAudited.set(key, t);
    return true;
  }

  return {
    access,
    /** The stored documents (not the database's Store). */
    store: documents,
    awareness,

    /** Lets a capability decide who may read and write the documents named `prefix:…`. */
    registerNotesAccess(prefix: string, rule: NotesAccessRule, options?: NotesAccessOptions): void {
      access.register(prefix, rule, options);
    },

    /** Stores a writer's update (validated), with the throttled audit entry in the same transaction. */
    async edit(actor: AuditActor & { personId: string }, doc: string, update: Uint8Array): Promise<void> {
      const networkId = await access.networkOf(doc);
      const due = auditDue(actor.personId, doc);
      try {
        await documents.apply(doc, update, async (tx) => {
          if (due)
            await audit.append(tx, actor, { action: "notes.edited", networkId, subjectType: "notes", subjectId: doc });
        });
      } catch (error) {
        if (due) lastAudited.delete(`${actor.personId}\u0000${doc}`);
        throw error;
      }
    },

    /** The stored notes as ProseMirror JSON and plain text, e.g. for the minutes PDF. */
    async readNotes(doc: string): Promise<RenderedNotes> {
      return renderNotes(await documents.snapshot(doc));
    },
  };
}

export type Notes = ReturnType<typeof createNotes>;
