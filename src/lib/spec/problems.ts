// A user mistake found in answers: where it is and how to fix it. Never an exception with a stack.
import { inertMessage } from "../audit/inert.js";

export interface Problem {
  /** Path in the answers file, e.g. "auth.tokenUrl" or "entities[0].name"; "" for the whole file. */
  path: string;
  message: string;
  line?: number;
  column?: number;
  /** The answer is absent (not wrong): an interactive run may still ask for it. */
  missing?: boolean;
}

export type PathSegment = string | number;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function formatProblem(problem: Problem, file?: string): string {
  const where = [file, problem.line !== undefined ? `${problem.line}:${problem.column ?? 1}` : undefined]
    .filter(Boolean)
    .join(":");
  const prefix = where ? `${where} ` : "";
  return problem.path ? `${prefix}${problem.path}: ${problem.message}` : `${prefix}${problem.message}`;
}

/**
 * The error a user sees: one message listing every problem. Carries no stack to print. Its
 * message quotes user text, so it is made inert here, once, whoever prints it (the bin, yo, the audit).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(inertMessage(message));
    this.name = "UserError";
  }
}

export function problemsError(heading: string, problems: readonly Problem[], file?: string): UserError {
  const lines = problems.map((p) => `  - ${formatProblem(p, file)}`);
  return new UserError(`${heading}\n${lines.join("\n")}`, problems);
}
