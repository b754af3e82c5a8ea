// Issue 10, rule 4 (server side): /healthz checks a write and says which check failed;
// SIGTERM tells connected screens the server is restarting and lets requests in flight
// finish for at most SHUTDOWN_GRACE_MS.
import { connect as tcpConnect, type Socket as TcpSocket } from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { signedIn } from "../support/fixtures.ts";
import { useTestServer } from "../support/harness.ts";
import { connected, meetingSocket } from "../support/meetings.ts";
import { serverDialect } from "../support/server.ts";
import type { ServerProcess } from "../support/serverProcess.ts";

describe("/healthz", () => {
  const app = useTestServer({ seed: false });

  it("answers ok when the database reads, takes the write lock and the disk takes a write", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  // SQLite's one write lock, held by another process; PostgreSQL has no such lock (below: a server taking no writes).
  it.skipIf(serverDialect === "postgresql")(
    "reports degraded, naming the write-lock check, while another process holds the lock, and answers quickly",
    async () => {
      // Another process's connection, holding the write lock.
      const other = new Database(app.server.databaseFile);
      other.exec("BEGIN IMMEDIATE");
      try {
        const started = Date.now();
        const res = await fetch(`${app.url}/healthz`);
        const took = Date.now() - started;
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ status: "degraded", failed: "write-lock", code: "SQLITE_BUSY" });
        expect(took).toBeLessThan(1000); // the busy timeout is short: the event loop is not frozen for seconds
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    },
  );

  it.runIf(serverDialect === "postgresql")(
    "reports degraded, naming the write check, while PostgreSQL takes no writes, and ok once it does again",
    async () => {
      const name = new URL(app.server.testDatabase.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: app.server.testDatabase.url });
      await admin.connect();
      // New connections start read-only; the server's own are ended, so its pool opens new ones.
      const readOnly = async (on: boolean) => {
        await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${on ? "on" : "off"}`);
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        );
      };
      try {
        await readOnly(true);
        // The pool may first hand out a connection just ended (a failed read); then new ones, read-only.
        await expect
          .poll(async () => {
            const res = await fetch(`${app.url}/healthz`);
            return { status: res.status, body: (await res.json()) as unknown };
          })
          .toMatchObject({ status: 503, body: { status: "degraded", failed: "write" } });
      } finally {
        await readOnly(false);
        await admin.end();
      }
      await expect.poll(async () => (await fetch(`${app.url}/healthz`)).status).toBe(200);
    },
  );
});

describe("shutting down on SIGTERM", () => {
  // Seeded in this process; each test runs the real server as its own process on that data.
  const app = useTestServer();

  async function runningServer(graceMs: number) {
    const server = await app.spawn({ SHUTDOWN_GRACE_MS: String(graceMs) });
    const url = await server.ready;
    const chair = await signedIn(url, "chair@riverside.example");
    const socket = meetingSocket(url, chair.cookieHeader);
    await connected(socket);
    const told = new Promise<{ graceMs: number }>((done) => socket.once("server:restarting", done));
    return { server, url, socket, told };
  }

  /** A form post whose body is still on its way: a request in flight. */
  function halfSentPost(url: string): Promise<{ socket: TcpSocket; finish: () => void; answer: Promise<string> }> {
    const { hostname, port } = new URL(url);
    const body = "email=chair%40riverside.example&password=wrong";
    return new Promise((ready) => {
      const socket = tcpConnect(Number(port), hostname, () => {
        socket.write(
          `POST /sign-in HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
        );
        let answer = "";
        const answered = new Promise<string>((done) => {
          socket.on("data", (b) => (answer += b.toString()));
          socket.on("close", () => done(answer));
        });
        ready({ socket, finish: () => socket.write(body.slice(10)), answer: answered });
      });
    });
  }

  async function sigterm(server: ServerProcess) {
    const sent = Date.now();
    server.child.kill("SIGTERM");
    const code = await server.exited;
    return { code, took: Date.now() - sent };
  }

  it("tells connected screens the server is restarting and stops at once when nothing is in flight", async () => {
    const { server, socket, told } = await runningServer(5000);
    const { code, took } = await sigterm(server);
    expect(await told).toEqual({ graceMs: 5000 });
    expect(code).toBe(0);
    expect(took).toBeLessThan(2500);
    socket.disconnect();
  });

  it("lets a request in flight finish before stopping", async () => {
    const { server, url, socket, told } = await runningServer(5000);
    const post = await halfSentPost(url);
    await new Promise((r) => setTimeout(r, 200)); // the server has the headers and waits for the body
    const stopped = sigterm(server);
    await told;
    post.finish();
    expect(await post.answer).toMatch(/^HTTP\/1\.1 (200|302|400|401) /);
    const { code, took } = await stopped;
    expect(code).toBe(0);
    expect(took).toBeLessThan(4000);
    socket.disconnect();
  });

  it("stops after SHUTDOWN_GRACE_MS when a request never finishes", async () => {
    const { server, url, socket } = await runningServer(1500);
    const post = await halfSentPost(url);
    await new Promise((r) => setTimeout(r, 200));
    const { code, took } = await sigterm(server);
    expect(code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4500);
    post.socket.destroy();
    socket.disconnect();
  });
});
