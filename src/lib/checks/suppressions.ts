// Accepted findings: a suppression in the spec names one rule at one path and the fingerprint of
// what that finding said, with a written reason. Matching is exact on all three, so a suppression
// never hides a finding nobody looked at: when the finding changes, it shows again.
import { formatPath } from "../spec/problems.js";
import type { Spec } from "../spec/schema.js";
import { fingerprint } from "./fingerprint.js";
import { SUPPRESSION_UNUSED, isUnsuppressible, ruleInfo } from "./registry.js";
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
    const print = fingerprint(finding);
    const index = suppressions.findIndex((s) => s.rule === finding.rule && s.path === finding.path && s.fingerprint === print);
    if (index < 0 || isUnsuppressible(finding.rule)) {
      active.push(finding);
      continue;
    }
    used.add(index);
    suppressed.push({ ...finding, reason: suppressions[index]!.reason });
  }
  suppressions.forEach((suppression, index) => {
    if (used.has(index)) return;
    const known = ruleInfo(suppression.rule) !== undefined;
    if (isUnsuppressible(suppression.rule)) {
      active.push({
        rule: SUPPRESSION_UNUSED.name,
        severity: "error",
        path: formatPath(["suppressions", index]),
        message: `${suppression.rule} cannot be suppressed: it guards configuration apart from data, secrets never readable, owner filters on user-owned data or the kit itself`,
        fix: `remove the suppression and fix what ${suppression.rule} reports in the spec`,
      });
      return;
    }
    const samePlace = findings.find((f) => f.rule === suppression.rule && f.path === suppression.path);
    active.push({
      rule: SUPPRESSION_UNUSED.name,
      severity: SUPPRESSION_UNUSED.severity,
      path: formatPath(["suppressions", index]),
      message: !known
        ? `suppression names no known rule (${suppression.rule})`
        : suppression.fingerprint === undefined
          ? samePlace
            ? `suppression of ${suppression.rule} at ${suppression.path} has no fingerprint, so it suppresses nothing; the finding there has fingerprint ${fingerprint(samePlace)}`
            : `suppression of ${suppression.rule} at ${suppression.path} has no fingerprint and matches no finding`
        : samePlace
          ? `suppression of ${suppression.rule} at ${suppression.path} was written for a different finding (fingerprint ${suppression.fingerprint}); the finding there now says something else (fingerprint ${fingerprint(samePlace)})`
          : `suppression of ${suppression.rule} at ${suppression.path} matches no finding`,
      fix: suppression.fingerprint === undefined && samePlace
        ? `read the finding; if you accept it, add fingerprint: ${fingerprint(samePlace)} to the suppression`
        : samePlace
        ? "read the new finding; if it is acceptable too, copy its fingerprint into the suppression"
        : "remove the suppression, or copy rule, path and fingerprint exactly from the audit output",
    });
  });
  return { findings: active, suppressed };
}
