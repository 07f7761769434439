// Issue 10: for each flaw fixed in the plan, the audit catches its opposite: a plan mutated back into
// the flaw (the plan builder no longer produces it), or a spec that asks for it.
import { describe, expect, it } from "vitest";
import { runChecks, type Finding } from "../src/lib/checks/index.ts";
import { isOwnerPath } from "../src/lib/checks/rules/owner-constraint.ts";
import { parseXPath, restrictsToCurrentUser } from "../src/lib/checks/xpath.ts";
import type { MicroflowStep } from "../src/lib/plan/steps.ts";
import type { Plan } from "../src/lib/plan/types.ts";
import type { SpecInput } from "../src/lib/spec/schema.ts";
import { auditData } from "../src/lib/audit/audit.ts";
import { baseInput, compile } from "./checks-helpers.ts";

const ofRule = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule);
function mutated(input: SpecInput, mutate: (plan: Plan) => void): Finding[] {
  const { spec, plan } = compile(input);
  mutate(plan);
  return runChecks(spec, plan);
}
function checked(input: SpecInput): Finding[] {
  const { spec, plan } = compile(input);
  return runChecks(spec, plan);
}
const entity = (plan: Plan, name: string) => plan.entities.find((e) => e.name === name)!;
const flow = (plan: Plan, name: string) => plan.microflows.find((m) => m.name === name)!;
const basicInput = (storage: "database" | "constant" = "database"): SpecInput => ({
  module: "ErpConnector",
  description: "Reads orders.",
  service: { name: "ERP", baseUrl: "https://erp.example.com" },
  auth: { scheme: "api-token", secretStorage: storage },
});

