import { defineConfig } from "drizzle-kit";

// PostgreSQL's migrations (decision 0040): `npm run db:generate:pg`. SQLite's are drizzle.config.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg/index.ts",
  out: "./db/migrations-pg",
});
