// Names of notes documents outside meetings.

/**
 * A scratch notes document per network, `network-scratch:<networkId>`: lets the notes
 * be tried (and tested end to end) outside a meeting.
 */
export const SCRATCH_PREFIX = "network-scratch";

export const scratchDoc = (networkId: string) => `${SCRATCH_PREFIX}:${networkId}`;

export function networkOfScratch(doc: string): string | null {
  return doc.startsWith(`${SCRATCH_PREFIX}:`) ? doc.slice(SCRATCH_PREFIX.length + 1) : null;
}
