// `npm run demo`: Casetable on a throw-away database full of fictional people and cases.
// `npm run demo -- --lang nl` starts it in Dutch (or fr, de, en): the network's language
// and every demo person's.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";

// Set before React and React Router load: they pick their production builds from it.
process.env.NODE_ENV = "production";
const { openServerDatabase } = await import("../../db/serverDatabase.ts");
const { keyFileFor } = await import("../crypto/keyFile.ts");
const { startCasetable } = await import("../casetable.ts");
const { loadConfig } = await import("../config.ts");
const { ensureBuild } = await import("../ensureBuild.ts");
const { createServices } = await import("../services.ts");
const { DEMO_PEOPLE, seedDemo } = await import("./seed.ts");
const { seedDemoStory } = await import("./story.ts");
const { seedDemoHistory } = await import("./history.ts");
const { seedUpdates, seedWrittenDecision } = await import("./seedBetween.ts");
const { LANGUAGES } = await import("../../app/contract/vocabulary.ts");
const { languageOfEnvironment, wordsIn } = await import("../i18n.ts");

const { values } = parseArgs({ options: { lang: { type: "string" } } });
const asked = values.lang?.toLowerCase();
const language = LANGUAGES.find((l) => l === asked);
const t = wordsIn(language ?? languageOfEnvironment(), "cli");
if (asked !== undefined && !language) {
  console.error(t("demo.badLanguage", { language: values.lang, languages: LANGUAGES.join(", ") }));
  process.exit(2);
}

const DEMO_DB = "./data/demo.db";
for (const suffix of ["", "-wal", "-shm"]) rmSync(DEMO_DB + suffix, { force: true });

// A fresh password each run: even the demo has no password that is written down anywhere.
const password = process.env.DEMO_PASSWORD ?? `demo-${randomBytes(6).toString("base64url")}`;
const config = { ...loadConfig(), databaseUrl: DEMO_DB };
const database = await openServerDatabase(DEMO_DB);
const services = await createServices(database, { ...config, keyFile: keyFileFor(DEMO_DB, config.keyFile) });
const { networkId, readyMeetingId } = await seedDemo(services, password, { language });
await seedDemoStory(services, networkId);
await seedDemoHistory(services, networkId);
// Between the meetings: a decision taken in writing, and some agencies' updates on next week's agenda.
await seedWrittenDecision(services, networkId);
await seedUpdates(services, networkId, readyMeetingId);
await database.close();

ensureBuild();
const casetable = await startCasetable(config);
const roles = wordsIn(language ?? languageOfEnvironment(), "translation");
console.log(`\n${t("demo.running", { url: casetable.url, database: DEMO_DB })}\n`);
console.log(`${t("demo.password", { password })}\n`);
for (const p of DEMO_PEOPLE) console.log(`  ${roles(`roles.${p.role}`).padEnd(16)} ${p.email.padEnd(32)} ${p.name}`);
console.log("");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void casetable.close().then(() => process.exit(0)));
}
