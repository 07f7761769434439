// The kit's PKCE Java actions as model definitions: the Model SDK script defines them (real
// javaactions.JavaAction objects in the offline model) so a callJava step resolves them; the MDL
// `create java action` carries the source in the module's package and passes the transcribed
// grammar; both appliers call them the same way.
import { codeactions, javaactions, type microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { javaSource, javaSourcePath, javaUserCode, pkceJavaActions } from "../src/lib/targets/java-actions.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { javaActionStatement } from "../src/lib/targets/mdl/java-actions.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { canonical, sdkActivities } from "./helpers/activities.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { pkceFixturePlan } from "./helpers/step-fixtures.js";
import { EXAMPLES, planFor, specForExample } from "./helpers/spec.js";
import { renderKit } from "../src/lib/kit/render.js";

const plan = pkceFixturePlan();
const actions = pkceJavaActions("Private");

async function build() {
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  const def = moduleDefinition(plan) as unknown as ModuleDefinition;
  def.javaActions = actions;
  const report = recorder();
  buildModule(model, def, report);
  return { model, report };
}

describe("the PKCE Java actions", () => {
  it("are defined by the Model SDK script: String parameters in order, a String result, then called by a step", async () => {
    const { model, report } = await build();
    for (const action of actions) {
      const made = model.findJavaActionByQualifiedName(`${plan.module}.${action.name}`) as javaactions.JavaAction;
      expect(made, action.name).not.toBeNull();
      expect(made.actionParameters.map((p) => p.name)).toEqual(action.parameters);
      for (const parameter of made.actionParameters) {
        const type = parameter.actionParameterType as codeactions.BasicParameterType;
        expect(type).toBeInstanceOf(codeactions.BasicParameterType);
        expect(type.type).toBeInstanceOf(codeactions.StringType);
      }
      expect(made.actionReturnType).toBeInstanceOf(codeactions.StringType);
      expect(report.steps).toContain(`Java action ${plan.module}.${action.name}(${action.parameters.map((p) => `${p}: String`).join(", ")}) returns String, in folder Private`);
    }
    const flow = model.findMicroflowByQualifiedName(`${plan.module}.SUB_Pkce_Start`) as microflows.Microflow;
    const sdk = canonical(sdkActivities(flow));
    const mdlScript = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    const mdl = parseMdl(mdlScript).bodies.find((b) => b.microflow.at(-1) === "SUB_Pkce_Start")!.body;
    expect(canonical(mdl, "")).toEqual(sdk);
    expect(sdk.filter((a) => a.rule === "callJavaActionStatement").map((a) => a.parts.slice(0, 2))).toEqual([
      ["State", `${plan.module}.GenerateRandomToken`],
      ["Verifier", `${plan.module}.GenerateRandomToken`],
      ["Challenge", `${plan.module}.PkceChallengeS256`],
    ]);
  });

  it("are created in MDL (create or modify) with only executeAction()'s code, and the statement passes the grammar", () => {
    const script = actions.map((a) => javaActionStatement(plan.module, a, javaUserCode(a.name))).join("\n\n");
    const parsed = parseMdl(script);
    expect(parsed.statements.map((s) => [s.rule, s.name.join(".")])).toEqual(actions.map((a) => ["createJavaActionStatement", `${plan.module}.${a.name}`]));
    expect(script).toContain("(\"verifier\": string) returns string as $$\n");
    expect(script.match(/^create or modify java action /gm)).toHaveLength(2);
    expect(script).not.toMatch(/^package |^import |extends UserAction/m);
    expect(javaSourcePath(plan.module, "PkceChallengeS256")).toBe("javasource/billingconnector/actions/PkceChallengeS256.java");
  });

  it("refuse a source that would end the MDL block early, and a module that is not a Mendix name", () => {
    expect(() => javaActionStatement(plan.module, actions[0]!, "class X { String s = \"$$\"; }")).toThrow(/contains "\$\$"/);
    expect(() => javaActionStatement(plan.module, actions[0]!, javaSource(plan.module, actions[0]!.name))).toThrow(/whole file/);
    expect(() => javaSource("Bad.Module", "GenerateRandomToken")).toThrow(/Not a Mendix name/);
  });
});

describe("the kit's Java actions in the authorization-code kit (PKCE pair and GetApplicationRootUrl)", () => {
  const oauth = planFor("acme-crm-oauth");

  it("are in the plan, and only for the authorization-code scheme", () => {
    expect(oauth.javaActions.map((a) => [a.name, a.parameters])).toEqual([
      ["GenerateRandomToken", []],
      ["GetApplicationRootUrl", []],
      ["PkceChallengeS256", ["verifier"]],
      ["ConsumeOnce", ["entity", "ownerAssociation", "attribute", "value"]],
      ["StoreRefreshedToken", ["entity", "ownerAssociation", "expectedRefreshToken", "encryptedAccessToken", "encryptedRefreshToken", "expiresInSeconds"]],
      ["ScopeWithin", ["granted", "requested"]],
      ["CreateOnce", ["entity"]],
    ]);
    // Issue 20: every kit creates its one ConnectionDetails with CreateOnce.
    for (const example of EXAMPLES.filter((e) => e !== "acme-crm-oauth")) expect(planFor(example).javaActions.map((a) => a.name), example).toEqual(["CreateOnce"]);
  });

  it("are defined by the kit's module.ts, created in MDL before the microflows, and their sources are kit files", async () => {
    const def = moduleDefinition(oauth) as unknown as ModuleDefinition;
    expect(def.javaActions?.map((a) => a.name)).toEqual(["GenerateRandomToken", "GetApplicationRootUrl", "PkceChallengeS256", "ConsumeOnce", "StoreRefreshedToken", "ScopeWithin", "CreateOnce"]);
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def, recorder());
    expect(model.findJavaActionByQualifiedName(`${oauth.module}.PkceChallengeS256`)?.actionParameters.map((p) => p.name)).toEqual(["verifier"]);

    const script = renderMdl(oauth).find((f) => f.path === mdlMicroflowsPath(oauth))!.contents;
    const rules = parseMdl(script).statements.map((s) => s.rule);
    expect(rules.lastIndexOf("createJavaActionStatement")).toBeLessThan(rules.indexOf("createMicroflowStatement"));

    const files = renderKit(specForExample("acme-crm-oauth"), oauth);
    for (const action of oauth.javaActions) {
      const file = files.find((f) => f.path === javaSourcePath(oauth.module, action.name));
      expect(file?.contents, action.name).toBe(javaSource(oauth.module, action.name));
      expect(file?.contents).toContain("package acmecrmconnector.actions;");
    }
    // Issue 20: every kit ships CreateOnce (the one ConnectionDetails), and only that outside the authorization-code kit.
    expect(renderKit(specForExample("erp-basic"), planFor("erp-basic")).filter((f) => f.path.startsWith("javasource/")).map((f) => f.path)).toEqual(["javasource/erpconnector/actions/CreateOnce.java"]);
  });
});

