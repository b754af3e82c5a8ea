import { z } from "zod";
import { LOG_LEVELS, type LogLevel } from "./log.ts";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("./data/casetable.db"),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** smtp://user:pass@host:587 or smtps://…; without it mail goes to OUTBOX_DIR as .eml files. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Casetable <casetable@localhost>"),
  OUTBOX_DIR: z.string().min(1).default("./data/outbox"),
  /** Where approved minutes are archived as PDFs. */
  ARCHIVE_DIR: z.string().min(1).default("./data/archive"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Without it, /metrics answers only requests from this machine. */
  METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Where people reach Casetable; links in messages are built on it. */
  publicUrl: string | undefined;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* for address and https. */
  trustProxy: boolean;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** Where .eml files go without SMTP, and where the delivery record is kept. */
    outboxDir: string;
  };
  /** Approved minutes, frozen as PDFs. */
  archiveDir: string;
  logLevel: LogLevel;
  metricsToken: string | undefined;
}

/** Parses the environment once; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Casetable cannot start: the environment has bad values:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    trustProxy: e.TRUST_PROXY,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: e.OUTBOX_DIR },
    archiveDir: e.ARCHIVE_DIR,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
  };
}
