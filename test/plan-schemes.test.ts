// What each auth scheme adds to the plan: ConnectionDetails settings and secrets, the OAuth token
// entities, constants for deploy-time secrets, microflows and dependencies; and access overrides.
import { encryptionsOf } from "../src/lib/checks/save-flow.js";
import { describe, expect, it } from "vitest";
import type { Plan, PlanEntity } from "../src/lib/plan/types.js";
import { answers, AUTH, entity, planFor, planFrom, rule } from "./helpers/spec.js";

// Written out: the owner constraint exactly as Mendix evaluates it, through the explicit link to System.User.
const ownerXPath = (module: string, entity: string) => `[${module}.${entity}_User='[%CurrentUser%]']`;

const names = (e: PlanEntity) => e.attributes.map((a) => a.name);
const attribute = (e: PlanEntity, name: string) => {
  const found = e.attributes.find((a) => a.name === name);
  if (!found) throw new Error(`${e.name} has no attribute ${name}; it has ${names(e).join(", ")}`);
  return found;
};
const entityNames = (plan: Plan) => plan.entities.map((e) => e.name);
const flow = (plan: Plan, name: string) => {
  const found = plan.microflows.find((f) => f.name === name);
  if (!found) throw new Error(`no microflow ${name}; there are ${plan.microflows.map((f) => f.name).join(", ")}`);
  return found;
};
const rights = (plan: Plan, entityName: string, role: string) =>
  Object.fromEntries(rule(plan, entityName, role)!.members.map((m) => [m.member, m.rights]));
const dependencyNames = (plan: Plan) => plan.dependencies.map((d) => d.module);

describe("basic", () => {
  const plan = planFor("erp-basic");
  const connection = entity(plan, "ConnectionDetails");

  it("holds the base URL, user name, encrypted password and its IsSet flag", () => {
    expect(names(connection)).toEqual(["BaseUrl", "Username", "EncryptedPassword", "PasswordIsSet", "SecretsEntryBaseUrl"]);
    expect(attribute(connection, "BaseUrl").defaultValue).toBe("https://erp.example.com/api");
    expect(attribute(connection, "EncryptedPassword")).toMatchObject({ encrypted: true, sensitive: true });
    expect(attribute(connection, "PasswordIsSet")).toMatchObject({ type: "boolean", systemSet: true, encrypted: false, defaultValue: "false" });
  });

  it("lets the Administrator write the settings, read the flag, and never touch the ciphertext", () => {
    expect(rights(plan, "ConnectionDetails", "Administrator")).toEqual({
      BaseUrl: "ReadWrite",
      Username: "ReadWrite",
      EncryptedPassword: "None",
      PasswordIsSet: "ReadOnly",
      SecretsEntryBaseUrl: "ReadOnly",
    });
    expect(rule(plan, "ConnectionDetails", "Administrator")).toMatchObject({ allowCreate: false, allowDelete: false });
  });

  it("takes the typed password through a non-persistable SecretInput that only writers use", () => {
    const input = entity(plan, "SecretInput");
    expect(input).toMatchObject({ persistable: false, storeOwner: false });
    expect(names(input)).toEqual(["Password", "ReplaceStored"]);
    expect(input.accessRules.map((r) => r.role)).toEqual(["Administrator"]);
    expect(rights(plan, "SecretInput", "Administrator")).toEqual({ Password: "ReadWrite", ReplaceStored: "ReadWrite" });
  });

  it("encrypts on save and decrypts only in a private helper", () => {
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    expect(encryptionsOf(save, "Password")).toEqual([{ order: expect.any(Number), guarded: true }]);
    expect(save.parameters.map((p) => p.type)).toEqual(["ConnectionDetails", "SecretInput"]);
    const get = flow(plan, "SUB_ConnectionDetails_GetPassword");
    expect(get).toMatchObject({ allowedRoles: [], folder: "Private", returnType: "String" });
    // The binding guard comes first (plan-second-pass.test.ts checks its shape), then the decrypt.
    expect(get.steps[0]!.kind).toBe("decision");
    expect(get.steps.slice(1)).toEqual([
      {
        kind: "callJava",
        out: "Password",
        action: "Encryption.DecryptString",
        args: [
          { param: "value", value: { k: "attr", var: "ConnectionDetails", attribute: "EncryptedPassword" } },
          { param: "key", value: { k: "const", name: "Encryption.EncryptionKey" } },
          { param: "prefix", value: { k: "empty" } },
          { param: "legacyKey", value: { k: "const", name: "Encryption.LegacyEncryptionKey" } },
        ],
      },
      { kind: "return", value: { k: "var", name: "Password" } },
    ]);
    // No Base64 in Mendix expressions: basic has no header-building sub; Call REST authenticates itself.
    expect(plan.microflows.map((m) => m.name)).not.toContain("SUB_Request_Authenticate");
  });

  it("records the password as an administrator secret, needs Encryption, and requires HTTPS", () => {
    expect(plan.secrets).toEqual([
      expect.objectContaining({ name: "Password", storage: "database", entity: "ConnectionDetails", attribute: "EncryptedPassword", isSetAttribute: "PasswordIsSet", source: "administrator" }),
    ]);
    expect(dependencyNames(plan)).toEqual(["Encryption"]);
    expect(plan.auth).toMatchObject({ scheme: "basic", secretStorage: "database" });
    expect(plan.auth.requirements.join(" ")).toMatch(/HTTPS/);
    expect(plan.constants).toEqual([]);
  });
});

