// `yo mxsecure` finds the generators through yeoman-environment's lookup, which prefers .ts over
// .js: only the compiled dist/generators may match, or a linked checkout would load TypeScript.
import { relative } from "node:path";
import { createEnv } from "yeoman-environment";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, requireBuiltBin } from "./helpers/run.js";

describe("Yeoman's lookup of this package", () => {
  it("finds app, audit, entity and role, each compiled JavaScript under dist/generators", async () => {
    requireBuiltBin();
    const found = await createEnv().lookup({ packagePaths: [REPO_ROOT] });
    const byName = found.map((meta) => [meta.namespace.split(":")[1], relative(REPO_ROOT, meta.resolved)]).sort();
    expect(byName).toEqual([
      ["app", "dist/generators/app/index.js"],
      ["audit", "dist/generators/audit/index.js"],
      ["entity", "dist/generators/entity/index.js"],
      ["role", "dist/generators/role/index.js"],
    ]);
  });
});
