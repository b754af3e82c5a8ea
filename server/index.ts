// The plain Node entry: `npm start` (production build) and `npm run dev` (--dev).
export {};
const dev = process.argv.includes("--dev");
// Set before React and React Router load: they pick their production builds from it.
process.env.NODE_ENV = dev ? "development" : "production";

const { ConfigError, loadConfig } = await import("./config.ts");
const { DatabaseRefused } = await import("../db/startChecks.ts");
const { KeyFileRefused } = await import("./crypto/keyFile.ts");
const { createLog } = await import("./log.ts");
const { ensureBuild } = await import("./ensureBuild.ts");
const { startCasetable } = await import("./casetable.ts");

/** A refusal to start is for the person running it: one readable message, no stack trace. */
async function start() {
  try {
    const config = loadConfig();
    // The log is JSON lines on stdout. The one message for a person at the terminal, the
    // first-run setup link, goes to stderr as plain text: its token must never be in the log.
    const log = createLog(config.logLevel);
    if (!dev) ensureBuild();
    return { config, log, casetable: await startCasetable(config, { dev, log }) };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseRefused || error instanceof KeyFileRefused) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
const { config, log, casetable } = await start();
log.info({ url: casetable.url, dev }, "Casetable is running");

const setupToken = await casetable.services.setup.issueToken();
if (setupToken) {
  log.warn("A new installation: the one-time setup link is printed on the terminal (stderr), not in the log");
  process.stderr.write(
    `\nThis is a new installation. Create the first administrator and network here (the link works once):\n\n  ${casetable.url}/setup/${setupToken}\n\n`,
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal, graceMs: config.shutdownGraceMs }, "Casetable is shutting down: requests in flight may finish");
    void casetable.close({ graceMs: config.shutdownGraceMs }).then(() => process.exit(0));
  });
}
