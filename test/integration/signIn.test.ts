import { describe, expect, it } from "vitest";
import { PASSWORD, seedNetwork } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { useTestServer } from "../support/harness.ts";
import { startTestServer } from "../support/server.ts";

const app = useTestServer();

const auditActions = async () =>
  (await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1000 })).map((r) => r.action);

describe("sign-in", () => {
  it("signs in through the form with a safe session cookie, and audits it", async () => {
    const visitor = new Visitor(app.url);
    const res = await visitor.post("/sign-in?next=/account", { email: "Police@Riverside.example", password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("casetable_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await visitor.get("/account")).status).toBe(200);
    expect(await auditActions()).toContain("auth.signed_in");
  });

  it("never redirects to another site after sign-in", async () => {
    const res = await new Visitor(app.url).post("/sign-in?next=//evil.example/x", {
      email: "police@riverside.example",
      password: PASSWORD,
    });
    expect(res.headers.get("location")).toBe("/");
  });

  it("marks the cookie Secure behind an https proxy", async () => {
    const proxied = await startTestServer({ TRUST_PROXY: "loopback" });
    await seedNetwork(proxied.services);
    const visitor = new Visitor(proxied.url);
    const res = await visitor.post(
      "/sign-in",
      { email: "police@riverside.example", password: PASSWORD },
      { "x-forwarded-proto": "https", origin: proxied.url.replace("http:", "https:") },
    );
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().join();
    expect(cookie).toMatch(/^__Host-casetable_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain/i);
    await proxied.stop();
  });

  it("a wrong password gets a clear message, keeps no password in the page, and is audited", async () => {
    const res = await new Visitor(app.url).post("/sign-in", {
      email: "social@riverside.example",
      password: "guess-guess",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("That email address and password do not match an account.");
    expect(html).not.toContain("guess-guess");
    expect(await auditActions()).toContain("auth.sign_in_failed");
  });

  it("invalid input shows field errors and changes nothing", async () => {
    const res = await new Visitor(app.url).post("/sign-in", { email: "not an email", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(html).toContain("Fill this in.");
  });

  it("sign-out ends the session on the server, not just the cookie", async () => {
    const visitor = await app.signIn("chair@riverside.example");
    const stolen = visitor.cookieHeader;
    expect((await visitor.post("/sign-out", {})).status).toBe(302);
    const replay = await fetch(`${app.url}/account`, { headers: { cookie: stolen }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("changing the password ends the other sessions and keeps this one", async () => {
    const here = await app.signIn("coordinator@riverside.example");
    const elsewhere = await app.signIn("coordinator@riverside.example");
    const wrong = await here.post("/account", {
      current: "nope",
      password: "a brand new password",
      confirm: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password.");
    const res = await here.post("/account", {
      current: PASSWORD,
      password: "a brand new password",
      confirm: "a brand new password",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your password was changed.");
    expect((await here.get("/account")).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(302);
    await app.signIn("coordinator@riverside.example", "a brand new password");
  });
});
