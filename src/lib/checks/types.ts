import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";

/** "note": information only (a narrowing against the baseline); never fails the audit. */
export type Severity = "error" | "warning" | "note";

/** One broken (or doubtful) security rule, found in a spec and its plan. */
export interface Finding {
  /** Stable rule name, e.g. ConfigurationAndDataSeparated. */
  rule: string;
  severity: Severity;
  /** Path in the spec/answers file, e.g. "entities[0].access.Administrator"; "" for the whole spec. */
  path: string;
  message: string;
  /** How to fix it. */
  fix: string;
  /** A kit file the finding is about (KitInStep), relative to the kit folder; absent: the spec. */
  file?: string;
}

/** What a report needs to know about a rule: SARIF tool.driver.rules, `--help`, docs. */
export interface RuleInfo {
  /** Stable name; never renamed, because suppressions and CI dashboards key on it. */
  name: string;
  /** Default severity; a finding may be milder (e.g. a plain-HTTP localhost URL that was opted in). */
  severity: Severity;
  /** One sentence: what the rule demands. */
  description: string;
  /** Why it matters, how to fix it, and the names of the same rule in mxlint, mxcli lint and CLEVR ACR. */
  help: string;
  /**
   * A suppression never accepts its findings: the separation of configuration and data, secrets
   * never readable, owner filters on user-owned data, a kit in step with its spec, security widened
   * against the baseline. Fix the spec instead.
   */
  unsuppressible?: boolean;
}

/** A rule that reads the plan (and the spec, for paths back into the file). Pure. */
export interface Rule extends RuleInfo {
  check(spec: Spec, plan: Plan): Finding[];
}
