import { isIP } from "node:net";
import { z } from "zod";
import { dialectOf } from "../db/store.ts";
import { LOG_LEVELS, type LogLevel } from "./log.ts";

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: z.string().min(1).default("./data/casetable.db"),
    PUBLIC_URL: z.url().optional(),
    /**
     * The key file that seals identities; beside a SQLite database (data/casetable.key) when
     * not set. Required with PostgreSQL (crypto/keyFile.ts keyFileFor refuses the start without it).
     */
    CASETABLE_KEY_FILE: z.string().min(1).optional(),
    /** false, a hop count (1), or the proxies' addresses (loopback, 10.0.0.5, 10.0.0.0/8, comma-separated). */
    TRUST_PROXY: z
      .string()
      .default("false")
      .refine((v) => v === "false" || /^[1-9]$/.test(v) || isProxyList(v), {
        message:
          "false, a hop count such as 1, or the proxies' addresses (loopback, 10.0.0.5, 10.0.0.0/8, comma-separated); 'true' would believe X-Forwarded-For from anyone",
      })
      .transform((v): TrustProxy =>
        v === "false" ? false : /^[1-9]$/.test(v) ? Number(v) : v.split(",").map((a) => a.trim()),
      ),
    /** Minutes without activity before a session ends (a warning comes two minutes before, or a third of it). */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(30),
    /** Hours after sign-in when a session ends, however active. */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .min(0.001)
      .max(24 * 30)
      .default(12),
    /** The largest request body (forms) accepted: 512kb, 1mb… */
    BODY_LIMIT: z
      .string()
      .regex(/^[1-9][0-9]*(kb|mb)$/, "a size such as 512kb or 1mb")
      .default("1mb")
      .transform((v) => Number(v.slice(0, -2)) * (v.endsWith("mb") ? 1024 * 1024 : 1024)),
    /** Meeting commands one screen may send in ten seconds (a person, twice that over all screens). */
    LIVE_COMMAND_LIMIT: z.coerce.number().int().min(10).max(1_000_000).default(50),
    /** smtp://user:pass@host:587 or smtps://…; without it mail goes to OUTBOX_DIR as .eml files. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Casetable <casetable@localhost>"),
    OUTBOX_DIR: z.string().min(1).default("./data/outbox"),
    /** Seconds to wait before each automatic retry of a mail that failed for now. */
    MAIL_RETRY_AFTER: z
      .string()
      .regex(/^\d+(,\d+)*$/, "seconds, comma-separated, e.g. 60,300,900,3600")
      .default("60,300,900,3600")
      .transform((v) => v.split(",").map(Number)),
    /** Where approved minutes are archived as PDFs. */
    ARCHIVE_DIR: z.string().min(1).default("./data/archive"),
    /** On SIGTERM: how long requests in flight may finish before the server stops anyway. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    /** Scheduled backups: where, and how often (e.g. 30m, 6h, 1d); both or neither. */
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY: z
      .string()
      .regex(/^[1-9][0-9]*(m|h|d)$/, "a period such as 30m, 6h or 1d")
      .transform(
        (v) => Number(v.slice(0, -1)) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[v.slice(-1) as "m" | "h" | "d"],
      )
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    /** Without it, /metrics answers only requests from this machine. */
    METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    /** Several nodes: the Redis they share (redis://host:6379/0); without it this node works alone. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, "a redis:// or rediss:// URL")
      .optional(),
    /** What this installation's streams and channels are named after, when installations share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/i, "letters, digits, - and _ (at most 40)")
      .default("casetable"),
    /**
     * Several nodes: this node's name, unique among them and the same across its restarts,
     * so that a restarted node takes back at once the mails it was sending when it stopped.
     */
    NODE_NAME: z
      .string()
      .regex(/^[a-z0-9_.:-]{1,64}$/i, "letters, digits, '.', ':', '-' and '_' (at most 64)")
      .optional(),
  })
  .refine((e) => (e.BACKUP_DIR === undefined) === (e.BACKUP_EVERY === undefined), {
    path: ["BACKUP_EVERY"],
    message: "BACKUP_DIR and BACKUP_EVERY go together: set both for scheduled backups, or neither",
  })
  // The scheduled backup copies SQLite's file (server/backup); PostgreSQL has its own.
  .refine((e) => e.BACKUP_DIR === undefined || dialectOf(e.DATABASE_URL) === "sqlite", {
    path: ["BACKUP_DIR"],
    message:
      "backs up the embedded SQLite database only; with PostgreSQL in DATABASE_URL, use its own backups (pg_dump, or the host's continuous archiving) and unset BACKUP_DIR and BACKUP_EVERY",
  });

/** Express's "trust proxy": nobody, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
function isProxyList(value: string): boolean {
  return value
    .split(",")
    .map((a) => a.trim())
    .every((a) => PROXY_NAMES.has(a) || isIP(a.split("/")[0]) !== 0);
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** The key file sealing identities (decision 0028); undefined: beside a SQLite database (`keyFileFor`). */
  keyFile: string | undefined;
  /** Where people reach Casetable; links in messages are built on it. */
  publicUrl: string | undefined;
  /** Behind a TLS-terminating proxy: whose X-Forwarded-* to believe for address and https. */
  trustProxy: TrustProxy;
  sessions: { idleMs: number; maxMs: number };
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Meeting commands per screen in ten seconds; a person may send twice that. */
  liveCommandLimit: number;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** Where .eml files go without SMTP, and messages waiting to be sent. */
    outboxDir: string;
    /** Seconds before each automatic retry of a mail that failed for now. */
    retryAfterSeconds: number[];
  };
  /** Approved minutes, frozen as PDFs. */
  archiveDir: string;
  shutdownGraceMs: number;
  /** Scheduled backups, when configured. */
  backup: { dir: string; everyMs: number } | undefined;
  logLevel: LogLevel;
  metricsToken: string | undefined;
  /** Set when several nodes share the work (decision 0045). */
  redis: { url: string; prefix: string } | undefined;
  /** This node's name among several (NODE_NAME); null when it has none. */
  nodeName: string | null;
}

/** A bad environment: the message names each bad value. */
export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Casetable cannot start: the environment has bad values:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    keyFile: e.CASETABLE_KEY_FILE,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    trustProxy: e.TRUST_PROXY,
    sessions: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, maxMs: Math.round(e.SESSION_MAX_HOURS * 3_600_000) },
    bodyLimit: e.BODY_LIMIT,
    liveCommandLimit: e.LIVE_COMMAND_LIMIT,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: e.OUTBOX_DIR, retryAfterSeconds: e.MAIL_RETRY_AFTER },
    archiveDir: e.ARCHIVE_DIR,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    backup: e.BACKUP_DIR && e.BACKUP_EVERY ? { dir: e.BACKUP_DIR, everyMs: e.BACKUP_EVERY } : undefined,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    nodeName: e.NODE_NAME ?? null,
  };
}
