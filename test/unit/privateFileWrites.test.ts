import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";

// Several nodes sharing a data folder write one audit checkpoint file (decision 0045):
// each write is whole, whichever process renames last.

const root = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process writing `file` many times, each time a JSON text of another length. */
const writer = (file: string, who: string) =>
  promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `const { writePrivateFile } = await import(${JSON.stringify(join(root, "server/crypto/keyFile.ts"))});
       for (let i = 0; i < 300; i++) writePrivateFile(${JSON.stringify(file)}, JSON.stringify({ who: ${JSON.stringify(who)}, pad: "x".repeat((i * 37) % 900) }) + "\\n");`,
    ],
    { cwd: root },
  );

it("two processes writing one private file at once leave it whole, and no partial file behind", async () => {
  const dir = mkdtempSync(join(tmpdir(), "casetable-private-"));
  dirs.push(dir);
  const file = join(dir, "casetable.audit-checkpoint");
  await Promise.all([writer(file, "node-a"), writer(file, "node-b")]);
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ who: expect.stringMatching(/^node-[ab]$/) });
  expect(readdirSync(dir)).toEqual(["casetable.audit-checkpoint"]);
});
