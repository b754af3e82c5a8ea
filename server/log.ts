import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type DestinationStream, type Logger } from "pino";
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

const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith("[") ? "" : ".";
  return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
});

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
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
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
