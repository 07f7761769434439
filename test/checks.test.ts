// One test pair per rule: a spec (or plan) that breaks it, and one that passes. Rules that a valid
// spec cannot break (the plan builder never produces the violation) are tested on a plan mutated in
// the test; each such case says so.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_RULES, checkPlan, findViolations, RULES, runChecks, type Finding } from "../src/lib/checks/index.ts";
import { documentationProblem } from "../src/lib/checks/rules/role-documented.ts";
import { isSecretLikeName } from "../src/lib/checks/rules/secrets-encrypted.ts";
import type { Plan } from "../src/lib/plan/types.ts";
import type { SpecInput } from "../src/lib/spec/schema.ts";
import { readAnswersFile } from "../src/lib/spec/load.ts";
import { baseInput, compile, specOf } from "./checks-helpers.ts";
import { fingerprint } from "../src/lib/checks/fingerprint.ts";
import { buildPlan } from "../src/lib/plan/build.ts";

function findings(input: SpecInput): Finding[] {
  const { spec, plan } = compile(input);
  return runChecks(spec, plan);
}

function ofRule(list: Finding[], rule: string): Finding[] {
  return list.filter((f) => f.rule === rule);
}

/** Checks a plan that the test changed by hand (see the file comment). */
function findingsOfMutated(input: SpecInput, mutate: (plan: Plan) => void): Finding[] {
  const { spec, plan } = compile(input);
  mutate(plan);
  return runChecks(spec, plan);
}

function entity(plan: Plan, name: string) {
  const found = plan.entities.find((e) => e.name === name);
  if (!found) throw new Error(`no entity ${name} in plan`);
  return found;
}

describe("the base spec used by these tests", () => {
  it("breaks no rule", () => {
    expect(findings(baseInput())).toEqual([]);
  });
});

describe("every example", () => {
  const files = readdirSync("examples").filter((f) => f.endsWith(".yaml"));
  it.each(files)("%s passes every rule", (file) => {
    const spec = specOf(readAnswersFile(`examples/${file}`).data as SpecInput);
    expect(runChecks(spec, buildPlan(spec))).toEqual([]);
  });
});

describe("ConfigurationAndDataSeparated", () => {
  it("catches a configuration role given access to a data entity by an override", () => {
    const input = baseInput();
    input.entities[0]!.access = { Administrator: { read: "all" } };
    const hits = ofRule(findings(input), "ConfigurationAndDataSeparated");
    expect(hits).toEqual([expect.objectContaining({ severity: "error", path: "entities[0].access.Administrator" })]);
    expect(hits[0]!.message).toContain("Contact");
  });

  it("catches a data role on ConnectionDetails (mutated plan: the builder never grants it)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      const details = entity(plan, "ConnectionDetails");
      details.accessRules.push({ ...details.accessRules[0]!, role: "User" });
    }), "ConfigurationAndDataSeparated");
    expect(hits).toEqual([expect.objectContaining({ path: "auth" })]);
    expect(hits[0]!.message).toMatch(/data role User reaches ConnectionDetails/);
  });

  it("passes a data role given an override on a data entity", () => {
    const input = baseInput();
    input.entities[1]!.access = { User: { read: "all" } };
    expect(ofRule(findings(input), "ConfigurationAndDataSeparated")).toEqual([]);
  });
});

describe("RoleDocumented", () => {
  it.each([
    ["a placeholder", "TODO: describe this role later"],
    ["too short a text", "Reads data."],
    ["a bare n/a", "n/a"],
  ])("catches %s", (_what, documentation) => {
    const input = baseInput();
    input.roles[0]!.documentation = documentation;
    expect(ofRule(findings(input), "RoleDocumented")).toEqual([
      expect.objectContaining({ severity: "error", path: "roles[0].documentation" }),
    ]);
  });

  it("catches a built-in role whose documentation was replaced by a placeholder", () => {
    const input = baseInput();
    input.roles.push({ name: "Administrator", kind: "configuration", documentation: "tbd" });
    expect(ofRule(findings(input), "RoleDocumented")).toEqual([expect.objectContaining({ path: "roles[1].documentation" })]);
  });

  it("passes real sentences, including hostile-looking ones", () => {
    expect(documentationProblem("Read-only data role for reporting users; never combine with Administrator.")).toBeUndefined();
    expect(documentationProblem("Viewer */ /* ` ${'$'}{1} <%- x %> '); DROP TABLE roles; --")).toBeUndefined();
  });
});