describe("the plan as built breaks none of the new rules", () => {
  it.each([["oauth authorization code", baseInput()], ["api-token, database", basicInput()], ["api-token, constant", basicInput("constant")]])("%s", (_label, input) => {
    const { spec, plan } = compile(input);
    expect(runChecks(spec, plan).filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("SecretFollowsEndpoint", () => {
  it("catches a plan that lets the Administrator re-point the token endpoint without clearing the secret", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      plan.auth.endpointPolicy = "fixed";
    }), "SecretFollowsEndpoint");
    expect(hits.map((h) => h.message)).toEqual([
      "Administrator may change BaseUrl while the stored secrets stay, so they could be sent to another host",
      "Administrator may change AuthorizationUrl while the stored secrets stay, so they could be sent to another host",
      "Administrator may change TokenUrl while the stored secrets stay, so they could be sent to another host",
      // Issue 20: the revocation endpoint receives the client secret too (RFC 7009 section 2.1).
      "Administrator may change RevocationUrl while the stored secrets stay, so they could be sent to another host",
    ]);
  });

  // Security review, issue 12: endpoints committed past the save (mx.data.commit) and then bound by a
  // save with a typed secret would hand every user's stored tokens to them, unless the save drops
  // the tokens whenever the recorded endpoints change.
  it("the save drops every token and pending request when it records new endpoints", () => {
    const { plan } = compile(baseInput());
    const save = flow(plan, "ACT_ConnectionDetails_Save");
    const walk = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...walk(s.then), ...walk(s.else)] : [s]));
    const rebind = walk(save.steps).find((s) => s.kind === "decision" && s.caption === "Bound to other endpoints now?");
    expect(rebind?.kind === "decision" && rebind.then.map((s) => s.kind + ":" + ("entity" in s ? s.entity : s.kind === "delete" ? s.variable : ""))).toEqual([
      "retrieve:UserToken", "delete:StaleUserTokenList", "retrieve:AuthorizationRequest", "delete:StaleAuthorizationRequestList",
    ]);
  });

  it("an authorization replaces the user's earlier pending request (one per user), deleting it before it creates the new one", () => {
    const { plan } = compile(baseInput());
    const steps = flow(plan, "SUB_UserToken_AuthorizationUrl").steps;
    const retrieve = steps.findIndex((s) => s.kind === "retrieve" && s.entity === "AuthorizationRequest");
    const create = steps.findIndex((s) => s.kind === "create" && s.entity === "AuthorizationRequest");
    expect(steps[retrieve]).toMatchObject({ first: false, where: [{ path: `${plan.module}.AuthorizationRequest_User`, value: { k: "token", name: "CurrentUser" } }] });
    expect(steps[retrieve + 1]).toEqual({ kind: "delete", variable: "EarlierRequestList" });
    expect(retrieve).toBeGreaterThan(-1);
    expect(retrieve).toBeLessThan(create);
  });

  it("catches a save that records new endpoints but keeps the tokens obtained for the old ones", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      const drop = (steps: MicroflowStep[]): MicroflowStep[] =>
        steps.filter((s) => !(s.kind === "decision" && s.caption === "Bound to other endpoints now?"))
          .map((s) => (s.kind === "decision" ? { ...s, then: drop(s.then), else: drop(s.else) } : s));
      flow(plan, "ACT_ConnectionDetails_Save").steps = drop(flow(plan, "ACT_ConnectionDetails_Save").steps);
    }), "SecretFollowsEndpoint");
    expect(hits.map((h) => h.message)).toEqual([
      "ACT_ConnectionDetails_Save records new endpoints without deleting the UserToken objects obtained for the old ones",
      "ACT_ConnectionDetails_Save records new endpoints without deleting the AuthorizationRequest objects obtained for the old ones",
    ]);
  });

  it("catches deploy-time constant secrets whose endpoint an Administrator may change", () => {
    const hits = ofRule(mutated(basicInput("constant"), (plan) => {
      plan.auth.endpointPolicy = "secrets-bound-to-endpoints";
      entity(plan, "ConnectionDetails").accessRules[0]!.members.find((m) => m.member === "BaseUrl")!.rights = "ReadWrite";
    }), "SecretFollowsEndpoint");
    expect(hits.filter((h) => h.path === "auth.secretStorage")).toEqual([expect.objectContaining({ message: expect.stringMatching(/cannot be cleared when an endpoint changes, but Administrator may change BaseUrl/) })]);
  });

  it("catches an endpoint the plan forgot (a URL setting left out of the endpoints)", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      plan.auth.endpoints = ["BaseUrl", "AuthorizationUrl"];
    }), "SecretFollowsEndpoint");
    expect(hits[0]!.message).toBe("ConnectionDetails.TokenUrl decides where requests go but is not treated as an endpoint");
  });

  it("the api-token header name is no setting and no endpoint: it is fixed text in the model", () => {
    const { plan } = compile(basicInput());
    expect(entity(plan, "ConnectionDetails").attributes.map((a) => a.name)).not.toContain("HeaderName");
    expect(plan.auth.endpoints).toEqual(["BaseUrl"]);
  });

  it("catches a Call REST that puts a computed value in a header proxies or logs handle", () => {
    const hits = ofRule(mutated(basicInput(), (plan) => {
      const rest = JSON.stringify(flow(plan, "ACT_ConnectionDetails_Test").steps).includes('"kind":"rest"');
      expect(rest).toBe(true);
      const visit = (steps: MicroflowStep[]) => steps.forEach((s) => {
        if (s.kind === "rest") s.headers = s.headers.map((h) => ({ ...h, name: "Cookie" }));
        if (s.kind === "decision") { visit(s.then); visit(s.else); }
      });
      visit(flow(plan, "ACT_ConnectionDetails_Test").steps);
    }), "SecretFollowsEndpoint");
    expect(hits.map((h) => h.message)).toEqual(["ACT_ConnectionDetails_Test sends a computed value in the Cookie header, which proxies, load balancers or logs route on, rewrite or record"]);
  });

  it("catches a save whose endpoint check runs after the new secret is encrypted, or is gone", () => {
    const late = ofRule(mutated(basicInput(), (plan) => {
      const save = flow(plan, "ACT_ConnectionDetails_Save");
      const endpoint = save.steps.filter((s) => (s.kind === "retrieve" && s.out === "Committed") || (s.kind === "decision" && s.caption === "Saved before?"));
      const rest = save.steps.filter((s) => !endpoint.includes(s));
      const commit = rest.findIndex((s) => s.kind === "commit");
      save.steps = [...rest.slice(0, commit), ...endpoint, ...rest.slice(commit)];
    }), "SecretFollowsEndpoint");
    expect(late.map((h) => h.message)).toEqual(["ACT_ConnectionDetails_Save does not clear ApiToken when an endpoint's host changes before it stores a new one"]);
    const gone = ofRule(mutated(basicInput(), (plan) => {
      const save = flow(plan, "ACT_ConnectionDetails_Save");
      save.steps = save.steps.filter((s) => !(s.kind === "decision" && s.caption === "Saved before?"));
    }), "SecretFollowsEndpoint");
    expect(gone).toHaveLength(1);
    expect(ofRule(mutated(basicInput(), () => {}), "SecretFollowsEndpoint")).toEqual([]);
  });
});

