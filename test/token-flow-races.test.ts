// Issue 20: the token flows under concurrency, rollback and a widened scope, in the plan and in
// what both appliers make of it (the MDL script through the transcribed grammar, the Model SDK
// script's real microflow objects). Each assertion failed on main before issue 20:
// - the refresh committed the rotated tokens in the caller's transaction (a later rollback brought
//   an invalidated refresh token back) and deleted the UserToken on a refusal even when a
//   concurrent request had already rotated it (RFC 9700 section 4.14.2);
// - the callback deleted the one-time state with a microflow delete, which a later error (decrypt,
//   encrypt) rolls back (docs.mendix.com/refguide/error-handling-in-microflows/), and two callbacks
//   that both passed the retrieve both went on;
// - no scope was stored or compared (RFC 6749 sections 3.3, 5.1).
import { pages, type microflows } from "mendixmodelsdk";
import { SNIPPET_MANUAL_STEPS } from "../src/lib/targets/mdl/pages.js";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/lib/plan/types.js";
import { allSteps, type MicroflowStep } from "../src/lib/plan/steps.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { canonical, sdkActivities, type Activity } from "./helpers/activities.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { planFor, specForExample } from "./helpers/spec.js";
import { runChecks } from "../src/lib/checks/index.js";

const plan = planFor("acme-crm-oauth");
const M = plan.module;
const steps = (name: string): MicroflowStep[] => allSteps(plan.microflows.find((m) => m.name === name)!.steps);

/** Each activity as one line, in run order (a decision, then its then, then its else). */
function lines(activities: Activity[]): string[] {
  return activities.flatMap((a) => [`${a.rule} ${a.parts.join(" | ")}`, ...lines(a.then ?? []), ...lines(a.else ?? [])]);
}

async function appliers(): Promise<Record<"mdl" | "sdk", (microflow: string) => string[]>> {
  const parsed = parseMdl(renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents);
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
  return {
    mdl: (name) => lines(canonical(parsed.bodies.find((b) => b.microflow.at(-1) === name)!.body, "")),
    sdk: (name) => lines(canonical(sdkActivities(model.findMicroflowByQualifiedName(`${M}.${name}`) as microflows.Microflow))),
  };
}

const index = (all: string[], pattern: RegExp) => all.findIndex((l) => pattern.test(l));

describe("SUB_UserToken_Refresh (plan)", () => {
  const refresh = steps("SUB_UserToken_Refresh");

  it("never changes or commits the UserToken in the caller's transaction: StoreRefreshedToken commits in its own", () => {
    expect(refresh.filter((s) => (s.kind === "commit" || s.kind === "change") && /UserToken/.test(s.variable))).toEqual([]);
    const store = refresh.find((s) => s.kind === "callJava" && s.action === `${M}.StoreRefreshedToken`);
    expect(store).toMatchObject({ args: expect.arrayContaining([{ param: "expectedRefreshToken", value: { k: "attr", var: "UserToken", attribute: "EncryptedRefreshToken" } }]) });
  });

  it("re-reads the stored token before refreshing and leaves one another request rotated alone", () => {
    const reread = refresh.findIndex((s) => s.kind === "retrieve" && s.entity === "UserToken");
    const rotated = refresh.findIndex((s) => s.kind === "decision" && s.caption === "Rotated by another request?");
    const post = refresh.findIndex((s) => s.kind === "rest");
    expect(reread).toBeGreaterThanOrEqual(0);
    expect(rotated).toBeGreaterThan(reread);
    expect(post).toBeGreaterThan(rotated);
  });

  it("deletes a refused refresh token only through ConsumeOnce, while it is still the stored one", () => {
    const refused = refresh.find((s) => s.kind === "decision" && s.caption === "Refused, or no access token?") as Extract<MicroflowStep, { kind: "decision" }>;
    expect(refused.then.filter((s) => s.kind === "delete")).toEqual([]);
    expect(refused.then).toContainEqual(
      expect.objectContaining({
        kind: "callJava",
        action: `${M}.ConsumeOnce`,
        args: [
          { param: "entity", value: { k: "str", value: `${M}.UserToken` } },
          { param: "ownerAssociation", value: { k: "str", value: `${M}.UserToken_User` } },
          { param: "attribute", value: { k: "str", value: "EncryptedRefreshToken" } },
          { param: "value", value: { k: "attr", var: "UserToken", attribute: "EncryptedRefreshToken" } },
        ],
      }),
    );
  });
});

