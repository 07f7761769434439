// The run that needs no prompt (answers file, or regenerating a kit): it loads no Yeoman, so it
// starts fast. When a run does need a person (missing answers, or a file conflict to decide in a
// terminal), it says so and the bin hands over to the Yeoman generator, which prompts.
import { relative } from "node:path";
import { WRITES, writeChanges } from "../kit/disk.js";
import { conflicts, openKit, prepareKitRun, stopOnConflicts, type KitRun } from "../kit/prepare.js";
import { replacementError, specReplacement } from "../kit/replace.js";
import { kitReport } from "../kit/report.js";
import { applyAgainLines } from "../kit/apply-again.js";
import { inert } from "../audit/inert.js";
import { mdlScriptPath } from "../targets/mdl/index.js";
import { refuseForeignFile } from "../spec/foreign.js";
import { readAnswersFile } from "../spec/load.js";
import { problemsError } from "../spec/problems.js";
import { plural } from "../words.js";
import { validateSpec } from "../spec/validate.js";

export interface GenerateOptions {
  cwd: string;
  answers?: string;
  force: boolean;
  dryRun: boolean;
  interactive: boolean;
}

export type Print = (line: string) => void;

/** "done", or "prompt" when a person must answer (the caller runs the Yeoman generator). */
export function generateWithoutPrompts(options: GenerateOptions, print: Print): "done" | "prompt" {
  // Inside a kit, its lock is taken before anything is read (one run per kit).
  const kit = openKit(options.cwd);
  const answersFile = options.answers ?? kit?.specFile;
  if (!answersFile) {
    if (options.interactive) return "prompt";
    const missing = validateSpec({});
    throw problemsError(
      "No answers given and no terminal to ask them in. Pass --answers FILE (YAML or JSON) with at least:",
      missing.ok ? [] : missing.problems,
    );
  }
  const loaded = readAnswersFile(answersFile, options.answers ? "named" : "kit");
  if (options.answers) refuseForeignFile(loaded.data, options.answers, "spec");
  // Only a terminal run asks whether the answers merely lack something; otherwise the pipeline
  // below validates once and reports every problem.
  if (options.interactive) {
    const checked = validateSpec(loaded.data);
    if (!checked.ok && checked.problems.every((p) => p.missing)) return "prompt";
  }
  const run = prepareKitRun(loaded.data, { cwd: options.cwd, answersFile, locate: loaded.locate, force: options.force });
  return writeRun(run, options, options.answers, print);
}

/**
 * Writes a prepared run and prints it, or returns "prompt" when a person must decide first: an
 * edited file to overwrite, or an existing kit whose spec the run's `source` (an answers file or
 * an OpenAPI document; none when a kit regenerates from its own spec) would replace. A script
 * stops with the reason instead; --force replaces. A dry run only reports: conflicts are listed
 * with every other file's status.
 */
export function writeRun(run: KitRun, options: { cwd: string; dryRun: boolean; interactive: boolean; force: boolean }, source: string | undefined, print: Print): "done" | "prompt" {
  if (!options.dryRun) {
    if (conflicts(run).length && options.interactive) return "prompt";
    stopOnConflicts(run, options.cwd);
    const replacing = source !== undefined && !options.force ? specReplacement(run, options.cwd) : undefined;
    if (replacing) {
      if (options.interactive) return "prompt";
      throw replacementError(replacing, source!);
    }
    writeChanges(run.changes);
  }
  printRun(run, options.cwd, options.dryRun, print);
  return "done";
}

/** Yeoman-style status lines, warnings, and what to do next. */
export function printRun(run: KitRun, cwd: string, dryRun: boolean, print: Print): void {
  const { warnings, next, outOfStep } = kitReport(run, cwd);
  for (const line of warnings) print(line);
  for (const line of run.dataLoss ?? []) print(inert(line));
  for (const change of run.changes) print(`${change.status.padStart(9)} ${relative(cwd, change.absolute)}`);
  const changed = run.changes.filter((c) => WRITES.has(c.status)).length;
  const conflicting = conflicts(run).length;
  const stops = conflicting ? `; ${plural(conflicting, "edited file")} would stop a real run (choose in a terminal, --force, or .yo-resolve)` : "";
  if (dryRun) print(`Dry run: ${plural(changed, "file")} would be written${stops}; nothing was written.`);
  else if (!changed) print(`${run.kit.spec.module}: every file is identical; nothing changed.`);
  else print(`${run.kit.spec.module}: ${plural(changed, "file")} written to ${next.folder}. ${next.text}`);
  // A kit generated before and changed now (mxsecure entity / role, or an edited mxsecure.yaml):
  // say how the change reaches an app that already has the module, by both routes (issue 18).
  // Only when something applied to an app changed: a rewritten README.md changes no app.
  const applied = run.changes.some((c) => WRITES.has(c.status) && /^(model|javasource)\//.test(c.file.path));
  if (!dryRun && applied && !run.changes.some((c) => c.file.path === mdlScriptPath(run.kit.plan) && c.status === "create")) {
    for (const line of applyAgainLines(run.kit.plan, next.folder)) print(inert(line));
  }
  // Last, so it is seen.
  if (!dryRun) for (const line of outOfStep) print(line);
}