// The review's finding 2: a commit past ACT_ConnectionDetails_Save changes an endpoint without the
// save's clear, so the decrypt sub must check the binding itself.
describe("SecretFollowsEndpoint: the secrets are bound to the endpoints they were entered for", () => {
  const decryptSub = (plan: Plan, secret: string) => flow(plan, `SUB_ConnectionDetails_Get${secret}`);
  const bindingHits = (list: Finding[]) => ofRule(list, "SecretFollowsEndpoint").map((h) => h.message);

  it("passes the decrypt subs as built, for every scheme with database secrets", () => {
    for (const input of [baseInput(), basicInput()]) expect(bindingHits(checked(input))).toEqual([]);
  });

  it("catches a decrypt sub without the binding check", () => {
    expect(bindingHits(mutated(basicInput(), (plan) => {
      const sub = decryptSub(plan, "ApiToken");
      sub.steps = sub.steps.filter((s) => s.kind !== "decision");
    }))).toEqual(["SUB_ConnectionDetails_GetApiToken decrypts without first comparing the endpoints with the ones the secret was entered for, so ApiToken could be sent to an endpoint it was not entered for"]);
  });

  it("catches the check placed after the decrypt (a reordered step list)", () => {
    expect(bindingHits(mutated(baseInput(), (plan) => {
      const sub = decryptSub(plan, "ClientSecret");
      sub.steps = [...sub.steps].reverse();
    }))).toEqual(["SUB_ConnectionDetails_GetClientSecret decrypts before it compares the endpoints with the ones the secret was entered for, so ClientSecret could be sent to an endpoint it was not entered for"]);
  });

  it("catches a check that leaves out an endpoint, or that does not stop on a difference", () => {
    const leavesOut = mutated(baseInput(), (plan) => {
      const guard = decryptSub(plan, "ClientSecret").steps[0]!;
      if (guard.kind !== "decision" || guard.condition.k !== "op") throw new Error("expected the guard first");
      guard.condition.right = { k: "attr", var: "ConnectionDetails", attribute: "BaseUrl" };
    });
    expect(bindingHits(leavesOut)).toEqual([expect.stringMatching(/^SUB_ConnectionDetails_GetClientSecret decrypts without first comparing/)]);
    const goesOn = mutated(baseInput(), (plan) => {
      const guard = decryptSub(plan, "ClientSecret").steps[0]!;
      if (guard.kind !== "decision") throw new Error("expected the guard first");
      guard.then = guard.then.filter((s) => s.kind !== "return");
    });
    expect(bindingHits(goesOn)).toEqual([expect.stringMatching(/^SUB_ConnectionDetails_GetClientSecret decrypts without first comparing/)]);
  });

  it("catches a binding attribute some role may write, and passes it read-only", () => {
    const hits = bindingHits(mutated(baseInput(), (plan) => {
      entity(plan, "ConnectionDetails").accessRules[0]!.members.find((m) => m.member === "SecretsEntryTokenUrl")!.rights = "ReadWrite";
    }));
    expect(hits).toEqual(["Administrator may write ConnectionDetails.SecretsEntryTokenUrl, so it could record its own endpoints as the ones the secrets were entered for"]);
    const { plan } = compile(baseInput());
    for (const name of plan.auth.bindingAttributes!) {
      expect(entity(plan, "ConnectionDetails").accessRules.every((r) => r.members.find((m) => m.member === name)?.rights === "ReadOnly")).toBe(true);
    }
  });

  it("an access override cannot make it writable: overrides apply to the spec's entities, and none may be named ConnectionDetails", () => {
    const input = baseInput();
    input.entities.push({
      name: "ConnectionDetails",
      documentation: "An attempt to override the generated entity.",
      attributes: [{ name: "SecretsEntryBaseUrl", type: "string" }],
      access: { Viewer: { write: ["SecretsEntryBaseUrl"] } },
    } as (typeof input.entities)[number]);
    expect(() => compile(input)).toThrow(/ConnectionDetails is generated by mxsecure/);
  });

  it("catches a plan that records no binding, or binds the secrets to fewer endpoints than it has", () => {
    expect(bindingHits(mutated(basicInput(), (plan) => {
      delete plan.auth.bindingAttributes;
    }))).toEqual([expect.stringMatching(/^ConnectionDetails records no values of the endpoints the stored secrets were entered for/)]);
    expect(bindingHits(mutated(baseInput(), (plan) => {
      plan.auth.secretsBoundTo = ["BaseUrl", "AuthorizationUrl"];
    }))).toEqual([
      "the stored secrets are not bound to TokenUrl, so a changed TokenUrl still receives them",
      "the stored secrets are not bound to RevocationUrl, so a changed RevocationUrl still receives them",
    ]);
  });
});

