import { parentPort } from "node:worker_threads";
import type { Minutes } from "./minutesModel.ts";
import { renderMinutesPdf } from "./minutesPdf.ts";

// One thread of the render pool (renderPool.ts): renders the minutes it is sent and sends
// the file back without copying it.

const port = parentPort!;
port.on("message", async ({ minutes, createdAt }: { minutes: Minutes; createdAt: string }) => {
  try {
    const pdf = await renderMinutesPdf(minutes, { createdAt: new Date(createdAt) });
    const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
    const bytes = whole ? new Uint8Array(pdf.buffer) : new Uint8Array(pdf);
    port.postMessage({ pdf: bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
