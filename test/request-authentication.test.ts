// How a Call REST authenticates, per scheme, in both appliers: basic uses Call REST's built-in HTTP
// authentication with the decrypted password (Mendix expressions have no Base64, so no microflow can
// build the Authorization header); api-token sends the header the answers file names, fixed at
// generation. The real ACT_ConnectionDetails_Test of basic, api-token, none and saml, read from the
// Model SDK model the kit's script builds offline and from the MDL the kit writes. Then SECURITY.md:
// every microflow described, and the OAuth sequence diagrams free of user text.
import { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { kitFromSpec } from "../src/lib/kit/pipeline.js";
import { renderSecurityMd } from "../src/lib/kit/security-md.js";
import { sequenceDiagram } from "../src/lib/plan/schemes/diagrams.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../src/lib/plan/types.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import type { Spec } from "../src/lib/spec/schema.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { hostileAnswers, NASTY, plainAnswers } from "./hostile-corpus.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { answers, AUTH, EXAMPLES, planFor, planFrom } from "./helpers/spec.js";

const TEST = "ACT_ConnectionDetails_Test";
const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
const flow = (plan: Plan, name: string): PlanMicroflow => {
  const found = plan.microflows.find((m) => m.name === name);
  if (!found) throw new Error(`no microflow ${name}`);
  return found;
};

/** Every Call REST and microflow call the Model SDK script builds in one microflow (offline stand-in model). */
async function sdkActions(plan: Plan, name: string) {
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
  const made = model.findMicroflowByQualifiedName(`${plan.module}.${name}`) as microflows.Microflow;
  const actions = made.objectCollection.objects.flatMap((o) => (o instanceof microflows.ActionActivity && o.action ? [o.action] : []));
  return {
    rests: actions.filter((a): a is microflows.RestCallAction => a instanceof microflows.RestCallAction),
    calls: actions.filter((a): a is microflows.MicroflowCallAction => a instanceof microflows.MicroflowCallAction),
  };
}

/** The restCallStatement parts of one microflow in the kit's MDL, as the transcribed grammar reads them. */
function mdlRests(plan: Plan, name: string): string[][] {
  const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
  const body = parseMdl(script).bodies.find((b) => b.microflow.at(-1) === name)!.body;
  const flat = (list: typeof body): typeof body => list.flatMap((a) => [a, ...flat(a.then ?? []), ...flat(a.else ?? [])]);
  return flat(body).filter((a) => a.rule === "restCallStatement").map((a) => a.parts);
}

describe("basic: Call REST's built-in HTTP authentication with the decrypted password", () => {
  for (const [label, plan] of [
    ["database", planFor("erp-basic")],
    ["constant", planFrom(answers(`${AUTH.basic}\nsecretStorage: constant`))],
  ] as const) {
    it(`${label}: the plan declares no Authorization header and no SUB_Request_Authenticate`, () => {
      const rests = all(flow(plan, TEST).steps).filter((s) => s.kind === "rest");
      expect(rests).toHaveLength(1);
      expect(rests[0]).toMatchObject({ headers: [], basicAuth: { user: { k: "attr", var: "ConnectionDetails", attribute: "Username" }, password: { k: "var", name: "Password" } } });
      expect(plan.microflows.map((m) => m.name)).not.toContain("SUB_Request_Authenticate");
    });

    it(`${label}: the SDK script sets useAuthentication with the password from SUB_ConnectionDetails_GetPassword, and no header`, async () => {
      const { rests, calls } = await sdkActions(plan, TEST);
      expect(rests).toHaveLength(1);
      const http = rests[0]!.httpConfiguration;
      expect(http.useAuthentication).toBe(true);
      expect(http.httpAuthenticationUserName).toBe("$ConnectionDetails/Username");
      expect(http.authenticationPassword).toBe("$Password");
      expect(http.headerEntries.map((h) => h.key)).toEqual([]);
      const password = calls.find((c) => c.outputVariableName === "Password")!;
      expect(password.microflowCall.microflowQualifiedName).toBe(`${plan.module}.SUB_ConnectionDetails_GetPassword`);
    });

    it(`${label}: the MDL writes auth basic with the same expressions, and no header`, () => {
      const [rest] = mdlRests(plan, TEST);
      expect(rest).toContain("basic $ConnectionDetails/Username $Password");
      expect(rest!.filter((p) => p.startsWith("header "))).toEqual([]);
    });
  }

  it("the password it sends is the decrypted one: SUB_ConnectionDetails_GetPassword returns DecryptString's result, after the endpoint check", () => {
    const get = flow(planFor("erp-basic"), "SUB_ConnectionDetails_GetPassword");
    expect(get.steps.map((s) => s.kind)).toEqual(["decision", "callJava", "return"]);
    expect(get.steps[1]).toMatchObject({ kind: "callJava", action: "Encryption.DecryptString", out: "Password" });
    expect(get.steps[2]).toEqual({ kind: "return", value: { k: "var", name: "Password" } });
  });
});

describe("api-token: the header the answers file names, fixed at generation, in both appliers", () => {
  for (const [label, yaml, header] of [
    ["default", answers(AUTH["api-token"]), "Authorization"],
    ["custom", answers(`${AUTH["api-token"]}\nheaderName: X-Weather-Key\ntokenPrefix: ""`), "X-Weather-Key"],
    ["weather-api-token example (an existing mxsecure.yaml)", "", "X-Api-Key"],
  ] as const) {
    const plan = yaml ? planFrom(yaml) : planFor("weather-api-token");
    it(`${label}: ${header}`, async () => {
      expect(plan.auth.headerName).toBe(header);
      expect(plan.entities.flatMap((e) => e.attributes.map((a) => a.name))).not.toContain("HeaderName");
      const { rests, calls } = await sdkActions(plan, TEST);
      expect(rests.map((r) => r.httpConfiguration.headerEntries.map((h) => [h.key, h.value]))).toEqual([[[header, "$AuthenticationHeader"]]]);
      expect(rests[0]!.httpConfiguration.useAuthentication).toBe(false);
      expect(calls.find((c) => c.outputVariableName === "AuthenticationHeader")!.microflowCall.microflowQualifiedName).toBe(`${plan.module}.SUB_Request_Authenticate`);
      expect(mdlRests(plan, TEST).map((parts) => parts.filter((p) => p.startsWith("header ")))).toEqual([[`header ${header}=$AuthenticationHeader`]]);
    });
  }
});

describe(`${TEST} of basic, api-token, none and saml: real steps`, () => {
  // The OAuth examples' tests belong to their schemes' own flows (token requests); these four call BaseUrl.
  const OWN = EXAMPLES.filter((e) => !["oauth-client-credentials", "oauth-authorization-code"].includes(planFor(e).auth.scheme));

  it("covers the four schemes", () => {
    expect(new Set(OWN.map((e) => planFor(e).auth.scheme))).toEqual(new Set(["basic", "api-token", "none", "saml"]));
  });

  it.each(OWN)("%s: no note step; committed ConnectionDetails, GET BaseUrl continuing on error, a message per status", (example) => {
    const plan = planFor(example);
    const test = flow(plan, TEST);
    const steps = all(test.steps);
    expect(steps.filter((s) => s.kind === "note")).toEqual([]);
    expect(test.steps[0]).toEqual({ kind: "retrieve", out: "ConnectionDetails", entity: "ConnectionDetails", where: [], first: true });
    const rest = steps.find((s) => s.kind === "rest");
    expect(rest).toMatchObject({ method: "GET", url: { text: "{1}", args: [{ k: "attr", var: "ConnectionDetails", attribute: "BaseUrl" }] }, onError: "continue" });
    const messages = steps.flatMap((s) => (s.kind === "showMessage" ? [[s.level, s.message.text]] : []));
    expect(messages.filter(([level]) => level === "Information")).toEqual([["Information", "Connected."]]);
    expect(messages.find(([, text]) => /\(HTTP status \{1\}\)\.$/.test(text!))?.[1]).toMatch(/refused/);
    expect(messages.at(-1)).toEqual(["Error", "The service answered with HTTP status {1}."]);
  });

  it.each(OWN)("%s: no message and no log shows anything but the HTTP status", (example) => {
    const steps = all(flow(planFor(example), TEST).steps);
    const args = steps.flatMap((s) => (s.kind === "showMessage" ? s.message.args : s.kind === "log" ? s.message.args : []));
    expect(args.every((a) => a.k === "httpStatus")).toBe(true);
    expect(steps.some((s) => s.kind === "log")).toBe(false);
  });

  it("a 2xx answer is the only way to return true, and the 401/403 decision sits after it", () => {
    const test = flow(planFor("erp-basic"), TEST);
    const decisions = test.steps.filter((s): s is Extract<MicroflowStep, { kind: "decision" }> => s.kind === "decision");
    expect(decisions.map((d) => d.caption)).toEqual(["Nothing saved yet?", "No answer?", "Answered 2xx?", "Answered 401 or 403?"]);
    const trueReturns = all(test.steps).filter((s) => s.kind === "return" && s.value?.k === "bool" && s.value.value);
    expect(trueReturns).toHaveLength(1);
    expect(decisions[2]!.then).toContainEqual({ kind: "return", value: { k: "bool", value: true } });
  });
});

function validSpec(data: unknown): Spec {
  const result = validateSpec(data);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.spec;
}

/** The ```mermaid blocks of SECURITY.md that hold a sequence diagram. */
function sequenceBlocks(securityMd: string): string[] {
  return [...securityMd.matchAll(/```mermaid\n(sequenceDiagram\n[\s\S]*?)\n```/g)].map((m) => m[1]!);
}

describe("SECURITY.md", () => {
  it.each(EXAMPLES)("%s: describes every microflow of the plan, with what it calls and sends", (example) => {
    const plan = planFor(example);
    const md = renderSecurityMd(plan).contents;
    const section = md.slice(md.indexOf("### What each microflow does"), md.indexOf("## Deployment checklist"));
    for (const m of plan.microflows) expect(section, m.name).toContain(`#### \`${m.name}\``);
    expect(section.match(/^#### /gm)).toHaveLength(plan.microflows.length);
  });

  it("says what the basic test sends, from its steps", () => {
    const md = renderSecurityMd(planFor("erp-basic")).contents;
    expect(md).toContain("it calls `SUB_ConnectionDetails_GetPassword`; it sends GET to BaseUrl with HTTP basic authentication.");
    const weather = renderSecurityMd(planFor("weather-api-token")).contents;
    expect(weather).toContain("it calls `SUB_Request_Authenticate`; it sends GET to BaseUrl with header X-Api-Key.");
  });

  it("draws one sequence diagram per OAuth scheme and none for the others", () => {
    const count = (example: string) => sequenceBlocks(renderSecurityMd(planFor(example)).contents).length;
    expect(count("billing-client-credentials")).toBe(1);
    expect(count("acme-crm-oauth")).toBe(1);
    for (const example of ["erp-basic", "weather-api-token", "open-data-none", "portal-saml"]) expect(count(example)).toBe(0);
    const code = sequenceBlocks(renderSecurityMd(planFor("acme-crm-oauth")).contents)[0]!;
    for (const step of ["S256", "state", "ConsumeOnce deletes it in its own transaction (one time", "code_verifier", "grant_type=refresh_token", "Disconnect"]) expect(code).toMatch(step === "code_verifier" ? /decrypted verifier/ : new RegExp(step.replace(/[()]/g, "\\$&")));
  });

  /** The hostile answers with the client-credentials scheme: its token URL and scopes carry the text too. */
  const clientCredentials = (answersData: Record<string, unknown>) => {
    const auth = answersData.auth as { tokenUrl: string; scopes: string[] };
    return { ...answersData, auth: { scheme: "oauth-client-credentials", tokenUrl: auth.tokenUrl, scopes: auth.scopes } };
  };
  const diagramsOf = (answersData: Record<string, unknown>) =>
    sequenceBlocks(kitFromSpec(validSpec(answersData)).files.find((f) => f.path === "SECURITY.md")!.contents);

  it.each(Object.keys(NASTY))("hostile text (%s) never reaches a sequence diagram: the blocks equal the plain kit's", (name) => {
    for (const shape of [(a: Record<string, unknown>) => a, clientCredentials]) {
      const hostile = diagramsOf(shape(hostileAnswers(NASTY[name]!)));
      expect(hostile).toHaveLength(1);
      expect(hostile).toEqual(diagramsOf(shape(plainAnswers())));
    }
  });

  it("a diagram line with text Mermaid could read as markup is refused when the plan is built", () => {
    for (const bad of ["A->>B: x; B->>C: y", "A->>B: #35; entity", "A->>B: <b>bold</b>", `A->>B: "quoted"`, "A->>B: two\nlines", "A->>B: it's"]) {
      expect(() => sequenceDiagram("t", [bad])).toThrow(/Mermaid could read as markup/);
    }
    expect(sequenceDiagram("t", ["A->>B: plain words (S256), a=b"]).mermaid).toBe("sequenceDiagram\n  A->>B: plain words (S256), a=b");
  });
});
