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
import { createOutbox, type NewDelivery } from "../../server/mail/outbox.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The mail outbox on the Store (decision 0040): a delivery is claimed by one conditional
// update, so two workers (two nodes on one database) never send one mail twice. Its pages
// and real mail server: test/integration/mail.test.ts, invitations.test.ts.

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
      Array.from({ length: 30 }, (_, i) => outboxes[i % 2]!.claimNext(`worker-${i % 5}`)),
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
    const first = await outbox.claimNext("a");
    const second = written.find((d) => d.id !== first!.id);
    expect(await outbox.finish(first!.id, "b", { state: "sent" })).toBeNull();
    const failed = await outbox.finish(first!.id, "a", { state: "failed", reason: "421 busy" });
    expect(failed).toMatchObject({ state: "failed", reason: "421 busy" });
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await outbox.nextDueAt()).toEqual(failed!.nextAttemptAt);
    // Not due yet: the other one is claimed instead; then nothing.
    expect((await outbox.claimNext("a"))!.id).toBe(second!.id);
    expect(await outbox.claimNext("a")).toBeNull();
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

  it("at start, a delivery left sending is pending again, or unknown once its message had gone", async () => {
    const person = await seedPerson(store());
    const outbox = createOutbox(store());
    await store().transaction((tx) => outbox.enqueue(tx, mails(person, 3)));
    const before = (await outbox.claimNext("stopped"))!;
    const after = (await outbox.claimNext("stopped"))!;
    await outbox.handedOver(after.id, "stopped");
    expect(await outbox.recover()).toEqual({ resumed: 1, unknown: 1 });
    const state = async (id: string) =>
      (await store().db.select().from(store().t.deliveries).where(eq(store().t.deliveries.id, id)))[0]!;
    expect(await state(before.id)).toMatchObject({ state: "pending", claimedBy: null });
    expect(await state(after.id)).toMatchObject({ state: "unknown", reason: "stopped_after_data" });
    expect(await outbox.recover()).toEqual({ resumed: 0, unknown: 0 });
  });
});
