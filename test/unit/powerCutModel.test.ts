// The power-cut model (test/support/powerCut.ts) read against strace records as strace
// really writes them, including the lines a kill leaves behind.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { afterPowerCut } from "../support/powerCut.ts";

const path = "/tmp/cut/casetable.db-wal";
const hexOf = (s: string) => [...Buffer.from(s)].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
const fd = `3<${hexOf(path)}>`;
const pwrite = (pid: number, text: string, offset: number) =>
  `${pid} pwrite64(${fd}, "${hexOf(text)}", ${text.length}, ${offset}) = ${text.length}`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function replay(lines: string[]) {
  dir = mkdtempSync(join(tmpdir(), "casetable-model-"));
  const log = join(dir, "strace.log");
  writeFileSync(log, lines.join("\n") + "\n");
  return afterPowerCut(new Map([[path, Buffer.from("")]]), log)
    .get(path)
    ?.toString();
}

describe("the power-cut model", () => {
  it("keeps what was synced and loses what was only written", () => {
    expect(replay([pwrite(7, "kept", 0), `7 fdatasync(${fd}) = 0`, pwrite(7, "lost", 4)])).toBe("kept");
  });

  it("a sync promises only what was written before it began, not what another thread wrote meanwhile", () => {
    const lines = [
      pwrite(7, "kept", 0),
      `7 fdatasync(${fd} <unfinished ...>`,
      pwrite(8, "late", 4),
      `7 <... fdatasync resumed>) = 0`,
    ];
    expect(replay(lines)).toBe("kept");
  });

  it("passes over calls the kill cut short, named or not", () => {
    const lines = [
      pwrite(7, "kept", 0),
      `7 fdatasync(${fd}) = 0`,
      `8 fdatasync(${fd} <unfinished ...>`,
      `9 ???( <unfinished ...>`,
      `8 <... fdatasync resumed>) = ?`,
      `9 <... ??? resumed>) = ?`,
      `7 +++ killed by SIGKILL +++`,
    ];
    expect(replay(lines)).toBe("kept");
  });
});
