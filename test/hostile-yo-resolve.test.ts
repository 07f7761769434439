// A kit's .yo-resolve is kit input (issue 21): read only from the kit folder (never from folders
// above it), as a regular file of bounded size, never blocking, and its patterns matched in
// bounded time. On the main branch before the fix, a rule in the parent folder applied to the kit,
// a FIFO .yo-resolve hung the run, and a pattern of many ** took exponential time.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readYoResolve, resolveAction } from "../src/lib/kit/yo-resolve.js";
import { generateKit, read, write } from "./helpers/kit.js";
import { removeTempDirs, requireBuiltBin, runBounded, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

/** A kit whose README.md the user edited, with a spec change that rewrites README.md. */
function editedKit() {
  const kit = generateKit("erp-basic");
  write(kit.kitDir, "README.md", `${read(kit.kitDir, "README.md")}\nOur notes.\n`);
  write(kit.kitDir, "mxsecure.yaml", read(kit.kitDir, "mxsecure.yaml").replace(/^description: .*$/m, "description: Reads sales orders, changed."));
  return kit;
}

describe("where .yo-resolve is read from", () => {
  it("a rule in the folder above the kit does not apply to it: the user's edit stays a conflict", () => {
    const { root, kitDir } = editedKit();
    write(root, ".yo-resolve", "README.md force\n");
    const run = runBounded([], kitDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/changed since the kit was generated[\s\S]*README\.md/);
    expect(read(kitDir, "README.md")).toContain("Our notes.");
  });

  it("the kit's own .yo-resolve still applies", () => {
    const { kitDir } = editedKit();
    write(kitDir, ".yo-resolve", "# keep ours\nREADME.md skip\n");
    const run = runBounded([], kitDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/skip .*README\.md/);
  });
});

describe("what .yo-resolve may be", () => {
  it.skipIf(process.platform === "win32")("a FIFO is refused at once", () => {
    const { kitDir } = editedKit();
    expect(spawnSync("mkfifo", [join(kitDir, ".yo-resolve")]).status).toBe(0);
    const run = runBounded([], kitDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yo-resolve is a pipe \(FIFO\); a kit's \.yo-resolve must be a regular file/);
  });

  it("over 64 kB is refused with the limit named", () => {
    const { kitDir } = editedKit();
    write(kitDir, ".yo-resolve", `# ${"x".repeat(70 * 1024)}\n`);
    const run = runBounded([], kitDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yo-resolve is 71 kB; a kit's \.yo-resolve may be at most 64 kB\./);
  });

  it("a pattern that would backtrack for ever in a regular expression is matched at once", () => {
    const { kitDir } = editedKit();
    // As a regular expression, 198 stars are 99 ".*" in a row: C(n + 98, 98) ways to fail on a
    // name of n characters (about 4e12 for README.md).
    write(kitDir, ".yo-resolve", `${"*".repeat(198)}Z skip\nREADME.md skip\n`);
    const run = runBounded([], kitDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/skip .*README\.md/);
  });

  it("too long a pattern and too many rules are refused with the limit named", () => {
    const { kitDir } = editedKit();
    write(kitDir, ".yo-resolve", `${"a".repeat(300)} skip\n`);
    expect(runBounded([], kitDir).stderr).toMatch(/\.yo-resolve:1: a pattern of 300 characters; \.yo-resolve patterns may be at most 200/);
    write(kitDir, ".yo-resolve", Array.from({ length: 600 }, (_, i) => `file${i} skip`).join("\n"));
    expect(runBounded([], kitDir).stderr).toMatch(/\.yo-resolve has more than 500 rules/);
    rmSync(join(kitDir, ".yo-resolve"));
  });
});

describe("the glob subset", () => {
  const dir = tempDir();
  const action = (lines: string, path: string) => {
    write(dir, ".yo-resolve", lines);
    return resolveAction(readYoResolve(dir), join(dir, path));
  };

  it("*, ** and ? as in Yeoman's common use", () => {
    expect(action("*.md skip\n", "README.md")).toBe("skip");
    expect(action("*.md skip\n", "docs/notes.md")).toBe("skip"); // no slash: matches the file name
    expect(action("model/*.ts force\n", "model/apply.ts")).toBe("force");
    expect(action("model/*.ts force\n", "model/lib/steps.ts")).toBeUndefined();
    expect(action("model/** force\n", "model/lib/steps.ts")).toBe("force");
    expect(action("**/steps.ts skip\n", "model/lib/steps.ts")).toBe("skip");
    expect(action("READM?.md skip\n", "README.md")).toBe("skip");
    expect(action("README.md\n", "README.md")).toBe("skip"); // no action: skip
    expect(action("SECURITY.md skip\n", "README.md")).toBeUndefined();
  });
});
