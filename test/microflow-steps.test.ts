// The typed step vocabulary (src/lib/plan/steps.ts) rendered by both appliers: the fixtures use
// every kind; the Model SDK script builds them offline (no System module, the Encryption module's
// real action signatures); the MDL passes the transcribed grammar; and the two agree activity by
// activity (same actions, same arguments, same order), for the fixtures and every example.
import { readFileSync } from "node:fs";
import { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { STEP_KINDS, type MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { visibleText } from "../templates/sdk/model/lib/expressions.js";
import { canonical, sdkActivities, type Activity } from "./helpers/activities.js";
import { contractPlan } from "./helpers/contract-plan.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";
import { HOSTILE_TEXT, kindsUsed, stepFixturePlan } from "./helpers/step-fixtures.js";

async function sdkBuild(plan: Plan, version?: string) {
  const model = await openOfflineModel(fakeServer(), { encryption: true, ...(version ? { version } : {}) });
  const report = recorder();
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, report);
  const made = (name: string) =>
    (model.findMicroflowByQualifiedName(`${plan.module}.${name}`) ?? model.findNanoflowByQualifiedName(`${plan.module}.${name}`)) as microflows.Microflow;
  return { model, report, made };
}

async function sdkBodies(plan: Plan, version?: string): Promise<Record<string, Activity[]>> {
  const { made } = await sdkBuild(plan, version);
  return Object.fromEntries([...plan.microflows, ...plan.nanoflows].map((m) => [m.name, canonical(sdkActivities(made(m.name)))]));
}

function mdlScript(plan: Plan): string {
  return renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
}

function mdlBodies(plan: Plan): Record<string, Activity[]> {
  const parsed = parseMdl(mdlScript(plan));
  return Object.fromEntries(parsed.bodies.map((b) => [b.microflow.at(-1)!, canonical(b.body, "")]));
}

const fixture = stepFixturePlan();
const find = (plan: Plan, name: string) => plan.microflows.find((m) => m.name === name)!;

describe("the step vocabulary", () => {
  it("is the same in the generator and in the kit (the kit cannot import the generator)", () => {
    const from = (path: string) => {
      const text = readFileSync(path, "utf8");
      return text.slice(text.indexOf("/** A Mendix expression. */"));
    };
    expect(from("templates/sdk/model/lib/steps.ts")).toBe(from("src/lib/plan/steps.ts"));
  });

  it("is used in full by the fixtures, nested decisions included", () => {
    const used = kindsUsed([...fixture.microflows, ...fixture.nanoflows].flatMap((m) => m.steps as MicroflowStep[]));
    expect(STEP_KINDS.filter((k) => !used.has(k))).toEqual([]);
  });
});

describe("the Model SDK script builds every step kind offline", () => {
  for (const version of ["10.24.0", "10.14.0"]) {
    it(`on Mendix ${version}: one start event, every flow connected, decisions with a true and a false flow`, async () => {
      const { made, report } = await sdkBuild(fixture, version);
      expect(report.warnings).toEqual([]);
      for (const flow of fixture.microflows) {
        const microflow = made(flow.name);
        // Walking from the start reaches every activity, decision and end event exactly as placed.
        const walked = sdkActivities(microflow);
        expect(walked.length, flow.name).toBeGreaterThan(0);
        const sequenceFlows = microflow.flows.filter((f) => f instanceof microflows.SequenceFlow) as microflows.SequenceFlow[];
        for (const object of microflow.objectCollection.objects) {
          if (object instanceof microflows.Annotation || object instanceof microflows.MicroflowParameterObject) continue;
          const out = sequenceFlows.filter((f) => f.origin === object).length;
          const into = sequenceFlows.filter((f) => f.destination === object).length;
          if (!(object instanceof microflows.StartEvent)) expect(into, `${flow.name}: ${object.structureTypeName} has an incoming flow`).toBeGreaterThan(0);
          if (object instanceof microflows.EndEvent) expect(out).toBe(0);
          else if (object instanceof microflows.ExclusiveSplit) expect(out).toBe(2);
          else expect(out, `${flow.name}: ${object.structureTypeName}`).toBe(1);
        }
        // Objects never share a spot on the canvas.
        const spots = microflow.objectCollection.objects
          .filter((o) => !(o instanceof microflows.Annotation) && !(o instanceof microflows.MicroflowParameterObject))
          .map((o) => `${o.relativeMiddlePoint.x},${o.relativeMiddlePoint.y}`);
        expect(new Set(spots).size, flow.name).toBe(spots.length);
      }
    });
  }

  it("stores the case values the version has: caseValues from 10.15, caseValue before", async () => {
    for (const [version, list] of [["10.24.0", true], ["10.14.0", false]] as const) {
      const { made } = await sdkBuild(fixture, version);
      const flows = made("DS_ConnectionDetails_Get").flows.filter((f) => f instanceof microflows.SequenceFlow) as microflows.SequenceFlow[];
      const cases = flows.flatMap((f) => (list ? [...f.caseValues] : [f.caseValue])).filter((c) => c instanceof microflows.EnumerationCase);
      expect(cases.map((c) => (c as microflows.EnumerationCase).value).sort()).toEqual(["false", "true"]);
    }
  });

  it("calls microflows by their parameter's qualified name, and the Java actions with their parameters in order", async () => {
    const { made } = await sdkBuild(fixture);
    const callsIn = (name: string) =>
      made(name).objectCollection.objects.flatMap((o) => (o instanceof microflows.ActionActivity && o.action instanceof microflows.MicroflowCallAction ? [o.action.microflowCall] : []));
    const calls = [...callsIn("SUB_AccessToken_GetValid"), ...callsIn("SUB_Request_Authenticate")];
    expect(calls.map((c) => c.microflowQualifiedName)).toEqual([
      "BillingConnector.SUB_ConnectionDetails_GetClientSecret",
      "BillingConnector.SUB_AccessToken_GetValid",
      "BillingConnector.SUB_Header_Build",
    ]);
    expect(calls.map((c) => c.parameterMappings.map((m) => m.parameterQualifiedName))).toEqual([
      ["BillingConnector.SUB_ConnectionDetails_GetClientSecret.ConnectionDetails"],
      [],
      ["BillingConnector.SUB_Header_Build.Scheme", "BillingConnector.SUB_Header_Build.Credentials"],
    ]);
  });

  it("refuses what Mendix would refuse: a step no path reaches, Java arguments out of order, a placeholder without an argument", async () => {
    const broken = (change: (plan: Plan) => void) => {
      const plan = structuredClone(fixture);
      change(plan);
      return plan;
    };
    const unreachable = broken((p) => find(p, "DS_ConnectionDetails_Get").steps.push({ kind: "delete", variable: "ConnectionDetails" }));
    await expect(sdkBuild(unreachable)).rejects.toThrow(/delete step follows a return on every path/);
    expect(() => mdlScript(unreachable)).toThrow(/delete step follows a return on every path/);
    const swapped = broken((p) => {
      const call = find(p, "ACT_ConnectionDetails_Save").steps[2] as Extract<MicroflowStep, { kind: "decision" }>;
      const java = call.then[0] as Extract<MicroflowStep, { kind: "callJava" }>;
      java.args.reverse();
    });
    await expect(sdkBuild(swapped)).rejects.toThrow(/Encryption.EncryptString takes \(value, key, prefix\)/);
    const placeholder = broken((p) => find(p, "ASU_ConnectionDetails_Check").steps.unshift({ kind: "showMessage", level: "Error", message: { text: "{2}", args: [] } }));
    await expect(sdkBuild(placeholder)).rejects.toThrow(/\{2\} has no argument/);
    expect(() => mdlScript(placeholder)).toThrow(/\{2\} has no argument/);
  });
});

describe("the MDL script of every step kind", () => {
  it("parses with the transcribed mxcli grammar, one body statement per activity", () => {
    const parsed = parseMdl(mdlScript(fixture));
    for (const rule of [
      "retrieveStatement",
      "xpathConstraint",
      "createObjectStatement",
      "changeObjectStatement",
      "commitStatement",
      "deleteObjectStatement",
      "declareStatement",
      "setStatement",
      "callJavaActionStatement",
      "callMicroflowStatement",
      "restCallStatement",
      "templateParams",
      "ifStatement",
      "showMessageStatement",
      "validationFeedbackStatement",
      "logStatement",
      "returnStatement",
      "createJsonStructureStatement",
      "createImportMappingStatement",
    ]) {
      expect(parsed.rulesUsed, rule).toContain(rule);
    }
    expect(parsed.bodies.map((b) => b.microflow.at(-1))).toEqual([...fixture.microflows, ...fixture.nanoflows].map((m) => m.name));
  });

  it("keeps hostile text inert: it comes back whole from string literals, and the statements around it are unchanged", async () => {
    const mdl = mdlBodies(fixture)["ACT_Hostile_Show"]!;
    const expected = visibleText(HOSTILE_TEXT);
    expect(mdl.map((a) => a.rule)).toEqual(["showMessageStatement", "validationFeedbackStatement", "logStatement", "declareStatement", "changeObjectStatement", "returnStatement"]);
    expect(mdl[1]!.parts[2]).toBe(expected);
    expect(mdl[2]!.parts[1]).toBe(expected);
    const sdk = (await sdkBodies(fixture))["ACT_Hostile_Show"]!;
    expect(sdk[1]!.parts[2]).toBe(expected);
    expect(sdk[2]!.parts[1]).toBe(expected);
  });
});

describe("Model SDK and MDL build the same activities, in the same order, with the same arguments", () => {
  it("for the fixtures (every step kind)", async () => {
    const sdk = await sdkBodies(fixture);
    const mdl = mdlBodies(fixture);
    for (const flow of [...fixture.microflows, ...fixture.nanoflows]) expect(mdl[flow.name], flow.name).toEqual(sdk[flow.name]);
    expect(JSON.stringify(sdk["NAV_Fixture_OpenUrl"])).toContain("NanoflowCommons.OpenURL");
    // The comparison sees real content: the Save flow's three checks and the token flow's REST call.
    expect(JSON.stringify(sdk["ACT_ConnectionDetails_Save"])).toContain("startsWith(toLowerCase($ConnectionDetails/TokenUrl), 'https://')");
    expect(JSON.stringify(sdk["SUB_AccessToken_GetValid"])).toContain("body grant_type=client_credentials&scope={1}");
    expect(JSON.stringify(sdk["SUB_AccessToken_GetValid"])).toContain("returns mapping BillingConnector.IMM_TokenResponse as BillingConnector.TokenResponse");
  });

  describe.each(EXAMPLES)("for %s", (example) => {
    for (const [label, plan] of [
      ["plan", planFor(example)],
      ["contract plan", contractPlan(planFor(example))],
    ] as const) {
      it(`(${label})`, async () => {
        const sdk = await sdkBodies(plan);
        const mdl = mdlBodies(plan);
        for (const flow of [...plan.microflows, ...plan.nanoflows]) expect(mdl[flow.name], flow.name).toEqual(sdk[flow.name]);
        expect(Object.keys(mdl).sort()).toEqual([...plan.microflows, ...plan.nanoflows].map((m) => m.name).sort());
      });
    }
  });
});
