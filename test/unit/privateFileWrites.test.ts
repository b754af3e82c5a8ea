import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { readKeyFile } from "../../server/crypto/keyFile.ts";

// Several nodes sharing a data folder write one audit checkpoint file (decision 0045):
// each write is whole, whichever process renames last. Started together on a folder with
// no key file yet, they must all end up with the same one: the first made.

const root = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A separate Node process running `script` (an ES module's text, with tsx), from the project's folder. */
const processRunning = (script: string) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root });

/** A process writing `file` many times, each time a JSON text of another length. */
const writer = (file: string, who: string) =>
  processRunning(
    `const { writePrivateFile } = await import(${JSON.stringify(join(root, "server/crypto/keyFile.ts"))});
       for (let i = 0; i < 300; i++) writePrivateFile(${JSON.stringify(file)}, JSON.stringify({ who: ${JSON.stringify(who)}, pad: "x".repeat((i * 37) % 900) }) + "\\n");`,
  );

it("two processes writing one private file at once leave it whole, and no partial file behind", async () => {
  const dir = mkdtempSync(join(tmpdir(), "casetable-private-"));
  dirs.push(dir);
  const file = join(dir, "casetable.audit-checkpoint");
  await Promise.all([writer(file, "node-a"), writer(file, "node-b")]);
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ who: expect.stringMatching(/^node-[ab]$/) });
  expect(readdirSync(dir)).toEqual(["casetable.audit-checkpoint"]);
});

/**
 * A starting node, many times over: for each of `count` key files in `dir`, once both
 * nodes are ready, opens it as the server does at first start (nothing sealed yet) and
 * says which key it will seal with.
 */
const starter = (dir: string, who: string, count: number) =>
  processRunning(
    `const { existsSync, writeFileSync } = await import("node:fs");
       const { join } = await import("node:path");
       const { loadOrCreateKeyFile } = await import(${JSON.stringify(join(root, "server/crypto/keyFile.ts"))});
       const dir = ${JSON.stringify(dir)};
       writeFileSync(join(dir, "ready-${who}"), "");
       while (!existsSync(join(dir, "ready-a")) || !existsSync(join(dir, "ready-b")));
       const keys = [];
       for (let i = 0; i < ${count}; i++) keys.push(loadOrCreateKeyFile(join(dir, "node" + i + ".key"), () => []).keys[0].key);
       process.stdout.write(JSON.stringify(keys));`,
  );

it("two nodes starting at once with no key file both seal with the one key file that stays", async () => {
  const dir = mkdtempSync(join(tmpdir(), "casetable-keyfile-"));
  dirs.push(dir);
  const count = 150;
  const [a, b] = (await Promise.all([starter(dir, "a", count), starter(dir, "b", count)])).map(
    ({ stdout }) => JSON.parse(stdout) as string[],
  );
  const kept = Array.from({ length: count }, (_, i) => readKeyFile(join(dir, `node${i}.key`)).keys[0].key);
  expect(a).toEqual(kept);
  expect(b).toEqual(kept);
  expect(readdirSync(dir).filter((name) => !/^(node\d+\.key|ready-[ab])$/.test(name))).toEqual([]);
});
