import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
// What the production build is made from; a change to any of it calls for a new build.
const SOURCES = [
  "app",
  "server",
  "db",
  "templates",
  "package.json",
  "vite.config.ts",
  "react-router.config.ts",
  "tsconfig.json",
];
const BUILD_MARKER = join(root, "build/server/index.js");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsStale(): boolean {
  if (!existsSync(BUILD_MARKER)) return true;
  const built = statSync(BUILD_MARKER).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}

/**
 * Builds the production bundle when there is none or the sources are newer. What the
 * build says is for the person at the terminal: it goes to stderr, keeping stdout for
 * the JSON log. Always a production build, whoever asks: under vitest NODE_ENV is
 * "test", and Vite then bundles React's development build into the pages (about 50 KB
 * more gzip on every page, and not what people are served).
 */
export function ensureBuild(): void {
  if (!buildIsStale()) return;
  console.error("Building Casetable (the sources are newer than the build)…");
  const result = spawnSync("npx", ["react-router", "build"], {
    cwd: root,
    stdio: ["ignore", 2, 2],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}