describe("SecretKeptOnSave", () => {
  it("catches a save that encrypts an empty input (the guard removed)", () => {
    const hits = ofRule(mutated(basicInput(), (plan) => {
      const save = flow(plan, "ACT_ConnectionDetails_Save");
      // Unwrap the "typed and not blank" decision: the encryption then runs for an empty input too.
      save.steps = save.steps.flatMap((s) => (s.kind === "decision" && s.caption.startsWith("New ") ? s.then : [s]));
    }), "SecretKeptOnSave");
    expect(hits.map((h) => h.message)).toEqual(["ACT_ConnectionDetails_Save encrypts ApiToken even when nothing was typed, which erases the stored secret"]);
  });

  it("catches a missing clear microflow, and one a read-only role may run", () => {
    expect(ofRule(mutated(basicInput(), (plan) => {
      plan.microflows = plan.microflows.filter((m) => m.name !== "ACT_ConnectionDetails_ClearSecrets");
    }), "SecretKeptOnSave").map((h) => h.message)).toEqual(["ApiToken has no explicit way to be cleared"]);
    const input = { ...basicInput(), roles: [{ name: "Support", kind: "configuration" as const, readOnly: true, documentation: "Reads the connection settings only." }] };
    expect(ofRule(mutated(input, (plan) => {
      flow(plan, "ACT_ConnectionDetails_ClearSecrets").allowedRoles.push("Support");
    }), "SecretKeptOnSave")[0]!.message).toMatch(/allowed to Support; only configuration roles that are not read-only may clear secrets/);
  });
});

describe("OAuthCallback", () => {
  it("catches a callback without a microflow URL (a plain microflow the redirect cannot reach)", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      delete flow(plan, "ACT_UserToken_Callback").url;
    }), "OAuthCallback");
    expect(hits[0]!.message).toMatch(/has no microflow URL taking code and state/);
  });

  it("catches a request not linked to its user, a lookup by state alone, and no cleanup", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      const request = entity(plan, "AuthorizationRequest");
      request.associations = [];
      const callback = flow(plan, "ACT_UserToken_Callback");
      callback.steps = callback.steps.map((s) => (s.kind === "retrieve" ? { ...s, where: s.where.filter((c) => c.path === "State") } : s));
      plan.microflows = plan.microflows.filter((m) => m.name !== "SUB_AuthorizationRequest_DeleteExpired");
    }), "OAuthCallback");
    expect(hits.map((h) => h.message)).toEqual([
      expect.stringMatching(/AuthorizationRequest is not linked to the user who started it/),
      expect.stringMatching(/does not look the request up by state and current user/),
      "no microflow removes expired authorization requests",
    ]);
  });
});

