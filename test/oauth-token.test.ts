// The OAuth token request (src/lib/plan/schemes/oauth-token.ts) and the client-credentials scheme
// built on it: the TokenResponse entity, JSON structure and import mapping in both appliers (the
// Model SDK's element paths against mxcli's convention, "(Object)" and "(Object)|<json key>":
// mendixlabs/mxcli sdk/mpr/writer_json_structure.go), the REST call that reads the answer through
// the mapping, the cached token bound to its endpoints, and the connection test. Each mutation at
// the end removes one safeguard and must be caught by the SecretNotDisclosed audit rule.
import { datatypes, importmappings, jsonstructures, microflows, type IModel } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { secretDisclosures } from "../src/lib/checks/secret-flow.js";
import { runChecks } from "../src/lib/checks/index.js";
import { attr, str, v, type Expr, type MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../src/lib/plan/types.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor, specForExample as specFor } from "./helpers/spec.js";

const EXAMPLE = "billing-client-credentials";
const M = "BillingConnector";
const flow = (plan: Plan, name: string): PlanMicroflow => plan.microflows.find((m) => m.name === name)!;
/** Every step of a flow in run order, decisions' branches included. */
const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
const text = (e: Expr) => JSON.stringify(e);

async function sdkModel(plan: Plan, version?: string): Promise<{ model: IModel; warnings: string[] }> {
  const model = await openOfflineModel(fakeServer(), { encryption: true, ...(version ? { version } : {}) });
  const report = recorder();
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, report);
  return { model, warnings: report.warnings };
}

function mdlStatements(plan: Plan) {
  return parseMdl(renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents).statements;
}

