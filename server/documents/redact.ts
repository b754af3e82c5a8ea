import { itemAccess, type Audience } from "../meetings/recordView.ts";
import type { Minutes } from "./minutesModel.ts";

// Need to know, by the meeting's one record view (server/meetings/recordView.ts): a
// recipient's copy holds the items they saw in full in the room: the general items and
// the items of cases their agency was involved in when the meeting was held (or that they
// attended as a guest; a guest of the network only those). The chair and the coordinator
// keep the full record. A case seen at the table by code and shared summary only is
// withheld from the copy. Pure: same minutes and recipient, same copy.

export interface MinutesRecipient {
  agency: { id: string; name: string };
  /** Chair and coordinator: the full set. */
  seesAll: boolean;
  /** Items they attended as a guest, by agenda item id. */
  guestItemIds?: readonly string[];
  /** Their role in the network; a guest's copy holds only their own items. */
  role?: string;
  /** Codes of the network's cases restricted now (decision 0038): no copy holds them. */
  withheldCaseCodes?: readonly string[];
}

/** The recipient as an audience of the record view. */
export function audienceOfRecipient(recipient: MinutesRecipient): Audience {
  const guestItemIds = recipient.guestItemIds ?? [];
  if (recipient.seesAll) return { kind: "runner" };
  if (recipient.role === "guest") return { kind: "guest", personId: "", guestItemIds };
  return { kind: "member", personId: "", agencyId: recipient.agency.id, guestItemIds };
}

/** The agenda item ids this recipient may read. */
export function visibleItemIds(minutes: Minutes, recipient: MinutesRecipient): Set<string> {
  const audience = audienceOfRecipient(recipient);
  const withheld = new Set(recipient.withheldCaseCodes);
  return new Set(
    minutes.items
      .filter(
        (item) =>
          itemAccess(audience, {
            id: item.id,
            caseId: item.kind === "case" ? item.caseCode : null,
            involvedAgencyIds: item.involvedAgencyIds,
            restricted: item.caseCode !== null && withheld.has(item.caseCode),
          }) === "full",
      )
      .map((item) => item.id),
  );
}

export function redact(minutes: Minutes, recipient: MinutesRecipient): Minutes {
  const visible = visibleItemIds(minutes, recipient);
  const visibleCodes = new Set(minutes.items.filter((i) => visible.has(i.id) && i.caseCode).map((i) => i.caseCode));
  const audience = audienceOfRecipient(recipient);
  // A reviewed action of the opening block follows its case, as in the room (recordView's caseKey).
  const seesCase = (r: Minutes["items"][number]["actionReviews"][number]) =>
    itemAccess(audience, {
      id: `case:${r.caseCode}`,
      caseId: r.caseCode,
      involvedAgencyIds: r.involvedAgencyIds,
      restricted: recipient.withheldCaseCodes?.includes(r.caseCode),
    }) === "full";
  const items = minutes.items
    .map((item, i) => ({ ...item, number: item.number ?? i + 1, actionReviews: item.actionReviews.filter(seesCase) }))
    .filter((i) => visible.has(i.id));
  // A line of the action list follows its item; a line tied to no item follows its case
  // code, and a line tied to neither is general business.
  const actionList = minutes.actionList.filter((a) =>
    a.itemId !== null ? visible.has(a.itemId) : a.caseCode === null || visibleCodes.has(a.caseCode),
  );
  // Which items a guest came for is itself case information: only visible ones are named,
  // and a guest who came only for withheld items is left out of this copy.
  const guests = minutes.guests
    .filter((g) => g.itemIds.length === 0 || g.itemIds.some((id) => visible.has(id)))
    .map((g) => ({ ...g, itemIds: g.itemIds.filter((id) => visible.has(id)) }));
  return {
    ...minutes,
    items,
    actionList,
    guests,
    copy: {
      agencyName: recipient.agency.name,
      full: recipient.seesAll,
      withheldItems: minutes.items.length - items.length,
    },
  };
}