describe("api-token", () => {
  it("defaults the header to Authorization and the prefix to Bearer, with an encrypted token", () => {
    const plan = planFrom(answers(AUTH["api-token"]));
    const connection = entity(plan, "ConnectionDetails");
    // The header name is no runtime setting: it is fixed at generation (a Call REST header's key is fixed text).
    expect(names(connection)).toEqual(["BaseUrl", "TokenPrefix", "EncryptedApiToken", "ApiTokenIsSet", "SecretsEntryBaseUrl"]);
    expect(attribute(connection, "TokenPrefix").defaultValue).toBe("Bearer");
    expect(attribute(connection, "EncryptedApiToken").encrypted).toBe(true);
    expect(plan.auth).toMatchObject({ headerName: "Authorization", tokenPrefix: "Bearer", secretStorage: "database" });
    expect(names(entity(plan, "SecretInput"))).toEqual(["ApiToken", "ReplaceStored"]);
    expect(flow(plan, "SUB_ConnectionDetails_GetApiToken").allowedRoles).toEqual([]);
    expect(dependencyNames(plan)).toContain("Encryption");
  });

  it("keeps a custom header and an empty prefix", () => {
    const plan = planFor("weather-api-token");
    const connection = entity(plan, "ConnectionDetails");
    expect(attribute(connection, "TokenPrefix").defaultValue).toBe("");
    expect(plan.auth).toMatchObject({ headerName: "X-Api-Key", tokenPrefix: "" });
  });
});

describe("secretStorage: constant", () => {
  const plan = planFor("weather-api-token");

  it("makes each secret a blank constant, not exposed to the client, documented as set at deploy time", () => {
    expect(plan.constants).toEqual([
      expect.objectContaining({ name: "ApiToken", type: "String", defaultValue: "", exposedToClient: false, folder: "_USE_ME" }),
    ]);
    expect(plan.constants[0]!.documentation).toMatch(/Blank on purpose: set it per environment at deploy time.*never in the model or in Git.*Not exposed to the client/);
    expect(plan.secrets).toEqual([
      { name: "ApiToken", description: expect.any(String), storage: "constant", constant: "WeatherConnector.ApiToken", source: "deployment" },
    ]);
  });

  it("has no Encrypted... attribute, no IsSet flag and no SecretInput", () => {
    const connection = entity(plan, "ConnectionDetails");
    expect(names(connection)).toEqual(["BaseUrl", "TokenPrefix"]);
    expect(entityNames(plan)).not.toContain("SecretInput");
    expect(plan.entities.flatMap((e) => e.attributes).filter((a) => a.encrypted)).toEqual([]);
    expect(dependencyNames(plan)).not.toContain("Encryption");
    expect(plan.auth.secretStorage).toBe("constant");
  });

  it("reads the constant in a private helper; saving encrypts nothing", () => {
    const get = flow(plan, "SUB_ConnectionDetails_GetApiToken");
    expect(get).toMatchObject({ allowedRoles: [], parameters: [] });
    expect(get.steps).toEqual([{ kind: "return", value: { k: "const", name: "WeatherConnector.ApiToken" } }]);
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    expect(JSON.stringify(save.steps)).not.toContain("Encryption.");
    expect(save.parameters.map((p) => p.type)).toEqual(["ConnectionDetails"]);
  });

  it("oauth-client-credentials with constant storage still encrypts the cached token", () => {
    const hostile = planFor("hostile-text");
    expect(hostile.constants.map((c) => c.name)).toEqual(["ClientSecret"]);
    expect(names(entity(hostile, "ConnectionDetails"))).not.toContain("EncryptedClientSecret");
    expect(attribute(entity(hostile, "AccessToken"), "EncryptedValue").encrypted).toBe(true);
    expect(dependencyNames(hostile)).toContain("Encryption");
  });

  it.each(["basic", "oauth-authorization-code"] as const)("%s with constant storage: no Encrypted secret on ConnectionDetails", (scheme) => {
    const plan = planFrom(answers(`${AUTH[scheme]}\nsecretStorage: constant`));
    const connection = entity(plan, "ConnectionDetails");
    expect(connection.attributes.filter((a) => a.encrypted || a.name.endsWith("IsSet"))).toEqual([]);
    expect(entityNames(plan)).not.toContain("SecretInput");
    expect(plan.constants).toHaveLength(1);
    expect(plan.constants[0]).toMatchObject({ defaultValue: "", exposedToClient: false });
  });
});

