import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/fixtures.ts";
import type { Visitor } from "../support/http.ts";
import { planFormFields } from "../support/planForms.ts";
import { useTestServer } from "../support/harness.ts";
import { changedTables, databaseFingerprint, everyRoute, seedTwoNetworks, type Probe } from "../support/twoNetworks.ts";

// Issue 9, rule 4: every id is scoped to the network in the URL. No read, no write,
// no partial write before a 404, whatever route and form carries the id.

const app = useTestServer({ seed: false }); // seedTwoNetworks seeds both networks itself
let world: Awaited<ReturnType<typeof seedTwoNetworks>>;
/** The attacker's own idle clock may tick during a slow probe; nothing else may change. */
const fingerprint = () => databaseFingerprint(app.services.database.store, { withoutIdleClocks: true });

beforeAll(async () => {
  world = await seedTwoNetworks(app.services);
});

/** Sends one probe and reports its status and the tables it changed. */
async function send(visitor: Visitor, probe: Probe) {
  const before = await fingerprint();
  const res = probe.method === "GET" ? await visitor.get(probe.path) : await visitor.post(probe.path, probe.body ?? {});
  await res.arrayBuffer();
  return {
    probe: `${probe.method} ${probe.path} ${JSON.stringify(probe.body ?? {})}`,
    status: res.status,
    changed: changedTables(before, await fingerprint()),
  };
}

describe("writing into another network's meeting (issue 9, reproduction 1)", () => {
  it("a coordinator of B who is a guest of A cannot invite themselves to A's item through B's address: 404 and no row", async () => {
    const { idsOfA, b, coordinatorOfB } = world;
    const attacker = await signedIn(app.url, coordinatorOfB.email);
    const before = await fingerprint();
    const res = await attacker.post(`/n/${b.networkId}/meetings/${idsOfA.meetingId}/agenda`, {
      itemId: idsOfA.itemId,
      personId: coordinatorOfB.personId,
    });
    expect(res.status).toBe(404);
    const { db, t } = app.services.database.store;
    const rows = await db
      .select()
      .from(t.agendaItemGuests)
      .where(
        and(eq(t.agendaItemGuests.itemId, idsOfA.itemId), eq(t.agendaItemGuests.personId, coordinatorOfB.personId)),
      );
    expect(rows).toEqual([]);
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});

describe("every route, with ids of another network", () => {
  it("someone outside A gets 404 from every page and form of A, and nothing changes", async () => {
    const outsider = await signedIn(app.url, world.adminOfBEmail);
    const probes = everyRoute(world.idsOfA.networkId, world.idsOfA, { idsOnly: false });
    expect(probes.length).toBeGreaterThan(50);
    const results = [];
    for (const probe of probes) results.push(await send(outsider, probe));
    expect(results.filter((r) => r.status !== 404 || r.changed.length > 0)).toEqual([]);
  });

  for (const who of ["coordinatorOfB", "adminOfB"] as const) {
    it(`the ${who === "coordinatorOfB" ? "coordinator of B (a guest of A)" : "admin of B"} reaches nothing of A through B's addresses, and nothing changes`, async () => {
      const visitor = await signedIn(
        app.url,
        who === "coordinatorOfB" ? world.coordinatorOfB.email : world.adminOfBEmail,
      );
      const results = [];
      for (const probe of everyRoute(world.b.networkId, world.idsOfA, { idsOnly: true }))
        results.push(await send(visitor, probe));
      // Refused (400, 403, 404, 405 or 409), never served, and not a row written anywhere.
      expect(results.filter((r) => r.status < 400 || r.status >= 500 || r.changed.length > 0)).toEqual([]);
      expect(results.filter((r) => r.status === 404).length).toBeGreaterThan(results.length / 2);
    });
  }

  it("B's own case, posted with A's agencies, people, signals, checks and tasks: refused, nothing changes", async () => {
    const { idsOfA, b } = world;
    const coordinator = await signedIn(app.url, world.coordinatorOfB.email);
    const c = `/n/${b.networkId}/cases/${b.code}`;
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const adminOfB = (await app.services.members.list(b.networkId)).find((m) => m.email === world.adminOfBEmail)!;
    const probes: Probe[] = [
      { method: "POST", path: `${c}?index`, body: { intent: "agencies", agencyIds: idsOfA.agencyId } },
      {
        method: "POST",
        path: `${c}?index`,
        body: { intent: "check", checkId: idsOfA.checkId ?? "none", note: "Seen" },
      },
      {
        method: "POST",
        path: `${c}/analysis`,
        body: {
          intent: "analyse",
          signalId: idsOfA.signalId,
          sourceGrade: "B",
          informationGrade: "2",
          gradingRationale: "Known",
        },
      },
      {
        method: "POST",
        path: `${c}/analysis`,
        body: { intent: "route", routing: "no_further_action", signalId: idsOfA.signalId, rationale: "Nothing" },
      },
      {
        method: "POST",
        path: `${c}/analysis`,
        body: {
          intent: "route",
          routing: "gather_information",
          signalId: b.signalId,
          rationale: "Ask",
          taskWhat: "Ask around",
          taskAgencyId: idsOfA.agencyId,
          taskPersonId: idsOfA.personId,
          taskDueOn: later,
        },
      },
      {
        method: "POST",
        path: `${c}/plan`,
        body: planFormFields(
          {
            socialContext: "Lives alone.",
            goals: [{ id: "g1", what: "Work", measure: "A job", byWhen: later, standing: "open" }],
            actions: [
              {
                id: idsOfA.taskId ?? undefined,
                goalId: "g1",
                what: "Talk",
                ownerAgencyId: idsOfA.agencyId,
                ownerPersonId: idsOfA.personId,
                startOn: null,
                dueOn: later,
                status: "planned",
              },
            ],
            agencyIds: [b.agencyId],
            nextCheckInOn: later,
          },
          0,
        ),
      },
      {
        method: "POST",
        path: `/n/${b.networkId}/members/${adminOfB.id}`,
        body: { intent: "save", agencyId: idsOfA.agencyId, role: "admin", mandate: "decides" },
      },
      {
        method: "POST",
        path: `/n/${b.networkId}/meetings/new`,
        body: { title: "Conference", startsAt: `${later}T14:00`, invitees: idsOfA.personId },
      },
    ];
    // Showing B's case page again with the refusal audits B's own reads (e.g. who looked at a reporter); nothing else may change.
    const { db, t } = app.services.database.store;
    const auditOutsideB = async () =>
      (await db.select().from(t.auditLog)).filter((e) => e.networkId !== b.networkId || !e.action.endsWith("_viewed"))
        .length;
    const audited = await auditOutsideB();
    const results = [];
    for (const probe of probes) results.push(await send(coordinator, probe));
    expect(
      results.filter((r) => r.status < 400 || r.status >= 500 || r.changed.some((t) => t !== "audit_log")),
    ).toEqual([]);
    expect(await auditOutsideB()).toBe(audited);
  });
});
