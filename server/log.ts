import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";

export type Log = Logger;
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The redaction list: no log line carries a value under any of these keys, at the top
 * level or up to three levels down. What we log is chosen field by field (ids, codes,
 * counts, durations), so this list is the second line of defence: should someone log a
 * person, a case, a payload or a header by mistake, the identity, the case text and the
 * secrets in it come out as "[redacted]".
 */
export const REDACTED_KEYS = [
  // identity
  "name",
  "email",
  "to",
  "from",
  "dateOfBirth",
  "address",
  "contact",
  "contacts",
  "reporter",
  "subject",
  "ip",
  // case text
  "summary",
  "concern",
  "rationale",
  "gradingRationale",
  "comment",
  "reason",
  "what",
  "title",
  "text",
  "note",
  "notes",
  "checklist",
  // whole payloads, which may carry any of the above
  "payload",
  "data",
  "body",
  "query",
  "params",
  "snapshot",
  // secrets
  "password",
  "token",
  "cookie",
  "authorization",
  "set-cookie",
  "sessionId",
] as const;

const REDACTED: ReadonlySet<string> = new Set(REDACTED_KEYS);
const CENSOR = "[redacted]";
/** How far down a line is searched; an object deeper than this is not written. */
const DEEPEST = 8;
/** Fields their serializer (below, and pino-http's) writes field by field: their raw values are not walked. */
const SERIALIZED: ReadonlySet<string> = new Set(["err", "error", "req", "res"]);

/**
 * `value` with whatever sits under a key of REDACTED_KEYS replaced by "[redacted]", in
 * objects and arrays, at any depth (an object deeper than DEEPEST is redacted whole; a
 * cycle is cut). The value itself is left as it was: what changes is copied. `above`
 * holds the objects on the way down.
 * (pino's own `redact` did this by paths with wildcards, at about 0.1 ms a line: a
 * twentieth of a live command's time, docs/performance.md.)
 */
function redacted(value: unknown, depth: number, above: Set<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (above.has(value)) return "[Circular]";
  if (depth > DEEPEST) return CENSOR;
  above.add(value);
  const shown = Array.isArray(value) ? redactedItems(value, depth, above) : redactedObject(value, depth, above);
  above.delete(value);
  return shown;
}

function redactedItems(items: unknown[], depth: number, above: Set<object>): unknown[] {
  let copy: unknown[] | null = null;
  items.forEach((item, i) => {
    const shown = redacted(item, depth + 1, above);
    if (shown !== item) (copy ??= [...items])[i] = shown;
  });
  return copy ?? items;
}

function redactedObject(fields: object, depth: number, above: Set<object>): object {
  let copy: Record<string, unknown> | null = null;
  for (const [key, field] of Object.entries(fields)) {
    if (field === undefined || (depth === 0 && SERIALIZED.has(key))) continue;
    const shown = REDACTED.has(key) ? CENSOR : redacted(field, depth + 1, above);
    if (shown !== field) (copy ??= { ...fields })[key] = shown;
  }
  return copy ?? fields;
}

/** A log line's fields (or a child logger's bindings) as they may be written. */
const redactedFields = <T extends object>(fields: T) => redacted(fields, 0, new Set()) as T;

/**
 * The log, with its children's bindings redacted as they are given: pino formats a child's
 * bindings without the parent's `formatters.bindings`. Each child gets the same `child`.
 */
function redactingChildren(log: Logger, pinoChild: Logger["child"] = log.child): Logger {
  const child = pinoChild.bind(log);
  return Object.assign(log, {
    child: (bindings: Bindings, options?: ChildLoggerOptions) =>
      redactingChildren(child(redactedFields(bindings), options), pinoChild),
  });
}

/** An error as a log may show it: its kind, code and stack, never its enumerable extras. */
function serializeError(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  return {
    type: error.constructor.name,
    code: (error as { code?: unknown }).code,
    message: error.message,
    stack: error.stack,
  };
}

/** JSON lines to stdout (or `destination`), at `level`. */
export function createLog(level: LogLevel, destination?: DestinationStream): Log {
  const options = {
    level,
    formatters: { log: redactedFields, bindings: redactedFields },
    serializers: { err: serializeError, error: serializeError },
  };
  return redactingChildren(destination ? pino(options, destination) : pino(options));
}

// Links that carry a secret in their path: /setup/<token>, /invite/<token>, /intake/<token>.
const TOKEN_AFTER = /(^|\/)(setup|invite|intake)\/[^/]+/g;
// And anything shaped like one of our tokens (32 random bytes, base64url), wherever it is.
const TOKEN_SHAPED = /(^|\/)[A-Za-z0-9_-]{40,}(?=\/|\.|$)/g;

/** The path of a request as the log may show it: no query string, no tokens. */
export function loggablePath(url: string): string {
  let path = url.split(/[?#]/, 1)[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: judge the path as it came.
  }
  return path.replace(TOKEN_AFTER, "$1$2/[token]").replace(TOKEN_SHAPED, "$1[token]");
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Paths polled by monitors: logging each poll would drown the rest. */
const QUIET_PATHS = new Set(["/healthz", "/metrics"]);

/**
 * One line per HTTP request: id, method, path (no query, tokens cut out), status and
 * time. A request id sent in X-Request-Id (by a proxy) is kept, else one is made; it
 * comes back in X-Request-Id. No headers, cookies, bodies or addresses are logged.
 */
export function requestLog(log: Log) {
  return pinoHttp({
    logger: log,
    wrapSerializers: false,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has(loggablePath(req.url ?? "")) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.originalUrl ?? req.url ?? ""),
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
      err: serializeError,
    },
  });
}
