// The audit rules. The generator runs them before writing (errors stop it, warnings are printed);
// `mxsecure audit` runs the same rules on a spec file and reports suppressed findings as well.
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";
import { RULES } from "./registry.js";
import { applySuppressions, type SuppressionResult } from "./suppressions.js";
import type { Finding } from "./types.js";

export type { Finding, Rule, RuleInfo, Severity } from "./types.js";
export type { SuppressedFinding, SuppressionResult } from "./suppressions.js";
export { ALL_RULES, RULES, SPEC_VALID, SUPPRESSION_UNUSED, ruleInfo } from "./registry.js";

/** Every rule's findings, before suppressions. */
export function findViolations(spec: Spec, plan: Plan): Finding[] {
  return RULES.flatMap((rule) => rule.check(spec, plan));
}

/** Findings in force and the suppressed ones, with their reasons. */
export function checkPlan(spec: Spec, plan: Plan): SuppressionResult {
  return applySuppressions(findViolations(spec, plan), spec.suppressions);
}

/** The findings in force: what the spec's suppressions do not accept. Errors here stop the generator. */
export function runChecks(spec: Spec, plan: Plan): Finding[] {
  return checkPlan(spec, plan).findings;
}
