import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Minutes } from "./minutesModel.ts";

// A set of minutes takes tens of milliseconds of CPU to render, and a round of personalised
// copies a second or more: in the server's own thread that would hold up every live meeting
// room meanwhile. Copies are rendered in a small pool of worker threads instead, one per
// core up to two (measured on the two-core machine: a third thread only adds switching), so
// the room stays responsive and two copies are rendered at once. A worker keeps its parsed
// fonts and measured words between copies (textCache.ts); the bytes are the same as in the
// server's thread (the determinism test compares them).

const SIZE = Math.max(1, Math.min(2, availableParallelism()));

interface Job {
  minutes: Minutes;
  createdAt: Date;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

type Reply = { pdf: Uint8Array } | { error: string };

// Workers run the TypeScript sources as the server does, through tsx.
const source = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./renderWorker.ts", import.meta.url).href)}); });`;

const idle: Worker[] = [];
const queue: Job[] = [];
let started = 0;

function run(worker: Worker, job: Job) {
  worker.ref();
  const done = (reply: Reply | Error) => {
    worker.off("message", done);
    worker.off("error", done);
    if (reply instanceof Error) {
      // A worker that failed is replaced by a fresh one for the next copy.
      started--;
      void worker.terminate();
      job.reject(reply);
    } else {
      if ("error" in reply) job.reject(new Error(reply.error));
      else job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      worker.unref();
      idle.push(worker);
    }
    next();
  };
  worker.on("message", done);
  worker.on("error", done);
  worker.postMessage({ minutes: job.minutes, createdAt: job.createdAt.toISOString() });
}

function next() {
  while (queue.length) {
    let worker = idle.pop();
    if (!worker && started < SIZE) {
      started++;
      worker = new Worker(source, { eval: true });
    }
    if (!worker) return;
    run(worker, queue.shift()!);
  }
}

/** The minutes (a recipient's copy from `redact`, or the full record) as a tagged PDF, rendered off the server's thread. */
export function renderMinutesPdfInPool(minutes: Minutes, options: { createdAt?: Date } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    queue.push({ minutes, createdAt: options.createdAt ?? new Date(), resolve, reject });
    next();
  });
}
