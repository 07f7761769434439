import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Generator and end-to-end tests spawn processes; two workers suit the 2-core machines.
    maxWorkers: 2,
    // Each example kit is generated once per run and shared (test/helpers/kit.ts copies it).
    globalSetup: ["test/global-setup.ts"],
    // A test above 1 s shows its time in yellow; the run ends with the slowest files and tests.
    slowTestThreshold: 1_000,
    reporters: ["default", "./test/helpers/slow-report.ts"],
  },
});
