import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INTAKE_LIMITS } from "../../app/contract/limits.ts";
import { useTestServer } from "../support/harness.ts";
import { Visitor } from "../support/http.ts";

// Behind the (test) proxy, X-Forwarded-For tells each reporter's address apart.
const app = useTestServer({ env: { TRUST_PROXY: "loopback" } });

/** Everything the database holds on disk, its write-ahead log included, as text to search. */
const storedBytes = () =>
  [app.server.databaseFile, `${app.server.databaseFile}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString("latin1"))
    .join("");
const linkId = async (label: string) =>
  (await app.services.intake.list(app.net.networkId)).find((l) => l.label === label)!.id;
/** The report a receipt was given for, found as the network's people find it: through the inbox. */
async function reportWithReceipt(receipt: string) {
  for (const inboxed of await app.services.signals.inbox(app.net.networkId)) {
    const theCase = (await app.services.caseRegister.findByCode(app.net.networkId, inboxed.code))!;
    const signal = (await app.services.signals.ofCase(theCase.id)).find((s) => s.receipt === receipt);
    if (signal) return { theCase, signal };
  }
  throw new Error(`no report in the inbox has the receipt ${receipt}`);
}
const signalCount = () => app.services.signals.inboxCount(app.net.networkId);

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
  const coordinator = await app.signIn("coordinator@riverside.example");
  const res = await coordinator.post(`/n/${app.net.networkId}/intake`, { intent: "create", label });
  expect(res.status).toBe(200);
  const link = /data-testid="intake-link"[^>]*>([^<]+)</.exec(await res.text())?.[1];
  expect(link).toMatch(/\/intake\/[\w-]{20,}$/);
  return new URL(link!).pathname;
}

/** A reporter with no account, from their own address. */
const reporter = (ip: string) => {
  const v = new Visitor(app.url);
  return {
    get: (path: string) => v.get(path, { "x-forwarded-for": ip }),
    post: (path: string, fields: Record<string, string>) => v.post(path, fields, { "x-forwarded-for": ip }),
  };
};

describe("partner intake links", () => {
  it("a coordinator creates a link; only its hash is stored; chairs and members may not manage links", async () => {
    const path = await createLink("Schools in the north district");
    const token = path.split("/").pop()!;
    expect((await app.services.intake.list(app.net.networkId)).map((l) => l.label)).toContain(
      "Schools in the north district",
    );
    // The link is on disk (its label), its token nowhere.
    expect(storedBytes()).toContain("Schools in the north district");
    expect(storedBytes()).not.toContain(token);
    const list = await (
      await (await app.signIn("coordinator@riverside.example")).get(`/n/${app.net.networkId}/intake`)
    ).text();
    expect(list).toContain("Schools in the north district");
    expect(list).not.toContain(token);
    for (const email of ["chair@riverside.example", "school@riverside.example"]) {
      const v = await app.signIn(email);
      expect((await v.get(`/n/${app.net.networkId}/intake`)).status).toBe(403);
      expect((await v.post(`/n/${app.net.networkId}/intake`, { intent: "create", label: "Mine" })).status).toBe(403);
    }
  });

  it("works without an account, answers with a receipt only, and lands in the inbox", async () => {
    const path = await createLink("Youth centres");
    const someone = reporter("203.0.113.10");
    const page = await someone.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Report a concern to Riverside Case Conference (demo)");
    expect(html).not.toContain(`/n/${app.net.networkId}`);
    expect(html).toContain('name="robots" content="noindex, nofollow"');

    const sent = await someone.post(path, report({ reporterWithheld: "on" }));
    expect(sent.status).toBe(200);
    const answer = await sent.text();
    const receipt = /data-testid="receipt"[^>]*>([^<]+)</.exec(answer)?.[1];
    expect(receipt).toMatch(/^R-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // Nothing of the report or the case is read back.
    expect(answer).not.toMatch(/C-\d{4}-\d{4}/);
    expect(answer).not.toContain("Karim Example");

    // The report is in the inbox; its case holds the reporter's details under the receipt.
    const { theCase, signal } = await reportWithReceipt(receipt!);
    expect(signal).toMatchObject({
      channel: "partner",
      registeredBy: null,
      reporterWithheld: true,
      reporterOrganisation: "Northside Primary School",
      intakeLinkId: await linkId("Youth centres"),
    });
    expect(theCase.stage).toBe("signal");
    const audit = (await app.services.auditChain.listForNetwork(app.net.networkId, {})).filter(
      (e) => e.action === "signal.registered" && e.subjectId === signal.id,
    );
    expect(audit.map((e) => ({ actorId: e.actorId, ip: e.ip }))).toEqual([{ actorId: null, ip: "203.0.113.10" }]);

    const inbox = await (
      await (await app.signIn("chair@riverside.example")).get(`/n/${app.net.networkId}/signals`)
    ).text();
    expect(inbox).toContain(theCase.code);
    expect(inbox).toContain("through an intake link");
  });

  it("bad input shows errors beside the fields and stores nothing", async () => {
    const path = await createLink("GP practices");
    const before = await signalCount();
    const res = await reporter("203.0.113.11").post(
      path,
      report({ reporterName: "", concern: "", subjectDateOfBirth: "02/05/1999" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect(html).toContain("Enter a date as YYYY-MM-DD.");
    expect(await signalCount()).toBe(before);
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
    await app.restart();
    expect((await reporter("198.51.100.7").post(path, report())).status).toBe(429);
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
      expect((await app.services.intake.submit(token, `192.0.2.${i % 250}`, body)).ok).toBe(true);
    }
    expect(await app.services.intake.submit(token, "192.0.2.251", body)).toEqual({
      ok: false,
      problem: "rate_limited",
    });
    expect((await reporter("192.0.2.252").post(path, report())).status).toBe(429);
  });

  it("a revoked link and an unknown link are refused with a clear page", async () => {
    const path = await createLink("Temporary");
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect(
      (
        await coordinator.post(`/n/${app.net.networkId}/intake`, {
          intent: "revoke",
          linkId: await linkId("Temporary"),
        })
      ).status,
    ).toBe(200);
    const before = await signalCount();

    const get = await reporter("203.0.113.20").get(path);
    expect(get.status).toBe(410);
    expect(await get.text()).toContain("This intake link is no longer in use");
    const post = await reporter("203.0.113.20").post(path, report());
    expect(post.status).toBe(410);
    expect(await signalCount()).toBe(before);

    const unknown = await reporter("203.0.113.21").get("/intake/not-a-real-token");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This intake link does not exist");
    expect((await reporter("203.0.113.21").post("/intake/not-a-real-token", report())).status).toBe(404);

    const [entry] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1 });
    expect(entry.action).toBe("intake_link.revoked");
  });
});
