// Nasty strings through every text field: each generated file stays well formed (TypeScript
// parses, MDL lexes the same under both of mxcli's string rules, Markdown tables keep their
// columns, mxsecure.yaml reads back as the same spec, JSON parses) and has the same structure as
// the kit of plain text, so no string opened or closed anything. Then the whole corpus at once
// through the real bin, within time and memory bounds.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kitFromSpec, type Kit } from "../src/lib/kit/pipeline.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import type { Spec } from "../src/lib/spec/schema.js";
import { hostileAnswers, NASTY, plainAnswers } from "./hostile-corpus.js";
import { kitProblems, kitShape, runBinMeasured } from "./hostile-helpers.js";
import { listFiles, removeTempDirs, requireBuiltBin, tempDir } from "./helpers/run.js";

const SCHEMES = ["oauth-authorization-code", "api-token"] as const;

function validSpec(data: unknown): Spec {
  const result = validateSpec(data);
  if (!result.ok) throw new Error(`not a valid spec:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.spec;
}

/** Every string literal's value in a TypeScript file. */
function stringLiterals(path: string, text: string): string[] {
  const values: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) values.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return values;
}

const plainShapes = Object.fromEntries(SCHEMES.map((scheme) => [scheme, kitShape(kitFromSpec(validSpec(plainAnswers(scheme))).files)]));

describe.each(SCHEMES)("nasty strings in every text field (%s)", (scheme) => {
  it.each(Object.keys(NASTY))("%s: every file is well formed and shaped like the plain kit", (name) => {
    const text = NASTY[name]!;
    const spec = validSpec(hostileAnswers(text, scheme));
    const kit: Kit = kitFromSpec(spec);
    expect(kitProblems(kit.files, spec)).toEqual([]);
    const shapes = kitShape(kit.files);
    expect([...shapes.keys()]).toEqual([...plainShapes[scheme]!.keys()]);
    for (const [path, plain] of plainShapes[scheme]!) expect(shapes.get(path), path).toEqual(plain);
    // Not only inert but intact: the Model SDK data carries the text exactly.
    const moduleTs = kit.files.find((f) => f.path === "model/module.ts")!;
    expect(stringLiterals(moduleTs.path, moduleTs.contents)).toContain(`Reads non-sensitive data only. ${text}`);
  });
});

describe("the whole corpus at once, through the real bin", () => {
  beforeAll(requireBuiltBin);
  afterAll(removeTempDirs);

  it("generates a kit whose files are all well formed, in bounded time and memory, leaving no temporary file", () => {
    const text = Object.values(NASTY).join("\n");
    const answers = hostileAnswers(text);
    const dir = tempDir();
    writeFileSync(join(dir, "answers.yaml"), stringify(answers, { lineWidth: 0 }));
    const run = runBinMeasured(["--answers", "answers.yaml"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const kitDir = join(dir, "HostileConnector");
    const written = listFiles(kitDir);
    expect(written.filter((f) => f.includes("mxsecure-tmp"))).toEqual([]);
    const files = written.map((path) => ({ path, contents: readFileSync(join(kitDir, path), "utf8") }));
    expect(kitProblems(files, validSpec(answers))).toEqual([]);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.rssMB).toBeLessThan(250);
  });
});
