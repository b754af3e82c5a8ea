import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The server sends codes with parameters, never sentences (issue 15, rule 1): the server
// does not know its reader's language; a page, a mail or a PDF words the code in it. This
// reads every file of server/ as TypeScript and finds the English sentences in its string
// and template literals: three words or more with a space between. What may stay English
// is said by where it stands (a log line, a fault the reader sees only as `internal` and a
// reference, the operator's terminal) or by the short list of files below, each with why.

const root = join(import.meta.dirname, "../..");

/** Files (or folders, ending in /) whose sentences are not the server's words to a reader. */
const ALLOWED_FILES: Record<string, string> = {
  "server/demo/":
    "the demo's fictional network: people, cases and notes as their users would have typed them, content and not the server's words",
  "server/config.ts":
    "the environment's bad values, said on the operator's terminal when the start stops, before any person or language is known",
  "server/crypto/keyFile.ts": "the key file's format check (zod), read at start and said on the operator's terminal",
  "server/audit/auditLog.ts":
    "the audit chain's verdict, said by `npm run audit:verify` and restore on the operator's terminal",
  "server/audit/checkpoint.ts":
    "the audit chain's verdict, said by `npm run audit:verify` and restore on the operator's terminal",
  "server/audit/verify-cli.ts": "`npm run audit:verify`'s verdict on the operator's terminal",
  "server/http/security.ts":
    "the answer to a form post that did not come from a Casetable page (a forgery), which no page of ours shows",
  "server/metrics.ts": "the /metrics endpoint's answers and help texts, read by the operator's Prometheus",
};

/**
 * Files whose sentences are known and on their way to codes (issue 15), each with who moves
 * them; the last test fails once one has none left, so the list only shrinks.
 */
const NOT_YET: Record<string, string> = {};

/** Errors whose message a reader never sees as a sentence. */
const ALLOWED_ERRORS: Record<string, string> = {
  Error: "a fault: logged, and the reader sees the code `internal` with a reference",
  TypeError: "a fault: logged, and the reader sees the code `internal` with a reference",
  RangeError: "a fault: logged, and the reader sees the code `internal` with a reference",
  InvalidNoteUpdate: "caught and answered with the code notes_update_invalid",
  MalformedAwareness: "caught and dropped (cursors are only relayed); never answered",
  ConfigError: "stops the start with a message on the operator's terminal",
  KeyFileRefused: "stops the start or a CLI with a message on the operator's terminal",
  RestoreRefused: "stops `npm run restore` with a message on the operator's terminal",
};

/** Calls that write to the log or to the operator's terminal, never to a reader. */
const LOGGERS = new Set(["log", "logger", "console", "stderr", "stdout"]);
const LOG_METHODS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "log", "write"]);
/** better-sqlite3's and drizzle's calls that take SQL text. */
const SQL_CALLS = new Set(["prepare", "exec", "raw"]);
/** prom-client's metrics: their `help` is for the operator's Prometheus, in its convention. */
const METRICS = new Set(["Counter", "Gauge", "Histogram", "Summary"]);

/** Three words or more, a space between each (a comma, colon or semicolon may end one). */
const SENTENCE = /[A-Za-z][a-z’']+(?:[,;:]?\s+[A-Za-z][a-z’']+){2,}/;

export interface Finding {
  where: string;
  text: string;
}

const lastName = (e: ts.Expression): string | null =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : null;

/** Why a literal at this node may stay English, or null when nothing allows it. */
function allowedBy(node: ts.Node): string | null {
  for (let at: ts.Node | undefined = node.parent; at && !ts.isSourceFile(at); at = at.parent) {
    if (ts.isTaggedTemplateExpression(at)) return "SQL";
    if (ts.isNewExpression(at)) {
      const name = lastName(at.expression);
      if (name && name in ALLOWED_ERRORS) return ALLOWED_ERRORS[name]!;
      if (name && METRICS.has(name)) return "metrics";
    }
    if (
      ts.isBinaryExpression(at) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(
        at.operatorToken.kind,
      )
    )
      return "a value compared (a library's reason code), not sent";
    if (ts.isCallExpression(at)) {
      const callee = at.expression;
      if (ts.isPropertyAccessExpression(callee) && SQL_CALLS.has(callee.name.text)) return "SQL";
      if (callee.kind === ts.SyntaxKind.SuperKeyword) {
        const base = ts.findAncestor(at, ts.isClassDeclaration)?.heritageClauses?.[0]?.types[0]?.expression;
        const name = base && lastName(base);
        if (name && name in ALLOWED_ERRORS) return ALLOWED_ERRORS[name]!;
      }
      if (ts.isPropertyAccessExpression(callee) && LOG_METHODS.has(callee.name.text)) {
        const receiver = lastName(callee.expression);
        if (receiver && LOGGERS.has(receiver)) return "log";
      }
    }
  }
  return null;
}