describe("HttpsOnly", () => {
  it("catches a plain-HTTP service URL (mutated plan: validation refuses it in a spec; audit tests cover the file)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      plan.service.baseUrl = "http://api.acme.example/v2";
      plan.auth.tokenUrl = "http://login.acme.example/token";
    }), "HttpsOnly");
    expect(hits.map((h) => [h.path, h.severity])).toEqual([["service.baseUrl", "error"], ["auth.tokenUrl", "error"]]);
  });

  it("reports an opted-in http://localhost as a warning only", () => {
    const input = baseInput();
    input.service = { name: "Local", baseUrl: "http://localhost:8080/api", allowHttpLocalhost: true };
    const hits = ofRule(findings(input), "HttpsOnly");
    expect(hits).toEqual([expect.objectContaining({ severity: "warning", path: "service.baseUrl" })]);
  });

  it("passes HTTPS URLs", () => {
    expect(ofRule(findings(baseInput()), "HttpsOnly")).toEqual([]);
  });
});

describe("SecretsEncrypted", () => {
  it("catches a secret-like data attribute that is not sensitive", () => {
    const input = baseInput();
    input.entities[1]!.attributes!.push({ name: "ApiKey", type: "string" });
    expect(ofRule(findings(input), "SecretsEncrypted")).toEqual([
      expect.objectContaining({ severity: "error", path: "entities[1].attributes[1]" }),
    ]);
  });

  it("catches a role that can read an encrypted secret (mutated plan: the builder gives None)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      const member = entity(plan, "ConnectionDetails").accessRules[0]!.members.find((m) => m.member === "EncryptedClientSecret")!;
      member.rights = "ReadOnly";
    }), "SecretsEncrypted");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toMatch(/Administrator has ReadOnly access to ConnectionDetails\.EncryptedClientSecret/);
  });

  it("catches a database secret stored without encryption (mutated plan)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      entity(plan, "ConnectionDetails").attributes.find((a) => a.name === "EncryptedClientSecret")!.encrypted = false;
    }), "SecretsEncrypted");
    expect(hits.map((h) => h.message)).toContainEqual(expect.stringMatching(/ClientSecret is stored in ConnectionDetails\.EncryptedClientSecret without/));
  });

  it("passes a secret-like attribute marked sensitive", () => {
    const input = baseInput();
    input.entities[1]!.attributes!.push({ name: "ApiKey", type: "string", sensitive: true });
    expect(ofRule(findings(input), "SecretsEncrypted")).toEqual([]);
  });

  it("recognises secret-like names word by word", () => {
    expect(["ApiKey", "APIKey", "refresh_token", "UserPassword", "PrimaryKey", "ClientSecret"].filter(isSecretLikeName)).toHaveLength(6);
    expect(["Monkey", "Keyboard", "Secretive", "Tokenizer", "FullName"].filter(isSecretLikeName)).toEqual([]);
  });

  it("recognises plural and compound secret-like names", () => {
    const names = ["Passwords", "ClientSecrets", "SigningKeys", "Passcode", "Jwt", "apikeys", "clientsecret", "AccessTokens", "PASSPHRASE", "Credentials"];
    expect(names.filter((n) => !isSecretLikeName(n))).toEqual([]);
    expect(["Keywords", "Secretary", "Tokenizers", "Passage", "Monkeys"].filter(isSecretLikeName)).toEqual([]);
  });

  it("catches plural and compound secret-like data attributes that are not sensitive", () => {
    const input = baseInput();
    input.entities[1]!.attributes!.push({ name: "Passwords", type: "string" }, { name: "ClientSecrets", type: "string" }, { name: "Jwt", type: "string" });
    expect(ofRule(findings(input), "SecretsEncrypted").map((h) => h.path)).toEqual(["entities[1].attributes[1]", "entities[1].attributes[2]", "entities[1].attributes[3]"]);
  });
});

