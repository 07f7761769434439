export type Severity = "error" | "warning";

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
}
