// Decides what happens to each kit file (create, identical, update, conflict, ...) and writes a
// kit without Yeoman (the fast path). A file the user edited is never overwritten silently.
import {
  closeSync, constants, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { MAX_ANSWERS_BYTES, readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { assertNoLinks } from "./links.js";
import { findKit, readYoRc } from "./location.js";
import { hashContents, type Manifest } from "./manifest.js";
import { GENERATOR_KEY, YO_RC } from "./marker.js";
import { SPEC_FILE } from "./spec-yaml.js";
import type { KitFile } from "./types.js";
import { readYoResolve, resolveAction } from "./yo-resolve.js";

/**
 * create: new; identical: same bytes; update: changed by the generator only (unedited since the
 * last run); keep: the spec file this run read, left as the user wrote it; skip: .yo-resolve
 * says so; force: edited, overwritten on request; conflict: edited, needs a decision.
 */
export type FileStatus = "create" | "identical" | "update" | "keep" | "skip" | "force" | "conflict";
export interface FileChange {
  file: KitFile;
  absolute: string;
  status: FileStatus;
}

export interface CompareOptions {
  force: boolean;
  /** The run read its answers from this kit's own spec file: leave that file as it is. */
  specIsInput: boolean;
  /**
   * The run edited the kit's spec file in place (entity, role): its new text is the user's own
   * (comments, edits) plus the new item, so it is written even when the user changed the file.
   */
  specEdited?: boolean;
}

export function compareWithDisk(kitDir: string, files: readonly KitFile[], options: CompareOptions): FileChange[] {
  // Every path first: a link anywhere stops the run before anything is read through it.
  assertNoLinks(kitDir);
  for (const file of files) {
    assertNoLinks(kitDir, file.path);
    assertNoLinks(kitDir, stagedName(file.path));
  }
  const rules = readYoResolve(kitDir);
  const isGenerated = generatedBy(kitDir);
  return files.map((file) => {
    const absolute = join(kitDir, file.path);
    const status = (s: FileStatus): FileChange => ({ file, absolute, status: s });
    if (!existsSync(absolute)) return status("create");
    if (!statSync(absolute).isFile()) {
      throw new UserError(`${absolute} is in the way: the kit writes a file there, but it is a directory or a special file. Nothing was written; move it away and run again.`);
    }
    const onDisk = readFileSync(absolute, "utf8");
    if (onDisk === file.contents) return status("identical");
    if (file.path === SPEC_FILE && options.specIsInput) return status("keep");
    if (file.path === SPEC_FILE && options.specEdited) return status("update");
    // .yo-rc.json is the generator's own bookkeeping, as in Yeoman (forceYoFiles).
    if (file.path === YO_RC) return status("update");
    const action = resolveAction(rules, absolute);
    if (action === "skip") return status("skip");
    if (isGenerated(file.path, onDisk)) return status("update");
    return status(options.force || action === "force" ? "force" : "conflict");
  });
}

/**
 * Whether a file's text is one this generator wrote: the last complete run's (per .yo-rc.json), or
 * an interrupted run's. A run killed while renaming its staged files leaves its new .yo-rc.json
 * staged (it is renamed last, after every file was flushed): the files it did rename carry that
 * manifest's hashes, so the next run updates them instead of taking them for the user's edits.
 */
function generatedBy(kitDir: string): (path: string, text: string) => boolean {
  const last = findKit(kitDir)?.generated ?? {};
  const interrupted = interruptedManifest(kitDir);
  return (path, text) => {
    const hash = hashContents(text);
    return last[path] === hash || interrupted[path] === hash;
  };
}

function interruptedManifest(kitDir: string): Manifest {
  try {
    const config = readYoRc(kitDir, stagedName(YO_RC)) as Record<string, { generated?: unknown }> | undefined;
    const generated = config?.[GENERATOR_KEY]?.generated;
    return typeof generated === "object" && generated !== null ? (generated as Manifest) : {};
  } catch (error) {
    // Cut short while it was being staged: the run renamed nothing, so there is nothing to recover.
    // (A link at its name was refused before: compareWithDisk checks every staged name.)
    if (error instanceof UserError) return {};
    throw error;
  }
}

/** A kit file's text, read without following a link and within the spec reader's limit. */
export function kitText(kitDir: string, path: string): string {
  assertNoLinks(kitDir, path);
  return readTextFile(join(kitDir, path), MAX_ANSWERS_BYTES, `a kit's ${path}`);
}

export function conflictError(kitDisplay: string, conflicts: readonly FileChange[]): UserError {
  const names = conflicts.map((c) => `  - ${c.file.path}`).join("\n");
  return new UserError(
    `${conflicts.length === 1 ? "A file" : `${conflicts.length} files`} in ${kitDisplay === "." ? "this kit" : kitDisplay} changed since the kit was generated; nothing was written:\n${names}\n` +
      "Ways forward: run in a terminal to choose per file; or --force to overwrite them; " +
      'or keep your version for good with a line such as "README.md skip" in .yo-resolve (in the kit folder).',
  );
}

export const WRITES: ReadonlySet<FileStatus> = new Set(["create", "update", "force"]);

/**
 * Writes in two steps so that a failure leaves no half-written kit: first every file to a
 * temporary name beside it, created exclusively and never through a link, and flushed to disk (a
 * failure there removes them all: nothing was written); then each is renamed into place,
 * .yo-rc.json last, so a folder only counts as a kit once it is complete. A run killed part-way is
 * recovered by the next one (see generatedBy). Call with the kit's lock held (lock.ts).
 */
export function writeChanges(changes: readonly FileChange[]): void {
  const pending = changes
    .filter((c) => WRITES.has(c.status))
    .sort((a, b) => Number(a.file.path === YO_RC) - Number(b.file.path === YO_RC));
  // Leftovers of a killed run (the lock says no other run is writing): ours to remove.
  for (const change of changes) removeLeftover(change);
  const staged: FileChange[] = [];
  for (const change of pending) {
    try {
      mkdirSync(dirname(change.absolute), { recursive: true });
      stage(temporaryName(change), change.file.contents);
      staged.push(change);
    } catch (error) {
      for (const done of [...staged, change]) removeQuietly(temporaryName(done));
      throw new UserError(`Could not write ${change.file.path}: ${(error as Error).message}. No file was written.`);
    }
  }
  const written: string[] = [];
  for (const change of staged) {
    try {
      renameSync(temporaryName(change), change.absolute);
      written.push(change.file.path);
      testHook("rename", change.file.path);
    } catch (error) {
      for (const rest of staged.slice(written.length)) removeQuietly(temporaryName(rest));
      const done = written.length ? `Written before the failure: ${written.join(", ")}.` : "No file was written.";
      throw new UserError(`Could not write ${change.file.path}: ${(error as Error).message}. ${done}`);
    }
  }
  // The renames themselves are entries in their folders: flush those too.
  for (const dir of new Set(staged.map((c) => dirname(c.absolute)))) flushDirectory(dir);
}

/** Creates `file` (never an existing one, never through a link), writes it and flushes it to disk. */
function stage(file: string, contents: string): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    writeFileSync(fd, contents);
    testHook("write", file);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function flushDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems cannot flush a folder; the files themselves were flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A staged file a killed run left behind. A link there is not ours: compareWithDisk refused it. */
function removeLeftover(change: FileChange): void {
  const file = temporaryName(change);
  try {
    if (lstatSync(file, { throwIfNoEntry: false })?.isFile()) rmSync(file, { force: true });
  } catch {
    // e.g. a file where its folder should be: staging reports that
  }
}

/**
 * Test hook (documented in test/hostile-fs.test.ts): MXSECURE_TEST_KILL_AT=N kills this process at
 * the Nth write or rename of a run, as a power cut or kill -9 would. Read here only.
 */
let steps = 0;
function testHook(_step: "write" | "rename", _path: string): void {
  const at = process.env.MXSECURE_TEST_KILL_AT;
  if (at !== undefined && ++steps === Number(at)) process.kill(process.pid, "SIGKILL");
}

export function stagedName(path: string): string {
  return `${path}.mxsecure-tmp`;
}

function temporaryName(change: FileChange): string {
  return stagedName(change.absolute);
}
/** Best-effort cleanup of a temporary file: a failure here must not hide the write error being reported. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // e.g. the temporary name is a directory, or its parent is a file: nothing of ours to remove.
  }
}
