// Issue 10, the security model's second pass: for each flaw a reviewer found, the plan (and the
// SECURITY.md rendered from it) shows it is gone. The audit catching the opposite is in
// checks-second-pass.test.ts; the three outputs agreeing is in outputs-agree.test.ts.
import { describe, expect, it } from "vitest";
import { renderSecurityMd } from "../src/lib/kit/security-md.js";
import { commitOf, encryptionsOf, endpointClearOf, placedSteps } from "../src/lib/checks/save-flow.js";
import { URL_BLANK_PATTERN } from "../src/lib/plan/connection-steps.js";
import type { Expr, MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../src/lib/plan/types.js";
import { answers, AUTH, entity, EXAMPLES, planFor, planFrom, rule } from "./helpers/spec.js";

const flow = (plan: Plan, name: string): PlanMicroflow => {
  const found = plan.microflows.find((m) => m.name === name);
  if (!found) throw new Error(`no microflow ${name}`);
  return found;
};
const notes = (f: PlanMicroflow) => f.steps.map((s) => (s.kind === "note" ? s.text : `<${s.kind} ${"secret" in s ? s.secret : ""}>`));
const rights = (plan: Plan, entityName: string, role: string) =>
  Object.fromEntries(rule(plan, entityName, role)!.members.map((m) => [m.member, m.rights]));
const security = (plan: Plan) => renderSecurityMd(plan).contents;
/** SECURITY.md's prose with its paragraphs unwrapped (issue 22 wraps them at 100 columns). */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("an endpoint change never sends a stored secret elsewhere", () => {
  it("treats BaseUrl, TokenUrl and AuthorizationUrl as endpoints; the api-token header name is fixed in the model, no endpoint", () => {
    expect(planFor("acme-crm-oauth").auth.endpoints).toEqual(["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"]);
    expect(planFrom(answers(AUTH["api-token"])).auth.endpoints).toEqual(["BaseUrl"]);
    expect(planFor("erp-basic").auth.endpoints).toEqual(["BaseUrl"]);
  });

  it("database secrets: the save compares the endpoint origins with the committed ones and clears secrets, IsSet flags and cached tokens before encrypting", () => {
    const plan = planFor("billing-client-credentials");
    expect(plan.auth.endpointPolicy).toBe("secrets-bound-to-endpoints");
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    const placed = placedSteps(save.steps);
    const committed = placed.find(({ step }) => step.kind === "retrieve" && step.out === "Committed");
    expect(committed?.step).toMatchObject({ entity: "ConnectionDetails", first: true, where: [] });
    const origins = placed.flatMap(({ step }) => (step.kind === "callMicroflow" && step.microflow === "SUB_Url_Origin" ? [step.out] : []));
    expect(origins).toEqual(["CommittedBaseUrlOrigin", "NewBaseUrlOrigin", "CommittedTokenUrlOrigin", "NewTokenUrlOrigin"]);
    const changed = placed.find(({ step }) => step.kind === "decision" && step.caption === "An endpoint changed?")!;
    expect(JSON.stringify(changed.step)).toContain('"left":{"k":"var","name":"CommittedTokenUrlOrigin"},"right":{"k":"var","name":"NewTokenUrlOrigin"}');
    const cleared = placed.filter(({ when }) => when.includes((changed.step as Extract<MicroflowStep, { kind: "decision" }>).condition)).map(({ step }) => step);
    expect(cleared).toEqual([
      { kind: "change", variable: "ConnectionDetails", members: [{ attribute: "EncryptedClientSecret", value: { k: "empty" } }, { attribute: "ClientSecretIsSet", value: { k: "bool", value: false } }] },
      { kind: "retrieve", out: "OldAccessTokenList", entity: "AccessToken", where: [], first: false },
      { kind: "delete", variable: "OldAccessTokenList" },
    ]);
    expect(committed!.order).toBeLessThan(changed.order);
    expect(endpointClearOf(save, "ClientSecret")).toBeLessThan(encryptionsOf(save, "ClientSecret")[0]!.order);
    expect(flat(security(plan))).toContain("A secret is only sent where it was entered for. Each stored secret is bound to the exact values of BaseUrl, TokenUrl");
  });

  it("the api-token save watches BaseUrl only: no runtime setting names the header", () => {
    const plan = planFrom(answers(AUTH["api-token"]));
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    expect(JSON.stringify(save.steps)).not.toContain("HeaderName");
    expect(plan.auth.secretsBoundTo).toEqual(["BaseUrl"]);
  });
  it("deploy-time constant secrets cannot be cleared, so their endpoints are fixed: no role writes them", () => {
    const plan = planFor("weather-api-token");
    expect(plan.auth.endpointPolicy).toBe("fixed");
    expect(rights(plan, "ConnectionDetails", "Administrator")).toEqual({ BaseUrl: "ReadOnly", TokenPrefix: "ReadWrite" });
    expect(plan.checklist.join("\n")).toMatch(/endpoints \(BaseUrl\) are fixed in the model/);
    expect(security(plan)).toMatch(/the endpoints \(BaseUrl\) are fixed in the model and no role may change them/);
  });

  it("a scheme without secrets has nothing to clear and keeps its base URL editable", () => {
    const plan = planFor("open-data-none");
    expect(plan.auth.endpointPolicy).toBe("no-secrets");
    expect(rights(plan, "ConnectionDetails", "Administrator")).toEqual({ BaseUrl: "ReadWrite" });
  });
});

// The review's finding 2: the Administrator writes the endpoints, and a commit past the save (a
// default Save button, mx.data.commit) skips ACT_ConnectionDetails_Save. So the check sits where the
// secret is used: each decrypt sub compares the endpoints with the ones the secret was entered for.
describe("a stored secret is bound to the endpoint values it was entered for", () => {
  // Issue 20: each bound endpoint is compared with its own recorded attribute, combined with `or`.
  const differ = (names: string[]): Expr =>
    names
      .map((name): Expr => ({ k: "op", op: "!=", left: { k: "attr", var: "ConnectionDetails", attribute: `SecretsEntry${name}` }, right: { k: "attr", var: "ConnectionDetails", attribute: name } }))
      .reduce((any, next) => ({ k: "op", op: "or", left: any, right: next }));
  /** Throws unless the flow starts with the binding guard and decrypts only after it. */
  function expectGuardFirst(steps: MicroflowStep[], secret: string, bound: string[]): void {
    const [guard, decrypt, ...rest] = steps;
    // Issue 20: the comparison, or any bound URL holding a space or control character (refused at use too).
    const blank = (url: string) => ({ k: "call", fn: "isMatch", args: [{ k: "attr", var: "ConnectionDetails", attribute: url }, { k: "str", value: URL_BLANK_PATTERN }] });
    const comparison = differ(bound);
    expect(guard).toMatchObject({
      kind: "decision",
      condition: bound.filter((e) => e.endsWith("Url")).reduce((any: object, url) => ({ k: "op", op: "or", left: any, right: blank(url) }), comparison),
      else: [],
    });
    const then = (guard as Extract<MicroflowStep, { kind: "decision" }>).then;
    expect(then.map((s) => s.kind)).toEqual(["log", "return"]);
    expect(then[1]).toEqual({ kind: "return", value: { k: "empty" } });
    expect(decrypt).toMatchObject({ kind: "callJava", out: secret, action: "Encryption.DecryptString" });
    expect((decrypt as Extract<MicroflowStep, { kind: "callJava" }>).args[0]).toEqual({ param: "value", value: { k: "attr", var: "ConnectionDetails", attribute: `Encrypted${secret}` } });
    expect(rest).toEqual([{ kind: "return", value: { k: "var", name: secret } }]);
  }
  const cases: [string, Plan, string, string[]][] = [
    ["erp-basic", planFor("erp-basic"), "Password", ["BaseUrl"]],
    ["api-token", planFrom(answers(AUTH["api-token"])), "ApiToken", ["BaseUrl"]],
    ["billing-client-credentials", planFor("billing-client-credentials"), "ClientSecret", ["BaseUrl", "TokenUrl"]],
    ["acme-crm-oauth", planFor("acme-crm-oauth"), "ClientSecret", ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"]],
  ];

  it.each(cases)("%s: the decrypt sub compares the endpoints first and returns empty when they differ", (_name, plan, secret, bound) => {
    expect(plan.auth.secretsBoundTo).toEqual(bound);
    // Every endpoint that decides where a secret or its tokens go is bound.
    expect(plan.auth.endpoints.filter((e) => !bound.includes(e))).toEqual([]);
    expectGuardFirst(flow(plan, `SUB_ConnectionDetails_Get${secret}`).steps, secret, bound);
  });

  it("a reordered step list (decrypt before the guard) fails that check", () => {
    const steps = flow(planFor("erp-basic"), "SUB_ConnectionDetails_GetPassword").steps;
    expect(() => expectGuardFirst([...steps].reverse(), "Password", ["BaseUrl"])).toThrow();
    expect(() => expectGuardFirst(steps.slice(1), "Password", ["BaseUrl"])).toThrow();
  });

  it("the warning names the settings and never a value (a log step cannot take a variable)", () => {
    const plan = planFor("acme-crm-oauth");
    const guard = flow(plan, "SUB_ConnectionDetails_GetClientSecret").steps[0] as Extract<MicroflowStep, { kind: "decision" }>;
    const log = guard.then[0] as Extract<MicroflowStep, { kind: "log" }>;
    expect(log).toMatchObject({ level: "Warning", message: { args: [] } });
    expect(log.message.text).toBe("ClientSecret is not sent: BaseUrl, AuthorizationUrl, TokenUrl, RevocationUrl changed since it was entered, or holds a space or control character. Enter it again in the connection settings.");
    expect(log.message.text).not.toContain(plan.service.baseUrl);
  });

  it("the binding attributes are system-set: configuration roles read them, no role writes them", () => {
    const plan = planFor("billing-client-credentials");
    expect(plan.auth.bindingAttributes).toEqual(["SecretsEntryBaseUrl", "SecretsEntryTokenUrl"]);
    const rules = entity(plan, "ConnectionDetails").accessRules;
    expect(rules.length).toBeGreaterThan(0);
    for (const name of plan.auth.bindingAttributes!) {
      const attribute = entity(plan, "ConnectionDetails").attributes.find((a) => a.name === name);
      expect(attribute).toMatchObject({ type: "string", length: 0, systemSet: true, encrypted: false });
      for (const r of rules) expect(r.members.find((m) => m.member === name)?.rights).toBe("ReadOnly");
    }
  });

  it("the save records the current endpoint values only when the secret was typed, after clearing and encrypting, before the commit", () => {
    const plan = planFor("acme-crm-oauth");
    const steps = flow(plan, "ACT_ConnectionDetails_Save").steps;
    const record = steps.findIndex((s) => s.kind === "decision" && s.caption === "Secrets entered in this save?");
    // Whoever binds the secret to new endpoints must have typed it: never on a save without it.
    expect(steps[record]).toMatchObject({
      kind: "decision",
      condition: { k: "op", op: "and", left: { k: "op", op: "!=", left: { k: "attr", var: "SecretInput", attribute: "ClientSecret" }, right: { k: "empty" } } },
      // First the tokens obtained for other recorded endpoints go (a rebind), then the new values are recorded.
      then: [
        { kind: "decision", caption: "Bound to other endpoints now?" },
        {
          kind: "change",
          variable: "ConnectionDetails",
          members: ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"].map((name) => ({ attribute: `SecretsEntry${name}`, value: { k: "attr", var: "ConnectionDetails", attribute: name } })),
        },
      ],
      else: [],
    });
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    const recorded = placedSteps(save.steps).find(({ step }) => step === steps[record])!.order;
    expect(endpointClearOf(save, "ClientSecret")).toBeLessThan(encryptionsOf(save, "ClientSecret")[0]!.order);
    expect(encryptionsOf(save, "ClientSecret")[0]!.order).toBeLessThan(recorded);
    expect(steps.slice(record).some((s) => s.kind === "commit")).toBe(true);
  });

  it("constant secrets and schemes without secrets bind nothing and add no attribute", () => {
    for (const name of ["weather-api-token", "open-data-none", "portal-saml"]) {
      const plan = planFor(name);
      expect(plan.auth.secretsBoundTo).toEqual([]);
      expect(plan.auth.bindingAttributes).toBeUndefined();
      expect(entity(plan, "ConnectionDetails").attributes.map((a) => a.name).filter((n) => n.startsWith("SecretsEntry"))).toEqual([]);
    }
  });

  it("SECURITY.md says a direct commit cannot redirect a secret, only stop it", () => {
    const text = flat(security(planFor("billing-client-credentials")));
    expect(text).toContain("Such a commit cannot redirect a secret: the worst it does is make the connector stop sending it until the Administrator enters it again.");
    expect(text).toContain("mx.data.commit");
  });
});

describe("saving without retyping a secret keeps it; clearing is explicit", () => {
  const plan = planFor("erp-basic");

  it("guards each encryption with a typed-and-not-blank decision; commit comes after it", () => {
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    const [encrypt] = encryptionsOf(save, "Password");
    expect(encrypt).toMatchObject({ guarded: true });
    const commit = commitOf(save);
    expect(commit.mainPath).toBe(true);
    expect(commit.order).toBeGreaterThan(encrypt!.order);
  });

  it("clears through ACT_ConnectionDetails_ClearSecrets, for configuration writers only, and commits", () => {
    const clear = flow(plan, "ACT_ConnectionDetails_ClearSecrets");
    expect(clear).toMatchObject({ allowedRoles: ["Administrator"], applyEntityAccess: false, folder: "_USE_ME" });
    // First the HTTPS and the space-or-control-character checks of BaseUrl (the page's object is committed), then the clear.
    expect(clear.steps[0]).toMatchObject({ kind: "decision", caption: "BaseUrl is not HTTPS?" });
    expect(clear.steps[1]).toMatchObject({ kind: "decision", caption: "BaseUrl has a space or control character?" });
    expect(clear.steps.slice(2)).toEqual([
      { kind: "change", variable: "ConnectionDetails", members: [{ attribute: "EncryptedPassword", value: { k: "empty" } }, { attribute: "PasswordIsSet", value: { k: "bool", value: false } }] },
      { kind: "commit", variable: "ConnectionDetails", events: true },
      { kind: "return" },
    ]);
    const billing = flow(planFor("billing-client-credentials"), "ACT_ConnectionDetails_ClearSecrets");
    expect(billing.steps.map((s) => s.kind)).toEqual(["decision", "decision", "decision", "decision", "change", "retrieve", "delete", "commit", "return"]);
    expect(plan.secrets.find((s) => s.name === "Password")?.clearedBy).toBe("ACT_ConnectionDetails_ClearSecrets");
    expect(security(plan)).toContain("Saving the connection details without typing a secret keeps the stored one");
  });

  it("a read-only configuration role may neither save nor clear", () => {
    const billing = planFor("billing-client-credentials");
    expect(flow(billing, "ACT_ConnectionDetails_ClearSecrets").allowedRoles).toEqual(["Administrator"]);
    expect(flow(billing, "ACT_ConnectionDetails_ClearSecrets").allowedRoles).not.toBe(flow(billing, "ACT_ConnectionDetails_Save").allowedRoles);
  });

  it("constant secrets have no clearing microflow (they are set per environment)", () => {
    expect(planFor("weather-api-token").microflows.map((m) => m.name)).not.toContain("ACT_ConnectionDetails_ClearSecrets");
  });
});

describe("the OAuth callback is a real entry point bound to the user's own request", () => {
  const plan = planFor("acme-crm-oauth");
  const callback = flow(plan, "ACT_UserToken_Callback");

  it("has a microflow URL with code and state from the query string", () => {
    expect(callback.url).toEqual({ path: "oauth/callback", queryParameters: ["code", "state"] });
    expect(callback.parameters).toEqual([{ name: "code", type: "String" }, { name: "state", type: "String" }]);
    expect(plan.auth.requirements.join("\n")).toContain("app root URL + /p/oauth/callback");
    expect(security(plan)).toContain("`/p/oauth/callback?code=...&state=...`");
  });

  it("finds the request by state and current user, refuses expired ones, deletes it before decrypting the verifier and exchanging the code", () => {
    const kinds = callback.steps.map((s) => (s.kind === "decision" ? `decision ${s.caption}` : s.kind === "callJava" ? `callJava ${s.action}` : s.kind));
    expect(callback.steps[0]).toEqual({
      kind: "retrieve",
      out: "AuthorizationRequest",
      entity: "AuthorizationRequest",
      where: [
        { path: "State", value: { k: "var", name: "state" } },
        { path: "AcmeCrmConnector.AuthorizationRequest_User", value: { k: "token", name: "CurrentUser" } },
      ],
      first: true,
    });
    // Unknown or someone else's state: an error and stop, before anything else.
    expect(kinds[1]).toBe("decision Not this user's pending sign-in?");
    // The expiry is read, then the request is deleted (one use), and only then refused when expired,
    // so an expired request is deleted too; the verifier is decrypted after the delete.
    // Issue 20: the delete is ConsumeOnce, in a transaction of its own, so nothing later rolls it back.
    const del = kinds.indexOf("callJava AcmeCrmConnector.ConsumeOnce");
    expect(kinds).not.toContain("delete");
    expect(del).toBeGreaterThan(kinds.indexOf("declare"));
    expect(kinds.indexOf("decision Expired?")).toBeGreaterThan(del);
    expect(kinds.indexOf("callJava Encryption.DecryptString")).toBeGreaterThan(del);
    // The code exchange (a Call REST that continues on error, so it never rolls the delete back) comes after the decrypt.
    const exchange = callback.steps.findIndex((s) => s.kind === "rest");
    expect(exchange).toBeGreaterThan(kinds.indexOf("callJava Encryption.DecryptString"));
    const rest = callback.steps[exchange] as Extract<MicroflowStep, { kind: "rest" }>;
    expect(rest.onError).toBe("continue");
    expect(rest.body?.text).toBe("grant_type=authorization_code&code={1}&redirect_uri={2}&code_verifier={3}");
    expect(callback.steps.some((s) => s.kind === "note")).toBe(false);
  });

  it("links the request to its user, expires it, and cleans expired ones up from a scheduled event", () => {
    const request = entity(plan, "AuthorizationRequest");
    expect(request.ownerAssociation).toBe("AuthorizationRequest_User");
    const cleanup = flow(plan, "SUB_AuthorizationRequest_DeleteExpired");
    expect(cleanup).toMatchObject({ allowedRoles: [], folder: "Private" });
    expect(cleanup.steps[0]).toEqual({ kind: "retrieve", out: "ExpiredRequests", entity: "AuthorizationRequest", where: [{ path: "ExpiresAt", op: "<", value: { k: "token", name: "CurrentDateTime" } }], first: false });
    expect(cleanup.steps[1]).toEqual({ kind: "delete", variable: "ExpiredRequests" });
    expect(plan.checklist.join("\n")).toContain("Create a scheduled event that runs SUB_AuthorizationRequest_DeleteExpired");
  });
});

describe("a read-only role never obtains a token with write scopes", () => {
  it("without read-only scopes, read-only roles cannot authorize", () => {
    const plan = planFrom(answers(`${AUTH["oauth-authorization-code"]}\nscopes: [contacts.read, contacts.write]`,
      "roles: [{ name: Viewer, kind: data, readOnly: true, documentation: Reads the user's own contacts only. }]"));
    expect(flow(plan, "ACT_UserToken_Authorize").allowedRoles).toEqual(["User"]);
    expect(flow(plan, "ACT_UserToken_Callback").allowedRoles).toEqual(["User"]);
    // Disconnecting stays possible.
    expect(flow(plan, "ACT_UserToken_Disconnect").allowedRoles).toEqual(["User", "Viewer"]);
    expect(plan.auth.requirements.join("\n")).toContain("Read-only roles cannot authorize");
  });

  it("with read-only scopes, a user with only read-only roles requests just those", () => {
    const plan = planFor("acme-crm-oauth");
    expect(flow(plan, "ACT_UserToken_Authorize").allowedRoles).toEqual(["User"]);
    expect(flow(plan, "ACT_UserToken_AuthorizeReadOnly").allowedRoles).toEqual(["Viewer"]);
    // The private sub sets the scope: the Scopes setting, replaced by the read-only scopes when ReadOnly.
    const sub = flow(plan, "SUB_UserToken_AuthorizationUrl");
    const choice = sub.steps.find((s) => s.kind === "decision" && s.caption === "Read-only scopes?");
    expect(choice).toMatchObject({ condition: { k: "var", name: "ReadOnly" }, then: [{ kind: "set", variable: "Scope", value: { k: "str", value: "contacts.read" } }] });
  });
});

describe("per-user rows are linked to System.User explicitly and deleted with the user", () => {
  it.each(EXAMPLES)("%s: no entity relies on System.owner", (example) => {
    const plan = planFor(example);
    for (const e of plan.entities) {
      expect(e.storeOwner, e.name).toBe(false);
      for (const r of e.accessRules) expect(r.xpath ?? "", `${r.role} on ${e.name}`).not.toContain("System.owner");
    }
  });

  it("links tokens, requests and user-owned data the way OIDC links OIDC.Token to System.User", () => {
    const plan = planFor("acme-crm-oauth");
    for (const name of ["UserToken", "AuthorizationRequest", "Contact"]) {
      expect(entity(plan, name).associations.find((a) => a.child === "System.User"), name).toEqual({
        name: `${name}_User`, parent: name, child: "System.User", type: "reference", systemSet: true, deleteWithChild: true,
        documentation: expect.stringMatching(/deleting the user deletes/),
      });
    }
  });
});

describe("the Administrator's connection test means something for each scheme", () => {
  it.each([
    ["erp-basic", /401 or 403 means the service refuses the user name and password; 2xx means it accepted the request, which proves the user name and password where BaseUrl requires authentication/],
    ["weather-api-token", /401 or 403 means the service refuses the API token; 2xx means it accepted the request, which proves the API token where BaseUrl requires authentication/],
    ["billing-client-credentials", /fresh client-credentials token request/],
    ["acme-crm-oauth", /holds no user token.*invalid_grant means the client id and secret were likely accepted \(RFC 6749 section 5.2 fixes no order of checks/],
    ["open-data-none", /no credential to test/],
    ["portal-saml", /no credential to test/],
  ])("%s", (example, proves) => {
    const plan = planFor(example);
    expect(plan.auth.connectionTest).toMatch(proves);
    expect(flow(plan, "ACT_ConnectionDetails_Test").documentation).toMatch(proves);
  });

  it("the authorization-code test never calls through the user-token request authentication", () => {
    expect(JSON.stringify(flow(planFor("acme-crm-oauth"), "ACT_ConnectionDetails_Test").steps)).not.toContain("SUB_Request_Authenticate");
  });
});

describe("data from the service: roles read, the connector writes, the spec marks what users edit", () => {
  const plan = planFrom(answers(AUTH.none, `
entities:
  - name: Ticket
    documentation: Shared tickets from the service.
    attributes: [{ name: Title, type: string }, { name: Note, type: string, editable: true }]
  - name: Bookmark
    documentation: Users keep their own bookmarks here.
    editable: true
    attributes: [{ name: Label, type: string }]
  - name: Favourite
    documentation: A user's favourite, stored per user.
    ownership: user
    editable: true
    attributes: [{ name: Label, type: string }]
`));

  it("shared entities are not writable by everyone by default: only the marked attribute", () => {
    expect(rule(plan, "Ticket", "User")).toMatchObject({ allowCreate: false, allowDelete: false });
    expect(rights(plan, "Ticket", "User")).toEqual({ Title: "ReadOnly", Note: "ReadWrite" });
  });

  it("an entity marked editable may be created, changed and deleted", () => {
    expect(rule(plan, "Bookmark", "User")).toMatchObject({ allowCreate: true, allowDelete: true });
    expect(rights(plan, "Bookmark", "User")).toEqual({ Label: "ReadWrite" });
  });

  it("a user-owned editable entity is created, changed and deleted by its owner; the owner link is set by ACT_<Entity>_New, never by the role", () => {
    expect(rule(plan, "Favourite", "User")).toMatchObject({ allowCreate: true, allowDelete: true, xpath: expect.stringContaining("Favourite_User='[%CurrentUser%]'") });
    expect(rights(plan, "Favourite", "User")).toEqual({ Label: "ReadWrite", Favourite_User: "ReadOnly" });
    const create = plan.microflows.find((m) => m.name === "ACT_Favourite_New");
    expect(create).toMatchObject({ allowedRoles: ["User"], applyEntityAccess: false, returnType: "Favourite" });
    expect(create!.steps[0]).toEqual({ kind: "create", out: "NewFavourite", entity: "Favourite", members: [{ association: "Favourite_User", value: { k: "token", name: "CurrentUser" } }] });
    expect(plan.microflows.find((m) => m.name === "ACT_Bookmark_New")).toBeUndefined();
  });
});

describe("a role's reach on user-owned data is part of the spec", () => {
  it("SECURITY.md says which: own objects or all users' objects", () => {
    const text = security(planFor("acme-crm-oauth"));
    expect(text).toMatch(/^\| User \| data \| no \| own objects only \|/m);
    expect(text).toMatch(/^\| Viewer \| data \| yes \| all users' objects \|/m);
  });
});

describe("saml means SAML20 sign-in with no outbound credential", () => {
  const plan = planFor("portal-saml");

  it("depends on SAML20 and says SAML does not authenticate outbound calls", () => {
    expect(plan.dependencies).toEqual([expect.objectContaining({ module: "SAML20", why: expect.stringMatching(/does not authenticate the connector's calls/) })]);
    expect(plan.auth.requirements.join("\n")).toMatch(/SAML does not authenticate outbound calls: the connector calls the service without a credential/);
  });

  it.each(["portal-saml", "open-data-none"])("%s: no microflow names one that does not exist; no text about secrets", (example) => {
    const p = planFor(example);
    const names = new Set(p.microflows.map((m) => m.name));
    const text = JSON.stringify(p.microflows);
    for (const name of text.match(/\b(?:ACT|SUB|DS)_[A-Za-z0-9_]+/g) ?? []) expect(names.has(name), name).toBe(true);
    expect(text).not.toContain("SUB_Request_Authenticate");
    expect(text).not.toMatch(/secret|encrypt/i);
    expect(JSON.stringify(entity(p, "ConnectionDetails").accessRules)).not.toMatch(/secret/i);
    expect(security(p)).toContain("This scheme needs no secrets");
    expect(security(p)).not.toMatch(/EncryptionKey|ClearSecrets|A secret is only sent/);
  });
});

describe("module security is complete", () => {
  it.each(EXAMPLES)("%s: every persistable entity has an access rule", (example) => {
    for (const e of planFor(example).entities.filter((x) => x.persistable)) expect(e.accessRules.length, e.name).toBeGreaterThan(0);
  });
});

describe("the deployment checklist states the Encryption module's real constraints", () => {
  it("prefix {AES3}, a 32-character ASCII key, no rotation and what to do instead", () => {
    const list = planFor("acme-crm-oauth").checklist.join("\n");
    expect(list).toContain("Encryption.EncryptionKey in every environment to 32 random printable ASCII characters");
    expect(list).toContain("Keep Encryption.EncryptionPrefix at {AES3}");
    expect(list).toMatch(/There is no key rotation for \{AES3\}.*run ACT_ConnectionDetails_ClearSecrets.*change the key, then enter the secrets again/);
  });

  it("says nothing about Encryption where nothing is encrypted", () => {
    expect(planFor("open-data-none").checklist.join("\n")).not.toMatch(/Encryption/);
  });
});

describe("review 10: the connection test never uses an endpoint that was typed but not saved", () => {
  it.each(["acme-crm-oauth", "billing-client-credentials", "erp-basic", "weather-api-token"])("%s: ACT_ConnectionDetails_Test takes no object from the page and reads the committed ConnectionDetails first", (name) => {
    const test = planFor(name).microflows.find((m) => m.name === "ACT_ConnectionDetails_Test")!;
    expect(test.parameters).toEqual([]);
    // A database retrieve returns the committed object; nothing saved yet stops before any request.
    expect(test.steps[0]).toEqual({ kind: "retrieve", out: "ConnectionDetails", entity: "ConnectionDetails", where: [], first: true });
    expect(test.steps[1]).toMatchObject({ kind: "decision", condition: { k: "op", op: "=", left: { k: "var", name: "ConnectionDetails" }, right: { k: "empty" } } });
    expect((test.steps[1] as Extract<MicroflowStep, { kind: "decision" }>).then.map((s) => s.kind)).toEqual(["showMessage", "return"]);
    expect(test.documentation).toMatch(/so an endpoint typed but not saved never receives a stored secret/);
  });
});

describe("the authorization-code connection test authenticates the client, never a user", () => {
  const plan = planFor("acme-crm-oauth");
  const test = plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Test")!;
  const every = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...every(s.then), ...every(s.else)] : [s]));

  it("posts a deliberately invalid code with the client's credentials, and says 'likely' only for invalid_grant", () => {
    const steps = every(test.steps);
    const rest = steps.find((s) => s.kind === "rest") as Extract<MicroflowStep, { kind: "rest" }>;
    expect(rest).toMatchObject({ method: "POST", onError: "continue", url: { text: "{1}", args: [{ k: "attr", var: "ConnectionDetails", attribute: "TokenUrl" }] } });
    expect(rest.body?.args[0]).toEqual({ k: "call", fn: "urlEncode", args: [{ k: "str", value: "mxsecure-connection-test" }] });
    expect(steps.some((s) => s.kind === "callMicroflow" && s.microflow === "SUB_Request_Authenticate")).toBe(false);
    const decisions = steps.filter((s): s is Extract<MicroflowStep, { kind: "decision" }> => s.kind === "decision");
    const refused = decisions.find((d) => d.caption === "Client refused?")!;
    expect(JSON.stringify(refused.condition)).toContain('\\"invalid_client\\"');
    const likely = decisions.find((d) => d.caption === "Only the test code refused?")!;
    expect(JSON.stringify(likely.condition)).toContain('\\"invalid_grant\\"');
    expect(likely.then[0]).toMatchObject({ kind: "showMessage", level: "Information", message: { text: expect.stringMatching(/likely accepted/) } });
    expect(likely.then[1]).toEqual({ kind: "return", value: { k: "bool", value: true } });
    // Messages show the HTTP status at most: no variable argument, so never the secret.
    for (const s of steps) if (s.kind === "showMessage") for (const a of s.message.args) expect(a).toEqual({ k: "httpStatus" });
  });
});

describe("the authorization-code scheme's flows are typed steps", () => {
  it("leaves no note step in its own microflows, nanoflows or connection test", () => {
    const plan = planFor("acme-crm-oauth");
    const every = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...every(s.then), ...every(s.else)] : [s]));
    const own = ["SUB_UserToken_AuthorizationUrl", "ACT_UserToken_Authorize", "ACT_UserToken_AuthorizeReadOnly", "ACT_UserToken_Callback", "SUB_UserToken_Refresh", "ACT_UserToken_Disconnect", "SUB_AuthorizationRequest_DeleteExpired", "SUB_Request_Authenticate"];
    for (const name of own) {
      const flow = plan.microflows.find((m) => m.name === name);
      expect(flow, name).toBeDefined();
      expect(every(flow!.steps).filter((s) => s.kind === "note"), name).toEqual([]);
    }
    for (const nanoflow of plan.nanoflows) expect(every(nanoflow.steps).filter((s) => s.kind === "note"), nanoflow.name).toEqual([]);
    const test = plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Test")!;
    expect(every(test.steps).filter((s) => s.kind === "note")).toEqual([]);
  });
});