describe("oauth-client-credentials", () => {
  const plan = planFor("billing-client-credentials");

  it("holds token URL, client id, encrypted client secret and scopes", () => {
    const connection = entity(plan, "ConnectionDetails");
    expect(names(connection)).toEqual(["BaseUrl", "TokenUrl", "ClientId", "Scopes", "EncryptedClientSecret", "ClientSecretIsSet", "SecretsEntryBaseUrl", "SecretsEntryTokenUrl"]);
    expect(attribute(connection, "TokenUrl").defaultValue).toBe("https://auth.example.net/oauth/token");
    expect(attribute(connection, "Scopes").defaultValue).toBe("invoices.read");
    expect(attribute(connection, "EncryptedClientSecret").encrypted).toBe(true);
    expect(plan.auth).toMatchObject({ tokenUrl: "https://auth.example.net/oauth/token", scopes: ["invoices.read"] });
  });

  it("caches the server token in an AccessToken entity no role can access", () => {
    const token = entity(plan, "AccessToken");
    expect(token).toMatchObject({ purpose: "token", persistable: true, ownership: "shared", storeOwner: false });
    // One rule that grants nothing (module security complete), on the first configuration role.
    expect(token.accessRules).toEqual([
      expect.objectContaining({ role: "Administrator", allowCreate: false, allowDelete: false, members: [
        { member: "EncryptedValue", kind: "attribute", rights: "None" },
        { member: "ExpiresAt", kind: "attribute", rights: "None" },
        { member: "IssuedForBaseUrl", kind: "attribute", rights: "None" },
        { member: "IssuedForTokenUrl", kind: "attribute", rights: "None" },
      ] }),
    ]);
    expect(attribute(token, "EncryptedValue")).toMatchObject({ encrypted: true });
    expect(attribute(token, "ExpiresAt")).toMatchObject({ type: "datetime", systemSet: true });
    expect(plan.secrets.find((s) => s.name === "AccessToken")).toMatchObject({ entity: "AccessToken", attribute: "EncryptedValue", source: "runtime" });
    expect(flow(plan, "SUB_AccessToken_GetValid")).toMatchObject({ allowedRoles: [], folder: "Private" });
  });

  it("lets a read-only configuration role read settings and flags but not save or type secrets", () => {
    expect(rights(plan, "ConnectionDetails", "BillingSupport")).toEqual({
      BaseUrl: "ReadOnly",
      TokenUrl: "ReadOnly",
      ClientId: "ReadOnly",
      Scopes: "ReadOnly",
      EncryptedClientSecret: "None",
      ClientSecretIsSet: "ReadOnly",
      SecretsEntryBaseUrl: "ReadOnly",
      SecretsEntryTokenUrl: "ReadOnly",
    });
    expect(rule(plan, "SecretInput", "BillingSupport")).toBeUndefined();
    expect(flow(plan, "ACT_ConnectionDetails_Save").allowedRoles).toEqual(["Administrator"]);
    expect(flow(plan, "DS_ConnectionDetails_Get").allowedRoles).toEqual(["Administrator", "BillingSupport"]);
    expect(flow(plan, "ACT_ConnectionDetails_Test").allowedRoles).toEqual(["Administrator", "BillingSupport"]);
  });

  it("constrains user-owned invoices for both data roles; the auditor reads without the sensitive total", () => {
    expect(rule(plan, "Invoice", "User")?.xpath).toBe(ownerXPath("BillingConnector", "Invoice"));
    // The Auditor has reach: all (audits need every user's invoices): no owner constraint, on purpose.
    expect(rule(plan, "Invoice", "Auditor")).not.toHaveProperty("xpath");
    expect(rights(plan, "Invoice", "Auditor")).toEqual({
      InvoiceNumber: "ReadOnly",
      Total: "None",
      IssuedOn: "ReadOnly",
      Invoice_InvoiceLine: "ReadOnly",
      Invoice_User: "ReadOnly",
    });
    // Invoices come from the service: the User reads them, the connector writes them.
    expect(rule(plan, "Invoice", "User")).toMatchObject({ allowCreate: false, allowDelete: false });
    expect(rights(plan, "Invoice", "User")).toEqual({
      InvoiceNumber: "ReadOnly",
      Total: "ReadOnly",
      IssuedOn: "ReadOnly",
      Invoice_InvoiceLine: "ReadOnly",
      Invoice_User: "ReadOnly",
    });
    expect(entity(plan, "Invoice").associations).toEqual([
      expect.objectContaining({ name: "Invoice_InvoiceLine", parent: "Invoice", child: "InvoiceLine", type: "reference-set" }),
      expect.objectContaining({ name: "Invoice_User", parent: "Invoice", child: "System.User", type: "reference", systemSet: true, deleteWithChild: true }),
    ]);
  });
});