describe("SUB_Request_Authenticate (plan)", () => {
  it("decrypts the access token of a token re-read after the refresh, not the object read before it", () => {
    const auth = steps("SUB_Request_Authenticate");
    const refresh = auth.findIndex((s) => s.kind === "callMicroflow" && s.microflow === "SUB_UserToken_Refresh");
    const decrypt = auth.find((s) => s.kind === "callJava" && s.action === "Encryption.DecryptString" && s.out === "AccessToken") as Extract<MicroflowStep, { kind: "callJava" }>;
    const from = (decrypt.args[0]!.value as { var: string }).var;
    const reread = auth.findIndex((s) => s.kind === "retrieve" && s.out === from);
    expect(reread).toBeGreaterThan(refresh);
  });
});

describe("ACT_UserToken_Callback (plan)", () => {
  const callback = steps("ACT_UserToken_Callback");

  it("consumes the one-time state in its own transaction before anything can fail, and stops unless this call consumed it", () => {
    expect(callback.filter((s) => s.kind === "delete")).toEqual([]);
    const consume = callback.findIndex((s) => s.kind === "callJava" && s.action === `${M}.ConsumeOnce`);
    const guard = callback.findIndex((s) => s.kind === "decision" && s.caption === "Used by another callback?");
    const firstFallible = callback.findIndex((s) => s.kind === "callJava" && s.action.startsWith("Encryption."));
    expect(consume).toBeGreaterThanOrEqual(0);
    expect(guard).toBe(consume + 1);
    expect(firstFallible).toBeGreaterThan(guard);
  });

  it("stores the requested scope with the request and refuses a token response granting more, before storing the token", () => {
    const start = steps("SUB_UserToken_AuthorizationUrl").find((s) => s.kind === "create" && s.entity === "AuthorizationRequest") as Extract<MicroflowStep, { kind: "create" }>;
    expect(start.members).toContainEqual({ attribute: "Scope", value: { k: "var", name: "Scope" } });
    const check = callback.findIndex((s) => s.kind === "callJava" && s.action === `${M}.ScopeWithin`);
    const refuse = callback.findIndex((s) => s.kind === "decision" && s.caption === "Granted more than requested?");
    const store = callback.findIndex((s) => (s.kind === "create" || s.kind === "change") && s.members.some((m) => "attribute" in m && m.attribute === "GrantedScope"));
    expect(check).toBeGreaterThan(callback.findIndex((s) => s.kind === "rest"));
    expect(refuse).toBe(check + 1);
    expect(store).toBeGreaterThan(refuse);
    const entity = plan.entities.find((e) => e.name === "UserToken")!;
    expect(entity.attributes.map((a) => a.name)).toContain("GrantedScope");
  });
});

describe.each(["mdl", "sdk"] as const)("the %s applier renders the race-free steps", (target) => {
  it("refresh: StoreRefreshedToken and ConsumeOnce calls, no commit of the UserToken", async () => {
    const flow = (await appliers())[target]("SUB_UserToken_Refresh");
    expect(index(flow, new RegExp(`^callJavaActionStatement Stored \\| ${M}\\.StoreRefreshedToken`))).toBeGreaterThan(index(flow, /^callJavaActionStatement .*Encryption\.EncryptString/));
    expect(index(flow, new RegExp(`^callJavaActionStatement Deleted \\| ${M}\\.ConsumeOnce`))).toBeGreaterThan(0);
    expect(flow.filter((l) => /^commitStatement/.test(l))).toEqual([]);
    // Only the two "no refresh token at all" branches delete in the microflow: nothing to race for there.
    expect(flow.filter((l) => /^deleteObjectStatement/.test(l))).toHaveLength(2);
  });

  it("callback: ConsumeOnce before the first decrypt; no delete of the request; ScopeWithin before the token is stored", async () => {
    const flow = (await appliers())[target]("ACT_UserToken_Callback");
    const consume = index(flow, new RegExp(`^callJavaActionStatement Consumed \\| ${M}\\.ConsumeOnce .*'State'`));
    expect(consume).toBeGreaterThan(0);
    expect(index(flow, /Encryption\.DecryptString/)).toBeGreaterThan(consume);
    expect(flow.filter((l) => /^deleteObjectStatement/.test(l))).toEqual([]);
    expect(index(flow, new RegExp(`^callJavaActionStatement ScopeAllowed \\| ${M}\\.ScopeWithin`))).toBeLessThan(index(flow, /^commitStatement NewUserToken/));
  });
});

