// One lint for the whole repository. The import boundaries are explained in
// docs/decisions/0010-lint-and-import-boundaries.md.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SERVER_ONLY_MESSAGE =
  "app/ must not import server-only code (server/, db/, *.server.ts, node:*): share it through app/contract/ or call a service through the load context (decision 0010).";

/**
 * The server modules a route module's loader or action may call: guards that read the
 * load context and the session cookie helpers. React Router strips loaders and actions
 * from the browser bundle, so these never reach it.
 */
const ROUTE_HELPERS = ["auth/guards", "auth/sessionCookie", "minutes/access", "meetings/access"];

/**
 * Server-only code is everything under server/ and db/, any `*.server` module and Node's
 * own modules; `allowed` names the server/ modules (without `.ts`) that stay importable.
 */
function forbidServerOnly(allowed) {
  const exceptions = allowed.length ? `(?!(${allowed.join("|")})\\.ts$)` : "";
  return {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: `^(\\.\\.?/)+(server/${exceptions}|db/)|\\.server(\\.tsx?)?$|^node:`,
            message: SERVER_ONLY_MESSAGE,
            // Types vanish at compile time; they describe the load context, not code.
            allowTypeImports: true,
          },
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ["node_modules/", "build/", ".react-router/", "data/", "db/migrations/", "test/fixtures/lint/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // `interface AppLoadContext extends CasetableContext {}` is how React Router's
      // context type is augmented.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      // The two classic rules; the React Compiler's rules (refs, set-state-in-effect) wait
      // until the app is built with the compiler (decision 0010).
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...jsxA11y.flatConfigs.recommended.rules,
      ...forbidServerOnly([]),
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    rules: forbidServerOnly(ROUTE_HELPERS),
  },
  {
    // React Router's server entry: it runs only in Node and renders the app to a stream.
    files: ["app/entry.server.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // The contract is shared by the browser and the server: pure modules, nothing from
    // Node, the server, the database or the UI.
    files: ["app/contract/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*"],
              message: "app/contract/ is shared with the browser: no Node modules (decision 0010).",
            },
            {
              group: ["../**"],
              message: "app/contract/ imports only other contract modules and packages (decision 0010).",
            },
          ],
        },
      ],
    },
  },
  {
    // Server capabilities never import the UI; they may use the shared contract, and the
    // one i18next instance with the locale files (what mail and the CLI say, decision 0037).
    files: ["server/**/*.ts", "db/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\.?/)+app/(?!contract/|locales/|i18n\\.ts$)",
              message: "server/ and db/ import from app/ only its contract, its locales and i18n.ts (decision 0010).",
            },
          ],
        },
      ],
    },
  },
  {
    // Every promise is awaited or handled: the services are moving from synchronous calls to
    // the async Store (decision 0040), where a forgotten `await` reads a Promise as a truthy
    // answer or lets a write run after its transaction.
    files: ["server/**/*.ts", "db/**/*.ts", "app/routes/**/*.{ts,tsx}", "app/root.tsx", "test/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
);
