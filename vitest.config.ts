import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    // Browser tests drive several Chromium pages; on a loaded two-core machine they can take over 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A screen follows the server within a second when idle; under a full suite on two cores
    // it can take several. Polls wait for the state, so a long limit costs nothing when it passes.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: files in two workers; browser tests share one Chromium per file.
    maxWorkers: 2,
  },
});
