import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";
import type { OpenOptions } from "../db/client.ts";
import { openServerDatabase } from "../db/serverDatabase.ts";
import { days } from "../app/contract/time.ts";
import type { Language } from "../app/contract/vocabulary.ts";
import type { Config } from "./config.ts";
import { scheduleBackups } from "./backup/schedule.ts";
import { checkpointFileFor, writeCheckpoint } from "./audit/checkpoint.ts";
import { compressedAssets } from "./http/compressedAssets.ts";
import { createLoadContext } from "./http/loadContext.ts";
import { languageScriptsOf } from "./http/languageScripts.ts";
import { bodyLimit, noStore } from "./http/limits.ts";
import { cspNonce, sameOriginOnly, securityHeaders } from "./http/security.ts";
import { createLog, requestLog, type Log } from "./log.ts";
import { createMetrics, databaseCounts, metricsEndpoint } from "./metrics.ts";
import { attachRealtime, type CasetableServer } from "./realtime/socketServer.ts";
import { connectNodes } from "./realtime/severalNodes.ts";
import { createServices, type Services } from "./services.ts";
import { keyFileFor } from "./crypto/keyFile.ts";

export interface RunningCasetable {
  url: string;
  httpServer: HttpServer;
  io: CasetableServer;
  services: Services;
  /**
   * Stops the server. With `graceMs`, connected screens are first told the server is
   * restarting and requests in flight get up to that long to finish.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

const root = resolve(import.meta.dirname, "..");

/**
 * The composition root: database, services, Express, the React Router handler and
 * socket.io on one HTTP server. `dev` serves through Vite with hot reload; otherwise the
 * production build in ./build is served.
 */
export async function startCasetable(
  config: Config,
  options: { dev?: boolean; log?: Log } & OpenOptions = {},
): Promise<RunningCasetable> {
  const log = options.log ?? createLog(config.logLevel);
  // Named before the database opens: on PostgreSQL without CASETABLE_KEY_FILE nothing starts.
  const keyFile = keyFileFor(config.databaseUrl, config.keyFile);
  const database = await openServerDatabase(config.databaseUrl, { synchronous: options.synchronous });
  let services: Services;
  try {
    services = await createServices(database, {
      mail: config.mail,
      archiveDir: config.archiveDir,
      log,
      sessions: config.sessions,
      keyFile,
      // Without Redis this node runs alone: what is left in flight at its start is its own.
      node: { name: config.nodeName, alone: !config.redis },
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  // The audit log's length and head, anchored outside the database at start and hourly (decision 0029).
  const checkpoint = async () => {
    const result = await writeCheckpoint(
      services.auditChain,
      services.keyring,
      checkpointFileFor(services.keyring.file),
    );
    if (!result.intact)
      log.error({ brokenRowId: result.brokenRowId }, "The audit log's chain is broken: npm run audit:verify");
  };
  await checkpoint();
  const checkpointTimer = setInterval(
    () => void checkpoint().catch((error) => log.error({ err: error }, "audit checkpoint failed")),
    3_600_000,
  );
  checkpointTimer.unref();
  const metrics = createMetrics();
  // Ended sessions are refused anyway; removing them keeps no stale addresses around, and
  // cuts their live connections within half a minute (or a quarter of the idle timeout) of the end.
  const forgetEnded = async () => {
    // A busy or failing database (another process holding the write lock, a full disk) must
    // not bring the server down from a timer: the next round tries again.
    try {
      await services.sessions.purgeExpired();
      await services.accounts.forgetOldFailures();
    } catch (error) {
      log.warn({ err: error }, "removing ended sessions failed; trying again at the next round");
    }
  };
  await forgetEnded();
  const purge = setInterval(() => void forgetEnded(), Math.min(30_000, config.sessions.idleMs / 4));
  purge.unref();
  // A copy of SQLite's file (the configuration refuses BACKUP_DIR with PostgreSQL, which has its own tools).
  const backups =
    config.backup &&
    database.sqlite &&
    scheduleBackups(
      database.sqlite,
      { ...config.backup, archiveDir: config.archiveDir, outboxDir: config.mail.outboxDir },
      log,
    );
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const httpServer = createServer(app);

  app.use(requestLog(log));
  // Static files set their own caching below; everything else is no-store.
  app.use(noStore, bodyLimit(config.bodyLimit));
  app.use(cspNonce, securityHeaders({ dev: !!options.dev }), sameOriginOnly);

  app.get("/healthz", async (_req, res) => {
    const health = await database.checkHealth();
    if (health.ok) res.json({ status: "ok" });
    else res.status(503).json({ status: "degraded", failed: health.failed, code: health.code, cause: health.cause });
  });

  // Requests in flight, so that a shutdown can let them finish.
  let inFlight = 0;
  const drained: (() => void)[] = [];
  app.use((_req, res, next) => {
    inFlight++;
    res.once("close", () => {
      if (--inFlight === 0) drained.splice(0).forEach((done) => done());
    });
    next();
  });
  app.get("/metrics", metricsEndpoint(metrics, config.metricsToken));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let languageScripts: Record<Language, string[]> | null = null;
  let closeVite = async () => {};
  if (options.dev) {
    const vite = await import("vite").then((v) =>
      v.createServer({ root, server: { middlewareMode: true, hmr: { server: httpServer } } }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    closeVite = () => vite.close();
  } else {
    const assets = resolve(root, "build/client/assets");
    app.use("/assets", compressedAssets(assets), express.static(assets, { immutable: true, maxAge: "1y" }));
    app.use(express.static(resolve(root, "build/client"), { maxAge: "1h", index: false }));
    build = (await import(pathToFileURL(resolve(root, "build/server/index.js")).href)) as ServerBuild;
    languageScripts = languageScriptsOf(resolve(root, "build/client"));
  }

  const getLoadContext = createLoadContext(services, config.publicUrl, languageScripts);
  app.all("/{*path}", createRequestHandler({ build, getLoadContext }));

  // Several nodes share rooms and notices through Redis; alone, everything stays in this process.
  const nodes = config.redis && (await connectNodes(config.redis, log));
  const io = attachRealtime(httpServer, services, metrics, config.liveCommandLimit, nodes?.adapter);
  metrics.watch({ socketsConnected: () => io.of("/").sockets.size, ...databaseCounts(database.store) });
  // Mail as a durable job: settles what a stopped server left in flight, then sends.
  await services.mailWorker.start();
  // One reminder mail when a meeting's minutes are overdue (checked now and every quarter of an hour).
  // A failure is logged and tried at the next check.
  const remindMinutes = () =>
    void services.minutes.deadlines
      .remindOverdue()
      .catch((error) => log.error({ err: error }, "minutes reminders failed; trying again at the next check"));
  remindMinutes();
  const remind = setInterval(remindMinutes, 15 * 60_000);
  remind.unref();
  // The retention schedule's purge: at start and daily (decision 0033). A failure is logged and tried at the next run.
  let purging: Promise<unknown> = Promise.resolve();
  const runPurge = () => {
    purging = services.purge
      .run()
      .catch((error) => log.error({ err: error }, "retention purge failed; trying again tomorrow"));
  };
  runPurge();
  const purgeDaily = setInterval(runPurge, days(1));
  purgeDaily.unref();

  await new Promise<void>((done) => httpServer.listen(config.port, config.host, done));
  const { port } = httpServer.address() as AddressInfo;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  // The reminder to agencies whose update is missing, the network's number of days before a meeting.
  // A failed run is logged and made good by the next one (a quarter of an hour later).
  const remindMissingUpdates = () =>
    services.updateReminders
      .remindMissing({ publicUrl: url })
      .catch((error) => log.error({ err: error }, "update reminders failed; trying again at the next run"));
  void remindMissingUpdates();
  const remindUpdates = setInterval(() => void remindMissingUpdates(), 15 * 60_000);
  remindUpdates.unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    httpServer,
    io,
    services,
    close({ graceMs = 0 } = {}) {
      closing ??= (async () => {
        clearInterval(purge);
        clearInterval(checkpointTimer);
        clearInterval(remind);
        clearInterval(remindUpdates);
        clearInterval(purgeDaily);
        io.emit("server:restarting", { graceMs });
        httpServer.close(); // no new connections; idle ones are closed
        if (inFlight > 0 && graceMs > 0) {
          await new Promise<void>((done) => {
            const timer = setTimeout(done, graceMs);
            drained.push(() => {
              clearTimeout(timer);
              done();
            });
          });
        }
        // Whatever is still in flight after the grace is cut off.
        httpServer.closeAllConnections();
        await new Promise<void>((done) => io.close(() => done()));
        await nodes?.close();
        await closeVite();
        // Mails in flight get the grace (10 s without one); any still unfinished is settled at the next start.
        await services.mailWorker.stop(graceMs > 0 ? graceMs : undefined);
        await backups?.stop();
        await purging;
        await checkpoint().catch((error) => log.error({ err: error }, "audit checkpoint failed"));
        await database.close();
      })();
      return closing;
    },
  };
}