describe("the token response documents", () => {
  const plan = planFor(EXAMPLE);

  it("TokenResponse is non-persistable, reachable by no role, its token values sensitive", () => {
    const entity = plan.entities.find((e) => e.name === "TokenResponse")!;
    expect(entity).toMatchObject({ persistable: false, purpose: "token-response", accessRules: [] });
    expect(entity.attributes.map((a) => [a.name, a.type, a.sensitive])).toEqual([
      ["AccessToken", "string", true],
      ["TokenType", "string", true],
      ["ExpiresIn", "integer", false],
      ["RefreshToken", "string", true],
      ["Scope", "string", false], // issue 20: scope names rights, not a credential; stored as UserToken.GrantedScope
    ]);
  });

  it("the import mapping maps every RFC 6749 section 5.1 member of the JSON structure to TokenResponse", () => {
    const [structure] = plan.jsonStructures;
    const [mapping] = plan.importMappings;
    expect(structure!.members.map((m) => m.key)).toEqual(["access_token", "token_type", "expires_in", "refresh_token", "scope"]);
    expect(mapping).toMatchObject({ jsonStructure: structure!.name, entity: "TokenResponse" });
    expect(mapping!.values.map((value) => value.key)).toEqual(structure!.members.map((m) => m.key));
  });

  for (const version of ["10.24.0", "10.14.0", "9.24.0"]) {
    it(`the Model SDK script builds them offline on Mendix ${version}, with the paths mxcli writes`, async () => {
      const { model, warnings } = await sdkModel(plan, version);
      expect(warnings).toEqual([]);
      const structure = model.findJsonStructureByQualifiedName(`${M}.JSON_TokenResponse`) as jsonstructures.JsonStructure;
      expect(JSON.parse(structure.jsonSnippet)).toEqual({ access_token: "token", token_type: "Bearer", expires_in: 3600, refresh_token: "token", scope: "scope" });
      const [root] = structure.elements;
      expect([root!.path, root!.elementType.name, root!.exposedName]).toEqual(["(Object)", "Object", "Root"]);
      expect(root!.children.map((e) => [e.path, e.elementType.name, e.primitiveType.name, e.exposedName, e.maxLength])).toEqual([
        ["(Object)|access_token", "Value", "String", "Access_token", 0],
        ["(Object)|token_type", "Value", "String", "Token_type", 0],
        ["(Object)|expires_in", "Value", "Integer", "Expires_in", -1],
        ["(Object)|refresh_token", "Value", "String", "Refresh_token", 0],
        ["(Object)|scope", "Value", "String", "Scope", 0],
      ]);

      const mapping = model.findImportMappingByQualifiedName(`${M}.IMM_TokenResponse`) as importmappings.ImportMapping;
      expect(mapping.jsonStructureQualifiedName).toBe(`${M}.JSON_TokenResponse`);
      const [object] = mapping.rootMappingElements;
      expect([object!.entityQualifiedName, object!.objectHandling.name, object!.jsonPath]).toEqual([`${M}.TokenResponse`, "Create", "(Object)"]);
      // Each value element points at an element of the JSON structure, and at the attribute of the same member.
      const paths = new Set(root!.children.map((e) => e.path));
      const values = object!.children as importmappings.ImportValueMappingElement[];
      expect(values.map((e) => [e.attributeQualifiedName, e.jsonPath, e.type.structureTypeName])).toEqual([
        [`${M}.TokenResponse.AccessToken`, "(Object)|access_token", "DataTypes$StringType"],
        [`${M}.TokenResponse.TokenType`, "(Object)|token_type", "DataTypes$StringType"],
        [`${M}.TokenResponse.ExpiresIn`, "(Object)|expires_in", "DataTypes$IntegerType"],
        [`${M}.TokenResponse.RefreshToken`, "(Object)|refresh_token", "DataTypes$StringType"],
        [`${M}.TokenResponse.Scope`, "(Object)|scope", "DataTypes$StringType"],
      ]);
      expect(values.every((e) => paths.has(e.jsonPath))).toBe(true);
    });
  }

  it("MDL writes the same snippet and the same attribute-to-member pairs, in the grammar's statements", async () => {
    const statements = mdlStatements(plan);
    const structure = statements.find((s) => s.rule === "createJsonStructureStatement")!;
    const mapping = statements.find((s) => s.rule === "createImportMappingStatement")!;
    // Both precede the microflows that use them.
    expect(statements.indexOf(mapping)).toBeLessThan(statements.findIndex((s) => s.rule === "createMicroflowStatement"));
    expect(statements.indexOf(structure)).toBeLessThan(statements.indexOf(mapping));
    expect(structure.name).toEqual([M, "JSON_TokenResponse"]);
    const [folder, snippet] = structure.parts!;
    expect(folder).toBe("Private");
    const { model } = await sdkModel(plan);
    const sdkStructure = model.findJsonStructureByQualifiedName(`${M}.JSON_TokenResponse`) as jsonstructures.JsonStructure;
    expect(JSON.parse(snippet!)).toEqual(JSON.parse(sdkStructure.jsonSnippet));
    const [withStructure, handling, entity, ...values] = mapping.parts!;
    expect([withStructure, handling, entity]).toEqual([`${M}.JSON_TokenResponse`, "create", `${M}.TokenResponse`]);
    const sdkMapping = model.findImportMappingByQualifiedName(`${M}.IMM_TokenResponse`) as importmappings.ImportMapping;
    const sdkValues = (sdkMapping.rootMappingElements[0]!.children as importmappings.ImportValueMappingElement[]).map(
      (e) => `${e.attributeQualifiedName!.split(".").at(-1)}=${e.jsonPath.replace("(Object)|", "")}`,
    );
    expect(values).toEqual(sdkValues);
  });

  it("only OAuth kits carry them", () => {
    for (const example of EXAMPLES) {
      const oauth = specFor(example).auth.scheme.startsWith("oauth-");
      expect(planFor(example).importMappings.length > 0, example).toBe(oauth);
    }
  });
});

