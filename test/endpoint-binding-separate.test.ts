// Issue 20, "Endpoint binding can be gamed": the endpoints a stored secret or a cached token is bound
// to are recorded one attribute per endpoint and compared one by one (an `or` of `!=`), never as one
// joined text whose reading depends on a separator.
import { describe, expect, it } from "vitest";
import { allSteps, type Expr, type MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { entity, planFor } from "./helpers/spec.js";

/** Every `!=` comparison in an `or` chain, and whether any `+` (a join) occurs. */
function terms(e: Expr): Expr[] {
  return e.k === "op" && e.op === "or" ? [...terms(e.left), ...terms(e.right)] : [e];
}
function joins(e: Expr): boolean {
  if (e.k === "op") return e.op === "+" || joins(e.left) || joins(e.right);
  if (e.k === "not") return joins(e.arg);
  if (e.k === "call") return e.args.some(joins);
  return false;
}
function reads(e: Expr, attributes: string[]): boolean {
  if (e.k === "attr") return attributes.includes(e.attribute);
  if (e.k === "op") return reads(e.left, attributes) || reads(e.right, attributes);
  if (e.k === "not") return reads(e.arg, attributes);
  if (e.k === "call") return e.args.some((a) => reads(a, attributes));
  return false;
}
/** Whether the condition compares each endpoint with its own recorded attribute. */
function comparesEach(condition: Expr, recordedVar: string, recorded: (e: string) => string, bound: string[]): boolean {
  const inner = condition.k === "not" ? condition.arg : condition;
  const parts = terms(inner);
  return bound.every((endpoint) => parts.some((p) => p.k === "op" && p.op === "!=" &&
    p.left.k === "attr" && p.left.var === recordedVar && p.left.attribute === recorded(endpoint) &&
    p.right.k === "attr" && p.right.var === "ConnectionDetails" && p.right.attribute === endpoint));
}
/** Every decision reading one of the attributes, by microflow. */
function decisionsReading(plan: Plan, attributes: string[]): { flow: string; step: Extract<MicroflowStep, { kind: "decision" }> }[] {
  return plan.microflows.flatMap((m) => allSteps(m.steps)
    .filter((s): s is Extract<MicroflowStep, { kind: "decision" }> => s.kind === "decision" && reads(s.condition, attributes))
    .map((step) => ({ flow: m.name, step })));
}

const secretsEntry = (e: string) => `SecretsEntry${e}`;

describe("secrets are bound to each endpoint separately", () => {
  const cases: [string, string[], string[]][] = [
    ["erp-basic", ["BaseUrl"], ["SUB_ConnectionDetails_GetPassword"]],
    ["billing-client-credentials", ["BaseUrl", "TokenUrl"], ["SUB_ConnectionDetails_GetClientSecret", "ACT_ConnectionDetails_Save"]],
    ["acme-crm-oauth", ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"], ["SUB_ConnectionDetails_GetClientSecret", "ACT_ConnectionDetails_Save"]],
  ];
  it.each(cases)("%s: one system-set, read-only attribute per endpoint, recorded and compared one by one", (name, bound, users) => {
    const plan = planFor(name);
    const cd = entity(plan, "ConnectionDetails");
    const recorded = bound.map(secretsEntry);
    expect(plan.auth.bindingAttributes).toEqual(recorded);
    // No joined attribute survives.
    expect(cd.attributes.map((a) => a.name).filter((n) => n.startsWith("SecretsEntry"))).toEqual(recorded);
    for (const r of recorded) {
      expect(cd.attributes.find((a) => a.name === r)).toMatchObject({ type: "string", systemSet: true, encrypted: false });
      for (const rule of cd.accessRules) expect(rule.members.find((m) => m.member === r)?.rights, `${rule.role} ${r}`).toBe("ReadOnly");
    }
    // The save records each endpoint's own value in its own attribute.
    const save = plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!;
    const record = allSteps(save.steps).find((s) => s.kind === "change" && s.members.some((m) => "attribute" in m && recorded.includes(m.attribute)));
    expect(record).toMatchObject({ kind: "change", members: bound.map((e) => ({ attribute: secretsEntry(e), value: { k: "attr", var: "ConnectionDetails", attribute: e } })) });
    // Each use compares each endpoint with its own recorded value, and joins nothing.
    const uses = decisionsReading(plan, recorded);
    expect([...new Set(uses.map((u) => u.flow))]).toEqual(expect.arrayContaining(users));
    for (const { flow, step } of uses) {
      expect(comparesEach(step.condition, "ConnectionDetails", secretsEntry, bound), `${flow}: ${step.caption}`).toBe(true);
      expect(joins(step.condition), `${flow}: ${step.caption}`).toBe(false);
    }
  });

  it("acme-crm-oauth: the OAuth token guards compare each endpoint too", () => {
    const plan = planFor("acme-crm-oauth");
    const bound = ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"];
    const guards = decisionsReading(plan, bound.map(secretsEntry)).filter((u) => !u.flow.startsWith("SUB_ConnectionDetails_Get") && u.flow !== "ACT_ConnectionDetails_Save");
    expect(guards.length).toBeGreaterThan(0);
    for (const { flow, step } of guards) expect(comparesEach(step.condition, "ConnectionDetails", secretsEntry, bound), flow).toBe(true);
  });
});

describe("a client-credentials token is bound to each endpoint separately", () => {
  const bound = ["BaseUrl", "TokenUrl"];
  const issuedFor = (e: string) => `IssuedFor${e}`;
  it("AccessToken records IssuedForBaseUrl and IssuedForTokenUrl, which no role reaches", () => {
    const plan = planFor("billing-client-credentials");
    const token = entity(plan, "AccessToken");
    expect(token.attributes.map((a) => a.name).filter((n) => n.startsWith("IssuedFor"))).toEqual(bound.map(issuedFor));
    for (const name of bound.map(issuedFor)) {
      expect(token.attributes.find((a) => a.name === name)).toMatchObject({ systemSet: true });
      for (const rule of token.accessRules) expect(rule.members.find((m) => m.member === name)?.rights ?? "None").toBe("None");
    }
  });
  it("SUB_AccessToken_GetValid stores each endpoint and uses the cache only while each is unchanged", () => {
    const plan = planFor("billing-client-credentials");
    const flow = plan.microflows.find((m) => m.name === "SUB_AccessToken_GetValid")!;
    const stores = allSteps(flow.steps).filter((s) => (s.kind === "change" || s.kind === "create") && s.members.some((m) => "attribute" in m && m.attribute.startsWith("IssuedFor")));
    expect(stores.length).toBe(2);
    for (const s of stores) {
      const members = (s as Extract<MicroflowStep, { kind: "change" }>).members.filter((m) => "attribute" in m && m.attribute.startsWith("IssuedFor"));
      expect(members).toEqual(bound.map((e) => ({ attribute: issuedFor(e), value: { k: "attr", var: "ConnectionDetails", attribute: e } })));
    }
    const checks = decisionsReading(plan, bound.map(issuedFor));
    expect(checks.map((c) => c.flow)).toEqual(["SUB_AccessToken_GetValid"]);
    const condition = checks[0]!.step.condition;
    // ... and (not (IssuedForBaseUrl != BaseUrl or IssuedForTokenUrl != TokenUrl))
    const guard = condition.k === "op" && condition.op === "and" ? condition.right : condition;
    expect(guard.k).toBe("not");
    expect(comparesEach(guard, "AccessToken", issuedFor, bound)).toBe(true);
    expect(joins(guard)).toBe(false);
  });
});
