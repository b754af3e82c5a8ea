import { describe, expect, it } from "vitest";
import { fromAcceptLanguage } from "../../server/http/language.ts";
import { useTestServer } from "../support/harness.ts";
import { Visitor } from "../support/http.ts";

const app = useTestServer();

const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe("a page's language", () => {
  it("takes the browser's first language Casetable speaks, by weight", () => {
    expect(fromAcceptLanguage("nl-BE,nl;q=0.9,en;q=0.8")).toBe("nl");
    expect(fromAcceptLanguage("it-IT,it;q=0.9,nl;q=0.5,en;q=0.7")).toBe("en");
    expect(fromAcceptLanguage("en;q=0.2, NL-be;q=0.9")).toBe("nl");
    expect(fromAcceptLanguage("nl;q=0, en")).toBe("en");
    expect(fromAcceptLanguage("it, *")).toBeNull();
    expect(fromAcceptLanguage("")).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });

  it("follows Accept-Language before anyone signs in, and <html lang> says so", async () => {
    const dutch = await new Visitor(app.url).get("/sign-in", { "accept-language": "nl-BE,nl;q=0.9,en;q=0.8" });
    const html = await dutch.text();
    expect(langOf(html)).toBe("nl");
    expect(html).toContain("Log in met het e-mailadres en wachtwoord");
    expect(html).not.toContain("Sign in with the email address");

    const english = await (await new Visitor(app.url).get("/sign-in", { "accept-language": "en-GB" })).text();
    expect(langOf(english)).toBe("en");
    expect(english).toContain("Sign in with the email address");
  });

  it("names in the page's head the script of its language's strings, and no other language's", async () => {
    const stringsIn = (html: string) =>
      [...html.matchAll(/<link rel="modulepreload" href="(\/assets\/(en|nl|fr|de)-[\w-]+\.js)"/g)].map((m) => m[1]);
    for (const [asked, language] of [
      ["fr-BE,fr;q=0.9", "fr"],
      ["en-GB", "en"],
    ]) {
      const html = await (await new Visitor(app.url).get("/sign-in", { "accept-language": asked })).text();
      const scripts = stringsIn(html);
      expect(scripts.map((s) => s.split("/").pop()!.split("-")[0])).toEqual([language]);
      const script = await fetch(`${app.url}${scripts[0]}`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
    }
  });

  it("is the person's own choice once made, whatever the browser says, until they go back to the browser's", async () => {
    const member = await app.signIn("police@riverside.example");
    const home = `/n/${app.net.networkId}`;
    const en = { "accept-language": "en-GB,en" };
    expect(langOf(await (await member.get(home, en)).text())).toBe("en");

    const refused = await member.post("/account", { intent: "language", language: "xx" });
    expect(refused.status).toBe(400);
    expect(langOf(await (await member.get(home, en)).text())).toBe("en");

    expect((await member.post("/account", { intent: "language", language: "nl" })).status).toBe(200);
    const dutch = await (await member.get(home, en)).text();
    expect(langOf(dutch)).toBe("nl");
    expect(dutch).toContain("Overzicht");
    const account = await (await member.get("/account", en)).text();
    expect(account).toMatch(/<option value="nl" lang="nl" selected="">Nederlands<\/option>/);

    await member.post("/account", { intent: "language", language: "" });
    expect(langOf(await (await member.get(home, en)).text())).toBe("en");
    expect(langOf(await (await member.get(home, { "accept-language": "nl" })).text())).toBe("nl");
  });

  it("falls back to the network's default, which only those who manage its settings change, audited", async () => {
    const home = `/n/${app.net.networkId}`;
    const italian = { "accept-language": "it-IT,it" };
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect(langOf(await (await coordinator.get(home, italian)).text())).toBe("en");

    const member = await app.signIn("police@riverside.example");
    const notAllowed = await member.post(`${home}/settings`, { intent: "language", language: "nl" });
    expect(notAllowed.status).toBeGreaterThanOrEqual(400);
    expect((await app.services.networks.get(app.net.networkId))!.language).toBe("en");

    const admin = await app.signIn("admin@riverside.example");
    expect((await admin.post(`${home}/settings`, { intent: "language", language: "zz" })).status).toBe(400);
    expect((await admin.post(`${home}/settings`, { intent: "language", language: "nl" })).status).toBe(200);
    expect((await app.services.networks.get(app.net.networkId))!.language).toBe("nl");
    const [entry] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1 });
    expect(entry.action).toBe("network.language_changed");

    // A browser asking for a language Casetable speaks still wins; one that asks for none gets the network's.
    expect(langOf(await (await coordinator.get(home, italian)).text())).toBe("nl");
    expect(langOf(await (await coordinator.get(home, { "accept-language": "en" })).text())).toBe("en");
    // Outside the network's pages there is no network to ask.
    expect(langOf(await (await new Visitor(app.url).get("/sign-in", italian)).text())).toBe("en");
  });
});