describe("the token request", () => {
  const plan = planFor(EXAMPLE);
  const getValid = flow(plan, "SUB_AccessToken_GetValid");
  const request = all(getValid.steps).find((s) => s.kind === "rest" && s.method === "POST") as Extract<MicroflowStep, { kind: "rest" }>;

  it("POSTs a form body to TokenUrl with HTTP Basic client authentication (RFC 6749 sections 2.3.1, 4.4.2)", () => {
    expect(request.url).toEqual({ text: "{1}", args: [attr("ConnectionDetails", "TokenUrl")] });
    expect(request.headers).toContainEqual({ name: "Content-Type", value: str("application/x-www-form-urlencoded") });
    expect(text(request.basicAuth!.user)).toContain('"attribute":"ClientId"');
    expect(text(request.basicAuth!.password)).toContain('"name":"ClientSecret"');
    expect(request.body).toEqual({ text: "grant_type=client_credentials&scope={1}", args: [{ k: "call", fn: "urlEncode", args: [attr("ConnectionDetails", "Scopes")] }] });
    expect(request).toMatchObject({ onError: "continue", result: { kind: "mapping", mapping: "IMM_TokenResponse", entity: "TokenResponse" } });
    // The secret is the decrypt sub's result, asked for just before, and never part of the URL or a header.
    expect(JSON.stringify([request.url, request.headers])).not.toContain("ClientSecret");
  });

  it("stops on no answer, a refusal, no access token or a token that is not Bearer: the log shows at most the status", () => {
    const failures = all(getValid.steps).filter((s): s is Extract<MicroflowStep, { kind: "decision" }> => s.kind === "decision" && s.then.at(-1)?.kind === "return" && s.then.some((t) => t.kind === "log"));
    const conditions = failures.map((d) => text(d.condition)).join("\n");
    expect(conditions).toContain('{"k":"var","name":"latestHttpResponse"}');
    expect(conditions).toContain('{"k":"httpStatus"},"right":{"k":"int","value":200}');
    expect(conditions).toContain('"attribute":"AccessToken"');
    expect(conditions).toContain('{"k":"str","value":"bearer"}');
    for (const decision of failures) {
      expect(decision.then.at(-1)).toEqual({ kind: "return", value: { k: "empty" } });
      for (const log of decision.then.filter((t) => t.kind === "log")) expect(log.message.args.every((a) => a.k === "httpStatus")).toBe(true);
    }
  });

  it("uses the cached token only while it expires more than 60 s from now and was obtained for the current BaseUrl and TokenUrl", () => {
    const cached = getValid.steps.find((s) => s.kind === "decision" && s.then.some((t) => t.kind === "callJava" && t.action === "Encryption.DecryptString")) as Extract<MicroflowStep, { kind: "decision" }>;
    const condition = text(cached.condition);
    expect(condition).toContain('{"k":"call","fn":"addSeconds","args":[{"k":"token","name":"CurrentDateTime"},{"k":"int","value":60}]}');
    expect(condition).toContain('"attribute":"IssuedForBaseUrl"');
    expect(condition).toContain('"attribute":"IssuedForTokenUrl"');
    expect(condition).toContain('{"k":"attr","var":"ConnectionDetails","attribute":"BaseUrl"}');
    expect(condition).toContain('{"k":"attr","var":"ConnectionDetails","attribute":"TokenUrl"}');
    expect(cached.then.at(-1)).toEqual({ kind: "return", value: v("CachedToken") });
    // The cache check precedes the request: a valid token is never requested again.
    expect(getValid.steps.indexOf(cached)).toBeLessThan(getValid.steps.findIndex((s) => s === request));
  });

  it("stores a new token encrypted in the one AccessToken object, with its expiry and endpoints, and commits it", () => {
    const steps = all(getValid.steps);
    const encrypt = steps.find((s) => s.kind === "callJava" && s.action === "Encryption.EncryptString") as Extract<MicroflowStep, { kind: "callJava" }>;
    expect(encrypt.args[0]).toEqual({ param: "value", value: attr("TokenResponse", "AccessToken") });
    const writes = steps.filter((s) => (s.kind === "change" && s.variable === "AccessToken") || (s.kind === "create" && s.entity === "AccessToken")) as Extract<MicroflowStep, { kind: "change" | "create" }>[];
    expect(writes).toHaveLength(2); // change the cached object, or create the first one
    for (const write of writes) {
      expect(write.members.map((m) => ("attribute" in m ? m.attribute : ""))).toEqual(["EncryptedValue", "ExpiresAt", "IssuedForBaseUrl", "IssuedForTokenUrl"]);
      expect(write.members[0]!.value).toEqual(v("EncryptedToken"));
      expect(text(write.members[1]!.value)).toContain('"fn":"addSeconds"');
    }
    expect(steps.filter((s) => s.kind === "commit").map((s) => (s as { variable: string }).variable)).toEqual(["AccessToken", "NewAccessToken"]);
    // expires_in absent or 0: a short default, not forever.
    expect(steps).toContainEqual({ kind: "declare", out: "ExpiresIn", type: "Integer", value: { k: "int", value: 300 } });
  });

  it("SUB_Request_Authenticate returns Bearer and the token, or empty without one", () => {
    const steps = flow(plan, "SUB_Request_Authenticate").steps;
    expect(steps[0]).toEqual({ kind: "callMicroflow", out: "AccessToken", microflow: "SUB_AccessToken_GetValid", args: [] });
    expect(steps.at(-1)).toEqual({ kind: "return", value: { k: "op", op: "+", left: str("Bearer "), right: v("AccessToken") } });
    expect(all(steps)).toContainEqual({ kind: "return", value: { k: "empty" } });
  });

  it("the connection test requests a fresh token it never stores, then GETs BaseUrl with it, one message per outcome", () => {
    const test = flow(plan, "ACT_ConnectionDetails_Test");
    // Without entity access: the import mapping makes a TokenResponse, which no role may create.
    expect(test).toMatchObject({ applyEntityAccess: false, returnType: "Boolean", parameters: [] });
    const steps = all(test.steps);
    expect(steps.filter((s) => s.kind === "rest").map((s) => (s as { method: string }).method)).toEqual(["POST", "GET"]);
    expect(steps.filter((s) => ["create", "change", "commit", "delete"].includes(s.kind))).toEqual([]);
    const get = steps.find((s) => s.kind === "rest" && s.method === "GET") as Extract<MicroflowStep, { kind: "rest" }>;
    expect(get.url.args).toEqual([attr("ConnectionDetails", "BaseUrl")]);
    expect(get.headers).toEqual([{ name: "Authorization", value: { k: "op", op: "+", left: str("Bearer "), right: attr("TokenResponse", "AccessToken") } }]);
    const messages = steps.filter((s) => s.kind === "showMessage") as Extract<MicroflowStep, { kind: "showMessage" }>[];
    expect(messages.map((m) => m.message.text).join("\n")).toMatch(/invalid_client[\s\S]*HTTP status \{1\}[\s\S]*Connected\.[\s\S]*issued a token, but the service refused it/);
    for (const m of messages) expect(m.message.args.every((a) => a.k === "httpStatus")).toBe(true);
  });

  it("leaves no annotation in the client-credentials flows", () => {
    expect(plan.microflows.flatMap((m) => all(m.steps)).filter((s) => s.kind === "note")).toEqual([]);
  });
});

