import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    // Browser tests drive several Chromium pages; on a loaded two-core machine they can take over 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: files in two workers; browser tests share one Chromium per file.
    maxWorkers: 2,
  },
});
