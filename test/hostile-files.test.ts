// Hostile answers files through the real bin: alias bombs, deep nesting, a 20 MB file, a device
// that never ends, a directory, a missing path, binary garbage, duplicate keys, merge keys, and
// language tags. Each is refused (or read as plain data) with exit code 1 and one readable
// message, no stack trace and no files, within time and memory bounds.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnswers } from "../src/lib/spec/load.js";
import { runBinMeasured, type MeasuredRun } from "./hostile-helpers.js";
import { listFiles, REPO_ROOT, removeTempDirs, requireBuiltBin, stackLines, tempDir } from "./helpers/run.js";

const FIXTURES = join(REPO_ROOT, "test/fixtures/hostile");
const LIMITS = { ms: 10_000, rssMB: 250 };

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

/** A fresh folder holding only the answers file (when given as contents). */
function folderWith(name: string, contents?: string | Buffer): string {
  const dir = tempDir();
  if (contents !== undefined) writeFileSync(join(dir, name), contents);
  return dir;
}

/** Exit 1, a single "mxsecure: ..." message on stderr, nothing on stdout, no stack, no new files, bounded. */
function expectRefused(run: MeasuredRun, dir: string, before: string[], mentions: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.startsWith("mxsecure: ")).toBe(true);
  expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
  expect(stackLines(run.stderr)).toEqual([]);
  expect(run.stderr).not.toMatch(/MXSECURE_DEBUG/); // an expected refusal, not an unexpected error
  expect(run.stderr).toMatch(mentions);
  expect(listFiles(dir)).toEqual(before);
  expect(run.ms).toBeLessThan(LIMITS.ms);
  expect(run.rssMB).toBeLessThan(LIMITS.rssMB);
}

function refuses(file: string | Buffer, mentions: RegExp): void {
  const dir = folderWith("answers.yaml", file);
  expectRefused(runBinMeasured(["--answers", "answers.yaml"], dir), dir, ["answers.yaml"], mentions);
}

describe("answers files that attack the parser", () => {
  it("an alias bomb (9^7 strings) is refused before it expands", () => {
    refuses(readFileSync(join(FIXTURES, "alias-bomb.yaml")), /alias/i);
  });

  it("10,000 nested flow sequences are refused as invalid YAML, not a crash", () => {
    refuses(`module: Deep\nextra: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, /answers\.yaml:\d+:\d+: not valid YAML or JSON/);
  });

  it("700 nested mappings under an unknown key are reported as an unknown field", () => {
    const nested = Array.from({ length: 700 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n");
    refuses(`module: Deep\ndescription: d\nextra:\n${nested} end\n`, /extra: unknown field/);
  });

  it("a 20 MB file is refused by its size, without being parsed", () => {
    refuses(`description: "${"x".repeat(20 * 1024 * 1024)}"\n`, /20\.0 MB; an answers file may be at most 8 MB/);
  });

  it("binary garbage is refused as invalid", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    refuses(bytes, /answers\.yaml.*(not valid YAML or JSON|problem)/);
  });

  it("a repeated key is refused, not silently overridden", () => {
    refuses(readFileSync(join(FIXTURES, "duplicate-keys.yaml")), /Map keys must be unique/);
  });

  it("a YAML 1.1 merge key does not merge: the missing scheme and the stray anchor are reported", () => {
    refuses(readFileSync(join(FIXTURES, "merge-key.yaml")), /auth\.scheme[\s\S]*base: unknown field/);
  });

  it("an empty file lists the required fields", () => {
    refuses("", /module: is required/);
  });
});

describe("answers paths that are not files", () => {
  it("a directory", () => {
    const dir = folderWith("x");
    expectRefused(runBinMeasured(["--answers", dir], dir), dir, [], /is a directory; --answers needs a YAML or JSON file/);
  });

  it("a missing path", () => {
    const dir = folderWith("x");
    expectRefused(runBinMeasured(["--answers", "nowhere/answers.yaml"], dir), dir, [], /no such file/);
  });

  it.skipIf(!existsSync("/dev/zero"))("a device that never ends (/dev/zero) is cut off at the size limit", () => {
    const dir = folderWith("x");
    expectRefused(runBinMeasured(["--answers", "/dev/zero"], dir), dir, [], /larger than 8 MB/);
  });
});

describe("YAML features used as intended", () => {
  it("anchors and aliases that expand a little make a valid kit, written back without aliases", () => {
    const dir = folderWith("answers.yaml", readFileSync(join(FIXTURES, "anchors.yaml")));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expect(run.code, run.stderr).toBe(0);
    const written = readFileSync(join(dir, "AnchorConnector/mxsecure.yaml"), "utf8");
    expect(written).not.toMatch(/[&*](doc|fields)\b/);
    const spec = parseAnswers(written).data as { entities: { attributes: unknown[] }[] };
    expect(spec.entities[1]!.attributes).toEqual(spec.entities[0]!.attributes);
  });

  it("language tags (!!js/function, !!python/object) construct nothing: the values are read as plain data", () => {
    const dir = folderWith("answers.yaml", readFileSync(join(FIXTURES, "tags.yaml")));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expect(run.code, run.stderr).toBe(0); // exit 3 would mean the function ran
    const written = readFileSync(join(dir, "TagConnector/mxsecure.yaml"), "utf8");
    expect(written).not.toContain("!!");
    expect((parseAnswers(written).data as { description: string }).description).toBe("function () { process.exit(3) }");
  });
});