describe("ReadOnlyScopes", () => {
  it("catches a read-only role that may authorize without read-only scopes", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      flow(plan, "ACT_UserToken_Authorize").allowedRoles.push("Viewer");
    }), "ReadOnlyScopes");
    expect(hits).toEqual([expect.objectContaining({ path: "roles[0]", message: expect.stringMatching(/^read-only role Viewer may run ACT_UserToken_Authorize and would request the full scopes/) })]);
  });

  it("refuses read-only scopes that are not scopes (spec), and warns about write-like ones", () => {
    const input = baseInput();
    input.auth = { ...(input.auth as object), scopes: ["contacts.read", "contacts.write"], readOnlyScopes: ["contacts.write"] } as SpecInput["auth"];
    expect(ofRule(checked(input), "ReadOnlyScopes")).toEqual([
      expect.objectContaining({ severity: "warning", path: "auth.readOnlyScopes[0]" }),
    ]);
    const bad = baseInput();
    bad.auth = { ...(bad.auth as object), scopes: ["contacts.read"], readOnlyScopes: ["admin"] } as SpecInput["auth"];
    expect(() => compile(bad)).toThrow(/auth\.readOnlyScopes\[0\].*not in auth\.scopes/);
  });
});

describe("MicroflowReferences", () => {
  it("catches a saml kit that calls SUB_Request_Authenticate, which it does not have", () => {
    const input: SpecInput = { ...basicInput(), auth: { scheme: "saml" } };
    const hits = ofRule(mutated(input, (plan) => {
      flow(plan, "ACT_ConnectionDetails_Test").steps = [{ kind: "note", text: "Call a cheap endpoint through SUB_Request_Authenticate." }];
    }), "MicroflowReferences");
    expect(hits.map((h) => h.message)).toEqual(["ACT_ConnectionDetails_Test refers to SUB_Request_Authenticate, which does not exist in the module"]);
  });

  it("catches an authorization-code connection test that needs a user token the Administrator does not have", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      flow(plan, "ACT_ConnectionDetails_Test").steps = [{ kind: "note", text: "GET BaseUrl with the header from SUB_Request_Authenticate." }];
    }), "MicroflowReferences");
    expect(hits.map((h) => h.message)).toEqual([expect.stringMatching(/needs the current user's token; an Administrator has none/)]);
  });

  it("reads typed calls too, inside decisions: a basic kit has no SUB_Request_Authenticate to call", () => {
    const input: SpecInput = { ...basicInput(), auth: { scheme: "basic" } };
    expect(ofRule(checked(input), "MicroflowReferences")).toEqual([]);
    const hits = ofRule(mutated(input, (plan) => {
      const test = flow(plan, "ACT_ConnectionDetails_Test");
      const guard = test.steps.find((s) => s.kind === "decision")!;
      if (guard.kind !== "decision") throw new Error("no decision");
      guard.then.unshift({ kind: "callMicroflow", out: "Header", microflow: "SUB_Request_Authenticate", args: [] });
    }), "MicroflowReferences");
    expect(hits.map((h) => h.message)).toEqual(["ACT_ConnectionDetails_Test refers to SUB_Request_Authenticate, which does not exist in the module"]);
  });

  it("knows a typed SUB_Request_Authenticate needs the user's token when it retrieves the user's UserToken", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      flow(plan, "SUB_Request_Authenticate").steps = [
        { kind: "retrieve", out: "UserToken", entity: "UserToken", where: [{ path: "AcmeCrmConnector.UserToken_User", value: { k: "token", name: "CurrentUser" } }], first: true },
        { kind: "return", value: { k: "attr", var: "UserToken", attribute: "EncryptedAccessToken" } },
      ];
      flow(plan, "ACT_ConnectionDetails_Test").steps.unshift({ kind: "callMicroflow", out: "Header", microflow: "SUB_Request_Authenticate", args: [] });
    }), "MicroflowReferences");
    expect(hits.map((h) => h.message)).toEqual([expect.stringMatching(/needs the current user's token; an Administrator has none/)]);
  });

  it("catches a typed authorization-code connection test that calls through the user-token authentication", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      flow(plan, "ACT_ConnectionDetails_Test").steps.unshift({ kind: "callMicroflow", out: "Header", microflow: "SUB_Request_Authenticate", args: [] });
    }), "MicroflowReferences");
    expect(hits.map((h) => h.message)).toEqual([expect.stringMatching(/needs the current user's token; an Administrator has none/)]);
  });
});

