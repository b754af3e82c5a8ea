import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, type PresenceChanged } from "../../app/contract/protocol.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();
const open: Socket[] = [];
afterEach(() => open.splice(0).forEach((s) => s.disconnect()));

function socketFor(cookie: string | undefined, protocolVersion = PROTOCOL_VERSION): Socket {
  const socket = connect(app.url, {
    auth: { protocolVersion },
    extraHeaders: cookie ? { cookie } : {},
    transports: ["websocket"],
    reconnection: false,
  });
  open.push(socket);
  return socket;
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });

const refused = (s: Socket) =>
  new Promise<{ message: string; data: { code: string; message: string } }>((resolve) =>
    s.once("connect_error", (e) => resolve(e as never)),
  );

const emit = <T>(s: Socket, event: string, payload: unknown) =>
  new Promise<T>((resolve) => s.emit(event, payload, (ack: T) => resolve(ack)));

async function cookieOf(email: string) {
  return (await app.signIn(email)).cookieHeader;
}

describe("real-time channel", () => {
  it("refuses a connection without a session, with a clear code", async () => {
    const err = await refused(socketFor(undefined));
    expect(err.data.code).toBe("unauthenticated");
    const forged = await refused(socketFor("casetable_session=forged"));
    expect(forged.data.code).toBe("unauthenticated");
  });

  it("refuses a client of another protocol version", async () => {
    const err = await refused(socketFor(await cookieOf("police@riverside.example"), PROTOCOL_VERSION + 1));
    expect(err.data.code).toBe("protocol_mismatch");
  });

  it("shows who is online in a network, and who left", async () => {
    const chair = socketFor(await cookieOf("chair@riverside.example"));
    await connected(chair);
    const first = await emit<{ ok: true; data: PresenceChanged }>(chair, "presence:join", {
      networkId: app.net.networkId,
    });
    expect(first.ok).toBe(true);
    expect(first.data.online.map((p) => p.name)).toEqual(["Elena Novak"]);

    const seen = new Promise<PresenceChanged>((resolve) => chair.once("presence:changed", resolve));
    const police = socketFor(await cookieOf("police@riverside.example"));
    await connected(police);
    await emit(police, "presence:join", { networkId: app.net.networkId });
    expect((await seen).online.map((p) => p.name)).toEqual(["Elena Novak", "Jonas Becker"]);

    const left = new Promise<PresenceChanged>((resolve) => chair.once("presence:changed", resolve));
    police.disconnect();
    expect((await left).online.map((p) => p.name)).toEqual(["Elena Novak"]);
  });

  it("a malformed payload gets an error ack; the socket and server stay up", async () => {
    const s = socketFor(await cookieOf("social@riverside.example"));
    await connected(s);
    for (const bad of [null, 42, "x", {}, { networkId: 7 }, { networkId: "x".repeat(5000) }]) {
      const ack = await emit<{ ok: false; error: { code: string } }>(s, "presence:join", bad);
      expect(ack).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    expect(s.connected).toBe(true);
    const good = await emit<{ ok: boolean }>(s, "presence:join", { networkId: app.net.networkId });
    expect(good.ok).toBe(true);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("refuses presence in a network the person is not a member of", async () => {
    const s = socketFor(await cookieOf("social@riverside.example"));
    await connected(s);
    const ack = await emit<{ ok: false; error: { code: string } }>(s, "presence:join", {
      networkId: "some-other-network",
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(s.connected).toBe(true);
  });

  it("signing out cuts the live connection", async () => {
    const visitor = await app.signIn("school@riverside.example");
    const s = socketFor(visitor.cookieHeader);
    await connected(s);
    const gone = new Promise<string>((resolve) => s.once("disconnect", resolve));
    await visitor.post("/sign-out", {});
    expect(await gone).toBe("io server disconnect");
  });
});
