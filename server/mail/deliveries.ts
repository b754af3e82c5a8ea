import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// The record of every mail Casetable sends: sent, failed with the reason, retried. Kept
// as events (a delivery's state is the fold of its events), behind an interface so a
// database table can replace the file without touching the mailer. For now a JSON-lines
// file in the outbox folder: it survives a restart, and appending never rewrites history.

export type DeliveryTransport = "smtp" | "outbox";

export type DeliveryEvent =
  | { type: "created"; at: string; deliveryId: string; to: string[]; subject: string; purpose: string; sha256: string }
  | { type: "sent"; at: string; deliveryId: string; transport: DeliveryTransport; messageId: string | null; file: string | null }
  | { type: "failed"; at: string; deliveryId: string; transport: DeliveryTransport; reason: string; retryable: boolean };

export interface Delivery {
  id: string;
  to: string[];
  subject: string;
  /** What the mail was for, e.g. "minutes:<meetingId>:v1". */
  purpose: string;
  /** SHA-256 of the message as composed: what was sent is provable later. */
  sha256: string;
  createdAt: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  /** Attempts after the first. */
  retries: number;
  lastError: string | null;
  retryable: boolean;
  transport: DeliveryTransport | null;
  messageId: string | null;
  /** The .eml file, for a delivery into the outbox. */
  file: string | null;
  sentAt: string | null;
}

export interface DeliveryStore {
  append(event: DeliveryEvent): Promise<void>;
  get(id: string): Promise<Delivery | null>;
  list(): Promise<Delivery[]>;
}

export function foldDeliveries(events: Iterable<DeliveryEvent>): Map<string, Delivery> {
  const all = new Map<string, Delivery>();
  for (const e of events) {
    if (e.type === "created") {
      all.set(e.deliveryId, {
        id: e.deliveryId, to: e.to, subject: e.subject, purpose: e.purpose, sha256: e.sha256, createdAt: e.at,
        status: "pending", attempts: 0, retries: 0, lastError: null, retryable: false, transport: null, messageId: null, file: null, sentAt: null,
      });
      continue;
    }
    const d = all.get(e.deliveryId);
    if (!d) continue;
    d.attempts += 1;
    d.retries = Math.max(0, d.attempts - 1);
    d.transport = e.transport;
    if (e.type === "sent") Object.assign(d, { status: "sent", messageId: e.messageId, file: e.file, sentAt: e.at, retryable: false });
    else Object.assign(d, { status: "failed", lastError: e.reason, retryable: e.retryable });
  }
  return all;
}

/** Deliveries as JSON lines in `<dir>/deliveries.jsonl`. */
export function createFileDeliveryStore(dir: string): DeliveryStore {
  const file = join(dir, "deliveries.jsonl");
  let queue: Promise<unknown> = Promise.resolve();

  async function events(): Promise<DeliveryEvent[]> {
    await queue;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    // A line cut short by a crash is skipped, not fatal: the lines before it still stand.
    return text.split("\n").flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as DeliveryEvent];
      } catch {
        return [];
      }
    });
  }

  return {
    append(event) {
      // One writer at a time within the process, so lines never interleave.
      const write = queue.then(async () => {
        await mkdir(dir, { recursive: true });
        await appendFile(file, JSON.stringify(event) + "\n", { mode: 0o600 });
      });
      queue = write.catch(() => undefined);
      return write;
    },
    async get(id) {
      return foldDeliveries(await events()).get(id) ?? null;
    },
    async list() {
      return [...foldDeliveries(await events()).values()];
    },
  };
}
