// The server as `npm start` runs it, except that SQLite syncs at NORMAL instead of FULL:
// the power-cut test's control run, which shows that the test can see lost acknowledgements.
export {};
process.env.NODE_ENV = "production";
const { loadConfig } = await import("../../server/config.ts");
const { startCasetable } = await import("../../server/casetable.ts");
const casetable = await startCasetable(loadConfig(), { synchronous: "NORMAL" });
console.log(JSON.stringify({ url: casetable.url, msg: "Casetable is running" }));
