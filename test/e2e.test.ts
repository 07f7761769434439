// End to end: the real bin (`node dist/lib/cli/bin.js`, as `npx mxsecure` runs it) in temp
// folders, with stdin not a terminal. What a user sees: exit codes, one readable message, files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { EXAMPLES, examplePath } from "./helpers/spec.js";
import { listFiles, removeTempDirs, requireBuiltBin, runBin, snapshotFiles, stackLines, tempDir, type BinResult } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const moduleOf = (example: string) => (readAnswersFile(examplePath(example)).data as { module: string }).module;

function expectSame(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(actual.get(file)?.equals(bytes), `${file} differs`).toBe(true);
}

/** A failed run as a user must see it: exit 1, one message on stderr, no stack, nothing on stdout. */
function expectUserError(run: BinResult): string {
  expect(run.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(1);
  expect(run.stderr.startsWith("mxsecure: "), run.stderr).toBe(true);
  expect(stackLines(run.stderr), run.stderr).toEqual([]);
  expect(run.stderr).not.toMatch(/MXSECURE_DEBUG/);
  expect(run.stdout).toBe("");
  return run.stderr;
}

describe.each(EXAMPLES)("example %s", (example) => {
  const module = moduleOf(example);
  let first = "";

  it("generates a kit into ./<Module>/", () => {
    first = tempDir();
    const run = runBin(["--answers", examplePath(example)], first);
    expect(run.code, run.stderr).toBe(0);
    expect(stackLines(run.stderr)).toEqual([]);
    const files = listFiles(first);
    expect(files.every((f) => f.startsWith(`${module}/`)), files.join("\n")).toBe(true);
    for (const file of [".yo-rc.json", "mxsecure.yaml", "SECURITY.md", "README.md"]) expect(files).toContain(`${module}/${file}`);
    expect(run.stdout).toContain(`${module}/SECURITY.md`);
  });

  it("reproduces every file byte for byte from the kit's own mxsecure.yaml", () => {
    const kit = join(first, module);
    const second = tempDir();
    const run = runBin(["--answers", join(kit, "mxsecure.yaml")], second);
    expect(run.code, run.stderr).toBe(0);
    expectSame(snapshotFiles(join(second, module)), snapshotFiles(kit));
  });

  it("regenerates in place, unchanged, when run inside the kit folder without options", () => {
    const kit = join(first, module);
    const before = snapshotFiles(kit);
    const run = runBin([], kit);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/identical/);
    expectSame(snapshotFiles(kit), before);
  });
});

it("reads a JSON answers file like its YAML twin", () => {
  const yamlDir = tempDir();
  const jsonDir = tempDir();
  const json = join(jsonDir, "answers.json");
  writeFileSync(json, JSON.stringify(readAnswersFile(examplePath("acme-crm-oauth")).data, null, 2));
  expect(runBin(["--answers", examplePath("acme-crm-oauth")], yamlDir).code).toBe(0);
  const run = runBin(["--answers", "answers.json"], jsonDir);
  expect(run.code, run.stderr).toBe(0);
  expectSame(snapshotFiles(join(jsonDir, "AcmeCrmConnector")), snapshotFiles(join(yamlDir, "AcmeCrmConnector")));
});

describe("invalid answers files", () => {
  /** Writes `files` into a fresh folder, runs the bin there, and checks nothing else appeared. */
  function failIn(files: Record<string, string>, args: string[]): string {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const before = listFiles(dir);
    const message = expectUserError(runBin(args, dir));
    expect(listFiles(dir)).toEqual(before);
    return message;
  }

  it("lists several problems at once, each with its path and line:column", () => {
    const message = failIn(
      {
        "bad.yaml": [
          "module: 1Bad",
          "descripton: Talks to the service.",
          "service:",
          "  name: Bad Service",
          "  baseUrl: https://api.bad.example",
          "auth:",
          "  scheme: oauth-client-credentials",
          "  clientSecret: s3cr3t-value",
          "",
        ].join("\n"),
      },
      ["--answers", "bad.yaml"],
    );
    expect(message).toMatch(/bad\.yaml:1:\d+ module: .*Mendix name/);
    expect(message).toMatch(/bad\.yaml:2:\d+ descripton: unknown field; did you mean "description"/);
    expect(message).toMatch(/bad\.yaml:\d+:\d+ description: is required/);
    expect(message).toMatch(/bad\.yaml:7:\d+ auth\.tokenUrl: is required/);
    expect(message).toMatch(/bad\.yaml:8:\d+ auth\.clientSecret: looks like a secret/);
    // The secret itself is never echoed back.
    expect(message).not.toContain("s3cr3t-value");
  });

  it("reports a YAML syntax error with line and column", () => {
    const message = failIn({ "syntax.yaml": "module: Fine\ndescription: [unclosed\nservice: {}\n" }, ["--answers", "syntax.yaml"]);
    expect(message).toMatch(/syntax\.yaml:\d+:\d+: not valid YAML or JSON/);
    expect(message.trim().split("\n")).toHaveLength(1);
  });

  it("reports a missing file", () => {
    expect(failIn({}, ["--answers", "nowhere.yaml"])).toMatch(/nowhere\.yaml: no such file/);
  });

  it("reports a directory given as the answers file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "answers"));
    const message = expectUserError(runBin(["--answers", "answers"], dir));
    expect(message).toMatch(/answers is a directory/);
    expect(listFiles(dir)).toEqual([]);
  });

  it("refuses a secret-like key with a value", () => {
    const spec = readAnswersFile(examplePath("erp-basic")).data as { auth: Record<string, unknown> };
    spec.auth.password = "hunter2";
    const message = failIn({ "secret.yaml": stringify(spec) }, ["--answers", "secret.yaml"]);
    expect(message).toMatch(/secret\.yaml:\d+:\d+ auth\.password: looks like a secret/);
    expect(message).not.toContain("hunter2");
  });

  it("refuses an unknown option and an unknown command with a pointer to --help", () => {
    expect(failIn({}, ["--bogus"])).toMatch(/--bogus.*mxsecure --help/);
    expect(failIn({}, ["bogus"])).toMatch(/bogus.*mxsecure --help/);
  });
});

