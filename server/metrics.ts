import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { count, eq } from "drizzle-orm";
import type { NextFunction, Request, Response } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../db/store.ts";

/** What the gauges read when Prometheus asks. */
export interface MetricSources {
  socketsConnected(): number;
  meetingsLive(): Promise<number>;
  deliveriesByState(): Promise<Record<string, number>>;
}

/**
 * The server's metrics, on a registry of its own (several servers can run in one
 * process, as in the tests). Node's default metrics come with it, among them the
 * event-loop delay (`nodejs_eventloop_lag_*`, from `monitorEventLoopDelay`).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: "casetable_commands_total",
    help: "Socket commands answered, by command and result (ok or the error code).",
    labelNames: ["command", "result"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "casetable_command_duration_seconds",
    help: "Time from a socket command's arrival to its answer.",
    labelNames: ["command"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  let sources: MetricSources | undefined;
  new Gauge({
    name: "casetable_sockets_connected",
    help: "Live socket connections.",
    registers: [registry],
    collect() {
      if (sources) this.set(sources.socketsConnected());
    },
  });
  new Gauge({
    name: "casetable_meetings_live",
    help: "Meetings started and not yet ended.",
    registers: [registry],
    async collect() {
      if (sources) this.set(await sources.meetingsLive());
    },
  });
  new Gauge({
    name: "casetable_deliveries",
    help: "Mail deliveries by state.",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      if (!sources) return;
      const byState = await sources.deliveriesByState();
      this.reset();
      for (const [state, n] of Object.entries(byState)) this.set({ state }, n);
    },
  });

  return {
    registry,
    /** Counts one answered command; `result` is "ok" or the error code. */
    commandDone(command: string, result: string, ms: number) {
      commands.inc({ command, result });
      latency.observe({ command }, ms / 1000);
    },
    watch(from: MetricSources) {
      sources = from;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The counts the gauges read from the database. */
export function databaseCounts(store: Store): Pick<MetricSources, "meetingsLive" | "deliveriesByState"> {
  const { db, t } = store;
  return {
    async meetingsLive() {
      const [live] = await db.select({ n: count() }).from(t.meetings).where(eq(t.meetings.status, "running"));
      return live?.n ?? 0;
    },
    async deliveriesByState() {
      const rows = await db
        .select({ state: t.deliveries.state, n: count() })
        .from(t.deliveries)
        .groupBy(t.deliveries.state);
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
  };
}

const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

/** A request from this machine itself, and not relayed by a proxy running on it. */
export function isLocalRequest(remoteAddress: string | undefined, headers: Record<string, unknown>): boolean {
  if (PROXY_HEADERS.some((h) => headers[h] !== undefined)) return false;
  if (!remoteAddress || !isIP(remoteAddress)) return false;
  const address = remoteAddress.replace(/^::ffff:/i, "");
  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * GET /metrics in Prometheus' text format. With a token, only `Authorization: Bearer
 * <token>` is let in (401 otherwise); without one, only requests from this machine, and
 * to anyone else there is no such page.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
      if (!timingSafeEqual(digest(given), digest(token))) {
        res
          .status(401)
          .set("WWW-Authenticate", 'Bearer realm="metrics"')
          .type("text/plain")
          .send("A metrics token is needed.");
        return;
      }
    } else if (!isLocalRequest(req.socket.remoteAddress, req.headers)) {
      return next();
    }
    res
      .set("Cache-Control", "no-store")
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  };
}