describe("oauth-authorization-code", () => {
  const plan = planFor("acme-crm-oauth");

  it("holds both URLs, client id, encrypted client secret, scopes and the redirect path; PKCE on", () => {
    const connection = entity(plan, "ConnectionDetails");
    expect(names(connection)).toEqual([
      "BaseUrl",
      "AuthorizationUrl",
      "TokenUrl",
      "ClientId",
      "Scopes",
      "RevocationUrl",
      "RedirectPath",
      "EncryptedClientSecret",
      "ClientSecretIsSet",
      "SecretsEntryBaseUrl",
      "SecretsEntryAuthorizationUrl",
      "SecretsEntryTokenUrl",
      "SecretsEntryRevocationUrl",
    ]);
    expect(attribute(connection, "AuthorizationUrl").defaultValue).toBe("https://login.acme.example/oauth2/authorize");
    expect(attribute(connection, "Scopes").defaultValue).toBe("contacts.read contacts.write");
    // The callback is the microflow URL oauth/callback, which Mendix serves under /p/.
    expect(attribute(connection, "RedirectPath")).toMatchObject({ defaultValue: "/p/oauth/callback", systemSet: true });
    expect(plan.auth).toMatchObject({ pkce: true, redirectPath: "/oauth/callback", authorizationUrl: "https://login.acme.example/oauth2/authorize" });
    expect(plan.auth.requirements.join("\n")).toMatch(/PKCE with S256/);
    expect(plan.auth.requirements.join("\n")).toMatch(/one-time random state/);
  });

  it("keeps each user's tokens in a UserToken they own: they may see its expiry, nobody deletes it past Disconnect (which revokes), nobody reads or creates tokens", () => {
    const token = entity(plan, "UserToken");
    expect(token).toMatchObject({ ownership: "user", persistable: true, storeOwner: false, ownerAssociation: "UserToken_User" });
    expect(token.associations).toEqual([expect.objectContaining({ name: "UserToken_User", child: "System.User", systemSet: true, deleteWithChild: true })]);
    const dataRoles = plan.roles.filter((r) => r.kind === "data").map((r) => r.name);
    expect(token.accessRules.map((r) => r.role)).toEqual(dataRoles);
    for (const role of dataRoles) {
      // Issue 20: no role gets a delete right: everyone disconnects through ACT_UserToken_Disconnect, which revokes first (RFC 7009).
      // Tokens stay per user even for the Viewer, whose reach on data is all.
      expect(rule(plan, "UserToken", role)).toMatchObject({ allowCreate: false, allowDelete: false, xpath: ownerXPath("AcmeCrmConnector", "UserToken"), defaultMemberAccessRights: "None" });
      expect(rights(plan, "UserToken", role)).toEqual({
        EncryptedAccessToken: "None",
        EncryptedRefreshToken: "None",
        ExpiresAt: "ReadOnly",
        GrantedScope: "ReadOnly",
        UserToken_User: "ReadOnly",
      });
    }
  });

  it("keeps pending authorization requests (state, encrypted verifier) away from every role", () => {
    const request = entity(plan, "AuthorizationRequest");
    // One rule that grants nothing, so module security is complete.
    expect(request.accessRules).toHaveLength(1);
    expect(request.accessRules[0]).toMatchObject({ role: "Administrator", allowCreate: false, allowDelete: false });
    expect(request.accessRules[0]!.members.every((m) => m.rights === "None")).toBe(true);
    expect(request.associations).toEqual([expect.objectContaining({ name: "AuthorizationRequest_User", child: "System.User" })]);
    expect(names(request)).toEqual(["State", "Scope", "EncryptedCodeVerifier", "ExpiresAt"]);
    expect(attribute(request, "EncryptedCodeVerifier").encrypted).toBe(true);
    expect(attribute(request, "State").systemSet).toBe(true);
  });

  it("has the authorize, callback, refresh and disconnect flows with the right roles", () => {
    const data = plan.roles.filter((r) => r.kind === "data").map((r) => r.name);
    // The Viewer may authorize because the spec lists read-only scopes for it, through its own
    // microflow that requests only those: the role decides the scopes, never the client.
    expect(plan.auth.readOnlyScopes).toEqual(["contacts.read"]);
    expect(flow(plan, "ACT_UserToken_Authorize").allowedRoles).toEqual(["User"]);
    expect(flow(plan, "ACT_UserToken_AuthorizeReadOnly").allowedRoles).toEqual(["Viewer"]);
    expect(flow(plan, "ACT_UserToken_AuthorizeReadOnly").steps[0]).toMatchObject({ kind: "callMicroflow", microflow: "SUB_UserToken_AuthorizationUrl", args: [{ param: "ReadOnly", value: { k: "bool", value: true } }] });
    expect(flow(plan, "ACT_UserToken_Authorize").steps[0]).toMatchObject({ args: [{ param: "ReadOnly", value: { k: "bool", value: false } }] });
    expect(plan.nanoflows.map((n) => [n.name, n.allowedRoles])).toEqual([["NAV_UserToken_Authorize", ["User"]], ["NAV_UserToken_AuthorizeReadOnly", ["Viewer"]]]);
    expect(flow(plan, "ACT_UserToken_Callback").allowedRoles).toEqual(data);
    expect(flow(plan, "ACT_UserToken_Callback").returnType).toBe("Nothing");
    expect(flow(plan, "SUB_UserToken_Refresh").allowedRoles).toEqual([]);
    // Disconnect retrieves the caller's own token (owner XPath) rather than trusting an object from the client.
    expect(flow(plan, "ACT_UserToken_Disconnect")).toMatchObject({ allowedRoles: data, applyEntityAccess: false, parameters: [] });
    expect(flow(plan, "ACT_UserToken_Disconnect").steps[0]).toEqual({
      kind: "retrieve",
      out: "UserToken",
      entity: "UserToken",
      where: [{ path: "AcmeCrmConnector.UserToken_User", value: { k: "token", name: "CurrentUser" } }],
      first: true,
    });
    for (const f of plan.microflows.filter((m) => m.name.startsWith("ACT_UserToken"))) {
      for (const role of f.allowedRoles) expect(plan.roles.find((r) => r.name === role)?.kind).toBe("data");
    }
  });

  it("lists all three runtime secrets and the client secret", () => {
    expect(plan.secrets.map((s) => `${s.name}@${s.entity}.${s.attribute}`).sort()).toEqual(
      [
        "ClientSecret@ConnectionDetails.EncryptedClientSecret",
        "CodeVerifier@AuthorizationRequest.EncryptedCodeVerifier",
        "UserAccessToken@UserToken.EncryptedAccessToken",
        "UserRefreshToken@UserToken.EncryptedRefreshToken",
      ].sort(),
    );
  });

  it("carries a custom redirect path", () => {
    const custom = planFrom(answers(`${AUTH["oauth-authorization-code"]}\nredirectPath: /auth/acme/cb`));
    expect(attribute(entity(custom, "ConnectionDetails"), "RedirectPath").defaultValue).toBe("/p/auth/acme/cb");
    expect(custom.auth.redirectPath).toBe("/auth/acme/cb");
    expect(custom.auth.requirements.join("\n")).toContain("/p/auth/acme/cb");
    expect(flow(custom, "ACT_UserToken_Callback").url).toEqual({ path: "auth/acme/cb", queryParameters: ["code", "state"] });
  });

  it("the Viewer (reach all, for reporting) sees every user's contacts without the sensitive e-mail; the User only their own; companies are shared", () => {
    expect(rights(plan, "Contact", "Viewer")).toEqual({
      FullName: "ReadOnly",
      Email: "None",
      LastSynced: "ReadOnly",
      Contact_Company: "ReadOnly",
      Contact_User: "ReadOnly",
    });
    expect(rule(plan, "Contact", "Viewer")).not.toHaveProperty("xpath");
    expect(rule(plan, "Contact", "User")?.xpath).toBe(ownerXPath("AcmeCrmConnector", "Contact"));
    // FullName is marked editable in the spec; the rest comes from Acme CRM.
    expect(rights(plan, "Contact", "User")).toEqual({
      FullName: "ReadWrite",
      Email: "ReadOnly",
      LastSynced: "ReadOnly",
      Contact_Company: "ReadOnly",
      Contact_User: "ReadOnly",
    });
    expect(rule(plan, "Company", "Viewer")?.xpath).toBeUndefined();
    expect(rule(plan, "Company", "User")?.xpath).toBeUndefined();
    expect(entity(plan, "Company").storeOwner).toBe(false);
  });
});

