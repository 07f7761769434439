// Every REST call waits an explicit time (issue 18): the spec's service.timeoutSeconds, default 30,
// on every call of every flow, in both appliers (the parity tests compare the SDK's
// timeOutExpression with the MDL `timeout` clause activity by activity). Without it mxcli writes
// 300 s (cmd_microflows_builder_calls.go:1162-1166) and so does the SDK (microflows.js:11454).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allSteps } from "../src/lib/plan/steps.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { EXAMPLES, examplePath, planFor, planFrom, problemsOf } from "./helpers/spec.js";

describe.each(EXAMPLES)("REST calls of %s", (example) => {
  it("each wait the default 30 seconds, in the plan and in the MDL script", () => {
    const plan = planFor(example);
    const rests = plan.microflows.flatMap((m) => allSteps(m.steps)).filter((s) => s.kind === "rest");
    rests.forEach((s) => expect(s.kind === "rest" && s.timeoutSeconds).toBe(30));
    const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    expect((script.match(/^\s+timeout 30$/gm) ?? []).length).toBe(rests.length);
  });
});

describe("the timeout setting", () => {
  const yaml = readFileSync(examplePath("erp-basic"), "utf8");
  it("is taken from service.timeoutSeconds, and a value out of range is refused with the field named", () => {
    const plan = planFrom(yaml.replace("  baseUrl: https://erp.example.com/api\n", "  baseUrl: https://erp.example.com/api\n  timeoutSeconds: 12\n"));
    const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    expect(script).toMatch(/^\s+timeout 12$/m);
    expect(script).not.toMatch(/^\s+timeout 30$/m);
    expect(problemsOf(yaml.replace("  baseUrl: https://erp.example.com/api\n", "  baseUrl: https://erp.example.com/api\n  timeoutSeconds: 0\n")).map((p) => p.path)).toEqual(["service.timeoutSeconds"]);
  });
});
