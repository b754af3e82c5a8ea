// The plain Node entry: `npm start` (production build) and `npm run dev` (--dev).
import { startCasetable } from "./casetable.ts";
import { loadConfig } from "./config.ts";
import { ensureBuild } from "./ensureBuild.ts";

const dev = process.argv.includes("--dev");
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