describe("saml", () => {
  const plan = planFor("portal-saml");

  it("holds no secrets and depends on the SAML module (SAML20 in an app), not on Encryption", () => {
    expect(plan.secrets).toEqual([]);
    expect(plan.constants).toEqual([]);
    expect(plan.entities.flatMap((e) => e.attributes).filter((a) => a.encrypted)).toEqual([]);
    expect(entityNames(plan)).not.toContain("SecretInput");
    expect(dependencyNames(plan)).toEqual(["SAML20"]);
    expect(plan.auth.secretStorage).toBe("none");
    expect(plan.microflows.filter((f) => f.steps.some((s) => s.kind === "decrypt" || s.kind === "readConstant"))).toEqual([]);
    expect(plan.auth.requirements.join("\n")).toMatch(/SAML does not authenticate outbound calls/);
  });

  it("still separates the Administrator from the partner documents", () => {
    expect(entity(plan, "PartnerDocument").accessRules.map((r) => r.role)).toEqual(["User"]);
    expect(rule(plan, "PartnerDocument", "User")?.xpath).toBe(ownerXPath("PartnerPortalConnector", "PartnerDocument"));
  });
});

describe("none", () => {
  const plan = planFor("open-data-none");

  it("has only the base URL, no secrets and no Encryption dependency", () => {
    expect(names(entity(plan, "ConnectionDetails"))).toEqual(["BaseUrl"]);
    expect(plan.secrets).toEqual([]);
    expect(plan.constants).toEqual([]);
    expect(plan.dependencies).toEqual([]);
    expect(entityNames(plan)).toEqual(["ConnectionDetails", "Statistic"]);
    expect(plan.auth.secretStorage).toBe("none");
    // No secrets: no secret input and its data source; the after-startup check still checks the URL.
    expect(plan.microflows.map((f) => f.name)).toEqual(["DS_ConnectionDetails_Get", "ACT_ConnectionDetails_Save", "ACT_ConnectionDetails_Test", "ASu_ConnectionDetails_Check"]);
  });
});

