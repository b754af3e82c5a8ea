// What a browser loads to show the meeting room: the build's manifest (React Router's,
// made from Vite's) lists, for the entry and for each route from the root down to the
// room, its module and the chunks it imports; those are the page's modulepreload links.
// Chunks a route imports later (the notes editor) are not in it. The page's language's
// strings are: the page's head names them too (server/http/languageScripts.ts).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Language } from "../../app/contract/vocabulary.ts";
import { languageScriptsOf } from "../../server/http/languageScripts.ts";

interface RouteAssets {
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, RouteAssets>;
}

const build = resolve(import.meta.dirname, "../../build");

export async function roomFirstLoad(language: Language, routeId = "routes/meeting-room") {
  const server = (await import(resolve(build, "server/index.js"))) as { assets: Manifest };
  const { entry, routes } = server.assets;
  const files = new Set([entry.module, ...entry.imports, ...languageScriptsOf(resolve(build, "client"))[language]]);
  for (let id: string | undefined = routeId; id; id = routes[id].parentId)
    for (const file of [routes[id].module, ...(routes[id].imports ?? [])]) files.add(file);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(resolve(build, "client", `.${file}`));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: files.size, raw, gzip };
}
