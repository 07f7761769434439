// The plan's size is bounded (issue 21): a valid 2 MB spec with many roles over many entities made
// a 494 MB kit and used 3.3 GB on the main branch before the fix. Such a spec is now refused
// before the plan is built, with the limit named; the 2,600-entity benchmark kit stays well inside
// (test/hostile-fs.test.ts generates it).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entitySpec } from "../bench/specs.mjs";
import { MAX_PLAN_ENTRIES, planEntries } from "../src/lib/plan/limits.js";
import { runBinMeasured } from "./hostile-helpers.js";
import { listFiles, removeTempDirs, requireBuiltBin, stackLines, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

function specWithRoles(entities: number, roles: number): string {
  const spec = parse(entitySpec(entities)) as Record<string, unknown>;
  spec.roles = Array.from({ length: roles }, (_, i) => ({ name: `Role${i}`, kind: "data", readOnly: i % 2 === 0, documentation: "A role that reads or changes the connector data." }));
  return stringify(spec, { lineWidth: 0 });
}

describe("the plan size bound", () => {
  it("the 2,600-entity benchmark's shape is well inside it; a many-roles spec is not", () => {
    // The benchmark's shape (bench/specs.mjs): 10 attributes and one association an entity, one role.
    const entities = (count: number) => Array.from({ length: count }, () => ({ attributes: new Array(10), associations: [{}] }));
    const shape = (count: number, roles: number) => ({ entities: entities(count), roles: new Array(roles) }) as never;
    expect(planEntries(shape(2600, 1))).toBe(2600 * 12 * 3);
    expect(planEntries(shape(2600, 1))).toBeLessThan(MAX_PLAN_ENTRIES / 3);
    expect(planEntries(shape(700, 40))).toBeGreaterThan(MAX_PLAN_ENTRIES);
  });

  it("a 700-entity spec with 40 roles (under 1 MB) is refused at once, naming the limit, writing nothing", () => {
    const dir = tempDir();
    const text = specWithRoles(700, 40);
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    writeFileSync(join(dir, "answers.yaml"), text);
    const run = runBinMeasured(["--answers", "answers.yaml"], dir, 20_000);
    expect(run.code, run.stdout).toBe(1);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/The spec is too large to generate: .* make [\d,]+ access-rule entries; mxsecure generates at most 300,000\. Nothing was written\./);
    expect(listFiles(dir)).toEqual(["answers.yaml"]);
    expect(run.rssMB).toBeLessThan(400);
  }, 30_000);
});
