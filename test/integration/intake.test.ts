import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCasetable, type RunningCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";
import { INTAKE_LIMITS } from "../../app/contract/limits.ts";
import { seedNetwork, signedIn } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let net: Awaited<ReturnType<typeof seedNetwork>>;

// Behind the (test) proxy, X-Forwarded-For tells each reporter's address apart.
beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "loopback" });
  net = await seedNetwork(server.services);
});
afterAll(() => server.stop());

const query = <T>(sql: string, ...args: unknown[]) => {
  const db = new Database(server.databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
};

const report = (overrides: Record<string, string> = {}) => ({
  reporterName: "Ms Janssens",
  reporterOrganisation: "Northside Primary School",
  reporterContact: "janssens@northside.example",
  concern:
    "An older brother of a pupil hands out leaflets at the school gate and asks children to join a closed chat group.",
  subjectName: "Karim Example",
  subjectDateOfBirth: "1999-05-02",
  ...overrides,
});

async function createLink(label: string): Promise<string> {
  const coordinator = await signedIn(server.url, "coordinator@riverside.example");
  const res = await coordinator.post(`/n/${net.networkId}/intake`, { intent: "create", label });
  expect(res.status).toBe(200);
  const link = /data-testid="intake-link"[^>]*>([^<]+)</.exec(await res.text())?.[1];
  expect(link).toMatch(/\/intake\/[\w-]{20,}$/);
  return new URL(link!).pathname;
}

/** A reporter with no account, from their own address. */
const reporter = (ip: string) => {
  const v = new Visitor(server.url);
  return {
    get: (path: string) => v.get(path, { "x-forwarded-for": ip }),
    post: (path: string, fields: Record<string, string>) => v.post(path, fields, { "x-forwarded-for": ip }),
  };
};

describe("partner intake links", () => {
  it("a coordinator creates a link; only its hash is stored; chairs and members may not manage links", async () => {
    const path = await createLink("Schools in the north district");
    const token = path.split("/").pop()!;
    const rows = query<{ label: string; token_hash: string }>("SELECT label, token_hash FROM intake_links");
    expect(rows.map((r) => r.label)).toContain("Schools in the north district");
    expect(JSON.stringify(rows)).not.toContain(token);
    const list = await (
      await (await signedIn(server.url, "coordinator@riverside.example")).get(`/n/${net.networkId}/intake`)
    ).text();
    expect(list).toContain("Schools in the north district");
    expect(list).not.toContain(token);
    for (const email of ["chair@riverside.example", "school@riverside.example"]) {
      const v = await signedIn(server.url, email);
      expect((await v.get(`/n/${net.networkId}/intake`)).status).toBe(403);
      expect((await v.post(`/n/${net.networkId}/intake`, { intent: "create", label: "Mine" })).status).toBe(403);
    }
  });

  it("works without an account, answers with a receipt only, and lands in the inbox", async () => {
    const path = await createLink("Youth centres");
    const someone = reporter("203.0.113.10");
    const page = await someone.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Report a concern to Riverside Case Conference (demo)");
    expect(html).not.toContain(`/n/${net.networkId}`);
    expect(html).toContain('name="robots" content="noindex, nofollow"');

    const sent = await someone.post(path, report({ reporterWithheld: "on" }));
    expect(sent.status).toBe(200);
    const answer = await sent.text();
    const receipt = /data-testid="receipt"[^>]*>([^<]+)</.exec(answer)?.[1];
    expect(receipt).toMatch(/^R-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // Nothing of the report or the case is read back.
    expect(answer).not.toMatch(/C-\d{4}-\d{4}/);
    expect(answer).not.toContain("Karim Example");

    const [signal] = query<Record<string, unknown>>(
      "SELECT s.*, c.stage, c.code FROM signals s JOIN cases c ON c.id = s.case_id WHERE s.receipt = ?",
      receipt,
    );
    expect(signal).toMatchObject({
      channel: "partner",
      registered_by: null,
      reporter_withheld: 1,
      reporter_organisation: "Northside Primary School",
      stage: "signal",
    });
    expect(signal.intake_link_id).toBe(
      query<{ id: string }>("SELECT id FROM intake_links WHERE label = 'Youth centres'")[0].id,
    );
    const [audit] = query<{ actor_id: string | null; ip: string }>(
      "SELECT actor_id, ip FROM audit_log WHERE action = 'signal.registered' AND subject_id = ?",
      signal.id,
    );
    expect(audit).toEqual({ actor_id: null, ip: "203.0.113.10" });

    const inbox = await (
      await (await signedIn(server.url, "chair@riverside.example")).get(`/n/${net.networkId}/signals`)
    ).text();
    expect(inbox).toContain(String(signal.code));
    expect(inbox).toContain("through an intake link");
  });

  it("bad input shows errors beside the fields and stores nothing", async () => {
    const path = await createLink("GP practices");
    const before = query("SELECT id FROM signals").length;
    const res = await reporter("203.0.113.11").post(
      path,
      report({ reporterName: "", concern: "", subjectDateOfBirth: "02/05/1999" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect(html).toContain("Enter a date as YYYY-MM-DD.");
    expect(query("SELECT id FROM signals").length).toBe(before);
  });

  it("limits each address, and the count survives a restart", async () => {
    const path = await createLink("Sports clubs");
    const flood = reporter("198.51.100.7");
    for (let i = 0; i < INTAKE_LIMITS.perAddressPerHour; i++)
      expect((await flood.post(path, report({ subjectName: `Person ${i}` }))).status).toBe(200);
    const refused = await flood.post(path, report());
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain("Too many reports were sent from here in a short time.");
    // What the reporter typed stays in the form.
    expect(html).toContain("Ms Janssens");
    // Another address is not held back.
    expect((await reporter("198.51.100.8").post(path, report())).status).toBe(200);

    // A restart does not reset the count: it is read from stored rows.
    await server.close();
    const again: RunningCasetable = await startCasetable(
      loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: server.databaseFile, TRUST_PROXY: "loopback" }),
    );
    try {
      const res = await new Visitor(again.url).post(path, report(), { "x-forwarded-for": "198.51.100.7" });
      expect(res.status).toBe(429);
    } finally {
      await again.close();
    }
    rmSync(server.dir, { recursive: true, force: true });
    // The later tests get a fresh server of their own.
    server = await startTestServer({ TRUST_PROXY: "loopback" });
    net = await seedNetwork(server.services);
  });

  it("limits each link per day, whatever the addresses", async () => {
    const path = await createLink("Libraries");
    const token = path.split("/").pop()!;
    const body = {
      reporter: { name: "A", organisation: "B", contact: "C", withheld: false },
      concern: "Concern.",
      subject: { name: "S", dateOfBirth: null, address: null, contacts: null },
    };
    for (let i = 0; i < INTAKE_LIMITS.perLinkPerDay; i++) {
      expect(server.services.intake.submit(token, `192.0.2.${i % 250}`, body).ok).toBe(true);
    }
    expect(server.services.intake.submit(token, "192.0.2.251", body)).toEqual({ ok: false, problem: "rate_limited" });
    expect((await reporter("192.0.2.252").post(path, report())).status).toBe(429);
  });

  it("a revoked link and an unknown link are refused with a clear page", async () => {
    const path = await createLink("Temporary");
    const coordinator = await signedIn(server.url, "coordinator@riverside.example");
    const linkId = query<{ id: string }>("SELECT id FROM intake_links WHERE label = 'Temporary'")[0].id;
    expect((await coordinator.post(`/n/${net.networkId}/intake`, { intent: "revoke", linkId })).status).toBe(200);
    const before = query("SELECT id FROM signals").length;

    const get = await reporter("203.0.113.20").get(path);
    expect(get.status).toBe(410);
    expect(await get.text()).toContain("This intake link is no longer in use");
    const post = await reporter("203.0.113.20").post(path, report());
    expect(post.status).toBe(410);
    expect(query("SELECT id FROM signals").length).toBe(before);

    const unknown = await reporter("203.0.113.21").get("/intake/not-a-real-token");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This intake link does not exist");
    expect((await reporter("203.0.113.21").post("/intake/not-a-real-token", report())).status).toBe(404);

    const [entry] = await server.services.audit.listForNetwork(net.networkId, { limit: 1 });
    expect(entry.action).toBe("intake_link.revoked");
  });
});
