// A data subject's requests about one case (issue 13, rule 7; decision 0038): what may be
// asked, and the states a request goes through. Shared by the case's access page and the service.

/** export: everything held about the person; restrict / lift: hide the case or show it again; erase: remove it now. */
export const ACCESS_REQUEST_KINDS = ["export", "restrict", "lift", "erase"] as const;
export type AccessRequestKind = (typeof ACCESS_REQUEST_KINDS)[number];

/** open: waits for the accountable officer; confirmed: carried out; declined; withdrawn by a coordinator. */
export const ACCESS_REQUEST_STATUSES = ["open", "confirmed", "declined", "withdrawn"] as const;

/** How long a confirmed export can be downloaded, in days. */
export const EXPORT_AVAILABLE_DAYS = 7;
