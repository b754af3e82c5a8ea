import { statSync } from "node:fs";
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ClientSocket } from "../../app/realtime/socket.ts";
import { NOTES_DOC_MAX_BYTES } from "../../server/realtime/notes.ts";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();
const sockets: ClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function socketAs(email: string): Promise<ClientSocket> {
  const cookie = (await app.signIn(email)).cookieHeader;
  const socket = connect(app.url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
    transports: ["websocket"],
  }) as ClientSocket;
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

type Answer = { ok: boolean; error?: { code: string; reason: string } };
const emit = (s: ClientSocket, event: string, payload: unknown) =>
  new Promise<Answer>((resolve) =>
    (s as unknown as { emit: (e: string, p: unknown, a: (r: Answer) => void) => void }).emit(event, payload, resolve),
  );

/** A Yjs update adding `bytes` of text that compresses badly. */
function bigUpdate(bytes: number, seed: number): Uint8Array {
  const doc = new Y.Doc();
  let text = "";
  let x = seed;
  while (text.length < bytes) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    text += x.toString(36);
  }
  doc.getText("t").insert(0, text.slice(0, bytes));
  return Y.encodeStateAsUpdate(doc);
}

const databaseBytes = () =>
  statSync(app.server.databaseFile).size +
  (statSync(`${app.server.databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0);

describe("limits on the live connection", () => {
  it("sixty 480 kB notes updates in a second: most are refused rate_limited, and the database hardly grows", async () => {
    const socket = await socketAs("chair@riverside.example");
    const doc = `network-scratch:${app.net.networkId}`;
    const joined = await emit(socket, "notes:join", { doc, stateVector: Y.encodeStateVector(new Y.Doc()) });
    expect(joined.ok).toBe(true);
    const before = databaseBytes();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => emit(socket, "notes:update", { doc, update: bigUpdate(480 * 1024, i + 1) })),
    );
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(55);
    expect(new Set(refused.map((a) => a.error!.code))).toEqual(new Set(["rate_limited"]));
    expect(refused[0].error!.reason).toBe("notes_rate_limited");
    expect(databaseBytes() - before).toBeLessThan(5 * 1024 * 1024);
  });

  it("a notes document has a size cap, answered too_large", async () => {
    const socket = await socketAs("coordinator@riverside.example");
    const doc = `network-scratch:${app.net.networkId}`;
    await emit(socket, "notes:join", { doc, stateVector: Y.encodeStateVector(new Y.Doc()) });
    let last: Answer = { ok: true };
    for (let i = 0; i < Math.ceil(NOTES_DOC_MAX_BYTES / (400 * 1024)) + 2 && last.ok !== false; i++) {
      last = await emit(socket, "notes:update", { doc, update: bigUpdate(400 * 1024, 1000 + i) });
      if (!last.ok && last.error?.code === "rate_limited") {
        await new Promise((r) => setTimeout(r, 10_000));
        last = { ok: true };
      }
    }
    expect(last.ok).toBe(false);
    expect(last.error!.code).toBe("too_large");
    expect(last.error!.reason).toBe("notes_full");
  });

  it("a flood of meeting commands is refused rate_limited for that person", async () => {
    const socket = await socketAs("police@riverside.example");
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => emit(socket, "meeting:join", { meetingId: "no-such-meeting" })),
    );
    const limited = answers.filter((a) => a.error?.code === "rate_limited");
    expect(limited.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((a) => a.error?.code !== "rate_limited").length).toBeLessThanOrEqual(50);
  });
});