describe("non-persistable and shared entities", () => {
  it("a non-persistable user-owned entity stores no owner and gets no XPath", () => {
    const plan = planFrom(answers(AUTH.none, "entities:\n  - { name: Draft, documentation: d, ownership: user, persistable: false, attributes: [{ name: Body, type: string }] }"));
    const draft = entity(plan, "Draft");
    expect(draft).toMatchObject({ persistable: false, storeOwner: false });
    expect(rule(plan, "Draft", "User")).not.toHaveProperty("xpath");
    // Not marked editable: read-only for the User too.
    expect(rights(plan, "Draft", "User")).toEqual({ Body: "ReadOnly" });
  });

  it("the weather forecast (non-persistable, from the service) is read by the User without XPath", () => {
    const plan = planFor("weather-api-token");
    expect(rule(plan, "Forecast", "User")).toMatchObject({ allowCreate: false, allowDelete: false });
    expect(rule(plan, "Forecast", "User")).not.toHaveProperty("xpath");
  });
});

describe("access overrides", () => {
  const spec = `
roles:
  - { name: Viewer, kind: data, readOnly: true, documentation: Reads. }
entities:
  - name: Contact
    documentation: d
    ownership: user
    attributes:
      - { name: FullName, type: string }
      - { name: Email, type: string, sensitive: true }
    associations: [{ to: Company }]
    access:
      Viewer: { read: [FullName, Email], create: false }
      Administrator: { read: all, xpath: "[FullName != empty]" }
  - name: Company
    documentation: d
    attributes: [{ name: CompanyName, type: string }]
    access:
      User: { read: all, write: [CompanyName], delete: true }
`;
  const plan = planFrom(answers(AUTH.basic, spec));

  it("replace the derived rule for that role, one rule per role, marked overridden", () => {
    const contactRoles = entity(plan, "Contact").accessRules.map((r) => `${r.role}:${r.overridden}`);
    expect(contactRoles.sort()).toEqual(["Administrator:true", "User:false", "Viewer:true"]);
    expect(rule(plan, "Contact", "Viewer")).toMatchObject({ allowCreate: false, allowDelete: false, defaultMemberAccessRights: "None" });
    expect(rights(plan, "Contact", "Viewer")).toEqual({ FullName: "ReadOnly", Email: "ReadOnly", Contact_Company: "None", Contact_User: "None" });
    // Without an xpath in the override, the rule has none: the audit (not the plan) flags that.
    expect(rule(plan, "Contact", "Viewer")).not.toHaveProperty("xpath");
    expect(rule(plan, "Contact", "Administrator")?.xpath).toBe("[FullName != empty]");
    expect(rights(plan, "Contact", "Administrator")).toEqual({ FullName: "ReadOnly", Email: "ReadOnly", Contact_Company: "ReadOnly", Contact_User: "ReadOnly" });
  });

  it("leave the other roles' derived rules as they were", () => {
    expect(rule(plan, "Contact", "User")).toMatchObject({ overridden: false, xpath: ownerXPath("TestConnector", "Contact"), allowCreate: false });
    expect(rule(plan, "Company", "Viewer")).toMatchObject({ overridden: false, allowCreate: false });
    expect(rule(plan, "Company", "Administrator")).toBeUndefined();
  });

  it("write implies the member is writable; unlisted members get None; create defaults to false", () => {
    expect(rule(plan, "Company", "User")).toMatchObject({ overridden: true, allowCreate: false, allowDelete: true });
    expect(rights(plan, "Company", "User")).toEqual({ CompanyName: "ReadWrite" });
  });
});

