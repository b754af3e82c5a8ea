import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createLog } from "../../server/log.ts";
import type { MailTransport } from "../../server/mail/mailer.ts";
import { createMailWorker } from "../../server/mail/mailWorker.ts";
import { createOutbox, type Claimant, type NewDelivery } from "../../server/mail/outbox.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The mail outbox on the Store (decision 0040): a delivery is claimed by one conditional
// update, so two workers (two nodes on one database) never send one mail twice, and a
// claim is taken back only when its lease ran out or its node restarted (decision 0045).
// Its pages and real mail server: test/integration/mail.test.ts, invitations.test.ts.

async function seedPerson(store: Store) {
  const id = randomUUID();
  await store.transaction((tx) =>
    tx.insert(store.t.persons).values({ id, name: "Ann", email: "ann@example.org", passwordHash: "x" }),
  );
  return id;
}

const mails = (personId: string, n: number): NewDelivery[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: "notice",
    recipientPersonId: personId,
    email: `ann+${i}@example.org`,
    payload: { n: i },
  }));

const worker = (id: string, node: string | null = null): Claimant => ({ id, node });

/** A mail server that takes a moment to answer and keeps what it was sent. */
function recordingTransport(sent: string[]): MailTransport {
  return {
    async send({ file }, onHandedOver) {
      await new Promise((done) => setTimeout(done, Math.random() * 5));
      onHandedOver();
      sent.push(file.replace(/\.eml$/, ""));
      return { state: "sent" };
    },
    close() {},
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each(await dialectsUnderTest())("the mail outbox on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("two workers on one store send a burst of deliveries, each exactly once", async () => {
    const person = await seedPerson(store());
    const sent: string[] = [];
    const outboxDir = mkdtempSync(join(tmpdir(), "casetable-outbox-"));
    dirs.push(outboxDir);
    // Two nodes: each its own outbox and worker, one database.
    const nodes = [0, 1].map(() => {
      const outbox = createOutbox(store());
      const worker = createMailWorker({
        outbox,
        transport: recordingTransport(sent),
        from: "Casetable <casetable@example.org>",
        outboxDir: join(outboxDir, randomUUID()),
        node: { name: null, alone: false },
        concurrency: 3,
        idleMs: 20,
        log: createLog("silent"),
      });
      worker.register("notice", async (d) => ({ to: [d.email], subject: "Notice", text: "Hello", attachments: [] }));
      return { outbox, worker };
    });
    await Promise.all(nodes.map((n) => n.worker.start()));
    const written = await store().transaction((tx) => nodes[0]!.outbox.enqueue(tx, mails(person, 40)));
    for (const n of nodes) n.worker.wake();
    await expect
      .poll(
        async () => (await store().db.select().from(store().t.deliveries)).filter((d) => d.state === "sent").length,
        {
          timeout: 20_000,
        },
      )
      .toBe(40);
    await Promise.all(nodes.map((n) => n.worker.stop()));
    expect(sent.toSorted()).toEqual(written.map((d) => d.id).toSorted());
    const rows = await store().db.select().from(store().t.deliveries);
    expect(rows.every((d) => d.attempts === 1 && d.dataSentAt !== null && d.sentAt !== null)).toBe(true);
  });

  it("claims at once from many workers: each due delivery goes to one of them", async () => {
    const person = await seedPerson(store());
    const outboxes = [createOutbox(store()), createOutbox(store())];
    await store().transaction((tx) => outboxes[0]!.enqueue(tx, mails(person, 12)));
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => outboxes[i % 2]!.claimNext(worker(`worker-${i % 5}`))),
    );
    const claimed = claims.filter((c) => c !== null);
    expect(claimed).toHaveLength(12);
    expect(new Set(claimed.map((c) => c.id)).size).toBe(12);
    const rows = await store().db.select().from(store().t.deliveries);
    expect(rows.every((d) => d.state === "sending" && d.attempts === 1)).toBe(true);
    for (const c of claimed) expect(rows.find((d) => d.id === c.id)!.claimedBy).toBe(c.claimedBy);
  });

  it("settles an attempt for the worker that claimed it only; a failure waits, a retry and a resend release it once", async () => {
    const person = await seedPerson(store());
    const outbox = createOutbox(store(), { backoffSeconds: [60] });
    const written = await store().transaction((tx) => outbox.enqueue(tx, mails(person, 2)));
    const heard: string[] = [];
    outbox.onChange((c) => heard.push(`${c.id}:${c.state}`));

    // Written in one moment: which goes first is the id's order.
    const first = await outbox.claimNext(worker("a"));
    const second = written.find((d) => d.id !== first!.id);
    expect(await outbox.finish(first!.id, "b", { state: "sent" })).toBeNull();
    const failed = await outbox.finish(first!.id, "a", { state: "failed", reason: "421 busy" });
    expect(failed).toMatchObject({ state: "failed", reason: "421 busy" });
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await outbox.nextDueAt()).toEqual(failed!.nextAttemptAt);
    // Not due yet: the other one is claimed instead; then nothing.
    expect((await outbox.claimNext(worker("a")))!.id).toBe(second!.id);
    expect(await outbox.claimNext(worker("a"))).toBeNull();
    await outbox.handedOver(second!.id, "a");
    expect(await outbox.finish(second!.id, "a", { state: "unknown", reason: "timeout" })).toMatchObject({
      state: "unknown",
    });

    // A retry moves only a failed one, a resend only an unknown one; twice at once, once.
    const release = (how: "retry" | "resend", id: string) => store().transaction((tx) => outbox[how](tx, id));
    expect(await release("resend", first!.id)).toBeNull();
    const retried = await Promise.all([release("retry", first!.id), release("retry", first!.id)]);
    expect(retried.filter((r) => r !== null)).toHaveLength(1);
    expect(await release("retry", second!.id)).toBeNull();
    expect(await release("resend", second!.id)).toMatchObject({ state: "pending" });
    expect((await outbox.get(first!.id))!.state).toBe("pending");
    expect(heard).toEqual([
      `${first!.id}:sending`,
      `${first!.id}:failed`,
      `${second!.id}:sending`,
      `${second!.id}:unknown`,
    ]);
  });

  it("at the start of a node alone, a delivery left sending is pending again, or unknown once its message had gone", async () => {
    const person = await seedPerson(store());
    const outbox = createOutbox(store());
    await store().transaction((tx) => outbox.enqueue(tx, mails(person, 3)));
    const before = (await outbox.claimNext(worker("stopped")))!;
    const after = (await outbox.claimNext(worker("stopped")))!;
    await outbox.handedOver(after.id, "stopped");
    expect(await outbox.recover("alone")).toEqual({ resumed: 1, unknown: 1 });
    const state = async (id: string) =>
      (await store().db.select().from(store().t.deliveries).where(eq(store().t.deliveries.id, id)))[0]!;
    expect(await state(before.id)).toMatchObject({ state: "pending", claimedBy: null, leaseUntil: null });
    expect(await state(after.id)).toMatchObject({ state: "unknown", reason: "stopped_after_data" });
    expect(await outbox.recover("alone")).toEqual({ resumed: 0, unknown: 0 });
  });

  it("takes back a claim only once its lease ran out, or at once when its node restarts; a renewed one stays", async () => {
    const person = await seedPerson(store());
    const outbox = createOutbox(store(), { leaseMs: 60_000 });
    await store().transaction((tx) => outbox.enqueue(tx, mails(person, 3)));
    const t0 = new Date();
    const later = (ms: number) => new Date(t0.getTime() + ms);
    const dead = (await outbox.claimNext(worker("dead", "node-a"), t0))!;
    const busy = (await outbox.claimNext(worker("busy", "node-b"), t0))!;
    const restarted = (await outbox.claimNext(worker("before-restart", "node-c"), t0))!;
    expect(dead).toMatchObject({ claimedNode: "node-a", leaseUntil: later(60_000) });
    const stateOf = async (id: string) => (await outbox.get(id))!.state;

    // Node b starts while every claim is fresh: it takes back none of the others'.
    expect(await outbox.recover(worker("b-again", "node-b"), later(1000))).toEqual({ resumed: 1, unknown: 0 });
    expect(await stateOf(busy.id)).toBe("pending");
    const busyAgain = (await outbox.claimNext(worker("b-again", "node-b"), later(1000)))!;
    expect(busyAgain.id).toBe(busy.id);
    // Node c restarts: its earlier life's claim comes back at once, not another node's.
    expect(await outbox.recover(worker("c-again", "node-c"), later(2000))).toEqual({ resumed: 1, unknown: 0 });
    expect(await stateOf(restarted.id)).toBe("pending");
    expect(await stateOf(dead.id)).toBe("sending");
    // A node without a name has no earlier life to recognise.
    expect(await outbox.recover(worker("anon", null), later(3000))).toEqual({ resumed: 0, unknown: 0 });

    // The live worker renews; the dead one cannot. After the lease, only the dead one's goes.
    expect(await outbox.renew([busy.id, dead.id], "b-again", later(50_000))).toEqual(new Set([busy.id]));
    expect(await outbox.recover(undefined, later(59_999))).toEqual({ resumed: 0, unknown: 0 });
    expect(await outbox.recover(undefined, later(60_000))).toEqual({ resumed: 1, unknown: 0 });
    expect(await stateOf(dead.id)).toBe("pending");
    expect(await stateOf(busy.id)).toBe("sending");
    // The dead worker, back from a long pause, can neither renew nor settle what it lost.
    expect(await outbox.renew([dead.id], "dead", later(61_000))).toEqual(new Set());
    expect(await outbox.finish(dead.id, "dead", { state: "sent" })).toBeNull();
    expect(await outbox.finish(busy.id, "b-again", { state: "sent" })).toMatchObject({ state: "sent" });
  });

  describe("with workers on two nodes", () => {
    const outboxDir = () => {
      const dir = mkdtempSync(join(tmpdir(), "casetable-outbox-"));
      dirs.push(dir);
      return dir;
    };
    const workerOn = (
      node: string,
      transport: MailTransport,
      options: { leaseMs?: number; concurrency?: number } = {},
    ) => {
      const outbox = createOutbox(store(), { leaseMs: options.leaseMs });
      const w = createMailWorker({
        outbox,
        transport,
        from: "Casetable <casetable@example.org>",
        outboxDir: outboxDir(),
        node: { name: node, alone: false },
        concurrency: options.concurrency ?? 3,
        idleMs: 20,
        log: createLog("silent"),
      });
      w.register("notice", async (d) => ({ to: [d.email], subject: "Notice", text: "Hello", attachments: [] }));
      return { outbox, worker: w };
    };
    const sentCount = async () =>
      (await store().db.select().from(store().t.deliveries)).filter((d) => d.state === "sent").length;

    it("a node starting while another sends leaves that one's mails alone: each is sent once", async () => {
      const person = await seedPerson(store());
      // Node a's mail server holds every message until released, so its claims stay in flight.
      const sentByA: string[] = [];
      let release!: () => void;
      const released = new Promise<void>((done) => (release = done));
      let holding = 0;
      let threeHeld!: () => void;
      const allHeld = new Promise<void>((done) => (threeHeld = done));
      const a = workerOn("node-a", {
        async send({ file }, onHandedOver) {
          if (++holding === 3) threeHeld();
          await released;
          onHandedOver();
          sentByA.push(file.replace(/\.eml$/, ""));
          return { state: "sent" };
        },
        close() {},
      });
      const written = await store().transaction((tx) => a.outbox.enqueue(tx, mails(person, 6)));
      await a.worker.start();
      a.worker.wake();
      await allHeld;
      // Node b starts (its recovery runs now) and sends what a has not claimed.
      const sentByB: string[] = [];
      const b = workerOn("node-b", recordingTransport(sentByB));
      await b.worker.start();
      b.worker.wake();
      await expect.poll(sentCount, { timeout: 10_000 }).toBe(3);
      const inFlight = (await store().db.select().from(store().t.deliveries)).filter((d) => d.state === "sending");
      expect(inFlight).toHaveLength(3);
      expect(inFlight.every((d) => d.claimedNode === "node-a")).toBe(true);
      release();
      await expect.poll(sentCount, { timeout: 10_000 }).toBe(6);
      await Promise.all([a.worker.stop(), b.worker.stop()]);
      expect([...sentByA, ...sentByB].toSorted()).toEqual(written.map((d) => d.id).toSorted());
      expect(sentByA).toHaveLength(3);
    });

    it("a dead node's claim is taken back after its lease by a live node, which sends it once", async () => {
      const person = await seedPerson(store());
      const dead = createOutbox(store(), { leaseMs: 400 });
      const [written] = await store().transaction((tx) => dead.enqueue(tx, mails(person, 1)));
      // Claimed by a node that then died before sending: nobody renews its lease.
      await dead.claimNext(worker("dead", "node-a"));
      const sent: string[] = [];
      const b = workerOn("node-b", recordingTransport(sent), { leaseMs: 400 });
      await b.worker.start();
      expect((await b.outbox.get(written!.id))!.state).toBe("sending");
      await expect.poll(sentCount, { timeout: 10_000 }).toBe(1);
      await b.worker.stop();
      expect(sent).toEqual([written!.id]);
      expect(await b.outbox.get(written!.id)).toMatchObject({ state: "sent", attempts: 2, claimedNode: "node-b" });
    });

    it("a worker whose claim was taken back while it composed does not send", async () => {
      const person = await seedPerson(store());
      const sent: string[] = [];
      const a = workerOn("node-a", recordingTransport(sent), { concurrency: 1 });
      // Composing waits until the claim has been taken back (as by a restart under the same name).
      let composing!: () => void;
      const started = new Promise<void>((done) => (composing = done));
      let finishCompose!: () => void;
      const composed = new Promise<void>((done) => (finishCompose = done));
      a.worker.register("notice", async (d) => {
        composing();
        await composed;
        return { to: [d.email], subject: "Notice", text: "Hello", attachments: [] };
      });
      const [written] = await store().transaction((tx) => a.outbox.enqueue(tx, mails(person, 1)));
      await a.worker.start();
      a.worker.wake();
      await started;
      expect(await a.outbox.recover(worker("node-a-restarted", "node-a"))).toEqual({ resumed: 1, unknown: 0 });
      const retaken = (await a.outbox.claimNext(worker("node-a-restarted", "node-a")))!;
      expect(retaken.id).toBe(written!.id);
      finishCompose();
      // Stopping waits for the delivery in hand: the first worker finds its claim gone
      // before the send and leaves the delivery to its holder.
      await a.worker.stop();
      expect(sent).toEqual([]);
      expect(await a.outbox.get(written!.id)).toMatchObject({ state: "sending", claimedBy: "node-a-restarted" });
    });
  });
});
