import { defineConfig } from "vitest/config";
import { isTestAdapterAbort } from "./test/helpers/test-adapter-abort.js";

/**
 * Test files that change process-wide state (Yeoman run in-process by yeoman-test sets the exit
 * code and reads the cwd, vi.mock/spyOn, process.chdir: audit-generator, audit, generator-interview,
 * generator, hostile-fs, living-generator): each runs in a fresh module graph. Every
 * other file (listed in SHARED) runs with isolate: false, reusing the modules its worker already loaded (zod, yaml,
 * the plan and renderers), which is most of a file's start-up cost. A new test file is isolated
 * unless it is added to SHARED: safe by default.
 */
const SHARED = [
  "audit-sarif", "audit-startup", "bundle", "checks-second-pass", "checks", "connection-flows", "e2e", "fast-paths",
  "hostile-files", "hostile-text", "hostile-write", "interview-defaults", "java-action-definition", "java-pkce", "kit-readme", "living-cli",
  "lookup", "markdown-prose", "mdl-conformance", "mdl-escape", "mdl-golden", "mdl-grants", "mdl-lex", "mdl-sdk-parity",
  "messages", "microflow-steps", "oauth-token", "outputs-agree", "package", "plan-invariants", "plan-schemes",
  "plan-second-pass", "property-spec", "pty-rights", "pty", "request-authentication", "save-flow-order", "schema-line",
  "schema", "sdk-escape", "sdk-java-actions", "sdk-offline", "sdk", "snippet", "spec-load", "spec-validate", "spec-yaml", "words",
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Generator and end-to-end tests spawn processes; two workers suit the 2-core machines.
    maxWorkers: 2,
    // Each example kit is generated once per run and shared (test/helpers/kit.ts copies it).
    globalSetup: ["test/global-setup.ts"],
    // A test above 1 s shows its time in yellow; the run ends with the slowest files and tests.
    slowTestThreshold: 1_000,
    reporters: ["default", "./test/helpers/slow-report.ts"],
    // Node 24.22 raises an AbortError when yeoman-test closes its TestAdapter (see the helper); only that one is dropped.
    onUnhandledError: (error) => (isTestAdapterAbort(error as { name?: string; code?: unknown; stack?: string }) ? false : undefined),
    projects: [
      { extends: true, test: { name: "shared", include: SHARED, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: SHARED } },
    ],
  },
});
