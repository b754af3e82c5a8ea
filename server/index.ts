// The plain Node entry: `npm start` (production build) and `npm run dev` (--dev).
export {};
const dev = process.argv.includes("--dev");
// Set before React and React Router load: they pick their production builds from it.
process.env.NODE_ENV = dev ? "development" : "production";

const { loadConfig } = await import("./config.ts");
const { ensureBuild } = await import("./ensureBuild.ts");
const { startCasetable } = await import("./casetable.ts");

const config = loadConfig();
if (!dev) ensureBuild();
const casetable = await startCasetable(config, { dev });
console.log(`Casetable is running at ${casetable.url}${dev ? " (development)" : ""}`);

const setupToken = casetable.services.setup.issueToken();
if (setupToken) {
  console.log(
    `\nThis is a new installation. Create the first administrator and network here (the link works once):\n\n  ${casetable.url}/setup/${setupToken}\n`,
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log("Casetable is shutting down…");
    void casetable.close().then(() => process.exit(0));
  });
}
