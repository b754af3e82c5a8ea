import { get as httpGet, type IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { startTestServer } from "../support/server.ts";
import { Visitor } from "../support/http.ts";

const app = useTestServer({ seed: false });

describe("HTTP basics", () => {
  it("answers the health check while the database answers", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("sends strict security headers on every response", async () => {
    for (const path of ["/sign-in", "/healthz", "/no-such-page"]) {
      const res = await fetch(`${app.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("puts the response's nonce on every inline script", async () => {
    const res = await fetch(`${app.url}/sign-in`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    const html = await res.text();
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends the build's scripts gzipped to a browser that accepts gzip, and as they are to one that does not", async () => {
    const html = await (await fetch(`${app.url}/sign-in`)).text();
    const scripts = [...html.matchAll(/<link rel="modulepreload" href="(\/assets\/[\w.-]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      const asIs = await fetch(`${app.url}${script}`, { headers: { "accept-encoding": "identity" } });
      expect(asIs.headers.get("content-encoding")).toBeNull();
      const raw = Buffer.from(await asIs.arrayBuffer());
      expect(raw.length).toBeGreaterThan(0);
      // Twice: the second is the kept copy.
      for (let i = 0; i < 2; i++) {
        const zipped = await new Promise<IncomingMessage>((done) =>
          httpGet(`${app.url}${script}`, { headers: { "accept-encoding": "gzip, br" } }, done),
        );
        const body: Buffer[] = [];
        for await (const chunk of zipped) body.push(chunk as Buffer);
        expect(zipped.statusCode).toBe(200);
        expect(zipped.headers["content-encoding"]).toBe("gzip");
        expect(zipped.headers["content-type"]).toMatch(/^text\/javascript/);
        expect(zipped.headers["cache-control"]).toContain("immutable");
        expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
        expect(gunzipSync(Buffer.concat(body)).equals(raw)).toBe(true);
      }
    }
    const missing = await fetch(`${app.url}/assets/no-such-script.js`);
    expect(missing.status).toBe(404);
  });

  it("shows a 404 page for an unknown address", async () => {
    const res = await fetch(`${app.url}/no-such-page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
  });

  it("refuses a form posted from another site (CSRF)", async () => {
    const visitor = new Visitor(app.url);
    const foreign = await visitor.post(
      "/sign-in",
      { email: "a@b.example", password: "x" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    const crossSite = await visitor.post(
      "/sign-in",
      { email: "a@b.example", password: "x" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    const noOrigin = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@b.example" }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it("answers 503 when the database no longer answers, and stays up", async () => {
    const other = await startTestServer();
    await other.services.database.close();
    const res = await fetch(`${other.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", failed: "read" });
    await other.stop();
  });
});
