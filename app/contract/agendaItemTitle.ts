import type { AgendaItemKind } from "./vocabulary.ts";

// An agenda item's title in the reader's language: the page, the room, the cockpit and the
// documents render it from what the item is and its case code; only a title someone typed
// is shown as typed (issue 15: stored data holds codes, not translated words).

export type AgendaItemTitleKey = `meetings.itemTitles.${Exclude<AgendaItemKind, "own">}`;

export interface TitledItem {
  kind: AgendaItemKind;
  /** The typed title of an `own` item; empty for the others. */
  title: string;
  caseCode: string | null;
}

/** The title, worded by `t` (the pages' words in one language). */
export function agendaItemTitle(
  t: (key: AgendaItemTitleKey, values: { code: string }) => string,
  item: TitledItem,
): string {
  if (item.kind === "own") return item.title;
  return t(`meetings.itemTitles.${item.kind}`, { code: item.caseCode ?? "" });
}
