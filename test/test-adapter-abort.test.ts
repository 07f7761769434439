// The filter vitest.config.ts applies to unhandled errors drops yeoman-test's TestAdapter abort on
// Node 24.22 and nothing else (test/helpers/test-adapter-abort.ts says why).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isTestAdapterAbort } from "./helpers/test-adapter-abort.js";

describe("the unhandled-error filter for yeoman-test's TestAdapter", () => {
  it("matches the error a closed TestAdapter raises, wherever this Node raises one", () => {
    const script = `
      import { TestAdapter } from "@yeoman/adapter/testing";
      process.on("uncaughtException", (e) => { process.stdout.write(JSON.stringify({ name: e.name, code: e.code, stack: e.stack })); });
      new TestAdapter().close();
      setTimeout(() => {}, 100);`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    // Node 20, 22 and 24.21 raise nothing; 24.22 raises the AbortError the filter drops.
    if (run.stdout) expect(isTestAdapterAbort(JSON.parse(run.stdout))).toBe(true);
  });

  it("keeps every other error: our own abort, another error from Node's streams, a plain error", () => {
    const ours = Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" });
    expect(isTestAdapterAbort(ours)).toBe(false);
    const otherStream = { name: "AbortError", code: "ABORT_ERR", stack: "AbortError: x\n    at destroyer (node:internal/streams/destroy:328:11)\n    at pipeline (node:internal/streams/pipeline:1:1)" };
    expect(isTestAdapterAbort(otherStream)).toBe(false);
    const mixed = { name: "AbortError", code: "ABORT_ERR", stack: "AbortError: x\n    at node:internal/streams/duplexify:120:13\n    at run (/work/src/lib/kit/disk.ts:10:1)" };
    expect(isTestAdapterAbort(mixed)).toBe(false);
    expect(isTestAdapterAbort(new TypeError("boom"))).toBe(false);
  });
});