// Issue 20: whitespace and control characters in every URL, at save, at use and in the startup check.
describe("URLs with a space or control character", () => {
  const blank = (l: string) => l.includes("isMatch(") && l.includes("p{Cc}");

  it("are refused by the save, by each decrypt sub and token guard (use), and named by the startup check", () => {
    const save = steps("ACT_ConnectionDetails_Save");
    for (const url of ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"]) {
      const refuse = save.find((s) => s.kind === "decision" && s.caption === `${url} has a space or control character?`) as Extract<MicroflowStep, { kind: "decision" }>;
      expect(refuse.then[0], url).toMatchObject({ kind: "validationFeedback", attribute: url });
      expect(steps("ASu_ConnectionDetails_Check").some((s) => s.kind === "decision" && s.caption === `${url} has a space or control character?`), url).toBe(true);
    }
    const guard = steps("SUB_ConnectionDetails_GetClientSecret")[0] as Extract<MicroflowStep, { kind: "decision" }>;
    expect(JSON.stringify(guard.condition)).toContain('"isMatch"');
    const tokenGuard = steps("SUB_Request_Authenticate").find((s) => s.kind === "decision" && s.caption === "Endpoints changed since the secret was entered?");
    expect(JSON.stringify(tokenGuard)).toContain('"isMatch"');
  });

  it.each(["mdl", "sdk"] as const)("the %s applier renders the check in the save and the startup check", async (target) => {
    const a = await appliers();
    // BaseUrl, AuthorizationUrl, TokenUrl, RevocationUrl.
    expect(a[target]("ACT_ConnectionDetails_Save").filter(blank)).toHaveLength(4);
    expect(a[target]("ASu_ConnectionDetails_Check").filter(blank)).toHaveLength(4);
    expect(a[target]("SUB_ConnectionDetails_GetClientSecret").filter(blank)).toHaveLength(1);
  });
});

describe("the api-token header sub-microflow", () => {
  const apiPlan = planFor("weather-api-token");
  const auth = allSteps(apiPlan.microflows.find((m) => m.name === "SUB_Request_Authenticate")!.steps);

  it("returns empty, with a warning, when nothing is saved, before reading a setting", () => {
    const guard = auth.findIndex((s) => s.kind === "decision" && s.caption === "Not configured?");
    const firstRead = auth.findIndex((s) => JSON.stringify(s).includes('"var":"ConnectionDetails"') && !(s.kind === "decision" && s.caption === "Not configured?"));
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(firstRead);
  });

  it("returns empty, with a warning, when no token can be used, never a prefix alone", () => {
    const none = auth.find((s) => s.kind === "decision" && s.caption === "No API token?") as Extract<MicroflowStep, { kind: "decision" }>;
    expect(none.then.map((s) => s.kind)).toEqual(["log", "return"]);
    expect(none.then[1]).toEqual({ kind: "return", value: { k: "empty" } });
    expect(auth.findIndex((s) => s === none)).toBeLessThan(auth.findIndex((s) => s.kind === "decision" && s.caption === "A token prefix set?"));
  });
});

// The audit catches the use-time and save-time URL checks gone (issue 20).
describe("the audit of the URL checks", () => {
  const audited = (example: string, mutate: (plan: Plan) => void) => {
    const spec = specForExample(example);
    const mutatedPlan = structuredClone(planFor(example));
    mutate(mutatedPlan);
    return runChecks(spec, mutatedPlan).map((f) => `${f.rule}: ${f.message}`);
  };
  const findFlow = (p: Plan, name: string) => p.microflows.find((m) => m.name === name)!;

  it("passes the plan as built", () => {
    expect(audited("billing-client-credentials", () => {}).filter((f) => /SecretFollowsEndpoint|HttpsOnly|SaveFlow/.test(f))).toEqual([]);
  });

  it("SecretFollowsEndpoint catches a decrypt sub that compares the endpoints but no longer refuses a space in one", () => {
    const out = audited("billing-client-credentials", (p) => {
      const guard = findFlow(p, "SUB_ConnectionDetails_GetClientSecret").steps[0] as Extract<MicroflowStep, { kind: "decision" }>;
      // Keep only the joined comparison (main's guard).
      let condition = guard.condition;
      while (condition.k === "op" && condition.op === "or") condition = condition.left;
      guard.condition = condition;
    });
    expect(out).toContainEqual(expect.stringMatching(/^SecretFollowsEndpoint: SUB_ConnectionDetails_GetClientSecret decrypts without first comparing/));
  });

  it("TokenFlowsHold catches a save without the space-or-control-character check", () => {
    const out = audited("billing-client-credentials", (p) => {
      const save = findFlow(p, "ACT_ConnectionDetails_Save");
      save.steps = save.steps.filter((s) => !(s.kind === "decision" && s.caption === "TokenUrl has a space or control character?"));
    });
    expect(out).toContain("TokenFlowsHold: ACT_ConnectionDetails_Save does not refuse a space or control character in TokenUrl, so the endpoints the secrets are bound to can be split differently");
  });
});

