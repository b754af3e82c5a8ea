import { describe, expect, it } from "vitest";
import { THROTTLE, waitAfter } from "../../server/auth/signInLimit.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { useTestServer } from "../support/harness.ts";

// The test client is the (trusted) proxy on loopback; X-Forwarded-For names each visitor's address.
const app = useTestServer({ env: { TRUST_PROXY: "loopback" } });

const from = (ip: string) => ({
  signIn: (email: string, password: string) =>
    new Visitor(app.url).post("/sign-in", { email, password }, { "x-forwarded-for": ip }),
});

describe("failed sign-ins slow down whoever makes them and lock nobody out", () => {
  it("the right password from another address is let in after many failures on the account", async () => {
    const email = "health@riverside.example";
    const attacker = from("203.0.113.66");
    for (let i = 0; i < 8; i++) {
      const res = await attacker.signIn(email, `wrong-${i}`);
      expect([400, 429]).toContain(res.status);
    }
    // The attacker's address now waits, even with the right password …
    const held = await attacker.signIn(email, PASSWORD);
    expect(held.status).toBe(429);
    const wait = Number(held.headers.get("retry-after"));
    // Eight wrong passwords: 2^(8-3) seconds, however fast or slow they came.
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThanOrEqual(THROTTLE.pair.maxWaitSeconds);
    expect(await held.text()).toMatch(/Too many failed sign-ins from here\. Wait \d+ seconds?, then try again\./);
    // … and the person, from their own address, is not held back at all.
    expect((await from("198.51.100.20").signIn(email, PASSWORD)).status).toBe(302);
  });

  it("an address that tries many accounts waits at most a minute, and others behind it get in after that", async () => {
    const office = from("192.0.2.44");
    for (let i = 0; i < 20; i++) await office.signIn(`nobody-${i}@example.org`, "wrong password");
    const held = await office.signIn("chair@riverside.example", PASSWORD);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(THROTTLE.address.maxWaitSeconds);
    // Another address is not affected.
    expect((await from("192.0.2.45").signIn("chair@riverside.example", PASSWORD)).status).toBe(302);
  });

  it("the wait doubles after the free attempts, up to its cap", () => {
    const pair = THROTTLE.pair;
    expect(waitAfter(pair.free, pair)).toBe(0);
    expect(waitAfter(pair.free + 1, pair)).toBe(2);
    expect(waitAfter(pair.free + 2, pair)).toBe(4);
    expect(waitAfter(pair.free + 40, pair)).toBe(pair.maxWaitSeconds);
  });

  it("an address's failures are counted under that address, whatever X-Forwarded-For the browser adds", async () => {
    // Behind the proxy, the client's own X-Forwarded-For entries are not the address: the
    // proxy appends the address it saw, and only that one counts.
    for (let i = 0; i < 12; i++)
      await new Visitor(app.url).post(
        "/sign-in",
        { email: `spoof-${i}@example.org`, password: "wrong password" },
        { "x-forwarded-for": `10.${i}.0.1, 192.0.2.99` },
      );
    const res = await from("10.200.0.1, 192.0.2.99").signIn("school@riverside.example", PASSWORD);
    expect(res.status).toBe(429);
  });
});

describe("X-Forwarded-For from anyone but the named proxy is ignored", () => {
  const direct = useTestServer({ env: { TRUST_PROXY: "10.9.9.9" } });

  it("made-up addresses neither escape the per-address wait nor reach the audit log", async () => {
    for (let i = 0; i < 12; i++)
      await new Visitor(direct.url).post(
        "/sign-in",
        { email: `nobody-${i}@example.org`, password: "wrong password" },
        { "x-forwarded-for": `198.51.100.${i}` },
      );
    const res = await new Visitor(direct.url).post(
      "/sign-in",
      { email: "police@riverside.example", password: PASSWORD },
      { "x-forwarded-for": "198.51.100.250" },
    );
    expect(res.status).toBe(429);
    const rows = await direct.services.auditChain.listForNetwork(direct.net.networkId, { limit: 1000 });
    expect(JSON.stringify(rows)).not.toContain("198.51.100.");
  });
});