describe("ServiceDataReadOnly", () => {
  it("catches an override that lets data roles create, delete and write data from the service", () => {
    const input = baseInput();
    input.entities[1]!.access = { User: { create: true, delete: true, read: "all", write: "all" } };
    expect(ofRule(checked(input), "ServiceDataReadOnly")).toEqual([
      expect.objectContaining({ path: "entities[1].access.User", message: "User may create, delete, write CompanyName on Company, which the connector fills from Acme CRM and the spec does not mark editable" }),
    ]);
  });

  it("passes the same rights when the spec marks the entity editable", () => {
    const input = baseInput();
    input.entities[1]!.editable = true;
    input.entities[1]!.access = { User: { create: true, delete: true, read: "all", write: "all" } };
    expect(ofRule(checked(input), "ServiceDataReadOnly")).toEqual([]);
  });
});

describe("ReportingReach", () => {
  it("warns when a read-only role documented for reporting sees only its own rows, and not with reach: all", () => {
    const input = baseInput();
    input.roles[0]!.documentation = "Read-only data role for reporting users; never combine with Administrator.";
    const hits = ofRule(checked(input), "ReportingReach");
    expect(hits).toEqual([expect.objectContaining({ severity: "warning", path: "roles[0]" })]);
    input.roles[0]!.reach = "all";
    expect(ofRule(checked(input), "ReportingReach")).toEqual([]);
  });
});

describe("ModuleSecurityComplete", () => {
  it("catches a persistable entity without any access rule (the old AccessToken and AuthorizationRequest)", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      entity(plan, "AuthorizationRequest").accessRules = [];
    }), "ModuleSecurityComplete");
    expect(hits).toEqual([expect.objectContaining({ path: "auth", message: "persistable entity AuthorizationRequest has no access rule, so module security is incomplete" })]);
  });
});

describe("RoleDocumented reports a role without documentation", () => {
  it("as RoleDocumented, not only as a schema error", () => {
    const data = { ...baseInput(), roles: [{ name: "Viewer", kind: "data", readOnly: true }] };
    const { findings } = auditData(data);
    expect(findings.filter((f) => f.path === "roles[0].documentation").map((f) => f.rule)).toEqual(["RoleDocumented"]);
  });
});

