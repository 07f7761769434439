// The two appliers build the same microflow steps: every Java action call the Model SDK script
// creates (read from the real SDK model) is in the MDL microflow script as `call java action`,
// with the same action, output variable, parameters in the same order and the same argument
// expressions; and each microflow returns the same value.
import { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { contractPlan } from "./helpers/contract-plan.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

interface Call {
  microflow: string;
  action: string;
  output?: string;
  args: [string, string][];
}

async function sdkSide(plan: Plan) {
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
  const calls: Call[] = [];
  const returns: Record<string, string> = {};
  for (const flow of plan.microflows) {
    const made = model.findMicroflowByQualifiedName(`${plan.module}.${flow.name}`) as microflows.Microflow;
    for (const object of made.objectCollection.objects) {
      if (object instanceof microflows.EndEvent) returns[flow.name] = object.returnValue;
      if (!(object instanceof microflows.ActionActivity) || !(object.action instanceof microflows.JavaActionCallAction)) continue;
      const call = object.action;
      calls.push({
        microflow: flow.name,
        action: call.javaActionQualifiedName,
        output: call.outputVariableName,
        args: call.parameterMappings.map((m) => [
          m.parameterQualifiedName.split(".").at(-1)!,
          (m.parameterValue as microflows.BasicCodeActionParameterValue).argument,
        ]),
      });
    }
  }
  return { calls, returns };
}

function mdlSide(plan: Plan) {
  const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
  const parsed = parseMdl(script);
  const calls: Call[] = parsed.calls.map((c) => ({
    microflow: c.microflow.at(-1)!,
    action: c.action.join("."),
    ...(c.output === undefined ? {} : { output: c.output }),
    args: c.args,
  }));
  const returns = Object.fromEntries(plan.microflows.map((m) => [m.name, ""]));
  for (const r of parsed.returns) returns[r.microflow.at(-1)!] = r.expression;
  return { calls, returns };
}

describe.each(EXAMPLES)("Model SDK and MDL microflows of %s", (example) => {
  for (const [label, plan] of [
    ["plan", planFor(example)],
    ["contract plan", contractPlan(planFor(example))],
  ] as const) {
    it(`(${label}) make the same Java action calls with the same arguments, and return the same values`, async () => {
      const sdk = await sdkSide(plan);
      const mdl = mdlSide(plan);
      expect(mdl.calls).toEqual(sdk.calls);
      expect(mdl.returns).toEqual(sdk.returns);
      // One call per Encryption step (skeleton kinds) and per typed callJava step (Encryption, the kit's own actions), nested in decisions too.
      const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
      const steps = plan.microflows.flatMap((m) => all(m.steps)).filter((s) => s.kind === "encrypt" || s.kind === "decrypt" || s.kind === "callJava");
      expect(mdl.calls).toHaveLength(steps.length);
    });
  }
});
