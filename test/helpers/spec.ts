// Shared helpers for spec and plan tests: answers text → validated spec → plan, with readable failures.
import { fileURLToPath } from "node:url";
import { readAnswersFile, parseAnswers } from "../../src/lib/spec/load.js";
import { validateSpec } from "../../src/lib/spec/validate.js";
import type { Problem } from "../../src/lib/spec/problems.js";
import type { Scheme, Spec } from "../../src/lib/spec/schema.js";
import { buildPlan } from "../../src/lib/plan/build.js";
import type { Plan, PlanAccessRule, PlanEntity } from "../../src/lib/plan/types.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const EXAMPLES = ["acme-crm-oauth", "billing-client-credentials", "erp-basic", "hostile-text", "open-data-none", "portal-saml", "weather-api-token"];

export function examplePath(name: string): string {
  return `${REPO_ROOT}examples/${name.endsWith(".yaml") ? name : `${name}.yaml`}`;
}

/** Problems of an answers text (YAML), or [] when it is valid. */
export function problemsOf(yamlText: string): Problem[] {
  const result = validateSpec(parseAnswers(yamlText).data);
  return result.ok ? [] : result.problems;
}

/** Validates data (already parsed) and returns the spec; throws with every problem when invalid. */
export function specOf(data: unknown): Spec {
  const result = validateSpec(data);
  if (!result.ok) throw new Error(`expected a valid spec, got:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.spec;
}

export function specFrom(yamlText: string): Spec {
  return specOf(parseAnswers(yamlText).data);
}

export function planFrom(yamlText: string): Plan {
  return buildPlan(specFrom(yamlText));
}

export function specForExample(name: string): Spec {
  return specOf(readAnswersFile(examplePath(name)).data);
}

export function planFor(name: string): Plan {
  return buildPlan(specForExample(name));
}

/** A minimal valid answers text for a scheme, with extra YAML appended (top-level fields). */
export function answers(auth: string, extra = ""): string {
  return [
    "module: TestConnector",
    "description: A test connector.",
    "service:",
    "  name: Test Service",
    "  baseUrl: https://api.test.example/v1",
    "auth:",
    ...auth.trim().split("\n").map((line) => `  ${line}`),
    extra.trim(),
    "",
  ].join("\n");
}

/** Minimal auth block per scheme (YAML, without the `auth:` line). */
export const AUTH: Record<Scheme, string> = {
  basic: "scheme: basic",
  "api-token": "scheme: api-token",
  "oauth-client-credentials": "scheme: oauth-client-credentials\ntokenUrl: https://auth.test.example/token",
  "oauth-authorization-code":
    "scheme: oauth-authorization-code\nauthorizationUrl: https://auth.test.example/authorize\ntokenUrl: https://auth.test.example/token",
  saml: "scheme: saml",
  none: "scheme: none",
};

export function entity(plan: Plan, name: string): PlanEntity {
  const found = plan.entities.find((e) => e.name === name);
  if (!found) throw new Error(`plan has no entity ${name}; it has ${plan.entities.map((e) => e.name).join(", ")}`);
  return found;
}

export function rule(plan: Plan, entityName: string, role: string): PlanAccessRule | undefined {
  return entity(plan, entityName).accessRules.find((r) => r.role === role);
}

/** The one problem at a path; fails loudly when there is none. */
export function problemAt(problems: Problem[], path: string): Problem {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; problems:\n${problems.map((p) => `${p.path}: ${p.message}`).join("\n") || "(none)"}`);
  return found;
}
