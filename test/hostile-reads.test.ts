// Unbounded reads on hostile input (issue 21): every file mxsecure reads is a regular file, opened
// without blocking (a FIFO never hangs a run), never through a link in a kit, and read within a
// size limit; a kit file larger than anything the generator writes is the user's and is not read.
// On the main branch before the fix a FIFO mxsecure.yaml hung generate, entity and audit, and a
// 3 GB sparse README was read whole.
import { spawnSync } from "node:child_process";
import { linkSync, readFileSync, rmSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBinMeasured } from "./hostile-helpers.js";
import { generateKit, read, write } from "./helpers/kit.js";
import { examplePath } from "./helpers/spec.js";
import { BIN, listFiles, removeTempDirs, requireBuiltBin, runBounded, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const posix = process.platform !== "win32";

function mkfifo(path: string): void {
  rmSync(path, { force: true });
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
}

describe.skipIf(!posix)("a kit's mxsecure.yaml that is a FIFO", () => {
  it("regenerating, `entity` and `audit` stop at once with one message", () => {
    const { root, kitDir } = generateKit("erp-basic");
    mkfifo(join(kitDir, "mxsecure.yaml"));
    const regenerate = runBounded([], kitDir);
    expect(regenerate.code).toBe(1);
    expect(regenerate.stderr).toMatch(/mxsecure\.yaml is a pipe \(FIFO\); a kit's spec must be a regular file/);
    const entity = runBounded(["entity", "--answers", write(root, "invoice.yaml", "name: Invoice\ndocumentation: An invoice.\n")], kitDir);
    expect(entity.code).toBe(1);
    expect(entity.stderr).toMatch(/mxsecure\.yaml is a pipe \(FIFO\)/);
    const audit = runBounded(["audit"], kitDir);
    expect(audit.code).toBe(2);
  });

  it("a pipe the user names (--answers <(...)) is still read", () => {
    const dir = tempDir();
    const run = spawnSync("bash", ["-c", `exec "$0" "$1" --answers <(cat "$2")`, process.execPath, BIN, examplePath("erp-basic")], {
      cwd: dir, encoding: "utf8", env: { ...process.env, CI: "1" }, timeout: 20_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(listFiles(join(dir, "ErpConnector"))).toContain("SECURITY.md");
  });
});

describe("kit files that are not what they seem", () => {
  it.skipIf(!posix)("a 3 GB sparse README.md is the user's own file: a conflict, never read", () => {
    const { kitDir } = generateKit("erp-basic");
    truncateSync(join(kitDir, "README.md"), 3 * 1024 ** 3);
    write(kitDir, "mxsecure.yaml", read(kitDir, "mxsecure.yaml").replace(/^description: .*$/m, "description: Reads sales orders, changed."));
    const run = runBinMeasured([], kitDir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/changed since the kit was generated[\s\S]*README\.md/);
    expect(run.rssMB).toBeLessThan(300);
  });

  it.skipIf(!posix)("a kit file that is a hard link (a second name of a file outside) is refused; the outside file is untouched", () => {
    const { kitDir } = generateKit("erp-basic");
    const outside = tempDir("mxsecure-outside-");
    const precious = write(outside, "precious.txt", "outside\n");
    rmSync(join(kitDir, "SECURITY.md"));
    linkSync(precious, join(kitDir, "SECURITY.md"));
    const run = runBounded(["--force"], kitDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SECURITY\.md has 2 names \(a hard link\).*Nothing was written/);
    expect(readFileSync(precious, "utf8")).toBe("outside\n");
  });

  it.skipIf(!posix)("a lock file that is a FIFO does not hang the run", () => {
    const { kitDir } = generateKit("erp-basic");
    mkfifo(join(kitDir, ".mxsecure-lock"));
    const run = runBounded([], kitDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.mxsecure-lock is not a lock file mxsecure made/);
  });
});
