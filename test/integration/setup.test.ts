import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { Visitor } from "../support/http.ts";

// Every test starts from an empty database: a first run each.
const app = useTestServer({ seed: false, perTest: true });

const firstAdmin = {
  name: "Ada Admin",
  email: "Ada@Example.org",
  password: "a long enough password",
  confirm: "a long enough password",
  networkName: "Northbridge case conference",
  timeZone: "Europe/Amsterdam",
  agencyName: "Northbridge Municipality",
  agencySector: "municipality",
};

describe("first run", () => {
  it("an empty database has no accounts and no default password", async () => {
    expect(await app.services.setup.isFresh()).toBe(true);
    const res = await new Visitor(app.url).post("/sign-in", { email: "admin@localhost", password: "admin" });
    expect(res.status).toBe(400);
  });

  it("the setup link creates the first administrator and network, once and never again", async () => {
    const token = (await app.services.setup.issueToken())!;
    const page = await fetch(`${app.url}/setup/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Create account and network");

    const ada = new Visitor(app.url);
    const res = await ada.post(`/setup/${token}`, firstAdmin);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/n\/[\w-]+$/);
    const home = await ada.get(res.headers.get("location")!);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Northbridge case conference");

    // The same link, again: refused, and nothing new is created.
    const again = await new Visitor(app.url).post(`/setup/${token}`, {
      ...firstAdmin,
      email: "mallory@example.org",
    });
    expect(again.status).toBe(410);
    expect((await fetch(`${app.url}/setup/${token}`)).status).toBe(410);
    expect(await app.services.setup.issueToken()).toBeNull();
    const members = await app.services.members.list(
      (
        await app.services.networks.listForPerson(
          (await app.services.sessions.lookup(ada.cookies.get("casetable_session")))!.personId,
        )
      )[0].id,
    );
    expect(members.map((m) => m.email)).toEqual(["ada@example.org"]);
  });

  it("a new link replaces the old one (e.g. after a restart)", async () => {
    const old = (await app.services.setup.issueToken())!;
    const fresh = (await app.services.setup.issueToken())!;
    expect((await fetch(`${app.url}/setup/${old}`)).status).toBe(410);
    expect((await fetch(`${app.url}/setup/${fresh}`)).status).toBe(200);
  });

  it("invalid input shows errors beside the fields and creates nothing", async () => {
    const token = (await app.services.setup.issueToken())!;
    const res = await new Visitor(app.url).post(`/setup/${token}`, {
      ...firstAdmin,
      email: "not-an-email",
      password: "short",
      confirm: "other",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(html).toContain("Use at least 12 characters.");
    expect(html).toMatch(/aria-invalid="true"/);
    expect(await app.services.setup.isFresh()).toBe(true);
    expect(await app.services.setup.isValid(token)).toBe(true);
  });
});
