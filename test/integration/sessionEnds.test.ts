import { setTimeout as sleep } from "node:timers/promises";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { ClientSocket } from "../../app/realtime/socket.ts";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { useTestServer } from "../support/harness.ts";

// Sessions end after 3 s without activity (0.05 min) and 8 s after sign-in (0.0022 h), to test in seconds.
const app = useTestServer({ env: { SESSION_IDLE_MINUTES: "0.05", SESSION_MAX_HOURS: "0.0022" } });

const signedInPage = async (v: Visitor) => (await v.get("/account")).status === 200;

/** A live connection on this visitor's session that keeps why its session ended, if it is told. */
async function liveConnection(url: string, v: Visitor) {
  const socket = connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie: v.cookieHeader },
    transports: ["websocket"],
    reconnection: false,
  }) as ClientSocket;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const ended = new Promise<{ reason: string; cut: boolean }>((resolve) =>
    socket.once("session:ended", ({ reason }) => socket.once("disconnect", () => resolve({ reason, cut: true }))),
  );
  return { socket, ended };
}

describe("sessions that end", () => {
  it("ends after the idle time without activity, and activity keeps it going", async () => {
    const active = await app.signIn("chair@riverside.example");
    const idle = await app.signIn("coordinator@riverside.example");
    for (let i = 0; i < 4; i++) {
      await sleep(1000);
      expect(await signedInPage(active)).toBe(true);
    }
    expect(await signedInPage(idle)).toBe(false);
    const status = await (await idle.get("/session")).json();
    expect(status).toEqual({ signedIn: false });
  });

  it("asking how long is left is not activity", async () => {
    const v = await app.signIn("police@riverside.example");
    const first = (await (await v.get("/session")).json()) as { idleLeftMs: number };
    expect(first.idleLeftMs).toBeGreaterThan(2000);
    for (let i = 0; i < 4; i++) {
      await sleep(1000);
      await v.get("/session");
    }
    expect(await signedInPage(v)).toBe(false);
  });

  it("ends at its absolute lifetime however active, and its socket is told so and cut", async () => {
    const v = await app.signIn("school@riverside.example");
    const { socket, ended } = await liveConnection(app.url, v);
    const cut = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));
    const started = Date.now();
    let lastOk = started;
    while (Date.now() - started < 12_000 && (await signedInPage(v))) {
      lastOk = Date.now();
      await sleep(700);
    }
    expect(lastOk - started).toBeGreaterThan(5000);
    expect(lastOk - started).toBeLessThan(9000);
    // The socket ends with the session (within a quarter of the idle time after).
    expect((await cut) - started).toBeLessThan(11_000);
    expect(await ended).toEqual({ reason: "expired", cut: true });
    socket.disconnect();
  });

  it("a live connection with nothing sent is told its session ended for inactivity", async () => {
    const v = await app.signIn("health@riverside.example");
    const { socket, ended } = await liveConnection(app.url, v);
    const started = Date.now();
    expect(await ended).toEqual({ reason: "idle", cut: true });
    // Three seconds idle, then at most a quarter of that before the round that removes it.
    expect(Date.now() - started).toBeLessThan(6000);
    socket.disconnect();
  });

  it("the cookie lives no longer than the session, and is __Host- and Secure when the site is https", async () => {
    const res = await new Visitor(app.url).post("/sign-in", { email: "social@riverside.example", password: PASSWORD });
    const cookie = res.headers.getSetCookie().join();
    expect(cookie).toMatch(/^casetable_session=/);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeLessThanOrEqual(8);
  });
});

describe("a site served over https", () => {
  const https = useTestServer({ seed: true, env: { PUBLIC_URL: "https://casetable.example" } });
  it("sets a __Host- Secure cookie even when the proxy does not say https", async () => {
    const port = (https.server.httpServer.address() as { port: number }).port;
    const visitor = new Visitor(`http://127.0.0.1:${port}`);
    const signIn = await visitor.post(
      "/sign-in",
      { email: "social@riverside.example", password: PASSWORD },
      { origin: `http://127.0.0.1:${port}` },
    );
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.getSetCookie().join();
    expect(cookie).toMatch(/^__Host-casetable_session=/);
    expect(cookie).toMatch(/Secure/);
    // The plain cookie name is not read on an https site.
    const token = visitor.cookies.get("__Host-casetable_session")!;
    const plain = await fetch(`http://127.0.0.1:${port}/account`, {
      headers: { cookie: `casetable_session=${token}` },
      redirect: "manual",
    });
    expect(plain.status).toBe(302);
    const prefixed = await fetch(`http://127.0.0.1:${port}/account`, {
      headers: { cookie: `__Host-casetable_session=${token}` },
      redirect: "manual",
    });
    expect(prefixed.status).toBe(200);
  });
});

describe("a live connection is told why its session ended", () => {
  const live = useTestServer();

  it("signed out in another tab", async () => {
    const v = await live.signIn("police@riverside.example");
    const { socket, ended } = await liveConnection(live.url, v);
    expect((await v.post("/sign-out", {})).status).toBe(302);
    expect(await ended).toEqual({ reason: "signed_out", cut: true });
    socket.disconnect();
  });

  it("removed from the network by an admin", async () => {
    const v = await live.signIn("school@riverside.example");
    const { socket, ended } = await liveConnection(live.url, v);
    const admin = await live.signIn("admin@riverside.example");
    const school = live.net.members.find((m) => m.email === "school@riverside.example")!;
    const removed = await admin.post(`/n/${live.net.networkId}/members/${school.id}`, { intent: "remove" });
    expect(removed.status).toBe(302);
    expect(await ended).toEqual({ reason: "removed", cut: true });
    socket.disconnect();
  });

  it("the password changed in another session, which itself stays", async () => {
    const elsewhere = await live.signIn("social@riverside.example");
    const { socket, ended } = await liveConnection(live.url, elsewhere);
    const here = await live.signIn("social@riverside.example");
    const changed = await here.post("/account", {
      current: PASSWORD,
      password: "a new and long passphrase 2026",
      confirm: "a new and long passphrase 2026",
    });
    expect(changed.status).toBeLessThan(400);
    expect(await ended).toEqual({ reason: "password_changed", cut: true });
    expect(await signedInPage(here)).toBe(true);
    socket.disconnect();
  });
});