describe("OwnerConstraint parses the XPath", () => {
  const { plan } = compile(baseInput());
  const contact = entity(plan, "Contact");
  const restricts = (xpath: string) => {
    const parsed = parseXPath(xpath);
    return "node" in parsed && restrictsToCurrentUser(parsed.node, (steps) => isOwnerPath(plan, contact, steps));
  };

  it.each([
    "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']",
    "[AcmeCrmConnector.Contact_User = '[%CurrentUser%]']",
    "['[%CurrentUser%]'=AcmeCrmConnector.Contact_User]",
    "[AcmeCrmConnector.Contact_User='[%CurrentUser%]' and FullName != empty]",
    "[AcmeCrmConnector.Contact_User='[%CurrentUser%]'][FullName='x']",
    "[(AcmeCrmConnector.Contact_User='[%CurrentUser%]')]",
  ])("accepts %s", (xpath) => expect(restricts(xpath)).toBe(true));

  it.each([
    "[AcmeCrmConnector.Contact_User='[%CurrentUser%]' or true()]",
    "[AcmeCrmConnector.Contact_User!='[%CurrentUser%]']",
    "[not(AcmeCrmConnector.Contact_User='[%CurrentUser%]')]",
    "[System.owner='[%CurrentUser%]']", // Contact does not store its owner
    "[FullName='[%CurrentUser%]']",
    "[AcmeCrmConnector.Contact_Company='[%CurrentUser%]']",
    "[AcmeCrmConnector.Contact_Company/AcmeCrmConnector.Company/CompanyName='[%CurrentUser%]']",
    "[true()] [AcmeCrmConnector.Contact_User='[%CurrentUser%]' or FullName='x']",
    "[contains(FullName, '[%CurrentUser%]')]",
    "[AcmeCrmConnector.Contact_User='[%CurrentUser%]'", // unterminated
    "AcmeCrmConnector.Contact_User='[%CurrentUser%]'", // no brackets
    "[AcmeCrmConnector.Contact_User='[%CurrentUserX%]']",
  ])("refuses %s", (xpath) => expect(restricts(xpath)).toBe(false));

  it("reports an override with a tricked XPath under OwnerConstraint", () => {
    const input = baseInput();
    input.entities[0]!.access = { User: { read: "all", xpath: "[AcmeCrmConnector.Contact_User='[%CurrentUser%]' or true()]" } };
    expect(ofRule(checked(input), "OwnerConstraint")).toEqual([
      expect.objectContaining({ path: "entities[0].access.User", message: expect.stringMatching(/does not limit it to the current user's objects/) }),
    ]);
  });

  it("accepts a path through this module's entities that ends in an owner link", () => {
    const input = baseInput();
    input.entities.push({ name: "Note", documentation: "A note on a contact.", ownership: "user", attributes: [{ name: "Text", type: "string" }], associations: [{ to: "Contact" }] });
    input.entities[3]!.access = { User: { read: ["Text"], xpath: "[AcmeCrmConnector.Note_Contact/AcmeCrmConnector.Contact/AcmeCrmConnector.Contact_User='[%CurrentUser%]']" } };
    const { spec, plan: p } = compile(input);
    expect(ofRule(runChecks(spec, p), "OwnerConstraint")).toEqual([]);
  });
});

describe("review 10: holes found by the attacker review", () => {
  it("ServiceDataReadOnly catches a data role given create on a user-owned entity the spec does not mark editable", () => {
    const input = baseInput();
    input.entities[0] = {
      ...input.entities[0]!,
      access: { User: { create: true, read: "all", xpath: "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']" } },
    };
    const hits = ofRule(checked(input), "ServiceDataReadOnly");
    expect(hits).toEqual([expect.objectContaining({ path: "entities[0].access.User", message: "User may create on Contact, which the connector fills from Acme CRM and the spec does not mark editable" })]);
  });

  it("an editable user-owned entity: its owner creates, changes and deletes own objects, and the audit accepts it; a writable owner link is still caught", () => {
    const input = baseInput();
    input.entities[0] = { ...input.entities[0]!, editable: true };
    expect(checked(input).filter((f) => f.severity === "error")).toEqual([]);
    input.entities[0] = {
      ...input.entities[0]!,
      access: { User: { create: true, delete: true, read: "all", write: "all", xpath: "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']" } },
    };
    expect(ofRule(checked(input), "OwnerConstraint")).toEqual([expect.objectContaining({ message: "User may change Contact_User, which its own owner constraint on Contact relies on" })]);
  });

  it("a suppression written for an Administrator reading one member does not silence it creating, deleting and writing everything", async () => {
    const { applySuppressions } = await import("../src/lib/checks/suppressions.ts");
    const { fingerprint } = await import("../src/lib/checks/fingerprint.ts");
    const narrow = baseInput();
    narrow.entities[1] = { ...narrow.entities[1]!, access: { Administrator: { read: ["CompanyName"] } } };
    const accepted = ofRule(checked(narrow), "ConfigurationAndDataSeparated");
    expect(accepted).toHaveLength(1);
    const suppressions = [{ rule: accepted[0]!.rule, path: accepted[0]!.path, fingerprint: fingerprint(accepted[0]!), reason: "Support reads company names." }];
    // Issue 19: ConfigurationAndDataSeparated cannot be suppressed at all, not even the narrow finding.
    expect(ofRule(applySuppressions(accepted, suppressions).findings, "ConfigurationAndDataSeparated")).toEqual(accepted);

    const wide = baseInput();
    wide.entities[1] = { ...wide.entities[1]!, access: { Administrator: { create: true, delete: true, read: "all", write: "all" } } };
    const now = applySuppressions(checked(wide), suppressions);
    expect(ofRule(now.findings, "ConfigurationAndDataSeparated")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("(create; delete; read CompanyName; write CompanyName)") }),
    ]);
    expect(now.suppressed).toEqual([]);
  });

  it("a suppression of a missing owner constraint for one member does not silence a wider read", async () => {
    const withRead = (read: string[] | "all") => {
      const input = baseInput();
      input.entities[0] = { ...input.entities[0]!, access: { User: { read } } };
      return ofRule(checked(input), "OwnerConstraint").map((f) => f.message);
    };
    const narrow = withRead(["FullName"]);
    const wide = withRead("all");
    expect(narrow).toHaveLength(1);
    expect(wide).toHaveLength(1);
    expect(wide[0]).not.toEqual(narrow[0]);
    expect(wide[0]).toContain("read FullName, Email");
  });
});

