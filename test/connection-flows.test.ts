// The ConnectionDetails flows and the api-token request authentication as typed steps (issue 12),
// and the kit README listing every annotation left in a microflow.
import { describe, expect, it } from "vitest";
import { annotations, renderKitReadme } from "../src/lib/kit/readme.js";
import { renderMdl } from "../src/lib/targets/mdl/index.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../src/lib/plan/types.js";
import { answers, AUTH, EXAMPLES, planFor, planFrom } from "./helpers/spec.js";

const flow = (plan: Plan, name: string): PlanMicroflow => {
  const found = plan.microflows.find((m) => m.name === name);
  if (!found) throw new Error(`no microflow ${name}`);
  return found;
};
const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));

describe("DS_ConnectionDetails_Get", () => {
  it("returns the one object, or has CreateOnce create it (domain-model defaults, under a lock, own transaction) and returns the one there is", () => {
    const plan = planFor("billing-client-credentials");
    const get = flow(plan, "DS_ConnectionDetails_Get");
    expect(get.steps[0]).toEqual({ kind: "retrieve", out: "ConnectionDetails", entity: "ConnectionDetails", where: [], first: true });
    const none = get.steps[1] as Extract<MicroflowStep, { kind: "decision" }>;
    expect(none.condition).toEqual({ k: "op", op: "=", left: { k: "var", name: "ConnectionDetails" }, right: { k: "empty" } });
    // Issue 20: a microflow create would let two Administrators opening the page at once create two.
    expect(none.then).toEqual([
      { kind: "callJava", out: "Created", action: "BillingConnector.CreateOnce", args: [{ param: "entity", value: { k: "str", value: "BillingConnector.ConnectionDetails" } }] },
      { kind: "retrieve", out: "SingleConnectionDetails", entity: "ConnectionDetails", where: [], first: true },
      { kind: "return", value: { k: "var", name: "SingleConnectionDetails" } },
    ]);
    // The generated defaults are the domain model's, which Core.instantiate applies.
    const defaults = Object.fromEntries(plan.entities.find((e) => e.name === "ConnectionDetails")!.attributes.filter((a) => a.defaultValue).map((a) => [a.name, a.defaultValue]));
    expect(defaults).toMatchObject({ BaseUrl: "https://billing.example.net/api", TokenUrl: "https://auth.example.net/oauth/token", Scopes: "invoices.read" });
    expect(get.steps[2]).toEqual({ kind: "return", value: { k: "var", name: "ConnectionDetails" } });
  });

  it.each(EXAMPLES)("%s: no annotation left in the connection flows", (example) => {
    const plan = planFor(example);
    for (const name of ["DS_ConnectionDetails_Get", "ACT_ConnectionDetails_Save", "ACT_ConnectionDetails_ClearSecrets", "SUB_Url_Origin"]) {
      const found = plan.microflows.find((m) => m.name === name);
      if (found) expect(all(found.steps).filter((s) => s.kind === "note"), `${example} ${name}`).toEqual([]);
    }
    for (const get of plan.microflows.filter((m) => /^SUB_ConnectionDetails_Get/.test(m.name))) {
      expect(all(get.steps).map((s) => s.kind), get.name).not.toContain("note");
      for (const call of all(get.steps).filter((s) => s.kind === "callJava" && s.action === "Encryption.DecryptString")) {
        expect(call.kind === "callJava" && call.args.find((a) => a.param === "prefix")?.value, get.name).toEqual({ k: "empty" });
      }
    }
  });
});

describe("no example leaves a step to the user (issue 12's quality bar)", () => {
  it.each(EXAMPLES)("%s: no note step in any microflow or nanoflow, and no To do remark in the MDL", (example) => {
    const plan = planFor(example);
    for (const flow of [...plan.microflows, ...plan.nanoflows]) {
      expect(all(flow.steps).filter((s) => s.kind === "note"), `${example} ${flow.name}`).toEqual([]);
    }
    for (const file of renderMdl(plan)) expect(file.contents, file.path).not.toMatch(/To do/i);
  });
});

