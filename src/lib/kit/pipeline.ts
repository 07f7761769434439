// answers → spec → plan → checks → files. Throws a UserError (one message, every problem) when the
// answers are invalid or the plan breaks a security rule; nothing is written by this module.
import { assertPlanSize } from "../plan/limits.js";
import { runChecks, type Finding } from "../checks/index.js";
import { buildPlan } from "../plan/build.js";
import type { Plan } from "../plan/types.js";
import type { LoadedAnswers } from "../spec/load.js";
import { problemsError, UserError, type Problem } from "../spec/problems.js";
import type { Spec } from "../spec/schema.js";
import { validateSpec } from "../spec/validate.js";
import { renderKit } from "./render.js";
import type { KitFile } from "./types.js";

export interface Kit {
  spec: Spec;
  plan: Plan;
  /** Warnings only: errors stop the pipeline. */
  warnings: Finding[];
  files: KitFile[];
}

export interface AnswerSource {
  /** Shown in messages, e.g. "acme.yaml". */
  name: string;
  locate?: LoadedAnswers["locate"];
}

export function specFromAnswers(data: unknown, source?: AnswerSource): Spec {
  const result = validateSpec(data);
  if (result.ok) return result.spec;
  const problems = result.problems.map((p) => withLine(p, source));
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  throw problemsError(`The answers${source ? ` in ${source.name}` : ""} have ${count}:`, problems, source?.name);
}

/** `schema`: where mxsecure.yaml's modeline points (spec/schema-url.ts's schemaReference). */
export function kitFromSpec(spec: Spec, specText?: string, schema?: string): Kit {
  assertPlanSize(spec);
  const plan = buildPlan(spec);
  const findings = runChecks(spec, plan);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    const lines = errors.map((f) => `  - ${f.rule} at ${f.path || "(spec)"}: ${f.message}. Fix: ${f.fix}`);
    throw new UserError(`The spec breaks ${errors.length === 1 ? "a security rule" : `${errors.length} security rules`}; nothing was written:\n${lines.join("\n")}`);
  }
  return { spec, plan, warnings: findings.filter((f) => f.severity === "warning"), files: renderKit(spec, plan, specText, schema) };
}

function withLine(problem: Problem, source?: AnswerSource): Problem {
  if (!source?.locate) return problem;
  const segments = [...problem.path.matchAll(/[^.[\]"]+|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
  const at = source.locate(segments);
  return at ? { ...problem, line: at.line, column: at.column } : problem;
}
