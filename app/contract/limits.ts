// Limits people meet on both sides: the pages say them, the server keeps them.

/** An invitation link works for this many days. */
export const INVITATION_DAYS = 7;

/**
 * Reports a partner intake link takes. Counted from stored rows, so a restart does not
 * reset them; the per-address count reads the audit log, where the address of every
 * intake report is kept anyway.
 */
export const INTAKE_LIMITS = { perAddressPerHour: 5, perLinkPerDay: 50 } as const;

/** The most an item's minutes wording may hold, as the editor's JSON: a long item fits many times over. */
export const WORDING_MAX_CHARS = 200_000;
