import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { serverTranslations } from "../../app/locales/languages.ts";
import { languageOfEnvironment } from "../../server/i18n.ts";
import { startTestServer } from "../support/server.ts";

// Issue 15: the commands speak the language of LC_ALL, LC_MESSAGES or LANG, through the
// same i18next namespaces as the rest (the "cli" namespace), English otherwise.

/** Runs `npm run audit:verify`'s script on a database with a locale environment. */
async function verifyCli(databaseFile: string, locale: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseFile };
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]) delete env[name];
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/audit/verify-cli.ts"], {
    env: { ...env, ...locale },
  });
  return stdout.trim();
}

type Tree = { readonly [key: string]: string | Tree };
const words = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) =>
    typeof v === "string" ? (v.replace(/\{\{[^}]*\}\}/g, " ").match(/\p{L}{3,}/gu) ?? []) : words(v),
  );

describe("the commands' language", () => {
  it("is read from LC_ALL, then LC_MESSAGES, then LANG; English where none names a language Casetable speaks", () => {
    expect(languageOfEnvironment({ LANG: "nl_BE.UTF-8" })).toBe("nl");
    expect(languageOfEnvironment({ LC_ALL: "fr_FR.UTF-8", LANG: "nl_BE.UTF-8" })).toBe("fr");
    expect(languageOfEnvironment({ LC_MESSAGES: "de_DE", LANG: "en_GB.UTF-8" })).toBe("de");
    expect(languageOfEnvironment({ LC_ALL: "", LANG: "de_AT.UTF-8" })).toBe("de");
    expect(languageOfEnvironment({ LANG: "C.UTF-8" })).toBe("en");
    expect(languageOfEnvironment({ LANG: "it_IT.UTF-8" })).toBe("en");
    expect(languageOfEnvironment({})).toBe("en");
  });

  it("npm run audit:verify reports in Dutch under LANG=nl_BE.UTF-8, with no English word left, and in English without", async () => {
    const server = await startTestServer();
    await server.close();
    try {
      const dutch = await verifyCli(server.databaseFile, { LANG: "nl_BE.UTF-8" });
      expect(dutch).toMatch(
        /^Logboek intact: \d+ regels gecontroleerd; het reikt tot het controlepunt van \S+ \(\d+ regels\)\.$/,
      );
      const own = new Set(words(serverTranslations.nl.cli).map((w) => w.toLowerCase()));
      const english = new Set(
        words(serverTranslations.en.cli)
          .map((w) => w.toLowerCase())
          .filter((w) => !own.has(w)),
      );
      expect((dutch.match(/\p{L}+/gu) ?? []).filter((w) => english.has(w.toLowerCase()))).toEqual([]);

      const plain = await verifyCli(server.databaseFile, {});
      expect(plain).toMatch(/^Audit log intact: \d+ entries checked; it reaches the checkpoint of /);
      expect((plain.match(/\p{L}+/gu) ?? []).filter((w) => english.has(w.toLowerCase())).length).toBeGreaterThan(3);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