describe("the REST call that reads the token answer", () => {
  it("in the Model SDK: an import mapping call that makes one uncommitted TokenResponse, kept in $TokenResponse", async () => {
    const plan = planFor(EXAMPLE);
    const { model } = await sdkModel(plan);
    const made = model.findMicroflowByQualifiedName(`${M}.SUB_AccessToken_GetValid`) as microflows.Microflow;
    const rest = made.objectCollection.objects.flatMap((o) => (o instanceof microflows.ActionActivity && o.action instanceof microflows.RestCallAction ? [o.action] : []));
    expect(rest).toHaveLength(1);
    const action = rest[0]!;
    expect(action.resultHandlingType).toBe(microflows.ResultHandlingType.Mapping);
    expect(action.errorHandlingType).toBe(microflows.ErrorHandlingType.Continue);
    const call = action.resultHandling.importMappingCall!;
    expect(call.mappingQualifiedName).toBe(`${M}.IMM_TokenResponse`);
    expect(call.commit).toBe(microflows.CommitEnum.No);
    expect((call.range as microflows.ConstantRange).singleObject).toBe(true);
    expect(action.resultHandling.outputVariableName).toBe("TokenResponse");
    expect((action.resultHandling.variableType as datatypes.ObjectType).entityQualifiedName).toBe(`${M}.TokenResponse`);
    const http = action.httpConfiguration;
    expect([http.useAuthentication, http.httpAuthenticationUserName, http.authenticationPassword]).toEqual([true, "urlEncode($ConnectionDetails/ClientId)", "urlEncode($ClientSecret)"]);
  });
});

