// The run that needs no prompt (answers file, or regenerating a kit): it loads no Yeoman, so it
// starts fast. When a run does need a person (missing answers, or a file conflict to decide in a
// terminal), it says so and the bin hands over to the Yeoman generator, which prompts.
import { relative } from "node:path";
import { compareWithDisk, conflictError, writeChanges, type FileChange } from "../kit/disk.js";
import { findKit, kitDirFor } from "../kit/location.js";
import { kitFromSpec, specFromAnswers, type Kit } from "../kit/pipeline.js";
import { readAnswersFile } from "../spec/load.js";
import { problemsError } from "../spec/problems.js";
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
  const source = answersSource(options);
  if (!source) {
    if (options.interactive) return "prompt";
    const missing = validateSpec({});
    const problems = missing.ok ? [] : missing.problems;
    throw problemsError(
      "No answers given and no terminal to ask them in. Pass --answers FILE (YAML or JSON) with at least:",
      problems,
    );
  }
  const loaded = readAnswersFile(source);
  const display = relative(options.cwd, source) || source;
  const checked = validateSpec(loaded.data);
  if (!checked.ok && options.interactive && checked.problems.every((p) => p.missing)) return "prompt";
  const kit = kitFromSpec(specFromAnswers(loaded.data, { name: display, locate: loaded.locate }));
  const kitDir = kitDirFor(options.cwd, kit.spec.module);
  const changes = compareWithDisk(kitDir, kit.files, options.force);
  const conflicts = changes.filter((c) => c.status === "conflict");
  if (conflicts.length && options.interactive) return "prompt";
  if (conflicts.length) throw conflictError(relative(options.cwd, kitDir) || ".", conflicts);
  if (!options.dryRun) writeChanges(changes);
  report(kit, relative(options.cwd, kitDir) || ".", changes, options, print);
  return "done";
}

function answersSource(options: GenerateOptions): string | undefined {
  if (options.answers) return options.answers;
  return findKit(options.cwd)?.specFile;
}

function report(kit: Kit, where: string, changes: FileChange[], options: GenerateOptions, print: Print): void {
  for (const warning of kit.warnings) print(`warning ${warning.rule} at ${warning.path || "(spec)"}: ${warning.message}. ${warning.fix}`);
  for (const change of changes) print(`${change.status.padStart(9)} ${relative(options.cwd, change.absolute)}`);
  const changed = changes.filter((c) => c.status === "create" || c.status === "force").length;
  if (options.dryRun) {
    print(`Dry run: ${changed} file(s) would be written; nothing was written.`);
    return;
  }
  print(
    changed
      ? `${kit.spec.module}: ${changed} file(s) written to ${where}. Next: read ${where}/SECURITY.md, then apply the module (${where}/README.md).`
      : `${kit.spec.module}: every file is identical; nothing changed.`,
  );
}