describe("OwnerConstraint", () => {
  it("catches an override that drops the owner XPath of a user-owned entity", () => {
    const input = baseInput();
    input.entities[0]!.access = { User: { read: "all", write: ["FullName"] } };
    expect(ofRule(findings(input), "OwnerConstraint")).toEqual([
      expect.objectContaining({ severity: "error", path: "entities[0].access.User" }),
    ]);
  });

  it("catches an owner path whose association the constrained role may change", () => {
    const input = baseInput();
    input.entities[0]!.access = {
      User: { read: "all", write: ["Contact_User"], xpath: "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']" },
    };
    const hits = ofRule(findings(input), "OwnerConstraint");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toMatch(/may change Contact_User/);
  });

  it("catches a user-owned entity without its link to System.User (mutated plan)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      const contact = entity(plan, "Contact");
      contact.associations = contact.associations.filter((a) => a.child !== "System.User");
    }), "OwnerConstraint");
    // Once for the entity, and once for each data role whose XPath relied on the link.
    expect(hits.map((h) => h.path)).toEqual(["entities[0]", "entities[0]", "entities[0]"]);
    expect(hits[0]!.message).toMatch(/has no link to its user/);
  });

  it("passes an override that keeps the owner XPath", () => {
    const input = baseInput();
    input.entities[0]!.access = { User: { read: "all", xpath: "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']" } };
    expect(ofRule(findings(input), "OwnerConstraint")).toEqual([]);
  });
});

describe("ReadOnlyRole", () => {
  const owner = "[AcmeCrmConnector.Contact_User='[%CurrentUser%]']";

  it("catches a read-only role that reads a sensitive member", () => {
    const input = baseInput();
    input.entities[0]!.access = { Viewer: { read: "all", xpath: owner } };
    const hits = ofRule(findings(input), "ReadOnlyRole");
    expect(hits).toEqual([expect.objectContaining({ severity: "error", path: "entities[0].access.Viewer" })]);
    expect(hits[0]!.message).toMatch(/reads sensitive Email/);
  });

  it("catches a read-only role with create, delete and write", () => {
    const input = baseInput();
    input.entities[1]!.access = { Viewer: { create: true, delete: true, read: "all", write: ["CompanyName"] } };
    const hits = ofRule(findings(input), "ReadOnlyRole");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toBe("read-only role Viewer may create, delete, write (CompanyName) on Company");
  });

  it("catches a read-only role allowed to save the connection (mutated plan)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!.allowedRoles.push("Viewer");
    }), "ReadOnlyRole");
    expect(hits).toEqual([expect.objectContaining({ path: "roles[0]" })]);
  });

  it("catches a read-only role that may delete its UserToken (mutated plan: it disconnects through a microflow)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      entity(plan, "UserToken").accessRules.find((r) => r.role === "Viewer")!.allowDelete = true;
    }), "ReadOnlyRole");
    expect(hits).toEqual([expect.objectContaining({ path: "auth", message: "read-only role Viewer may delete on UserToken" })]);
  });

  it("passes a read-only override on non-sensitive members", () => {
    const input = baseInput();
    input.entities[0]!.access = { Viewer: { read: ["FullName"], xpath: owner } };
    expect(ofRule(findings(input), "ReadOnlyRole")).toEqual([]);
  });
});

