// Test hooks do not ship (issue 21): the bundle a user installs reads no test-only environment
// variable. Kill points and a full disk are simulated from outside the bin, by preloaded modules
// (test/helpers/kill-at.mjs, test/helpers/disk-full.mjs) that wrap Node's fs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath } from "./helpers/spec.js";
import { REPO_ROOT, removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

function shippedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("the shipped bundle", () => {
  it("contains no test hook: no MXSECURE_TEST_* variable and no kill switch", () => {
    const files = shippedFiles(join(REPO_ROOT, "dist"));
    expect(files.length).toBeGreaterThan(5);
    const hooked = files.filter((file) => /MXSECURE_TEST|KILL_AT|process\.kill\(process\.pid/.test(readFileSync(file, "utf8")));
    expect(hooked).toEqual([]);
  });

  it("a user's environment with MXSECURE_TEST_KILL_AT set does not kill a real run", () => {
    const dir = tempDir();
    const run = runBin(["--answers", examplePath("erp-basic")], dir, { CI: "1", MXSECURE_TEST_KILL_AT: "1" });
    expect(run.code, run.stderr).toBe(0);
    // Not cut short: it writes every file a run without the variable writes.
    const plain = runBin(["--answers", examplePath("erp-basic")], tempDir(), { CI: "1" });
    expect(plain.code, plain.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ files written/);
    expect(run.stdout).toBe(plain.stdout);
  });
});
