import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { io as connect } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NoteDocProvider } from "../../app/realtime/noteDocProvider.ts";
import type { ClientSocket } from "../../app/realtime/socket.ts";
import { noteSchema, NOTE_FRAGMENT } from "../../app/contract/noteSchema.ts";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { signedIn } from "../support/fixtures.ts";
import { useTestServer } from "../support/harness.ts";
import { textOf, type } from "../support/notes.ts";

const app = useTestServer();
let doc: string;
const open: { socket: ClientSocket; provider?: NoteDocProvider }[] = [];

/** A prefix only for this test, whose documents everyone may read and nobody may change. */
const registerReadOnly = () =>
  app.services.notes.registerNotesAccess("test-readonly", (_person, _doc, mode) => mode === "read");

beforeAll(() => {
  doc = `network-scratch:${app.net.networkId}`;
  registerReadOnly();
});
afterEach(() => {
  for (const { socket, provider } of open.splice(0)) {
    provider?.destroy();
    socket.disconnect();
  }
});

async function socketAs(email: string, url = app.url): Promise<ClientSocket> {
  const cookie = (await signedIn(url, email)).cookieHeader;
  const socket = connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
    transports: ["websocket"],
  }) as ClientSocket;
  open.push({ socket });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

function providerFor(socket: ClientSocket, name: string, d = doc) {
  const provider = new NoteDocProvider(socket, d, { retryMs: 100 });
  open.find((o) => o.socket === socket)!.provider = provider;
  return provider;
}

const emit = <T>(s: ClientSocket, event: string, payload: unknown) =>
  new Promise<T>((resolve) =>
    (s as unknown as { emit: (e: string, p: unknown, a: (r: T) => void) => void }).emit(event, payload, resolve),
  );

const settled = (p: NoteDocProvider) => expect.poll(() => p.state.status, { timeout: 5000 }).toBe("saved");

