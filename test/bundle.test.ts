// The bin as `npm run build` ships it: esbuild bundles (scripts/bundle.mjs) over tsc's output. The
// bin and the Yeoman generators share chunks, so a run that starts on the fast path and hands over
// to Yeoman has one copy of our modules: one UserError class, one table of held kit locks.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath } from "./helpers/spec.js";
import { inTerminal } from "./helpers/pty.js";
import { BIN, REPO_ROOT, snapshotFiles, removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const TEST_TIMEOUT = 120_000;

/** The relative imports of a built file (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => m[1]!);
}

describe("the bundled bin", () => {
  it("is the bundle, and the bin and every generator import the same chunks rather than tsc's modules", () => {
    const dist = join(REPO_ROOT, "dist");
    const entries = ["lib/cli/bin.js", ...readdirSync(join(dist, "generators"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `generators/${d.name}/index.js`)];
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const imports = importsOf(join(dist, entry));
      expect(imports.length, entry).toBeGreaterThan(0);
      // Every relative import is a shared chunk: none reaches tsc's per-module files (a second copy).
      for (const spec of imports) expect(spec, entry).toMatch(/^\.\.\/(?:\.\.\/lib\/)?chunks\/chunk-[A-Z0-9]+\.js$/);
    }
  });

  it.skipIf(process.platform === "win32")(
    "hands a run inside a kit over to Yeoman under the kit lock it already holds, and a user mistake there is one line, exit 1, no stack trace",
    () => {
      const dir = tempDir();
      expect(runBin(["--answers", examplePath("erp-basic")], dir).code).toBe(0);
      const kit = join(dir, "ErpConnector");
      // The kit's spec no longer parses. `mxsecure entity` in a terminal, without answers, takes the
      // kit's lock on the fast path and hands over to the Yeoman generator at once; the generator
      // must see that this process already holds the lock (with a second copy of the lock module it
      // waits 3 s and refuses), then reads the spec: a user mistake raised inside Yeoman.
      writeFileSync(join(kit, "mxsecure.yaml"), "module: [ErpConnector\n");
      const before = snapshotFiles(kit);
      const screen = inTerminal([process.execPath, BIN, "entity", "Invoice"], kit, []);
      const text = screen.screen;
      expect(screen.exitCode, text).toBe(1);
      expect(text).not.toContain("Another mxsecure run");
      const errors = text.split(/\r?\n/).filter((line) => line.startsWith("mxsecure: "));
      expect(errors, text).toHaveLength(1);
      expect(errors[0]).toMatch(/mxsecure\.yaml/);
      expect(stackLines(text)).toEqual([]);
      expect(snapshotFiles(kit)).toEqual(before);
    },
    TEST_TIMEOUT,
  );
});