describe("NoDefaultReadWrite", () => {
  it("catches default ReadWrite on new members (mutated plan: the type says None)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      (entity(plan, "Company").accessRules[0] as { defaultMemberAccessRights: string }).defaultMemberAccessRights = "ReadWrite";
    }), "NoDefaultReadWrite");
    expect(hits).toEqual([expect.objectContaining({ severity: "error", path: "entities[1]" })]);
    expect(hits[0]!.message).toMatch(/gives new members ReadWrite/);
  });

  it("catches a rule that does not list every member (mutated plan)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      entity(plan, "Contact").accessRules[0]!.members = [];
    }), "NoDefaultReadWrite");
    expect(hits[0]!.message).toMatch(/does not list FullName, Email, Contact_Company/);
  });

  it("passes the plan as built", () => {
    expect(ofRule(findings(baseInput()), "NoDefaultReadWrite")).toEqual([]);
  });
});

describe("SystemMemberReadOnly", () => {
  it("catches a writable owner and a writable expiry (mutated plan)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      entity(plan, "Contact").accessRules[0]!.members.find((m) => m.member === "Contact_User")!.rights = "ReadWrite";
      entity(plan, "UserToken").accessRules[0]!.members.find((m) => m.member === "ExpiresAt")!.rights = "ReadWrite";
    }), "SystemMemberReadOnly");
    // Plan order: the generated UserToken comes before the user's entities.
    expect(hits.map((h) => [h.path, h.message])).toEqual([
      ["auth", "User may write ExpiresAt on UserToken, which only the system sets"],
      ["entities[0]", "User may write Contact_User on Contact, which only the system sets"],
    ]);
  });

  it("passes the plan as built", () => {
    expect(ofRule(findings(baseInput()), "SystemMemberReadOnly")).toEqual([]);
  });
});

describe("XPathOnPersistableOnly", () => {
  it("catches an XPath on a non-persistable entity", () => {
    const input = baseInput();
    input.entities[2]!.access = { User: { read: "all", write: "all", xpath: "[Text='x']" } };
    expect(ofRule(findings(input), "XPathOnPersistableOnly")).toEqual([
      expect.objectContaining({ severity: "error", path: "entities[2].access.User" }),
    ]);
  });

  it("passes the same override without an XPath", () => {
    const input = baseInput();
    input.entities[2]!.access = { User: { read: "all", write: "all" } };
    expect(ofRule(findings(input), "XPathOnPersistableOnly")).toEqual([]);
  });
});

describe("ModuleRolesAmount", () => {
  const role = (name: string) => ({ name, kind: "data" as const, documentation: `Data role ${name} for a team of its own; never combine with Administrator.` });

  it("warns above five roles", () => {
    const input = baseInput();
    input.roles.push(role("Sales"), role("Support"), role("Finance"));
    const hits = ofRule(findings(input), "ModuleRolesAmount");
    expect(hits).toEqual([expect.objectContaining({ severity: "warning", path: "roles" })]);
  });

  it("passes five roles", () => {
    const input = baseInput();
    input.roles.push(role("Sales"), role("Support"));
    expect(ofRule(findings(input), "ModuleRolesAmount")).toEqual([]);
  });
});

describe("PkceRequired", () => {
  it("catches pkce: false", () => {
    const input = baseInput();
    input.auth = { ...(input.auth as object), pkce: false } as SpecInput["auth"];
    expect(ofRule(findings(input), "PkceRequired")).toEqual([expect.objectContaining({ severity: "error", path: "auth.pkce" })]);
  });

  it("passes the default (PKCE on)", () => {
    expect(ofRule(findings(baseInput()), "PkceRequired")).toEqual([]);
  });
});