describe("collaborative notes", () => {
  it("two writers converge, also across a disconnect, and the stored document survives a restart", async () => {
    const a = providerFor(await socketAs("chair@riverside.example"), "a");
    const bSocket = await socketAs("police@riverside.example");
    const b = providerFor(bSocket, "b");
    await settled(a);
    await settled(b);
    expect(a.state.mode).toBe("write");

    // At once, without waiting for each other.
    type(a.ydoc, "Chair: school reports improved attendance");
    type(b.ydoc, "Police: no new incidents");
    await settled(a);
    await settled(b);
    await expect
      .poll(
        () =>
          textOf(a.ydoc) === textOf(b.ydoc) &&
          textOf(a.ydoc).includes("no new incidents") &&
          textOf(a.ydoc).includes("improved attendance"),
      )
      .toBe(true);

    // B goes offline and keeps typing; A types too.
    bSocket.disconnect();
    await expect.poll(() => b.state.status).toBe("offline");
    type(b.ydoc, "Police (offline): follow-up visit on Friday");
    type(b.ydoc, "Police (offline): contact the family officer");
    expect(b.state).toMatchObject({ status: "offline", pending: true });
    type(a.ydoc, "Chair: next review in four weeks");
    await settled(a);
    expect(textOf(a.ydoc)).not.toContain("follow-up visit");

    bSocket.connect();
    await settled(b);
    await expect.poll(() => textOf(a.ydoc)).toContain("contact the family officer");
    expect(textOf(b.ydoc)).toContain("next review in four weeks");
    expect(textOf(a.ydoc)).toBe(textOf(b.ydoc));
    const agreed = textOf(a.ydoc);
    for (const line of ["improved attendance", "no new incidents", "follow-up visit", "family officer", "four weeks"])
      expect(agreed).toContain(line);

    // The same SQLite file, a new server: the stored document equals what both see.
    const rendered = (await app.services.notes.readNotes(doc)).text;
    const restarted = await app.restart();
    registerReadOnly();
    {
      expect((await restarted.services.notes.readNotes(doc)).text).toBe(rendered);
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, await restarted.services.notes.store.snapshot(doc));
      expect(textOf(fresh)).toBe(agreed);
      // And a client of the restarted server receives it all on join.
      const c = providerFor(await socketAs("social@riverside.example", restarted.url), "c");
      await settled(c);
      expect(textOf(c.ydoc)).toBe(agreed);
    }
  });

  it("writes one audit entry per person and document per few minutes, not per keystroke", async () => {
    const a = providerFor(await socketAs("school@riverside.example"), "a");
    await settled(a);
    for (const word of ["one", "two", "three"]) {
      type(a.ydoc, word);
      await settled(a);
    }
    const school = app.net.members.find((m) => m.email === "school@riverside.example")!;
    const entries = await app.services.auditChain.listForNetwork(app.net.networkId, { actorId: school.personId });
    expect(entries.filter((e) => e.action === "notes.edited" && e.subjectId === doc)).toHaveLength(1);
  });

  it("passes cursors on with the signed-in person's real name", async () => {
    const a = providerFor(await socketAs("chair@riverside.example"), "a");
    const b = providerFor(await socketAs("health@riverside.example"), "b");
    await settled(a);
    await settled(b);
    b.awareness.setLocalStateField("user", { name: "Somebody Else", color: "c3" });
    await expect
      .poll(() => a.awareness.getStates().get(b.ydoc.clientID)?.user)
      .toEqual({ name: "Łukasz Zieliński", color: "c3" });
    b.destroy();
    await expect.poll(() => a.awareness.getStates().has(b.ydoc.clientID)).toBe(false);
  });

  it("a reader receives the notes but cannot change them", async () => {
    const socket = await socketAs("police@riverside.example");
    const joined = await emit<{ ok: boolean; data: { mode: string } }>(socket, "notes:join", {
      doc: "test-readonly:x",
      stateVector: Y.encodeStateVector(new Y.Doc()),
    });
    expect(joined).toMatchObject({ ok: true, data: { mode: "read" } });
    const change = new Y.Doc();
    type(change, "sneaky");
    const ack = await emit(socket, "notes:update", { doc: "test-readonly:x", update: Y.encodeStateAsUpdate(change) });
    expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await app.services.notes.store.storedRows("test-readonly:x")).toBe(0);
    const reader = providerFor(socket, "r", "test-readonly:x");
    await expect.poll(() => reader.state.mode).toBe("read");
  });

  it("refuses unknown prefixes, other networks' scratch notes, guests, and updates before joining", async () => {
    const socket = await socketAs("police@riverside.example");
    const sv = Y.encodeStateVector(new Y.Doc());
    for (const d of ["unknown:abc", "agenda-item:1", "network-scratch:another-network"]) {
      expect(await emit(socket, "notes:join", { doc: d, stateVector: sv })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    const guest = await socketAs("youth@riverside.example");
    expect(await emit(guest, "notes:join", { doc, stateVector: sv })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const change = new Y.Doc();
    type(change, "not joined");
    expect(await emit(guest, "notes:update", { doc, update: Y.encodeStateAsUpdate(change) })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect((await app.services.notes.readNotes(doc)).text).not.toContain("not joined");
  });

  it("a malformed or oversized payload gets an error ack; the socket stays up", async () => {
    const socket = await socketAs("social@riverside.example");
    const sv = Y.encodeStateVector(new Y.Doc());
    for (const bad of [
      null,
      42,
      "x",
      {},
      { doc },
      { doc: "no colon", stateVector: sv },
      { doc, stateVector: "abc" },
      { doc, stateVector: new Uint8Array([255, 255]) },
    ]) {
      expect(await emit(socket, "notes:join", bad)).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    expect(await emit(socket, "notes:join", { doc, stateVector: sv })).toMatchObject({ ok: true });
    for (const bad of [
      null,
      { doc },
      { doc, update: "text" },
      { doc, update: new Uint8Array([1, 2, 3, 4, 5]) },
      { doc, update: new Uint8Array([255, 255, 255]) },
    ]) {
      expect(await emit(socket, "notes:update", bad)).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    const huge = new Y.Doc();
    type(huge, "x".repeat(600 * 1024));
    expect(await emit(socket, "notes:update", { doc, update: Y.encodeStateAsUpdate(huge) })).toMatchObject({
      ok: false,
      error: { code: "too_large" },
    });
    socket.emit("notes:awareness", { doc, update: new Uint8Array([9, 9, 9]) });
    expect(socket.connected).toBe(true);
    expect((await app.services.notes.readNotes(doc)).text).not.toContain("xxxxxxxx");
    const ok = new Y.Doc();
    type(ok, "still working");
    expect(await emit(socket, "notes:update", { doc, update: Y.encodeStateAsUpdate(ok) })).toMatchObject({ ok: true });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("readNotes renders headings, lists and bold as ProseMirror JSON", async () => {
    const content = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Agreed actions" }] },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "Home visit", marks: [{ type: "bold" }] }] },
              ],
            },
            {
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: "Call the school" }] }],
            },
          ],
        },
      ],
    };
    const ydoc = prosemirrorJSONToYDoc(noteSchema(), content, NOTE_FRAGMENT);
    const socket = await socketAs("chair@riverside.example");
    const d = `network-scratch:${app.net.networkId}`;
    await emit(socket, "notes:join", { doc: d, stateVector: Y.encodeStateVector(new Y.Doc()) });
    expect(await emit(socket, "notes:update", { doc: d, update: Y.encodeStateAsUpdate(ydoc) })).toMatchObject({
      ok: true,
    });
    const { json, text } = await app.services.notes.readNotes(d);
    expect(json.content).toEqual(expect.arrayContaining(content.content));
    expect(text).toContain("Agreed actions\nHome visit\nCall the school");
  });
});