/** The English sentences written in one file's literals, outside what is allowed. */
export function sentencesIn(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("\u0000");
    if (text !== null && SENTENCE.test(text) && !ts.isImportDeclaration(node.parent) && !allowedBy(node)) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      found.push({ where: `${file}:${line + 1}`, text: text.replaceAll("\u0000", "…") });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function serverFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverFiles(path);
    return name.endsWith(".ts") ? [relative(root, path)] : [];
  });
}

const listed = (list: Record<string, string>, file: string) =>
  Object.keys(list).some((entry) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry));
const sentencesOf = (file: string) => sentencesIn(file, readFileSync(join(root, file), "utf8"));

describe("the server's words", () => {
  it("sees a sentence wherever a reader could be sent it", () => {
    const said = (code: string) => sentencesIn("x.ts", code).map((f) => f.text);
    expect(said(`need(ok, "conflict", "The meeting has ended: capture is locked.");`)).toEqual([
      "The meeting has ended: capture is locked.",
    ]);
    expect(said("const m = `There is no case ${code} in this network.`;")).toEqual([
      "There is no case … in this network.",
    ]);
    expect(said(`return { ok: false, reason: "Grade the source first" };`)).toHaveLength(1);
    expect(
      said(`class Refusal extends Error {}\nthrow new Refusal("refused", "That hand is not raised.");`),
    ).toHaveLength(1);
    expect(
      said(`class Odd extends Refusal { constructor() { super("Not a sentence we allow here."); } }`),
    ).toHaveLength(1);
  });

  it("lets codes, logs, faults, SQL and the operator's terminal be", () => {
    const said = (code: string) => sentencesIn("x.ts", code);
    expect(said(`need(ok, "conflict", "meeting_ended", { code: "C-2026-0001" });`)).toEqual([]);
    expect(said(`services.log.error({ err }, "written:event could not be sent");`)).toEqual([]);
    expect(said(`req.log?.warn({ size }, "request body refused as too large");`)).toEqual([]);
    expect(said("throw new Error(`The ${what} just written could not be read back.`);")).toEqual([]);
    expect(
      said(`class Gone extends Error { constructor() { super("A meeting cannot start in the past."); } }`),
    ).toEqual([]);
    expect(said("db.run(sql`select id from cases where code = ${code} and stage is not null`);")).toEqual([]);
    expect(said(`process.stderr.write("This is a new installation. Create the first administrator.");`)).toEqual([]);
    expect(said(`new Gauge({ name: "x", help: "Meetings started and not yet ended." });`)).toEqual([]);
    expect(said(`res.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");`)).toEqual([]);
  });

  it("finds no English sentence in server/ outside logs, faults and the allowed files", () => {
    const found = serverFiles(join(root, "server"))
      .filter((file) => !listed(ALLOWED_FILES, file) && !listed(NOT_YET, file))
      .flatMap(sentencesOf);
    expect(found).toEqual([]);
  });

  it("allows only files that exist, each with its reason, and lists as not yet only files that still need it", () => {
    const files = serverFiles(join(root, "server"));
    for (const [entry, reason] of Object.entries({ ...ALLOWED_FILES, ...NOT_YET })) {
      expect(reason.length, entry).toBeGreaterThan(20);
      expect(files.filter((f) => listed({ [entry]: reason }, f)).length, entry).toBeGreaterThan(0);
    }
    for (const entry of Object.keys(NOT_YET)) {
      const still = files.filter((f) => listed({ [entry]: "" }, f)).flatMap(sentencesOf);
      expect(still.length, `${entry} has no sentence left: take it off NOT_YET`).toBeGreaterThan(0);
    }
  });
});
