// Reading answers files: YAML/JSON parsing, positions of syntax errors, duplicate keys, alias bombs,
// and files that are not files (missing, a directory, too large).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_ANSWERS_BYTES, parseAnswers, readAnswersFile } from "../src/lib/spec/load.js";
import { UserError } from "../src/lib/spec/problems.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { answers, AUTH, EXAMPLES, examplePath } from "./helpers/spec.js";

function errorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("expected a UserError, nothing was thrown");
}

describe("parseAnswers", () => {
  it("reads YAML into plain data", () => {
    const { data } = parseAnswers("module: A\nservice:\n  name: S\nroles: [{ name: R }]\n");
    expect(data).toEqual({ module: "A", service: { name: "S" }, roles: [{ name: "R" }] });
  });

  it("reads JSON (JSON is YAML)", () => {
    const { data } = parseAnswers('{"module": "A", "auth": {"scheme": "none"}, "roles": []}');
    expect(data).toEqual({ module: "A", auth: { scheme: "none" }, roles: [] });
  });

  it("treats an empty file as an empty mapping, so validation lists what is required", () => {
    const { data } = parseAnswers("");
    expect(data).toEqual({});
    const result = validateSpec(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["module", "description", "service", "auth"]));
  });

  it("reports a YAML syntax error with the file name, line and column", () => {
    // Line 3 opens a flow sequence that never closes.
    const source = "module: A\ndescription: d\nroles: [a, b\nentities: []\n";
    const error = errorOf(() => parseAnswers(source, "broken.yaml"));
    expect(error.message).toMatch(/^broken\.yaml:(\d+):(\d+): not valid YAML or JSON: /);
    const [, line, column] = /^broken\.yaml:(\d+):(\d+):/.exec(error.message)!;
    expect(Number(line)).toBeGreaterThanOrEqual(3);
    expect(Number(column)).toBeGreaterThanOrEqual(1);
    // One readable line, no code frame or stack.
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("points at the exact line and column of a stray token", () => {
    // "@" is reserved in YAML: a plain value may not start with it (line 2, column 14).
    const error = errorOf(() => parseAnswers("module: A\ndescription: @home\n", "f.yaml"));
    expect(error.message).toMatch(/^f\.yaml:2:14: not valid YAML or JSON: .*@/);
  });

  it("refuses duplicate keys instead of silently keeping the last one, with their position", () => {
    const error = errorOf(() => parseAnswers("module: A\ndescription: d\nmodule: B\n", "dup.yaml"));
    expect(error.message).toMatch(/^dup\.yaml:3:1: not valid YAML or JSON: .*unique/i);
  });

  it("refuses duplicate keys in nested mappings too", () => {
    const error = errorOf(() => parseAnswers("auth:\n  scheme: basic\n  scheme: none\n", "dup.yaml"));
    expect(error.message).toMatch(/^dup\.yaml:3:3:/);
  });

  it("refuses a billion-laughs alias bomb quickly", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const started = performance.now();
    const error = errorOf(() => parseAnswers(levels.join("\n") + "\n", "bomb.yaml"));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/^bomb\.yaml: .*alias/i);
  });

  it("refuses a wide alias fan-out (many aliases of one large anchor)", () => {
    const big = `big: &big [${Array.from({ length: 500 }, (_, i) => `v${i}`).join(", ")}]`;
    const uses = Array.from({ length: 300 }, (_, i) => `k${i}: *big`).join("\n");
    const started = performance.now();
    errorOf(() => parseAnswers(`${big}\n${uses}\n`));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still accepts a few ordinary aliases", () => {
    const { data } = parseAnswers("x: &doc Shared text\ny: *doc\n");
    expect(data).toEqual({ x: "Shared text", y: "Shared text" });
  });

  it("locates a path's line and column, falling back to the nearest existing parent", () => {
    const source = answers(AUTH["oauth-client-credentials"]);
    const loaded = parseAnswers(source);
    const lines = source.split("\n");
    const tokenLine = lines.findIndex((l) => l.includes("tokenUrl:")) + 1;
    const authLine = lines.findIndex((l) => l.startsWith("auth:")) + 1;
    expect(loaded.locate(["auth", "tokenUrl"])).toEqual({ line: tokenLine, column: lines[tokenLine - 1]!.indexOf("https") + 1 });
    // A missing field is reported where its parent is (the auth mapping starts on the line after "auth:").
    expect(loaded.locate(["auth", "authorizationUrl"])?.line).toBe(authLine + 1);
    expect(loaded.locate(["module"])).toEqual({ line: 1, column: 9 });
  });
});

describe("parseAnswers: text that YAML would misread", () => {
  it("names a comment in JSON, at its line and column", () => {
    expect(errorOf(() => parseAnswers('{\n  "module": "A", /* ours */\n  "x": 1\n}', "a.json")).message).toBe(
      "a.json:2:18: not valid YAML or JSON: JSON does not allow comments; delete the // or /* */ comments, or write the answers as YAML, where comments start with #.",
    );
  });

  it("takes // in a URL or in quotes for text, in a YAML flow mapping too", () => {
    const data = parseAnswers("{ service: { baseUrl: https://a.example/v1 }, description: 'a // b', x: \"c /* d\" }").data;
    expect(data).toEqual({ service: { baseUrl: "https://a.example/v1" }, description: "a // b", x: "c /* d" });
  });

  it("names a carriage return that ends no line; CRLF line ends are fine", () => {
    expect(errorOf(() => parseAnswers("module: A\rdescription: d\r", "mac.yaml")).message).toMatch(/^mac\.yaml:1:10: .*carriage return \(CR\) that is not followed by a line feed/);
    expect(parseAnswers("module: A\r\ndescription: d\r\n").data).toEqual({ module: "A", description: "d" });
  });
});

describe("readAnswersFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "mxsecure-load-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every bundled example", () => {
    for (const name of EXAMPLES) {
      const { data } = readAnswersFile(examplePath(name));
      expect(data, name).toHaveProperty("module");
    }
  });

  it("says what to fix when the file does not exist", () => {
    const missing = join(dir, "nope.yaml");
    const error = errorOf(() => readAnswersFile(missing));
    expect(error.message).toContain(missing);
    expect(error.message).toMatch(/no such file/);
    expect(error.message).toMatch(/--answers/);
  });

  it("says a directory is not an answers file", () => {
    const folder = join(dir, "folder.yaml");
    mkdirSync(folder);
    const error = errorOf(() => readAnswersFile(folder));
    expect(error.message).toContain(folder);
    expect(error.message).toMatch(/is a directory; --answers needs a YAML or JSON file/);
  });

  it("refuses a file larger than the limit before parsing it, naming the limit", () => {
    const big = join(dir, "big.yaml");
    writeFileSync(big, `description: "${"x".repeat(MAX_ANSWERS_BYTES)}"\n`);
    const error = errorOf(() => readAnswersFile(big));
    expect(error.message).toContain(big);
    expect(error.message).toMatch(/at most 8 MB/);
  });

  it("accepts a file just under the limit", () => {
    const near = join(dir, "near.yaml");
    const filler = "x".repeat(MAX_ANSWERS_BYTES - 100);
    writeFileSync(near, `description: "${filler}"\n`);
    expect((readAnswersFile(near).data as { description: string }).description).toHaveLength(filler.length);
  });

  it("names the file in a syntax error", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "module: A\nroles: [\n");
    expect(errorOf(() => readAnswersFile(bad)).message).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: not valid YAML`));
  });
});