describe("TokenFlowsHold on the OAuth flows", () => {
  const audited = (mutate: (plan: Plan) => void) => {
    const mutatedPlan = structuredClone(plan);
    mutate(mutatedPlan);
    return runChecks(specForExample("acme-crm-oauth"), mutatedPlan).filter((f) => f.rule === "TokenFlowsHold").map((f) => f.message);
  };
  const flowOf = (p: Plan, name: string) => p.microflows.find((m) => m.name === name)!;

  it("passes every example as built", () => {
    for (const example of ["acme-crm-oauth", "billing-client-credentials", "erp-basic", "weather-api-token", "open-data-none", "portal-saml", "hostile-text"]) {
      expect(runChecks(specForExample(example), planFor(example)).filter((f) => f.rule === "TokenFlowsHold"), example).toEqual([]);
    }
  });

  it("catches main's callback: a microflow delete of the state instead of ConsumeOnce", () => {
    const out = audited((p) => {
      const callback = flowOf(p, "ACT_UserToken_Callback");
      const at = callback.steps.findIndex((s) => s.kind === "callJava" && s.action.endsWith(".ConsumeOnce"));
      callback.steps.splice(at, 2, { kind: "delete", variable: "AuthorizationRequest" });
    });
    expect(out).toEqual([expect.stringMatching(/^ACT_UserToken_Callback does not consume the one-time state/)]);
  });

  it("catches a callback that stores the token without the scope check", () => {
    const out = audited((p) => {
      const callback = flowOf(p, "ACT_UserToken_Callback");
      callback.steps = callback.steps.filter((s) => !(s.kind === "callJava" && s.action.endsWith(".ScopeWithin")) && !(s.kind === "decision" && s.caption === "Granted more than requested?"));
    });
    expect(out).toEqual([expect.stringMatching(/^ACT_UserToken_Callback stores the token without comparing the granted scope/)]);
  });

  it("catches main's refresh: a commit in the caller's transaction, and a delete on refusal", () => {
    const out = audited((p) => {
      const refresh = flowOf(p, "SUB_UserToken_Refresh");
      const refused = refresh.steps.find((s) => s.kind === "decision" && s.caption === "Refused, or no access token?") as Extract<MicroflowStep, { kind: "decision" }>;
      refused.then = refused.then.map((s) => (s.kind === "callJava" ? { kind: "delete", variable: "UserToken" } : s));
      const store = refresh.steps.findIndex((s) => s.kind === "callJava" && s.action.endsWith(".StoreRefreshedToken"));
      refresh.steps.splice(store, 1, { kind: "commit", variable: "UserToken", events: true });
    });
    expect(out).toEqual([
      expect.stringMatching(/^SUB_UserToken_Refresh stores the rotated tokens in the caller's transaction/),
      expect.stringMatching(/^SUB_UserToken_Refresh deletes the UserToken when the provider refuses the refresh/),
    ]);
  });
});

describe("the startup check warns about an Application Root URL that is not HTTPS (authorization code only)", () => {
  it("reads it with GetApplicationRootUrl and logs a warning, never the value", () => {
    const check = steps("ASu_ConnectionDetails_Check");
    const read = check.findIndex((s) => s.kind === "callJava" && s.action === `${M}.GetApplicationRootUrl`);
    const warn = check.find((s) => s.kind === "decision" && s.caption === "Application Root URL not HTTPS?") as Extract<MicroflowStep, { kind: "decision" }>;
    expect(read).toBeGreaterThanOrEqual(0);
    expect(warn.then).toEqual([expect.objectContaining({ kind: "log", level: "Warning", message: expect.objectContaining({ args: [] }) })]);
    expect(allSteps(planFor("billing-client-credentials").microflows.find((m) => m.name === "ASu_ConnectionDetails_Check")!.steps).some((s) => s.kind === "callJava")).toBe(false);
  });

  it.each(["mdl", "sdk"] as const)("the %s applier renders it", async (target) => {
    const flow = (await appliers())[target]("ASu_ConnectionDetails_Check");
    expect(index(flow, new RegExp(`^callJavaActionStatement AppRootUrl \\| ${M}\\.GetApplicationRootUrl`))).toBeGreaterThanOrEqual(0);
  });
});

describe("the checklist says what the kit cannot enforce", () => {
  it.each(["acme-crm-oauth", "weather-api-token", "open-data-none"])("%s", (example) => {
    const list = planFor(example).checklist.join("\n");
    expect(list).toContain("anonymous (guest) user role and to no demo user");
    expect(list).toContain("Application Root URL");
    if (example !== "open-data-none") {
      expect(list).toContain("Call REST follows HTTP redirects");
      expect(list).toContain("REST Consume log node");
    }
  });
});

describe("Disconnect revokes the refresh token at RevocationUrl (RFC 7009)", () => {
  it("deletes the UserToken first in its own transaction (ConsumeOnce), then decrypts and calls SUB_UserToken_Revoke; no role can delete a UserToken past it", () => {
    const disconnect = steps("ACT_UserToken_Disconnect");
    const consume = disconnect.findIndex((s) => s.kind === "callJava" && s.action === `${M}.ConsumeOnce`);
    const revoke = disconnect.find((s) => s.kind === "callMicroflow" && s.microflow === "SUB_UserToken_Revoke") as Extract<MicroflowStep, { kind: "callMicroflow" }>;
    expect(consume).toBeGreaterThanOrEqual(0);
    expect(disconnect.indexOf(revoke)).toBeGreaterThan(consume);
    expect(revoke.args).toEqual([{ param: "RefreshToken", value: { k: "var", name: "RefreshToken" } }]);
    // Decrypted only after the delete: a decrypt error cannot keep the user connected.
    const decrypt = disconnect.findIndex((s) => s.kind === "callJava" && s.action === "Encryption.DecryptString" && s.out === "RefreshToken");
    expect(decrypt).toBeGreaterThan(consume);
    expect(plan.entities.find((e) => e.name === "UserToken")!.accessRules.every((r) => !r.allowDelete)).toBe(true);
  });

  it("POSTs token and token_type_hint=refresh_token with client authentication, only when RevocationUrl is set and the endpoints are still bound", () => {
    const revoke = plan.microflows.find((m) => m.name === "SUB_UserToken_Revoke")!;
    expect(revoke.allowedRoles).toEqual([]);
    const all = allSteps(revoke.steps);
    const rest = all.find((s) => s.kind === "rest") as Extract<MicroflowStep, { kind: "rest" }>;
    expect(rest).toMatchObject({ method: "POST", url: { text: "{1}", args: [{ k: "attr", var: "ConnectionDetails", attribute: "RevocationUrl" }] }, onError: "continue" });
    expect(rest.body?.text).toBe("token={1}&token_type_hint=refresh_token");
    expect(rest.basicAuth).toBeDefined();
    const at = (caption: string) => all.findIndex((s) => s.kind === "decision" && s.caption === caption);
    expect(at("No revocation endpoint?")).toBeGreaterThanOrEqual(0);
    expect(at("Endpoints changed since the secret was entered?")).toBeGreaterThan(at("No revocation endpoint?"));
    expect(all.indexOf(rest)).toBeGreaterThan(at("Endpoints changed since the secret was entered?"));
  });

  it("HttpsOnly refuses an http:// revocationUrl in the spec", () => {
    const withHttp = structuredClone(plan);
    withHttp.auth.revocationUrl = "http://idp.example.com/revoke";
    expect(runChecks(specForExample("acme-crm-oauth"), withHttp).filter((f) => f.rule === "HttpsOnly").map((f) => f.path)).toEqual(["auth.revocationUrl"]);
  });

  it("is an optional HTTPS setting bound with the client secret, empty unless the spec names one", () => {
    const setting = plan.entities.find((e) => e.name === "ConnectionDetails")!.attributes.find((a) => a.name === "RevocationUrl")!;
    expect(setting.defaultValue ?? "").toBe("");
    expect(plan.auth.secretsBoundTo).toContain("RevocationUrl");
    const save = steps("ACT_ConnectionDetails_Save");
    const https = save.find((s) => s.kind === "decision" && s.caption === "RevocationUrl is not HTTPS?") as Extract<MicroflowStep, { kind: "decision" }>;
    // Empty is allowed (no revocation); anything else must be https://.
    expect(JSON.stringify(https.condition)).toContain('"right":{"k":"empty"}');
  });

  it.each(["mdl", "sdk"] as const)("the %s applier renders the revocation call", async (target) => {
    const flow = (await appliers())[target]("SUB_UserToken_Revoke");
    expect(flow.some((l) => /^(restCallStatement|callRestStatement|restCall)/.test(l) || /RevocationUrl/.test(l))).toBe(true);
    const disconnect = (await appliers())[target]("ACT_UserToken_Disconnect");
    expect(index(disconnect, new RegExp(`^callJavaActionStatement Deleted \\| ${M}\\.ConsumeOnce`))).toBeLessThan(index(disconnect, /SUB_UserToken_Revoke/));
  });
});

describe("the configuration page (issue 20)", () => {
  const erp = planFor("erp-basic");
  const erpSteps = (name: string) => allSteps(erp.microflows.find((m) => m.name === name)!.steps);

  it("creates the one ConnectionDetails with CreateOnce, never with a microflow create", () => {
    const get = erpSteps("DS_ConnectionDetails_Get");
    expect(get.some((s) => s.kind === "create")).toBe(false);
    expect(get).toContainEqual(expect.objectContaining({ kind: "callJava", action: "ErpConnector.CreateOnce" }));
  });

  it("refuses a typed secret over a stored one unless Replace the stored secrets is ticked, before anything is encrypted", () => {
    const save = erp.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!.steps;
    const guard = save.findIndex((s) => s.kind === "decision" && s.caption === "Password typed over a stored one without Replace ticked?");
    const encrypt = save.findIndex((s) => s.kind === "decision" && s.caption === "New Password typed?");
    expect(guard).toBeGreaterThanOrEqual(0);
    expect(encrypt).toBeGreaterThan(guard);
    const g = save[guard] as Extract<MicroflowStep, { kind: "decision" }>;
    expect(g.then).toEqual([expect.objectContaining({ kind: "validationFeedback", variable: "SecretInput", attribute: "Password" }), { kind: "return" }]);
    expect(JSON.stringify(g.condition)).toContain('"attribute":"ReplaceStored"');
    expect(JSON.stringify(g.condition)).toContain('"attribute":"PasswordIsSet"');
  });

  it("shows the Replace check box, editable, next to the password boxes", () => {
    const inner = JSON.stringify(erp.snippets[0]!.widgets);
    expect(inner).toContain('"kind":"checkBox","name":"cbxReplaceStored","label":"Replace the stored secrets","attribute":"ReplaceStored","editable":true');
  });

  it("the audit catches main's page: a microflow create, and a save without the Replace guard", () => {
    const mutated = structuredClone(erp);
    const get = mutated.microflows.find((m) => m.name === "DS_ConnectionDetails_Get")!;
    (get.steps[1] as Extract<MicroflowStep, { kind: "decision" }>).then = [{ kind: "create", out: "New", entity: "ConnectionDetails", members: [] }, { kind: "return", value: { k: "var", name: "New" } }];
    const save = mutated.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!;
    save.steps = save.steps.filter((s) => !(s.kind === "decision" && s.caption.includes("without Replace ticked")));
    expect(runChecks(specForExample("erp-basic"), mutated).filter((f) => f.rule === "TokenFlowsHold").map((f) => f.message)).toEqual([
      "DS_ConnectionDetails_Get creates ConnectionDetails in the microflow, so two Administrators opening the page at once can each create one",
      "ACT_ConnectionDetails_Save replaces a stored Password with whatever the password box holds, so a browser's autofill can replace it unseen",
    ]);
  });

  it("the Model SDK script asks browsers not to autofill a secret box (autocompletePurpose NewPassword); MDL cannot, and says so", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, moduleDefinition(erp) as unknown as ModuleDefinition, recorder());
    const snippet = model.allSnippets().find((s) => s.name === "SNIP_ConnectionDetails")!;
    const boxes: pages.TextBox[] = [];
    snippet.traverse((s) => { if (s instanceof pages.TextBox) boxes.push(s); });
    const secret = boxes.find((b) => b.name === "txtNewPassword")!;
    expect(secret.isPasswordBox).toBe(true);
    expect(secret.autocompletePurpose).toBe(pages.AutocompletePurposeType.NewPassword);
    expect(boxes.find((b) => b.name === "txtBaseUrl")!.autocompletePurpose).toBe(pages.AutocompletePurposeType.On);
    expect(SNIPPET_MANUAL_STEPS.join("\n")).toContain("Autocomplete purpose to New password");
  });
});
