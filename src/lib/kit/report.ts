// What a run tells the user after the file statuses, the same from the fast path and Yeoman.
import { relative } from "node:path";
import type { KitRun } from "./prepare.js";

export interface KitReport {
  /** One line per audit warning. */
  warnings: string[];
  /** Where the kit is ("this folder" when it is the current one) and what to read next. */
  next: { folder: string; text: string };
}

export function kitReport(run: KitRun, cwd: string): KitReport {
  const where = relative(cwd, run.kitDir) || ".";
  return {
    warnings: run.kit.warnings.map((w) => `warning ${w.rule} at ${w.path || "(spec)"}: ${w.message}. ${w.fix}`),
    next: {
      folder: where === "." ? "this folder" : where,
      text: `Next: read ${where}/SECURITY.md, then apply the module (${where}/README.md).`,
    },
  };
}
