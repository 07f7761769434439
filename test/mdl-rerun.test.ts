// Both MDL scripts of every example can run a second time on an app that already holds what the
// first run made (issue 18): each statement is judged by mxcli's own "already exists" rules
// (helpers/mxcli-rerun.ts, each with the executor file and line), and `exec` stops at the first
// failing statement, so one failure means the rest of the script is never applied.
import { describe, expect, it } from "vitest";
import { mdlMicroflowsPath, mdlScriptPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { secondRunFailures } from "./helpers/mxcli-rerun.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

describe.each(EXAMPLES)("a second run of the MDL scripts of %s", (example) => {
  const plan = planFor(example);
  const files = renderMdl(plan);

  it.each([mdlScriptPath(plan), mdlMicroflowsPath(plan)])("%s: no statement fails on an app that has the module", (path) => {
    const parsed = parseMdl(files.find((f) => f.path === path)!.contents);
    expect(parsed.statements.length).toBeGreaterThan(0);
    expect(secondRunFailures(parsed.statements)).toEqual([]);
  });
});

describe("the second-run rules", () => {
  it("catch a plain create, which stops a second run where the element exists", () => {
    const parsed = parseMdl('create microflow "M"."F" () begin end;\ncreate or modify microflow "M"."G" () begin end;');
    expect(secondRunFailures(parsed.statements)).toEqual([expect.stringContaining("createMicroflowStatement M.F (mdl/executor/cmd_microflows_create.go")]);
  });
});
