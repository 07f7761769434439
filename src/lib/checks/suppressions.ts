// Accepted findings: a suppression in the spec names one rule at one path, with a written reason.
// Matching is exact, so a suppression never hides a finding nobody looked at.
import { formatPath } from "../spec/problems.js";
import type { Spec } from "../spec/schema.js";
import { SUPPRESSION_UNUSED, ruleInfo } from "./registry.js";
import type { Finding } from "./types.js";

export interface SuppressedFinding extends Finding {
  reason: string;
}

export interface SuppressionResult {
  /** Findings still in force, with a SuppressionUnused warning for each suppression that matched nothing. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

export function applySuppressions(findings: readonly Finding[], suppressions: Spec["suppressions"]): SuppressionResult {
  const used = new Set<number>();
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const index = suppressions.findIndex((s) => s.rule === finding.rule && s.path === finding.path);
    if (index < 0) {
      active.push(finding);
      continue;
    }
    used.add(index);
    suppressed.push({ ...finding, reason: suppressions[index]!.reason });
  }
  suppressions.forEach((suppression, index) => {
    if (used.has(index)) return;
    const known = ruleInfo(suppression.rule) !== undefined;
    active.push({
      rule: SUPPRESSION_UNUSED.name,
      severity: SUPPRESSION_UNUSED.severity,
      path: formatPath(["suppressions", index]),
      message: known
        ? `suppression of ${suppression.rule} at ${suppression.path} matches no finding`
        : `suppression names no known rule (${suppression.rule})`,
      fix: "remove the suppression, or copy rule and path exactly from the audit output",
    });
  });
  return { findings: active, suppressed };
}
