// The audit of one spec file: read it, validate it, build the plan, run the rules, apply the
// spec's suppressions, and locate every finding in the file. No Yeoman on this path (startup speed).
import { statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { buildPlan } from "../plan/build.js";
import { checkPlan, type Finding, type SuppressedFinding } from "../checks/index.js";
import { readAnswersFile, type LoadedAnswers } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";
import { validateSpec } from "../spec/validate.js";
import { verifyKit } from "./kit-verify.js";
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
  /** The valid spec (defaults filled in), when it is one. */
  spec?: Spec;
  /** The valid spec's plan (the kit is rendered from it). */
  plan?: Plan;
  /** Locates a spec path in the file. */
  locate?: LoadedAnswers["locate"];
}

export interface AuditResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  spec?: Spec;
  plan?: Plan;
}

export interface AuditOptions {
  /** The kit folder to verify (--kit); default: the spec's folder when it looks like a kit. */
  kitDir?: string;
}

/** Throws UserError (no stack worth showing) when the file cannot be read or parsed. */
export async function auditFile(file: string, options: AuditOptions = {}): Promise<AuditReport> {
  assertReadableFile(file);
  const report = auditLoaded(readAnswersFile(file), file);
  // A kit's own spec: the kit's files are verified by rendering them from it (a separate input, not a rule).
  const kitDir = options.kitDir ?? dirname(file);
  const kit = (await verifyKit(file, report.spec, options.kitDir, report.plan)).map((f) =>
    f.file === undefined ? f : { ...f, file: relative(process.cwd(), join(resolve(kitDir), f.file)) || f.file },
  );
  return withFindings(report, kit);
}

/** The report with more findings after its own (kit files, baseline changes), counts updated. */
export function withFindings(report: AuditReport, more: readonly LocatedFinding[]): AuditReport {
  const findings = [...report.findings, ...more];
  return {
    ...report,
    findings,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
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

/** A finding located in the audited file (for findings added after the audit: baseline changes). */
export function locateIn<T extends Finding>(report: AuditReport, finding: T): T & Position {
  const at = report.locate?.(parsePath(finding.path) ?? []);
  return at ? { ...finding, line: at.line, column: at.column } : { ...finding };
}

export function auditLoaded(loaded: LoadedAnswers, file: string): AuditReport {
  const { findings, suppressed, spec, plan } = auditData(loaded.data);
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
    ...(spec ? { spec } : {}),
    ...(plan ? { plan } : {}),
    locate: loaded.locate,
  };
}

/** Findings of parsed data, whether or not it is a valid spec. */
export function auditData(data: unknown): AuditResult {
  const result = validateSpec(data);
  if (result.ok) {
    const plan = buildPlan(result.spec);
    return { ...checkPlan(result.spec, plan), spec: result.spec, plan };
  }
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
