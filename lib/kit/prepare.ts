// Everything before writing, shared by the fast path and the Yeoman generator: the kit's files,
// where they go, and what would happen to each one on disk.
import { relative, resolve } from "node:path";
import type { LoadedAnswers } from "../spec/load.js";
import { compareWithDisk, conflictError, type FileChange } from "./disk.js";
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
    ? { name: relative(options.cwd, options.answersFile) || options.answersFile, ...(options.locate ? { locate: options.locate } : {}) }
    : undefined;
  const kit = kitFromSpec(specFromAnswers(answers, source), options.specText);
  const kitDir = kitDirFor(options.cwd, kit.spec.module);
  const specIsInput = options.specText === undefined && options.answersFile !== undefined && resolve(options.answersFile) === resolve(kitDir, SPEC_FILE);
  return { kit, kitDir, changes: compareWithDisk(kitDir, kit.files, { force: options.force, specIsInput }) };
}

export function conflicts(run: KitRun): FileChange[] {
  return run.changes.filter((c) => c.status === "conflict");
}

export function stopOnConflicts(run: KitRun, cwd: string): void {
  const found = conflicts(run);
  if (found.length) throw conflictError(relative(cwd, run.kitDir) || ".", found);
}
