// A kit write that fails part-way: no file is ever half-written (every file is first written to a
// temporary name, then all are renamed; no temporary is left behind), and the message says
// exactly which files were written before the failure (none, when staging fails). Failures are simulated with what is on disk, so they also
// happen for root: a file where the kit needs a folder, a folder where it needs a file, and a
// folder in the way of a temporary name; plus a read-only folder when not running as root.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles, REPO_ROOT, removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir } from "./helpers/run.js";

const EXAMPLE = join(REPO_ROOT, "examples/erp-basic.yaml");
const KIT = "ErpConnector";
let clean: Map<string, string>;

beforeAll(() => {
  requireBuiltBin();
  // What an undisturbed run writes: the reference for every file a failed run claims to have written.
  const dir = tempDir();
  const run = runBin(["--answers", EXAMPLE], dir, { CI: "1" });
  if (run.code !== 0) throw new Error(run.stderr);
  clean = new Map(listFiles(join(dir, KIT)).map((path) => [path, readFileSync(join(dir, KIT, path), "utf8")]));
});
afterAll(removeTempDirs);

/** Runs the example into a folder prepared by `disturb`, and checks the failure it reports against the disk. */
function failedRun(disturb: (kitDir: string) => void, failing: string) {
  const dir = tempDir();
  const kitDir = join(dir, KIT);
  mkdirSync(kitDir);
  disturb(kitDir);
  const before = listFiles(kitDir);
  const run = runBin(["--answers", EXAMPLE], dir, { CI: "1" });
  expect(run.code, run.stdout).toBe(1);
  expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
  expect(stackLines(run.stderr)).toEqual([]);
  expect(run.stderr).not.toMatch(/MXSECURE_DEBUG/);
  expect(run.stderr).toContain(`Could not write ${failing}:`);
  const after = listFiles(kitDir);
  expect(after.filter((f) => f.endsWith(".mxsecure-tmp") && !before.includes(f))).toEqual([]);
  const claimed = /Written before the failure: (.*)\.$/m.exec(run.stderr)?.[1]?.split(", ") ?? [];
  if (!claimed.length) expect(run.stderr).toContain("No file was written.");
  // Exactly the claimed files are new, and each is complete: the bytes of an undisturbed run.
  expect(after.filter((f) => !before.includes(f)).sort()).toEqual([...claimed].sort());
  for (const path of claimed) expect(readFileSync(join(kitDir, path), "utf8"), path).toBe(clean.get(path));
  expect(claimed).not.toContain(failing);
  return { run, claimed };
}

describe("a kit write that fails part-way", () => {
  it("a file where the kit needs its model/ folder: every file is staged first, so none is written", () => {
    const { run, claimed } = failedRun((kitDir) => writeFileSync(join(kitDir, "model"), "in the way"), "model/apply.ts");
    // Files before model/ in the kit (mxsecure.yaml, SECURITY.md) were staged, then removed again.
    expect(claimed).toEqual([]);
    expect(run.stderr).toContain("No file was written.");
  });

  it("a folder in the way of a file's temporary name: the failure names the file, and the user's folder is left alone", () => {
    failedRun((kitDir) => mkdirSync(join(kitDir, "SECURITY.md.mxsecure-tmp")), "SECURITY.md");
  });

  it.skipIf(process.getuid?.() === 0)("a read-only model/ folder (not as root: root writes anyway)", () => {
    // The folder stays empty, so the temp-folder cleanup can still remove it.
    failedRun((kitDir) => {
      mkdirSync(join(kitDir, "model"));
      chmodSync(join(kitDir, "model"), 0o555);
    }, "model/apply.ts");
  });

  it("a folder where the kit writes a file: refused before anything is written", () => {
    const dir = tempDir();
    mkdirSync(join(dir, KIT, "README.md"), { recursive: true });
    writeFileSync(join(dir, KIT, "README.md", "notes.txt"), "mine");
    const run = runBin(["--answers", EXAMPLE], dir, { CI: "1" });
    expect(run.code).toBe(1);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/README\.md is in the way.*Nothing was written/);
    expect(listFiles(join(dir, KIT))).toEqual(["README.md/notes.txt"]);
  });
});
