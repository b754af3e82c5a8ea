import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries of decision 0010, proven on fixtures linted as if they stood at
// a path in the tree (the rules apply by path).
const root = join(import.meta.dirname, "../..");
// A fixture is linted as text at a path where no file is, so the typed rules (which need
// the file in the TypeScript project) are left out; these rules need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
  },
});

async function boundaryErrors(fixture: string, standsAt: string): Promise<string[]> {
  const code = readFileSync(join(root, "test/fixtures/lint", fixture), "utf8");
  const [result] = await eslint.lintText(code, { filePath: join(root, standsAt) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["componentImportsServer.tsx", "app/components/Leak.tsx", "app/ must not import server-only code"],
    ["componentImportsDb.tsx", "app/components/Leak.tsx", "app/ must not import server-only code"],
    ["componentImportsServerModule.tsx", "app/components/Leak.tsx", "app/ must not import server-only code"],
    ["routeImportsRenderer.tsx", "app/routes/leak.tsx", "app/ must not import server-only code"],
    ["contractImportsNode.ts", "app/contract/leak.ts", "no Node modules"],
    ["contractImportsUi.ts", "app/contract/leak.ts", "imports only other contract modules"],
    ["serverImportsUi.ts", "server/cases/leak.ts", "import from app/ only its contract"],
  ])("rejects %s as %s", async (fixture, standsAt, message) => {
    const errors = await boundaryErrors(fixture, standsAt);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["componentImportsServerTypes.tsx", "app/components/Fine.tsx"],
    ["routeImportsGuards.tsx", "app/routes/fine.tsx"],
    ["serverImportsContract.ts", "server/cases/fine.ts"],
  ])("accepts %s as %s", async (fixture, standsAt) => {
    expect(await boundaryErrors(fixture, standsAt)).toEqual([]);
  });

  it("keeps a guard out of components: only route modules may call the server's guards", async () => {
    expect(await boundaryErrors("routeImportsGuards.tsx", "app/components/Leak.tsx")).toHaveLength(1);
  });
});
