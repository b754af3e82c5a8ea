// The plain Node entry: `npm start` (production build) and `npm run dev` (--dev).
export {};
const dev = process.argv.includes("--dev");
// Set before React and React Router load: they pick their production builds from it.
process.env.NODE_ENV = dev ? "development" : "production";

const { ConfigError, loadConfig } = await import("./config.ts");
const { DatabaseRefused } = await import("../db/startChecks.ts");
const { ensureBuild } = await import("./ensureBuild.ts");
const { startCasetable } = await import("./casetable.ts");

/** A refusal to start is for the person running it: one readable message, no stack trace. */
async function start() {
  try {
    const config = loadConfig();
    if (!dev) ensureBuild();
    return { config, casetable: await startCasetable(config, { dev }) };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseRefused) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
const { config, casetable } = await start();
console.log(`Casetable is running at ${casetable.url}${dev ? " (development)" : ""}`);

const setupToken = casetable.services.setup.issueToken();
if (setupToken) {
  console.log(
    `\nThis is a new installation. Create the first administrator and network here (the link works once):\n\n  ${casetable.url}/setup/${setupToken}\n`,
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`Casetable is shutting down (requests in flight get up to ${config.shutdownGraceMs} ms)…`);
    void casetable.close({ graceMs: config.shutdownGraceMs }).then(() => process.exit(0));
  });
}
