import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MeetingClient } from "../../app/realtime/meetingClient.ts";
import { NoteDocProvider, type NoteSyncStatus } from "../../app/realtime/noteDocProvider.ts";
import { connectAgainWhenRefusedForNow, type ClientSocket } from "../../app/realtime/socket.ts";
import { signedIn } from "../support/fixtures.ts";
import { meetingSocket, prepareMeeting } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";
import { textOf, type } from "../support/notes.ts";

const until = async (check: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Storage faults on a real server: another process holding the write lock (busy), and a
 * disk that fails a read (I/O error). The server stays up, the screen is told the code,
 * and what was typed is kept and sent again until the server has it.
 */
describe("storage faults on the socket", () => {
  const app = useTestServer();
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  async function socketAs(email: string) {
    const socket = meetingSocket(app.url, (await signedIn(app.url, email)).cookieHeader, { reconnection: true });
    sockets.push(socket);
    return socket;
  }

  /** Another process takes the database's write lock and keeps it until released. */
  function lockHeldElsewhere() {
    const other = new Database(app.server.databaseFile);
    other.exec("BEGIN IMMEDIATE");
    return () => {
      other.exec("ROLLBACK");
      other.close();
    };
  }

  it("a join whose reads fail (disk I/O error) is answered storage_unavailable; the server stays up and the screen joins when the disk is back", async () => {
    const sessions = app.services.sessions;
    const real = sessions.lookupById;
    let failures = 0;
    sessions.lookupById = async (id) => {
      if (failures < 2) {
        failures++;
        throw new Database.SqliteError("disk I/O error", "SQLITE_IOERR");
      }
      return real(id);
    };
    try {
      const client = new MeetingClient(await socketAs("chair@riverside.example"), prepared.meetingId, {
        retryMs: { first: 50, last: 200 },
      });
      const seen: string[] = [];
      client.subscribe((s) => s.lastError && seen.push(`${s.lastError.code}:${s.lastError.retrying}`));
      await until(() => client.state.snapshot !== null, "the chair to join after the disk is back");
      expect(failures).toBe(2);
      expect(seen).toContain("storage_unavailable:true");
      expect(client.state.lastError).toBeNull();
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      sessions.lookupById = real;
    }
  });

  it("a connection whose session cannot be read (busy) is refused for now and made again; the screen joins", async () => {
    const cookie = (await signedIn(app.url, "police@riverside.example")).cookieHeader;
    const sessions = app.services.sessions;
    const real = sessions.lookup;
    let failures = 0;
    sessions.lookup = async (token) => {
      if (failures < 2) {
        failures++;
        throw new Database.SqliteError("database is locked", "SQLITE_BUSY");
      }
      return real(token);
    };
    try {
      const socket = meetingSocket(app.url, cookie, { reconnection: true });
      sockets.push(socket);
      const refusals: unknown[] = [];
      socket.on("connect_error", (e: Error & { data?: { code?: string } }) => refusals.push(e.data?.code));
      connectAgainWhenRefusedForNow(socket, 50);
      const client = new MeetingClient(socket, prepared.meetingId);
      await until(() => client.state.snapshot !== null, "the police screen to join");
      expect(refusals).toEqual(["busy", "busy"]);
    } finally {
      sessions.lookup = real;
    }
  });

  it("a command refused busy (write lock held elsewhere) stays pending, is shown, and is recorded once when the lock goes", async () => {
    const client = new MeetingClient(await socketAs("chair@riverside.example"), prepared.meetingId, {
      retryMs: { first: 50, last: 200 },
    });
    await until(() => client.state.snapshot !== null, "the chair to join");
    if (client.state.snapshot!.level === "lobby") {
      expect((await client.send("confidentiality:accept", { version: 1 })).ok).toBe(true);
      client.refresh();
      await until(() => client.state.snapshot?.level === "full", "the chair to see the agenda");
    }
    const release = lockHeldElsewhere();
    let started;
    try {
      let answered = false;
      started = client.send("meeting:start", {});
      void started.then(() => (answered = true));
      await until(() => client.state.lastError !== null, "the refusal");
      expect(client.state.lastError).toMatchObject({ name: "meeting:start", code: "busy", retrying: true });
      expect(client.state.pending.map((p) => p.name)).toEqual(["meeting:start"]);
      expect(answered).toBe(false);
    } finally {
      release();
    }
    const ack = await started;
    expect(ack.ok).toBe(true);
    expect(client.state.pending).toEqual([]);
    expect(client.state.lastError).toBeNull();
    expect(
      (await app.services.meetingEngine.eventsAfter(prepared.meetingId, 0)).filter((e) => e.type === "meeting:started"),
    ).toHaveLength(1);
  });

  it("a notes batch refused busy is kept and sent again: 'saved' only when the server has it, and the server's text is the editor's", async () => {
    const doc = `network-scratch:${app.net.networkId}`;
    const chair = new NoteDocProvider((await socketAs("chair@riverside.example")) as unknown as ClientSocket, doc, {
      retryMs: 100,
    });
    const police = new NoteDocProvider((await socketAs("police@riverside.example")) as unknown as ClientSocket, doc, {
      retryMs: 100,
    });
    try {
      await until(
        () => chair.state.status === "saved" && police.state.status === "saved",
        "both editors to open the notes",
      );
      const statuses: NoteSyncStatus[] = [];
      chair.subscribe(() => statuses.push(chair.state.status));

      const release = lockHeldElsewhere();
      try {
        type(chair.ydoc, "Police to visit the family before Friday; school to share attendance records.");
        await until(() => chair.state.status === "retrying", "the chair's editor to say the batch was not taken");
        expect(chair.state.code).toBe("busy");
        type(chair.ydoc, "Next check-in in four weeks.");
        expect(chair.state.status).not.toBe("saved");
      } finally {
        release();
      }

      await until(() => chair.state.status === "saved", "the chair's editor to be saved");
      expect(statuses.slice(0, -1)).not.toContain("saved");
      const stored = new Y.Doc();
      Y.applyUpdate(stored, await app.services.notes.store.snapshot(doc));
      expect(textOf(stored)).toBe(textOf(chair.ydoc));
      expect(textOf(stored)).toContain("Next check-in in four weeks.");
      await until(() => textOf(police.ydoc) === textOf(chair.ydoc), "the police editor to have the same text");
    } finally {
      chair.destroy();
      police.destroy();
    }
  });
});
