// `npm run demo`: Casetable on a throw-away database full of fictional people and cases.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { openDatabase } from "../../db/client.ts";
import { startCasetable } from "../casetable.ts";
import { loadConfig } from "../config.ts";
import { ensureBuild } from "../ensureBuild.ts";
import { createServices } from "../services.ts";
import { DEMO_PEOPLE, seedDemo } from "./seed.ts";

const DEMO_DB = "./data/demo.db";
for (const suffix of ["", "-wal", "-shm"]) rmSync(DEMO_DB + suffix, { force: true });

// A fresh password each run: even the demo has no password that is written down anywhere.
const password = process.env.DEMO_PASSWORD ?? `demo-${randomBytes(6).toString("base64url")}`;
const database = openDatabase(DEMO_DB);
await seedDemo(createServices(database), password);
database.close();

ensureBuild();
const config = { ...loadConfig(), databaseUrl: DEMO_DB };
const casetable = await startCasetable(config);
console.log(`\nCasetable demo is running at ${casetable.url} (database ${DEMO_DB}, wiped at every start)\n`);
console.log(`Sign in as any of these people, all with the password:  ${password}\n`);
for (const p of DEMO_PEOPLE) console.log(`  ${p.role.padEnd(12)} ${p.email.padEnd(32)} ${p.name}`);
console.log("");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void casetable.close().then(() => process.exit(0)));
}