describe("the OAuth callback's microflow URL", () => {
  const oauth = planFor("acme-crm-oauth");

  async function callbackOn(version: string) {
    const server = fakeServer();
    const model = await openOfflineModel(server, { encryption: true, version });
    const report = recorder();
    buildModule(model, moduleDefinition(oauth) as unknown as ModuleDefinition, report);
    await model.flushChanges();
    const callback = model.findMicroflowByQualifiedName(`${oauth.module}.ACT_UserToken_Callback`) as microflows.Microflow;
    return { callback, report, server };
  }

  it("is set by the Model SDK script from Mendix 10.9: the path and the query parameters by name", async () => {
    const { callback, report, server } = await callbackOn("10.24.0");
    expect(callback.url).toBe("oauth/callback");
    expect(callback.urlSearchParametersQualifiedNames).toEqual(["AcmeCrmConnector.ACT_UserToken_Callback.code", "AcmeCrmConnector.ACT_UserToken_Callback.state"]);
    expect(report.warnings).toEqual([]);
    // The model server hears about both: the path and the list of names.
    const sent = JSON.stringify(server.deltas);
    expect(sent).toContain('"oauth/callback"');
    expect(sent).toContain("AcmeCrmConnector.ACT_UserToken_Callback.state");
  });

  it("on 10.1 to 10.8 sets the path and says the query parameters need 10.9; before 10.1 says there is no URL", async () => {
    const older = await callbackOn("10.8.0");
    expect(older.callback.url).toBe("oauth/callback");
    expect(older.report.warnings).toEqual([expect.stringMatching(/^ACT_UserToken_Callback: query string parameters \(code, state\) need Mendix 10.9\+/)]);
    const oldest = await callbackOn("10.0.0");
    expect(oldest.report.warnings).toEqual([expect.stringMatching(/^ACT_UserToken_Callback: this app's Mendix version has no microflow URLs/)]);
  });

  it("is set by the MDL script too: url and url search parameters clauses (mxcli 0.23+), no manual step left (issue 18)", () => {
    const script = renderMdl(oauth).find((f) => f.path === mdlMicroflowsPath(oauth))!.contents;
    const callback = parseMdl(script).statements.find((s) => s.name.at(-1) === "ACT_UserToken_Callback")!;
    expect(callback.text).toContain("\nurl 'oauth/callback'\nurl search parameters ($code, $state)\nbegin");
    expect(script).not.toContain("Manual step: give ACT_UserToken_Callback the URL");
    const readme = renderKit(specForExample("acme-crm-oauth"), oauth).find((f) => f.path === "README.md")!.contents;
    expect(readme).not.toMatch(/The microflow URL of `?ACT\\?_UserToken\\?_Callback`?: in Studio Pro 10\.9 or later/);
  });
});
