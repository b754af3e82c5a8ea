import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeAtomically } from "../documents/writeAtomically.ts";
import type { Log } from "../log.ts";
import { composeMail, type MailTransport, type OutgoingMail } from "./mailer.ts";
import type { Claimant, DeliveryRow, Outbox } from "./outbox.ts";

// The mail worker, inside the server: claims due deliveries one at a time per slot, composes
// each message once (kept owner-only in OUTBOX_DIR/pending/ until sent, so a retry sends
// the very same bytes), sends it and records the outcome. What a message says is up to the
// composer registered for its kind (minutes, action plans; later invitations, reminders).
// Several nodes' workers share the table: each renews the claims it is sending, and takes
// back only claims whose lease ran out or its own node left before a restart (decision 0045).

export type Composer = (delivery: DeliveryRow) => Promise<OutgoingMail>;

export interface MailWorkerOptions {
  outbox: Outbox;
  transport: MailTransport;
  from: string;
  outboxDir: string;
  /**
   * This node: its name (NODE_NAME; null without one), and whether it runs alone (no
   * REDIS_URL), when every claim left at its start is its own.
   */
  node: { name: string | null; alone: boolean };
  /** Deliveries sent at once; the SMTP pool keeps as many connections. */
  concurrency?: number;
  /** Longest sleep between looks at the table (a planned retry is woken for on time). */
  idleMs?: number;
  log: Log;
}

/** How often a worker renews its claims and looks for expired ones: a fifth of the lease. */
const RENEWALS_PER_LEASE = 5;

export function createMailWorker(options: MailWorkerOptions) {
  const { outbox, transport } = options;
  const id = `worker-${randomUUID()}`;
  const me: Claimant = { id, node: options.node.name };
  /** The deliveries this worker is composing or sending, whose claims it renews. */
  const inFlight = new Set<string>();
  let keeper: NodeJS.Timeout | undefined;
  let keeping: Promise<void> = Promise.resolve();
  const composers = new Map<string, Composer>();
  const pendingDir = join(options.outboxDir, "pending");
  const pendingFile = (deliveryId: string) => join(pendingDir, `${deliveryId}.eml`);
  let running = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

  async function sleep(): Promise<void> {
    const due = await outbox.nextDueAt();
    const ms = Math.max(0, Math.min(options.idleMs ?? 30_000, due ? due.getTime() - Date.now() + 5 : Infinity));
    return new Promise((done) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  /** The message of a delivery: as kept since it was first composed, or composed now. */
  async function messageOf(delivery: DeliveryRow): Promise<Buffer> {
    try {
      return await readFile(pendingFile(delivery.id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    const compose = composers.get(delivery.kind);
    if (!compose) throw new Error(`No composer for mail of kind "${delivery.kind}"`);
    const mail = await compose(delivery);
    const raw = await composeMail(options.from, delivery.id, { ...mail, to: [delivery.email] });
    await mkdir(pendingDir, { recursive: true, mode: 0o700 });
    await writeAtomically(pendingFile(delivery.id), raw);
    await outbox.composed(delivery.id, createHash("sha256").update(raw).digest("hex"));
    return raw;
  }

  async function deliver(delivery: DeliveryRow): Promise<void> {
    let raw: Buffer;
    try {
      raw = await messageOf(delivery);
    } catch (e) {
      // A fault of ours, not the mail server's: the log has it; the page words the code.
      options.log.error({ err: e, deliveryId: delivery.id }, "mail could not be composed");
      await outbox.finish(delivery.id, id, { state: "failed", reason: "not_composed" });
      return;
    }
    // Composing may have taken long: send only while the claim is still this worker's.
    if (!(await outbox.renew([delivery.id], id)).has(delivery.id)) {
      options.log.warn({ deliveryId: delivery.id }, "mail claim ran out before sending; another worker has it");
      return;
    }
    // Recorded while the mail server answers; awaited before the outcome, which it precedes.
    let handedOver: Promise<void> = Promise.resolve();
    const outcome = await transport.send({ to: [delivery.email], raw, file: `${delivery.id}.eml` }, () => {
      handedOver = outbox.handedOver(delivery.id, id);
    });
    await handedOver;
    const settled = await outbox.finish(delivery.id, id, outcome);
    options.log.info(
      {
        deliveryId: delivery.id,
        kind: delivery.kind,
        state: settled?.state ?? outcome.state,
        attempts: delivery.attempts,
      },
      "mail delivery",
    );
    // Kept only while it may still be sent: a copy of the minutes has no business lying around.
    if (outcome.state === "sent" || outcome.state === "refused") await rm(pendingFile(delivery.id), { force: true });
  }

  async function loop(): Promise<void> {
    while (running) {
      let delivery: DeliveryRow | null = null;
      try {
        delivery = await outbox.claimNext(me);
        if (!delivery) {
          await sleep();
          continue;
        }
        inFlight.add(delivery.id);
        await deliver(delivery);
      } catch (e) {
        // The database or the disk failed under us (a PostgreSQL connection lost, a full disk):
        // a claimed row stays claimed until its lease runs out; the loop tries again.
        options.log.error({ err: e, deliveryId: delivery?.id }, "mail delivery could not be recorded");
        await new Promise((done) => setTimeout(done, 1000));
      } finally {
        if (delivery) inFlight.delete(delivery.id);
      }
    }
  }

  /** Renews this worker's claims, then takes back those of workers gone (their lease ran out). */
  async function keepClaims(): Promise<void> {
    try {
      const mine = [...inFlight];
      const held = await outbox.renew(mine, id);
      for (const lost of mine.filter((d) => !held.has(d)))
        options.log.warn({ deliveryId: lost }, "mail claim ran out while sending; another worker may send it again");
      const { resumed, unknown } = await outbox.recover();
      if (resumed + unknown > 0) {
        options.log.warn({ resumed, unknown }, "mail deliveries taken back from a worker gone");
        wakeAll();
      }
    } catch (e) {
      options.log.error({ err: e }, "mail claims could not be renewed; trying again shortly");
    }
  }

  function wakeAll() {
    for (const wake of [...sleepers]) wake();
  }

  return {
    /** Registers how to compose the mails of one kind. */
    register(kind: string, composer: Composer) {
      composers.set(kind, composer);
    },

    /**
     * Takes back what this node left in flight before it stopped (all claims, alone) and any
     * expired claim, then sends until stopped, renewing its claims as it goes.
     */
    async start() {
      if (running) return;
      running = true;
      await outbox.recover(options.node.alone ? "alone" : me);
      loops = Array.from({ length: options.concurrency ?? 3 }, () => loop());
      keeper = setInterval(() => (keeping = keepClaims()), outbox.leaseMs / RENEWALS_PER_LEASE);
      keeper.unref();
    },

    /** Looks at the table now (after new deliveries or a retry). */
    wake: wakeAll,

    /** Stops claiming; waits for the mails in flight (an unfinished one is settled at the next start). */
    async stop(waitMs = 10_000) {
      if (!running) return;
      running = false;
      wakeAll();
      await Promise.race([Promise.all(loops), new Promise((done) => setTimeout(done, waitMs).unref())]);
      // Claims still in flight now lapse (or are taken back at this node's next start).
      clearInterval(keeper);
      await keeping;
      transport.close();
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;