describe("roles", () => {
  it("adds custom roles after the built-in ones, with their own documentation and kind", () => {
    const plan = planFor("billing-client-credentials");
    expect(plan.roles.map((r) => `${r.name}:${r.kind}:${r.readOnly}:${r.builtIn}`)).toEqual([
      "Administrator:configuration:false:true",
      "User:data:false:true",
      "Auditor:data:true:false",
      "BillingSupport:configuration:true:false",
    ]);
    expect(plan.roles.find((r) => r.name === "Auditor")?.documentation).toBe("Reads every user's invoices for audits, without amounts marked sensitive. Never combine with Administrator.");
  });

  it("the User documentation names the user-owned entities; the Administrator's says secrets cannot be read back", () => {
    const plan = planFor("acme-crm-oauth");
    expect(plan.roles.find((r) => r.name === "User")?.documentation).toContain("For Contact only the objects the user owns.");
    expect(plan.roles.find((r) => r.name === "Administrator")?.documentation).toContain("can never be read back");
    expect(plan.roles.find((r) => r.name === "Administrator")?.documentation).toContain("Do not combine with User or Viewer");
  });

  it("the Administrator's documentation says deploy-time constants are not managed in the app", () => {
    const plan = planFor("weather-api-token");
    expect(plan.roles.find((r) => r.name === "Administrator")?.documentation).toContain("Secrets are deploy-time constants");
  });
});
