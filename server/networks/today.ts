import { eq } from "drizzle-orm";
import { todayIn } from "../../app/contract/time.ts";
import type { Query, Store } from "../../db/store.ts";

/**
 * Today in the network's time zone (`YYYY-MM-DD`): the day its people call today, which
 * the room's and the pages' date fields offer. Not UTC's: after midnight in Brussels, UTC
 * is still on yesterday, and a basis obtained "today" would be refused as still to come.
 */
export async function networkToday(store: Store, networkId: string, q: Query = store.db): Promise<string> {
  const { networks } = store.t;
  const [network] = await q.select({ tz: networks.timeZone }).from(networks).where(eq(networks.id, networkId));
  return todayIn(network?.tz ?? "UTC");
}
