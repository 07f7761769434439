// Everything before writing, shared by the fast path and the Yeoman generator: the kit's files,
// where they go, and what would happen to each one on disk.
import { relative, resolve } from "node:path";
import { schemaReference } from "../spec/schema-url.js";
import { MAX_ANSWERS_BYTES, type LoadedAnswers } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { compareWithDisk, conflictError, kitText, MAX_KIT_FILE_BYTES, type FileChange } from "./disk.js";
import { assertNoLinks } from "./links.js";
import { kitDirFor, MAX_YO_RC_BYTES } from "./location.js";
import { lockKit } from "./lock.js";
import { YO_RC } from "./marker.js";
import { kitFromSpec, specFromAnswers, type Kit } from "./pipeline.js";
import { SPEC_FILE } from "./spec-yaml.js";
import { dataLossLines } from "./apply-again.js";
import { mdlScriptPath } from "../targets/mdl/index.js";

export { openKit } from "./location.js";

export interface KitRun {
  kit: Kit;
  kitDir: string;
  changes: FileChange[];
  /**
   * Set when this run changes a kit that was generated before (issue 18): the attributes the new
   * main MDL script would delete with their data, in words (apply-again.ts).
   */
  dataLoss?: string[];
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
  // One run per kit: from here to the end of the process (a run inside a kit took it earlier,
  // before reading the kit's spec: see openKit).
  lockKit(kitDir);
  const specIsInput = options.specText === undefined && options.answersFile !== undefined && resolve(options.answersFile) === resolve(kitDir, SPEC_FILE);
  // The kit's own spec file, when it is the input, stays the kit's spec text as it is (comments
  // and edits kept), so re-running from it changes nothing, and .yo-rc.json records the spec the
  // other files were generated from (the audit's freshness check compares against it).
  const kit = kitFromSpec(spec, options.specText ?? (specIsInput ? kitText(kitDir, SPEC_FILE) : undefined), schemaReference(kitDir));
  refuseUnreadable(kit);
  const changes = compareWithDisk(kitDir, kit.files, { force: options.force, specIsInput, specEdited: options.specText !== undefined });
  return { kit, kitDir, changes, ...previousState(kitDir, kit, changes) };
}

/** What the kit's previous main MDL script created that this run's drops (a regenerated kit only). */
function previousState(kitDir: string, kit: Kit, changes: FileChange[]): Pick<KitRun, "dataLoss"> {
  const main = mdlScriptPath(kit.plan);
  const change = changes.find((c) => c.file.path === main);
  if (!change || change.status === "create" || change.status === "identical") return {};
  return { dataLoss: dataLossLines(kitText(kitDir, main), kit.plan) };
}

/**
 * Whatever the generator writes, it must read back: a spec or .yo-rc.json over the readers' limits
 * would leave a kit that can no longer be regenerated or audited.
 */
function refuseUnreadable(kit: Kit): void {
  for (const file of kit.files) {
    const limit = file.path === SPEC_FILE ? MAX_ANSWERS_BYTES : file.path === YO_RC ? MAX_YO_RC_BYTES : MAX_KIT_FILE_BYTES;
    const size = Buffer.byteLength(file.contents);
    if (limit !== undefined && size > limit) {
      throw new UserError(
        `The kit's ${file.path} would be ${(size / 1024 / 1024).toFixed(1)} MB, over the ${limit / 1024 / 1024} MB that mxsecure reads back; ` +
          "nothing was written. Split the connector into smaller modules.",
      );
    }
  }
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

/** Refuses a link on the way to any file of the run (again: prompts may have taken a while). */
export function assertNoKitLinks(run: KitRun): void {
  for (const change of run.changes) assertNoLinks(run.kitDir, change.file.path);
}