describe("ACT_ConnectionDetails_ClearSecrets", () => {
  // It commits the page's object: without the HTTPS checks, an http:// URL typed on the page but
  // never saved would be committed through the Clear button, past the Save flow's validation.
  it.each(["acme-crm-oauth", "billing-client-credentials", "erp-basic"])("%s: checks every URL before it clears or commits anything", (example) => {
    const plan = planFor(example);
    const clear = flow(plan, "ACT_ConnectionDetails_ClearSecrets");
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    // Issue 20: the URL checks are the HTTPS one and the space-or-control-character one, both with feedback on the field.
    const httpsGuards = (steps: MicroflowStep[]) =>
      steps.filter((s) => s.kind === "decision" && s.then.some((t) => t.kind === "validationFeedback" && (t.text === "Use an https:// URL." || t.text.startsWith("Remove the spaces and control characters"))));
    const guards = httpsGuards(clear.steps);
    expect(guards.length).toBeGreaterThan(0);
    expect(guards).toEqual(httpsGuards(save.steps));
    expect(clear.steps.slice(0, guards.length)).toEqual(guards);
    const commit = clear.steps.findIndex((s) => s.kind === "commit");
    expect(commit).toBeGreaterThan(guards.length);
  });
});

describe("SUB_Request_Authenticate, api-token", () => {
  it("returns the prefix and the decrypted token, or the token alone; empty with a warning (fixed text, never a value) when nothing is saved or no token can be used", () => {
    const auth = flow(planFrom(answers(AUTH["api-token"])), "SUB_Request_Authenticate");
    expect(auth).toMatchObject({ allowedRoles: [], folder: "Private", returnType: "String" });
    const steps = all(auth.steps);
    // Issue 20: "Not configured?" and "No API token?" return empty instead of failing or sending a prefix alone.
    expect(steps.map((s) => s.kind)).toEqual(["retrieve", "decision", "log", "return", "callMicroflow", "decision", "log", "return", "decision", "return", "return"]);
    expect(steps[4]).toEqual({ kind: "callMicroflow", out: "ApiToken", microflow: "SUB_ConnectionDetails_GetApiToken", args: [{ param: "ConnectionDetails", value: { k: "var", name: "ConnectionDetails" } }] });
    expect(steps[3]).toEqual({ kind: "return", value: { k: "empty" } });
    expect(steps[7]).toEqual({ kind: "return", value: { k: "empty" } });
    expect(JSON.stringify(steps[9])).toContain('{"k":"str","value":" "}},"right":{"k":"var","name":"ApiToken"}');
    expect(steps[10]).toEqual({ kind: "return", value: { k: "var", name: "ApiToken" } });
    for (const log of steps.filter((s) => s.kind === "log")) expect(log.kind === "log" && log.message.args).toEqual([]);
    expect(steps.some((s) => s.kind === "showMessage")).toBe(false);
  });

  it("with a deploy-time constant, reads it without an argument", () => {
    const auth = flow(planFor("weather-api-token"), "SUB_Request_Authenticate");
    expect(auth.steps.find((s) => s.kind === "callMicroflow")).toMatchObject({ kind: "callMicroflow", microflow: "SUB_ConnectionDetails_GetApiToken", args: [] });
  });
});

describe("ACT_ConnectionDetails_Save's documentation with deploy-time secrets", () => {
  it("one fixed endpoint is, several are", () => {
    const one = flow(planFor("weather-api-token"), "ACT_ConnectionDetails_Save").documentation;
    expect(one).toContain("BaseUrl is fixed in the model");
    const several = flow(planFrom(answers(`${AUTH["oauth-client-credentials"]}\nsecretStorage: constant`)), "ACT_ConnectionDetails_Save").documentation;
    expect(several).toMatch(/BaseUrl, TokenUrl are fixed in the model/);
  });
});

describe("the kit README lists every annotation", () => {
  it.each(EXAMPLES)("%s", (example) => {
    const plan = planFor(example);
    const readme = renderKitReadme(plan, [], { sdkSection: "", mdlSection: "" }).contents;
    const list = annotations(plan);
    for (const { microflow } of list) expect(readme).toContain(`| \`${microflow}\` |`);
    const section = readme.slice(readme.indexOf("## Steps left to your judgement"), readme.indexOf("## What has not been verified"));
    expect(section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Microflow") && !l.startsWith("| ---"))).toHaveLength(list.length);
  });

  it("finds notes nested in decisions", () => {
    const plan = structuredClone(planFor("erp-basic"));
    flow(plan, "DS_ConnectionDetails_Get").steps.splice(1, 0, {
      kind: "decision",
      caption: "x",
      condition: { k: "bool", value: true },
      then: [{ kind: "note", text: "Decide this." }],
      else: [],
    });
    expect(annotations(plan)).toContainEqual({ microflow: "DS_ConnectionDetails_Get", text: "Decide this." });
  });
});