describe("ReservedName", () => {
  it("catches a reserved attribute name and an entity named like the module (mutated plan: validation refuses both)", () => {
    const hits = ofRule(findingsOfMutated(baseInput(), (plan) => {
      entity(plan, "Company").attributes[0]!.name = "Owner";
      entity(plan, "Draft").name = "acmecrmconnector";
    }), "ReservedName");
    expect(hits.map((h) => h.path)).toEqual(["entities[1]", "auth"]);
    expect(hits.map((h) => h.message)).toEqual([
      expect.stringMatching(/"Owner" on Company is reserved/),
      expect.stringMatching(/acmecrmconnector has the module's name/),
    ]);
  });

  it("passes ordinary names", () => {
    expect(ofRule(findings(baseInput()), "ReservedName")).toEqual([]);
  });
});

describe("ConstantNotExposed", () => {
  const constantInput = (): SpecInput => ({
    module: "WeatherConnector",
    description: "Reads forecasts.",
    service: { name: "Weather", baseUrl: "https://api.weather.example" },
    auth: { scheme: "api-token", secretStorage: "constant" },
  });

  it("catches an exposed constant and one with a default value (mutated plan: the type says false and blank)", () => {
    const hits = ofRule(findingsOfMutated(constantInput(), (plan) => {
      (plan.constants[0] as { exposedToClient: boolean }).exposedToClient = true;
      (plan.constants[0] as { defaultValue: string }).defaultValue = "abc123";
    }), "ConstantNotExposed");
    expect(hits.map((h) => h.message)).toEqual([
      "constant WeatherConnector.ApiToken is exposed to the client",
      "constant WeatherConnector.ApiToken has a default value, so the secret is in the model",
    ]);
    expect(hits.every((h) => h.path === "auth.secretStorage" && h.severity === "error")).toBe(true);
  });

  it("passes the constants as built", () => {
    const { spec, plan } = compile(constantInput());
    expect(plan.constants).toHaveLength(1);
    expect(ofRule(runChecks(spec, plan), "ConstantNotExposed")).toEqual([]);
  });
});

describe("suppressions", () => {
  const manyRoles = (): SpecInput & ReturnType<typeof baseInput> => {
    const input = baseInput();
    for (const name of ["Sales", "Support", "Finance"]) {
      input.roles.push({ name, kind: "data", documentation: `Data role ${name}; never combine with Administrator in one user role.` });
    }
    return input;
  };

  /** The fingerprint the audit prints for the one finding of a rule in this input. */
  const printOf = (input: SpecInput, rule: string, path: string) => {
    const hit = findingsOfMutated(input, () => {}).find((f) => f.rule === rule && f.path === path);
    if (!hit) throw new Error(`no ${rule} finding at ${path}`);
    return fingerprint(hit);
  };

  it("accepts one finding per rule, path and fingerprint, keeping its reason", () => {
    const input = manyRoles();
    const print = printOf(input, "ModuleRolesAmount", "roles");
    expect(print).toMatch(/^[0-9a-f]{16}$/);
    input.suppressions = [{ rule: "ModuleRolesAmount", path: "roles", fingerprint: print, reason: "Each team needs its own role." }];
    const { spec, plan } = compile(input);
    const result = checkPlan(spec, plan);
    expect(ofRule(result.findings, "ModuleRolesAmount")).toEqual([]);
    expect(ofRule(result.findings, "SuppressionUnused")).toEqual([]);
    expect(result.suppressed).toEqual([expect.objectContaining({ rule: "ModuleRolesAmount", path: "roles", reason: "Each team needs its own role." })]);
    expect(ofRule(findViolations(spec, plan), "ModuleRolesAmount")).toHaveLength(1);
  });

  it("does not accept a finding at another path", () => {
    const input = manyRoles();
    const print = printOf(input, "ModuleRolesAmount", "roles");
    input.suppressions = [{ rule: "ModuleRolesAmount", path: "roles[0]", fingerprint: print, reason: "wrong place" }];
    const result = findings(input);
    expect(ofRule(result, "ModuleRolesAmount")).toHaveLength(1);
    expect(ofRule(result, "SuppressionUnused")).toEqual([expect.objectContaining({ severity: "warning", path: "suppressions[0]" })]);
  });

  it("shows a finding again when it changes at the same place: a Viewer override that later gains create, delete and write", () => {
    const input = baseInput();
    input.entities[1]!.access = { Viewer: { read: "all", write: ["CompanyName"] } };
    const print = printOf(input, "ReadOnlyRole", "entities[1].access.Viewer");
    input.suppressions = [{ rule: "ReadOnlyRole", path: "entities[1].access.Viewer", fingerprint: print, reason: "Viewers fix typos in company names." }];
    expect(ofRule(findings(input), "ReadOnlyRole")).toEqual([]);
    // The same override, now also creating and deleting companies: a worse finding at the same path.
    input.entities[1]!.access = { Viewer: { create: true, delete: true, read: "all", write: ["CompanyName"] } };
    const result = findings(input);
    expect(ofRule(result, "ReadOnlyRole")).toEqual([
      expect.objectContaining({ path: "entities[1].access.Viewer", message: "read-only role Viewer may create, delete, write (CompanyName) on Company" }),
    ]);
    expect(ofRule(result, "SuppressionUnused")[0]!.message).toMatch(/was written for a different finding/);
  });

  it("a suppression without a fingerprint suppresses nothing and names the fingerprint to copy", () => {
    const input = manyRoles();
    const print = printOf(input, "ModuleRolesAmount", "roles");
    input.suppressions = [{ rule: "ModuleRolesAmount", path: "roles", reason: "no fingerprint yet" }];
    const result = findings(input);
    expect(ofRule(result, "ModuleRolesAmount")).toHaveLength(1);
    const unbound = ofRule(result, "SuppressionUnused");
    expect(unbound).toEqual([expect.objectContaining({ path: "suppressions[0]" })]);
    expect(unbound[0]!.message).toBe(`suppression of ModuleRolesAmount at roles has no fingerprint, so it suppresses nothing; the finding there has fingerprint ${print}`);
    expect(unbound[0]!.fix).toContain(`add fingerprint: ${print}`);
  });

  it("warns about a suppression naming no known rule", () => {
    const input = baseInput();
    input.suppressions = [{ rule: "NoSuchRule", path: "roles", fingerprint: "0123456789abcdef", reason: "typo" }];
    expect(ofRule(findings(input), "SuppressionUnused")[0]!.message).toMatch(/no known rule \(NoSuchRule\)/);
  });
});

describe("the rule registry", () => {
  it("has unique stable names, each with a description and help", () => {
    const names = ALL_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of ALL_RULES) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.help.length).toBeGreaterThan(rule.description.length);
    }
  });

  it("has at least the rules the issue asks for", () => {
    expect(RULES.map((r) => r.name)).toEqual(expect.arrayContaining([
      "ConfigurationAndDataSeparated", "RoleDocumented", "HttpsOnly", "SecretsEncrypted", "OwnerConstraint", "ReadOnlyRole",
      "NoDefaultReadWrite", "XPathOnPersistableOnly", "ModuleRolesAmount", "PkceRequired", "ReservedName", "ConstantNotExposed",
    ]));
  });

  it("names the overlapping linter rules in the help text", () => {
    const help = (name: string) => ALL_RULES.find((r) => r.name === name)!.help;
    expect(help("NoDefaultReadWrite")).toContain("mxlint AvoidDefaultReadWriteAccess");
    expect(help("NoDefaultReadWrite")).toContain("ACR securityentitydefaultmemberaccess");
    expect(help("ConstantNotExposed")).toContain("mxlint ExposedConstants");
    expect(help("ConstantNotExposed")).toContain("ACR sensitiveconstant");
    expect(help("ModuleRolesAmount")).toContain("ACR ModuleRolesAmount");
    expect(help("OwnerConstraint")).toContain("SEC008");
    expect(help("ReservedName")).toContain("CE7247");
  });
});
