import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseCounts } from "../../server/metrics.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The counts behind /metrics' gauges, read on the Store (decision 0040): the same numbers
// on SQLite and PostgreSQL (whose count comes back as a bigint). The page itself, with
// its gauges and tokens: test/integration/metrics.test.ts.

describe.each(await dialectsUnderTest())("the metrics' database counts on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("counts the meetings running now and the deliveries by state, as plain numbers", async () => {
    const { t } = store();
    const counts = databaseCounts(store());
    expect(await counts.meetingsLive()).toBe(0);
    expect(await counts.deliveriesByState()).toEqual({});

    const networkId = randomUUID();
    const personId = randomUUID();
    await store().transaction(async (tx) => {
      await tx.insert(t.networks).values({ id: networkId, name: "Riverside" });
      await tx.insert(t.persons).values({ id: personId, name: "Ann", email: "ann@example.org", passwordHash: "x" });
      await tx.insert(t.meetings).values(
        (["running", "running", "scheduled", "ended", "cancelled"] as const).map((status) => ({
          id: randomUUID(),
          networkId,
          title: "Case conference",
          startsAt: new Date(),
          template: "standard",
          language: "en" as const,
          createdBy: personId,
          status,
        })),
      );
      await tx.insert(t.deliveries).values(
        (["pending", "pending", "pending", "sent", "failed"] as const).map((state, i) => ({
          id: randomUUID(),
          kind: "notice",
          recipientPersonId: personId,
          email: `ann+${i}@example.org`,
          state,
        })),
      );
    });
    expect(await counts.meetingsLive()).toBe(2);
    expect(await counts.deliveriesByState()).toEqual({ pending: 3, sent: 1, failed: 1 });
  });
});
