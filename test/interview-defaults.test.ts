// Issue 22: every answer the interview offers as a default passes every audit rule, with no
// warning; and the questions for redirectPath and readOnlyScopes reach the spec.
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/lib/checks/index.js";
import { buildPlan } from "../src/lib/plan/build.js";
import { interview, type Question } from "../src/lib/prompts/interview.js";
import { SCHEMES } from "../src/lib/spec/schema.js";
import { validateSpec } from "../src/lib/spec/validate.js";

/** Answers only what has no default (and the loop questions from `turns`); Enter everywhere else. */
async function withDefaults(fixed: Record<string, string>, turns: Record<string, unknown[]>) {
  const asked: Question[] = [];
  const queues = Object.fromEntries(Object.entries(turns).map(([k, v]) => [k, [...v]]));
  const answers = await interview(async (q) => {
    asked.push(q);
    const queue = queues[q.name];
    if (queue?.length) return queue.shift() as string | boolean;
    if (q.name in fixed) return fixed[q.name]!;
    if (q.default === undefined) throw new Error(`no default for ${q.name}: ${q.message}`);
    return q.default;
  });
  return { answers, asked };
}

const URLS = { baseUrl: "https://api.example.com", tokenUrl: "https://login.example.com/token", authorizationUrl: "https://login.example.com/authorize" };

function findings(answers: Record<string, unknown>) {
  const valid = validateSpec(answers);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
  return runChecks(valid.spec, buildPlan(valid.spec)).map((f) => `${f.rule} ${f.severity}: ${f.message}`);
}

describe("the interview's defaults pass every rule", () => {
  // Roles: a data role pressed through with Enter (read-only, reach own), then one with reach all,
  // one not read-only and a configuration role; a user-owned and a shared entity.
  const ROLE_TURNS = {
    addRole: [true, true, true, true, false],
    roleName: ["Viewer", "Reporter", "Editor", "Settings"],
    roleKind: ["data", "data", "data", "configuration"],
    roleReadOnly: [true, true, false, false],
    roleReach: ["own", "all", "own"],
    addEntity: [true, true, false],
    entityName: ["Ticket", "Company"],
    entityDocumentation: ["A support request.", "A customer."],
    ownership: ["user", "shared"],
  };

  // Five roles at most (ModuleRolesAmount): Editor is left out here.
  const FIVE_ROLES = {
    ...ROLE_TURNS,
    addRole: [true, true, true, false],
    roleName: ["Viewer", "Reporter", "Settings"],
    roleKind: ["data", "data", "configuration"],
    roleReadOnly: [true, true, false],
    roleReach: ["own", "all"],
  };

  it.each(SCHEMES)("%s: no error and no warning", async (scheme) => {
    const { answers } = await withDefaults({ serviceName: "Help Desk", scheme, ...URLS, scopes: "tickets.read" }, FIVE_ROLES);
    expect(findings(answers)).toEqual([]);
  });

  it("the default documentation of a read-only role says reports only when the role sees every user's objects", async () => {
    const { answers } = await withDefaults({ serviceName: "Help Desk", scheme: "none", baseUrl: URLS.baseUrl }, ROLE_TURNS);
    expect(findings(answers).filter((f) => !f.startsWith("ModuleRolesAmount"))).toEqual([]);
    expect((answers.roles as { name: string; documentation: string }[]).map((r) => [r.name, r.documentation])).toEqual([
      ["Viewer", "Reads the connector's data (only its own user's objects of per-user entities); changes nothing. Do not combine with Administrator."],
      ["Reporter", "Reads the connector's data (every user's objects) for reports and support; changes nothing. Do not combine with Administrator."],
      ["Editor", "Works with the connector's data (only its own user's objects of per-user entities). Do not combine with Administrator."],
      ["Settings", "Manages connection settings only; never sees the data. Do not combine with a data role."],
    ]);
  });
});

describe("OAuth authorization code: the callback path and the read-only scopes are asked", () => {
  it("takes them into the spec, refuses a scope that is not requested, and explains each in one line", async () => {
    const { answers, asked } = await withDefaults(
      { serviceName: "Help Desk", scheme: "oauth-authorization-code", ...URLS, scopes: "tickets.read tickets.write", redirectPath: "/helpdesk/callback", readOnlyScopes: "tickets.read" },
      { addRole: [false], addEntity: [false] },
    );
    expect(answers.auth).toMatchObject({ redirectPath: "/helpdesk/callback", readOnlyScopes: ["tickets.read"] });
    const question = (name: string) => asked.find((q) => q.name === name)!;
    expect(question("redirectPath").message).toBe("Callback path (register <app root>/p + this path with the provider)");
    expect(question("redirectPath").default).toBe("/oauth/callback");
    expect(question("redirectPath").validate!("oauth/callback")).toBe('must be a path such as "/oauth/callback"');
    expect(question("readOnlyScopes").message).toBe("Scopes a user with only read-only roles may request (empty: read-only users cannot connect)");
    expect(question("readOnlyScopes").validate!("tickets.read admin")).toBe("admin is not one of the scopes (tickets.read tickets.write)");
    expect(question("readOnlyScopes").validate!("tickets.read")).toBe(true);
    expect(findings(answers)).toEqual([]);
  });

  it("asks no read-only scopes when no scope is requested", async () => {
    const { asked } = await withDefaults({ serviceName: "Help Desk", scheme: "oauth-authorization-code", ...URLS, scopes: "" }, { addRole: [false], addEntity: [false] });
    expect(asked.map((q) => q.name)).not.toContain("readOnlyScopes");
  });
});
