import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { LANGUAGES, type Language } from "../../app/contract/vocabulary.ts";

interface ViteChunk {
  file: string;
  imports?: string[];
}

/**
 * Where each language's strings are in the browser build: the chunk `app/i18n.ts` imports
 * for it and the chunks that one imports, as addresses. A page names its language's in its
 * head (root.tsx), so the browser fetches them beside the page's own scripts instead of
 * after them. Read from Vite's manifest of the build (`build.manifest` in vite.config.ts).
 */
export function languageScriptsOf(clientBuild: string): Record<Language, string[]> {
  const path = resolve(clientBuild, ".vite/manifest.json");
  let manifest: Record<string, ViteChunk>;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, ViteChunk>;
  } catch (error) {
    throw new Error(`The build has no readable manifest at ${path}: run npm run build.`, { cause: error });
  }
  const scripts = (key: string, seen = new Set<string>()): string[] => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build's manifest has no ${key}: run npm run build.`);
    if (seen.has(key)) return [];
    seen.add(key);
    return [`/${chunk.file}`, ...(chunk.imports ?? []).flatMap((k) => scripts(k, seen))];
  };
  return Object.fromEntries(LANGUAGES.map((l) => [l, scripts(`app/locales/${l}.ts`)])) as Record<Language, string[]>;
}