describe("review 10: secret-like names a word split cut apart", () => {
  it("recognises PassWord, JWTs, Pin, SessionCookie and BearerValue", async () => {
    const { isSecretLikeName } = await import("../src/lib/checks/rules/secrets-encrypted.ts");
    expect(["PassWord", "JWTs", "Pin", "CardPIN", "SessionCookie", "BearerValue"].filter((n) => !isSecretLikeName(n))).toEqual([]);
    expect(["Spin", "Opinion", "Shipping", "Monkey", "Turkey", "Secretary", "Tokenizer", "Cookbook"].filter(isSecretLikeName)).toEqual([]);
  });
});

describe("review 10: where the API token travels and what read-only roles request", () => {
  it.each(["Host", "proxy-authorization", "X-Forwarded-Host", "Referer", "Cookie"])("SecretFollowsEndpoint refuses the token in %s", (headerName) => {
    const input = basicInput();
    input.auth = { scheme: "api-token", headerName };
    expect(ofRule(checked(input), "SecretFollowsEndpoint")).toEqual([expect.objectContaining({ path: "auth.headerName", severity: "error" })]);
  });

  it("SecretFollowsEndpoint accepts Authorization and a service's own header", () => {
    for (const headerName of ["Authorization", "X-Api-Key"]) {
      const input = basicInput();
      input.auth = { scheme: "api-token", headerName };
      expect(ofRule(checked(input), "SecretFollowsEndpoint")).toEqual([]);
    }
  });

  it("ReadOnlyScopes warns when the read-only scopes are every scope (scopes whose names do not look like writing)", () => {
    const input = baseInput();
    input.auth = { ...input.auth, scheme: "oauth-authorization-code", scopes: ["api", "offline_access"], readOnlyScopes: ["offline_access", "api"] } as typeof input.auth;
    expect(ofRule(checked(input), "ReadOnlyScopes")).toEqual([expect.objectContaining({ path: "auth.readOnlyScopes", severity: "warning", message: expect.stringMatching(/cover every scope/) })]);
    input.auth = { ...input.auth, readOnlyScopes: ["api"] } as typeof input.auth;
    expect(ofRule(checked(input), "ReadOnlyScopes")).toEqual([]);
  });
});

describe("review 10: the connection test and unsaved endpoints", () => {
  it("SecretFollowsEndpoint catches a connection test that takes ConnectionDetails from the page", () => {
    const hits = ofRule(mutated(baseInput(), (plan) => {
      flow(plan, "ACT_ConnectionDetails_Test").parameters = [{ name: "ConnectionDetails", type: "ConnectionDetails" }];
    }), "SecretFollowsEndpoint");
    expect(hits).toEqual([expect.objectContaining({ path: "auth", message: expect.stringMatching(/^ACT_ConnectionDetails_Test takes ConnectionDetails from the page/) })]);
  });
});

describe("review 10: reach all on a role that writes", () => {
  it("OwnerConstraint warns when a data role with reach: all may change every user's rows, and not when it only reads", () => {
    const input = baseInput();
    input.roles.push({ name: "Support", kind: "data", reach: "all", documentation: "Support staff; never combine with Administrator." });
    input.entities[0] = { ...input.entities[0]!, attributes: [{ name: "FullName", type: "string", editable: true }, { name: "Email", type: "string", sensitive: true }] };
    expect(ofRule(checked(input), "OwnerConstraint")).toEqual([
      expect.objectContaining({ severity: "warning", path: "entities[0]", message: expect.stringMatching(/^Support has reach: all and changes every user's Contact objects.*write FullName/) }),
    ]);
    input.roles[1] = { ...input.roles[1]!, readOnly: true };
    expect(ofRule(checked(input), "OwnerConstraint")).toEqual([]);
  });
});
