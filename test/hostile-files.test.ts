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

  it.skipIf(!existsSync("/dev/zero"))("a device (/dev/zero) is refused without reading it (issue 21: every read is of a regular file)", () => {
    const dir = folderWith("x");
    expectRefused(runBinMeasured(["--answers", "/dev/zero"], dir), dir, [], /\/dev\/zero is a device; an answers file must be a regular file/);
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

const ERP = readFileSync(join(REPO_ROOT, "examples/erp-basic.yaml"), "utf8");

describe("secrets in text are refused like other secrets, never echoed", () => {
  const cases: [string, string, string][] = [
    ["a baseUrl query key=", "https://erp.example.com/api?key=S3cretValue1", "service.baseUrl"],
    ["a baseUrl query access_key=", "https://erp.example.com/api?access_key=S3cretValue1", "service.baseUrl"],
    ["a baseUrl query sig= (Azure SAS)", "https://erp.example.com/api?sv=2022&sig=S3cretValue1", "service.baseUrl"],
    ["a baseUrl query X-Amz-Signature= (AWS presigned)", "https://erp.example.com/api?X-Amz-Signature=S3cretValue1", "service.baseUrl"],
    ["a baseUrl query auth=", "https://erp.example.com/api?auth=S3cretValue1", "service.baseUrl"],
    ["a baseUrl fragment access_token=", "https://erp.example.com/api#access_token=S3cretValue1", "service.baseUrl"],
  ];
  it.each(cases)("%s", (_name, url, path) => {
    const dir = folderWith("answers.yaml", ERP.replace("https://erp.example.com/api", url));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expectRefused(run, dir, ["answers.yaml"], new RegExp(`${path.replace(".", "\\.")}: carries a credential`));
    expect(run.stderr).not.toContain("S3cretValue1");
  });

  it("a credential in $schema", () => {
    const dir = folderWith("answers.yaml", `$schema: "https://admin:S3cretValue1@schemas.example.com/mxsecure.json"\n${ERP}`);
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expectRefused(run, dir, ["answers.yaml"], /\$schema: carries a credential \(user name or password before the host\)/);
    expect(run.stderr).not.toContain("S3cretValue1");
  });

  it("a credential in service.name", () => {
    const dir = folderWith("answers.yaml", ERP.replace("name: Example ERP", "name: Example ERP api_key=S3cretValue1"));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expectRefused(run, dir, ["answers.yaml"], /service\.name: carries a credential \(a value given to api_key\)/);
    expect(run.stderr).not.toContain("S3cretValue1");
  });

  it("password: hunter2 inside a description (while prose about passwords passes)", () => {
    const dir = folderWith("answers.yaml", ERP.replace(/^description: (.*)$/m, (_, d: string) => `description: ${JSON.stringify(`${d} Test account password: hunter2`)}`));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expectRefused(run, dir, ["answers.yaml"], /description: carries a credential \(a value given to password\)/);
    expect(run.stderr).not.toContain("hunter2");
    const prose = folderWith("answers.yaml", ERP.replace(/^description: (.*)$/m, (_, d: string) => `description: ${JSON.stringify(`${d} The password: encrypted with the Encryption module.`)}`));
    expect(runBinMeasured(["--answers", "answers.yaml"], prose).code).toBe(0);
  });
});

/** Characters that act in a terminal or an editor instead of showing (as audit/inert.ts lists them), line breaks and tabs aside. */
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/u;

describe("user text in printed messages is inert", () => {
  it("an error quoting a file name with terminal escapes", () => {
    const dir = folderWith("x");
    const name = "\u001b]0;pwned\u0007\u001b[31mred\u202e.yaml";
    const run = runBinMeasured(["--answers", name], dir);
    expectRefused(run, dir, [], /no such file/);
    expect(run.stderr).not.toMatch(ACTING);
    expect(run.stderr).toContain("\\u{1b}]0;pwned\\u{7}\\u{1b}[31mred\\u{202e}.yaml");
  });

  it("a warning quoting a suppression's rule name", () => {
    const dir = folderWith("answers.yaml", `${ERP}suppressions:\n  - { rule: ModuleRolesAmount, path: "\\e[2J\\e[31mroles\\u202e", fingerprint: 0123456789abcdef, reason: "x" }\n`);
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/warning SuppressionUnused .*\\u\{1b\}\[2J/);
    expect(run.stdout).not.toMatch(ACTING);
  });
});

describe("mxsecure.yaml writes acting characters escaped", () => {
  it("bidi overrides, zero-width and line separators come out as \\u escapes and read back the same", () => {
    const text = "Reads orders \u202eevil\u202c \u200bzero\u200dwidth a\u2028b\u2029c \u2066iso\u2069 \ufeffbom";
    const dir = folderWith("answers.yaml", ERP.replace(/^description: .*$/m, `description: ${JSON.stringify(text)}`));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expect(run.code, run.stderr).toBe(0);
    const written = readFileSync(join(dir, "ErpConnector/mxsecure.yaml"), "utf8");
    expect(written).not.toMatch(ACTING);
    expect(written).toContain("\\u202e");
    expect((parseAnswers(written).data as { description: string }).description).toBe(text);
  });
});

describe("answers files that are not what they seem get one clear message", () => {
  it("JSON with comments", () => {
    refuses('{\n  // our connector\n  "module": "ErpConnector"\n}\n', /answers\.yaml:2:3: not valid YAML or JSON: JSON does not allow comments/);
  });

  it("a UTF-16 file with a byte-order mark", () => {
    refuses(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ERP, "utf16le")]), /answers\.yaml: not valid YAML or JSON: the file is UTF-16 encoded; save it as UTF-8/);
  });

  it("a UTF-16 file without one", () => {
    refuses(Buffer.from(ERP, "utf16le"), /the file looks UTF-16 encoded; save it as UTF-8/);
  });

  it("a lone trailing carriage return", () => {
    refuses("module: ErpConnector\r", /answers\.yaml:1:21: not valid YAML or JSON: a carriage return \(CR\) that is not followed by a line feed/);
  });

  it("a list at the top level", () => {
    refuses("- module: ErpConnector\n- description: x\n", /must be a mapping of fields \(module, service, auth, \.\.\.\), not a list/);
  });
});