describe("no answers and no terminal", () => {
  it.each([
    ["CI=1", [] as string[], { CI: "1" }],
    ["--no-interactive", ["--no-interactive"], {}],
    ["stdin not a terminal", [], {}],
  ])("%s: exit 1 listing every missing answer, nothing written", (_name, args, env) => {
    const dir = tempDir();
    const message = expectUserError(runBin(args, dir, env));
    for (const path of ["module", "description", "service", "auth"]) expect(message).toMatch(new RegExp(`^\\s+- ${path}: is required`, "m"));
    expect(message).toMatch(/--answers FILE/);
    expect(listFiles(dir)).toEqual([]);
  });
});

describe("options", () => {
  it("--dry-run reports what would be written and writes nothing", () => {
    const dir = tempDir();
    const run = runBin(["--answers", examplePath("weather-api-token"), "--dry-run"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/create WeatherConnector\/SECURITY\.md/);
    expect(run.stdout).toMatch(/Dry run: \d+ files would be written; nothing was written/);
    expect(listFiles(dir)).toEqual([]);
  });

  it("--help prints usage and writes nothing", () => {
    const dir = tempDir();
    const run = runBin(["--help"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mxsecure/);
    for (const option of ["--answers FILE", "--no-interactive", "--force", "--dry-run"]) expect(run.stdout).toContain(option);
    expect(listFiles(dir)).toEqual([]);
  });

  it("entity and role take the main command's options, Yeoman's usual ones included", () => {
    const dir = tempDir();
    for (const command of ["entity", "role"]) {
      const help = runBin([command, "--help"], dir);
      expect(help.code).toBe(0);
      for (const option of ["--answers FILE", "--no-interactive", "--force", "--dry-run", "--bail", "--skip-install"]) expect(help.stdout, `${command} ${option}`).toContain(option);
      // Accepted by the parser: the run then stops only because this folder is no kit.
      const run = runBin([command, "Extra", "--skip-install", "--skip-cache", "--bail", "--dry-run"], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^mxsecure: mxsecure ${command} runs inside a kit folder`));
    }
  });

  it("--version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    const run = runBin(["--version"], tempDir());
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});

describe("files the user changed", () => {
  function generatedKit(): { dir: string; kit: string; original: Map<string, Buffer> } {
    const dir = tempDir();
    expect(runBin(["--answers", examplePath("erp-basic")], dir).code).toBe(0);
    const kit = join(dir, "ErpConnector");
    return { dir, kit, original: snapshotFiles(kit) };
  }

  it("without a terminal, stops naming the edited file and writes nothing; --force overwrites it", () => {
    const { dir, kit, original } = generatedKit();
    // A change to the spec makes other files change too: none of them may be written either.
    const spec = readFileSync(join(kit, "mxsecure.yaml"), "utf8").replace(/^description: .*$/m, "description: A new description.");
    writeFileSync(join(dir, "changed.yaml"), spec);
    writeFileSync(join(kit, "SECURITY.md"), "my notes\n");
    const edited = snapshotFiles(kit);

    const message = expectUserError(runBin(["--answers", "changed.yaml"], dir));
    expect(message).toMatch(/changed since the kit was generated; nothing was written/);
    expect(message).toMatch(/^\s+- SECURITY\.md$/m);
    expect(message).toContain("--force");
    expectSame(snapshotFiles(kit), edited);

    const forced = runBin(["--answers", "changed.yaml", "--force"], dir);
    expect(forced.code, forced.stderr).toBe(0);
    const security = readFileSync(join(kit, "SECURITY.md"), "utf8");
    expect(security).toContain("A new description.");
    expect(security).not.toBe(original.get("SECURITY.md")!.toString());
  });

  it("keeps the user's README.md when .yo-resolve says 'README.md skip'", () => {
    const { dir, kit } = generatedKit();
    writeFileSync(join(kit, "README.md"), "# Our own README\n");
    writeFileSync(join(kit, ".yo-resolve"), "README.md skip\n");
    const run = runBin(["--answers", examplePath("erp-basic")], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/skip ErpConnector\/README\.md/);
    expect(readFileSync(join(kit, "README.md"), "utf8")).toBe("# Our own README\n");
  });
});
