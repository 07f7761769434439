// Everything before writing, shared by the fast path and the Yeoman generator: the kit's files,
// where they go, and what would happen to each one on disk.
import { relative, resolve } from "node:path";
import type { LoadedAnswers } from "../spec/load.js";
import { compareWithDisk, conflictError, textAsGenerated, type FileChange } from "./disk.js";
import { kitDirFor } from "./location.js";
import { kitFromSpec, specFromAnswers, type Kit } from "./pipeline.js";
import { SPEC_FILE } from "./spec-yaml.js";

export interface KitRun {
  kit: Kit;
  kitDir: string;
  changes: FileChange[];
}

export interface KitRunOptions {
  cwd: string;
  /** The answers file, when the answers came from one (for messages, lines, and to leave it as it is). */
  answersFile?: string;
  locate?: LoadedAnswers["locate"];
  force: boolean;
  /** The spec file's new text, when a command edited it in place (entity, role). */
  specText?: string;
}

export function prepareKitRun(answers: unknown, options: KitRunOptions): KitRun {
  const source = options.answersFile
    ? { name: displayPath(options.cwd, options.answersFile), ...(options.locate ? { locate: options.locate } : {}) }
    : undefined;
  const spec = specFromAnswers(answers, source);
  const kitDir = kitDirFor(options.cwd, spec.module);
  const specIsInput = options.specText === undefined && options.answersFile !== undefined && resolve(options.answersFile) === resolve(kitDir, SPEC_FILE);
  // A spec file this generator last wrote (e.g. entity/role appended to it) stays the kit's spec
  // text as it is, so re-running from it changes nothing, .yo-rc.json included.
  const kit = kitFromSpec(spec, options.specText ?? (specIsInput ? textAsGenerated(kitDir, SPEC_FILE) : undefined));
  return { kit, kitDir, changes: compareWithDisk(kitDir, kit.files, { force: options.force, specIsInput, specEdited: options.specText !== undefined }) };
}

/** A path as the user would type it: relative below the current folder, absolute elsewhere. */
export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === "" || rel.startsWith("..") ? resolve(file) : rel;
}

export function conflicts(run: KitRun): FileChange[] {
  return run.changes.filter((c) => c.status === "conflict");
}

export function stopOnConflicts(run: KitRun, cwd: string): void {
  const found = conflicts(run);
  if (found.length) throw conflictError(relative(cwd, run.kitDir) || ".", found);
}
