// The audit of one spec file: read it, validate it, build the plan, run the rules, apply the
// spec's suppressions, and locate every finding in the file. No Yeoman on this path (startup speed).
import { statSync } from "node:fs";
import { kitFreshnessFindings } from "../kit/freshness.js";
import { buildPlan } from "../plan/build.js";
import { checkPlan, type Finding, type SuppressedFinding } from "../checks/index.js";
import { readAnswersFile, type LoadedAnswers } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { validateSpec } from "../spec/validate.js";
import { parsePath } from "./path.js";
import { problemsToFindings, withHttpsUrls } from "./validation.js";

export interface Position {
  line?: number;
  column?: number;
}
export type LocatedFinding = Finding & Position;
export type LocatedSuppressed = SuppressedFinding & Position;

export interface AuditReport {
  /** The file as the user named it. */
  file: string;
  /** Findings in force, in file order. */
  findings: LocatedFinding[];
  /** Findings the spec accepts, each with its reason. */
  suppressed: LocatedSuppressed[];
  errors: number;
  warnings: number;
}

export interface AuditResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

/** Throws UserError (no stack worth showing) when the file cannot be read or parsed. */
export function auditFile(file: string): AuditReport {
  assertReadableFile(file);
  const report = auditLoaded(readAnswersFile(file), file);
  // A kit's own spec: also the kit files that are out of step with it (a separate input, not a rule).
  const stale = kitFreshnessFindings(file);
  return { ...report, findings: [...report.findings, ...stale], warnings: report.warnings + stale.length };
}

/** readAnswersFile's own wording speaks of --answers; the audit names its argument instead. */
function assertReadableFile(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (code ?? "unreadable");
    throw new UserError(`cannot read ${file}: ${why}. Name the spec to audit, e.g. mxsecure audit path/to/mxsecure.yaml.`);
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a directory; name the spec file inside it, e.g. ${file}/mxsecure.yaml.`);
}

export function auditLoaded(loaded: LoadedAnswers, file: string): AuditReport {
  const { findings, suppressed } = auditData(loaded.data);
  const locate = <T extends Finding>(finding: T): T & Position => {
    const at = loaded.locate(parsePath(finding.path) ?? []);
    return at ? { ...finding, line: at.line, column: at.column } : { ...finding };
  };
  const located = byLine(findings.map(locate));
  return {
    file,
    findings: located,
    suppressed: byLine(suppressed.map(locate)),
    errors: located.filter((f) => f.severity === "error").length,
    warnings: located.filter((f) => f.severity === "warning").length,
  };
}

/** Findings of parsed data, whether or not it is a valid spec. */
export function auditData(data: unknown): AuditResult {
  const result = validateSpec(data);
  if (result.ok) return checkPlan(result.spec, buildPlan(result.spec));
  const invalid = problemsToFindings(result.problems, data);
  // When plain-HTTP URLs were the only problems, the rest of the rules can still run.
  const upgraded = withHttpsUrls(data);
  const retry = upgraded === undefined ? undefined : validateSpec(upgraded);
  if (!retry?.ok) return { findings: invalid, suppressed: [] };
  const checked = checkPlan(retry.spec, buildPlan(retry.spec));
  return { findings: [...invalid, ...checked.findings], suppressed: checked.suppressed };
}

function byLine<T extends Position>(items: T[]): T[] {
  // Stable: findings on one line keep the rules' order.
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.line ?? Infinity) - (b.item.line ?? Infinity) || a.index - b.index)
    .map(({ item }) => item);
}