describe("SecretNotDisclosed", () => {
  const base = planFor(EXAMPLE);
  const mutate = (change: (plan: Plan) => void) => {
    const plan = structuredClone(base);
    change(plan);
    return secretDisclosures(plan);
  };
  const insertAfterRequest = (plan: Plan, step: MicroflowStep) => {
    const steps = flow(plan, "SUB_AccessToken_GetValid").steps;
    steps.splice(steps.findIndex((s) => s.kind === "rest") + 1, 0, step);
  };

  it("finds nothing in any example, and runs in the audit", () => {
    for (const example of EXAMPLES) expect(secretDisclosures(planFor(example)), example).toEqual([]);
    expect(runChecks(specFor(EXAMPLE), base).filter((f) => f.rule === "SecretNotDisclosed")).toEqual([]);
  });

  it("catches a token in a message", () => {
    const found = mutate((p) => insertAfterRequest(p, { kind: "showMessage", level: "Information", message: { text: "Token {1}", args: [attr("TokenResponse", "AccessToken")] } }));
    expect(found).toEqual([{ microflow: "SUB_AccessToken_GetValid", sink: "a message" }]);
  });

  it("catches a decrypted secret, passed through a variable, in a URL", () => {
    const found = mutate((p) => {
      insertAfterRequest(p, { kind: "declare", out: "Copy", type: "String", value: v("ClientSecret") });
      insertAfterRequest(p, { kind: "rest", out: "Leak", method: "GET", url: { text: "{1}?s={2}", args: [attr("ConnectionDetails", "BaseUrl"), v("Copy")] }, headers: [], onError: "continue" });
      // The declare must run first: move it before the leaking call.
      const steps = flow(p, "SUB_AccessToken_GetValid").steps;
      const at = steps.findIndex((s) => s.kind === "declare" && s.out === "Copy");
      steps.splice(at - 1, 0, steps.splice(at, 1)[0]!);
    });
    expect(found).toEqual([{ microflow: "SUB_AccessToken_GetValid", sink: "the URL of a REST call" }]);
  });

  it("catches a token stored in a plain attribute", () => {
    const found = mutate((p) => {
      const write = all(flow(p, "SUB_AccessToken_GetValid").steps).find((s) => s.kind === "create") as Extract<MicroflowStep, { kind: "create" }>;
      write.members[2] = { attribute: "IssuedForBaseUrl", value: attr("TokenResponse", "AccessToken") };
    });
    expect(found).toEqual([{ microflow: "SUB_AccessToken_GetValid", sink: "the plain attribute AccessToken.IssuedForBaseUrl" }]);
  });

  it("catches a secret returned to the client, through a chain of calls", () => {
    const found = mutate((p) => {
      const test = flow(p, "ACT_ConnectionDetails_Test");
      test.returnType = "String";
      test.steps = [{ kind: "callMicroflow", out: "Header", microflow: "SUB_Request_Authenticate", args: [] }, { kind: "return", value: v("Header") }];
    });
    expect(found).toEqual([{ microflow: "ACT_ConnectionDetails_Test", sink: "the result of a microflow the client may call" }]);
  });

  // Security review, issue 12: deploy-time secrets and nanoflows were blind spots.
  it("catches a deploy-time constant secret returned to the client (constant storage)", () => {
    const plan = structuredClone(planFor("weather-api-token"));
    const test = flow(plan, "ACT_ConnectionDetails_Test");
    test.returnType = "String";
    test.steps = [{ kind: "callMicroflow", out: "Token", microflow: "SUB_ConnectionDetails_GetApiToken", args: [] }, { kind: "return", value: v("Token") }];
    expect(secretDisclosures(plan)).toEqual([{ microflow: "ACT_ConnectionDetails_Test", sink: "the result of a microflow the client may call" }]);
    const direct = structuredClone(planFor("weather-api-token"));
    flow(direct, "ACT_ConnectionDetails_Test").steps.unshift({ kind: "showMessage", level: "Information", message: { text: "Key {1}", args: [{ k: "const", name: "Encryption.EncryptionKey" }] } });
    expect(secretDisclosures(direct)).toEqual([{ microflow: "ACT_ConnectionDetails_Test", sink: "a message" }]);
  });

  it("catches a secret that reaches a nanoflow (the browser)", () => {
    const plan = structuredClone(planFor("acme-crm-oauth"));
    expect(plan.nanoflows.length).toBeGreaterThan(0);
    plan.nanoflows[0]!.steps.unshift({ kind: "callMicroflow", out: "Header", microflow: "SUB_Request_Authenticate", args: [] });
    expect(secretDisclosures(plan)).toEqual([{ microflow: plan.nanoflows[0]!.name, sink: "a nanoflow (the browser), from SUB_Request_Authenticate" }]);
  });

  it("lets the token's lifetime through: expires_in is not a secret", () => {
    const expiry = all(flow(base, "SUB_AccessToken_GetValid").steps).find((s) => s.kind === "set") as Extract<MicroflowStep, { kind: "set" }>;
    expect(expiry.value).toEqual(attr("TokenResponse", "ExpiresIn"));
  });
});
