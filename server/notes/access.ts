import type { SignedInPerson } from "../auth/sessions.ts";
import type { Log } from "../log.ts";
import type { NoteMode } from "../../app/contract/protocol.ts";

/** May this person read (or write) this notes document? Asked on join and again while editing. */
export type NotesAccessRule = (person: SignedInPerson, doc: string, mode: NoteMode) => boolean | Promise<boolean>;

export interface NotesAccessOptions {
  /** The network a document belongs to, so its audit entries show in that network's log. */
  networkOf?: (doc: string) => string | null | Promise<string | null>;
}

/** `agenda-item:abc` → `agenda-item`. */
export function prefixOf(doc: string): string {
  const colon = doc.indexOf(":");
  return colon > 0 ? doc.slice(0, colon) : "";
}

/**
 * Which capability answers for which documents. A document whose prefix nobody
 * registered is refused to everyone: deny by default.
 */
export function createNotesAccess(log: Log) {
  const rules = new Map<string, { rule: NotesAccessRule; options: NotesAccessOptions }>();

  return {
    register(prefix: string, rule: NotesAccessRule, options: NotesAccessOptions = {}): void {
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(prefix)) throw new Error(`Not a notes prefix: ${prefix}`);
      if (rules.has(prefix)) throw new Error(`Notes access for "${prefix}" is already registered`);
      rules.set(prefix, { rule, options });
    },

    /** The most the person may do: write, read, or nothing (null). A rule that throws denies. */
    async modeFor(person: SignedInPerson, doc: string): Promise<NoteMode | null> {
      const entry = rules.get(prefixOf(doc));
      if (!entry) return null;
      const ask = async (mode: NoteMode) => {
        try {
          return (await entry.rule(person, doc, mode)) === true;
        } catch (error) {
          log.error({ err: error, doc }, "a notes access rule failed; access denied");
          return false;
        }
      };
      if (await ask("write")) return "write";
      if (await ask("read")) return "read";
      return null;
    },

    async networkOf(doc: string): Promise<string | null> {
      const entry = rules.get(prefixOf(doc));
      return (await entry?.options.networkOf?.(doc)) ?? null;
    },
  };
}
