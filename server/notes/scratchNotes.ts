import type { Notes } from "./notes.ts";

/**
 * A scratch notes document per network, `network-scratch:<networkId>`: lets the notes
 * be tried (and tested end to end) outside a meeting. Members of the network read and
 * write; guests, invited for one case item only, do not.
 */
export const SCRATCH_PREFIX = "network-scratch";

export const scratchDoc = (networkId: string) => `${SCRATCH_PREFIX}:${networkId}`;

export function networkOfScratch(doc: string): string | null {
  return doc.startsWith(`${SCRATCH_PREFIX}:`) ? doc.slice(SCRATCH_PREFIX.length + 1) : null;
}

export function registerScratchNotes(notes: Pick<Notes, "registerNotesAccess">): void {
  notes.registerNotesAccess(
    SCRATCH_PREFIX,
    (person, doc) => {
      const networkId = networkOfScratch(doc);
      const role = networkId ? person.memberships[networkId]?.role : undefined;
      return role !== undefined && role !== "guest";
    },
    { networkOf: networkOfScratch },
  );
}
