// Parsing hostile answers is bounded (issue 21). On the main branch before the fix, 40,000 keys in
// one mapping took 36 s through the bin (the yaml package's uniqueKeys check compares each key with
// every earlier one, compose/util-map-includes.js, and each problem was located by walking the
// document again); 640,000 keys gave no result in 300 s. The bound here is a generous test
// timeout, not a benchmark: quadratic work does not finish within it.
import { describe, expect, it } from "vitest";
import { specFromAnswers } from "../src/lib/kit/pipeline.js";
import { MAX_YAML_NODES, parseAnswers } from "../src/lib/spec/load.js";
import { UserError } from "../src/lib/spec/problems.js";

function manyKeys(count: number, prefix = "k"): string {
  let text = "module: ManyKeys\n";
  for (let i = 0; i < count; i++) text += `${prefix}${i}: ${i}\n`;
  return text;
}

describe("answers with very many keys in one mapping", () => {
  it("40,000 unknown keys: parsed, validated and every problem located in linear time", () => {
    const loaded = parseAnswers(manyKeys(40_000), "many.yaml");
    let error: unknown;
    try {
      specFromAnswers(loaded.data, { name: "many.yaml", locate: loaded.locate });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const problems = (error as UserError).problems;
    expect(problems.length).toBeGreaterThan(40_000);
    // Located: the last key is on the last line.
    expect(problems.find((p) => p.path === "k39999")).toMatchObject({ line: 40_001 });
  }, 15_000);

  it("a repeated key is still refused with its position, also among 100,000 keys", () => {
    const text = `${manyKeys(100_000)}k500: again\n`;
    expect(() => parseAnswers(text, "dup.yaml")).toThrow(/^dup\.yaml:100002:1: not valid YAML or JSON: Map keys must be unique/);
  }, 15_000);

  it("keys equal as values are one key (1 and 1.0 are not; \"a\" and a are), as the yaml package's own check", () => {
    expect(() => parseAnswers('a: 1\n"a": 2\n')).toThrow(/Map keys must be unique/);
    expect(() => parseAnswers("1: x\n2: y\n")).not.toThrow();
  });

  it("more values than the node limit are refused with the limit named (limit lowered for speed)", () => {
    const text = `module: Big\nx: [${"1,".repeat(2_000)}1]\n`;
    expect(() => parseAnswers(text, "big.yaml", 1_000)).toThrow(/^big\.yaml:1:1: not valid YAML or JSON: the file holds more than 1,000 values/);
    expect(() => parseAnswers(text, "big.yaml")).not.toThrow();
    expect(MAX_YAML_NODES).toBe(1_000_000);
  });
});
