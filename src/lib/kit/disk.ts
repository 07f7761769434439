// Decides what happens to each kit file (create, identical, update, conflict, ...) and writes a
// kit without Yeoman (the fast path). A file the user edited is never overwritten silently.
import { closeSync, constants, existsSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_ANSWERS_BYTES, readBytes, readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { FolderTree, plainMessage, type KitFolder } from "./folder.js";
import { assertNoLinks } from "./links.js";
import { heldIdentity } from "./lock.js";
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
  if (!existsSync(kitDir)) return files.map((file) => ({ file, absolute: join(kitDir, file.path), status: "create" as const }));
  // Read through the kit's folders held open (folder.ts): a folder swapped for a link now is refused.
  const tree = new FolderTree(kitDir, heldIdentity(kitDir));
  try {
    return files.map((file) => {
      const absolute = join(kitDir, file.path);
      const status = (s: FileStatus): FileChange => ({ file, absolute, status: s });
      const onDisk = readKitFile(tree, file.path, absolute);
      if (onDisk === undefined) return status("create");
      if (onDisk === file.contents) return status("identical");
      if (file.path === SPEC_FILE && options.specIsInput) return status("keep");
      if (file.path === SPEC_FILE && options.specEdited) return status("update");
      // .yo-rc.json is the generator's own bookkeeping, as in Yeoman (forceYoFiles).
      if (file.path === YO_RC) return status("update");
      const action = resolveAction(rules, absolute);
      if (action === "skip") return status("skip");
      if (onDisk !== TOO_LARGE && isGenerated(file.path, onDisk)) return status("update");
      return status(options.force || action === "force" ? "force" : "conflict");
    });
  } finally {
    tree.closeAll();
  }
}

/**
 * The largest kit file compared by its text. Every file the generator writes is smaller (the plan
 * is bounded, plan/limits.ts); a larger one is the user's own, a conflict, and is never read.
 */
export const MAX_KIT_FILE_BYTES = 64 * 1024 * 1024;
const TOO_LARGE = "\0too large";

/**
 * A kit file's text, or undefined when there is none. Refused: a link, a folder or a special file
 * in its place, and a hard link (a second name of a file that may be outside the kit).
 */
function readKitFile(tree: FolderTree, path: string, absolute: string): string | undefined {
  const cut = path.lastIndexOf("/");
  const folder = folderOf(tree, path);
  if (!folder) return undefined;
  const name = path.slice(cut + 1);
  const stat = lstatSync(folder.at(name), { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) throw new UserError(`${absolute} is a symbolic link. mxsecure never follows links in a kit: one could make it read or write outside the kit folder. Replace the link with the real file (or delete it), then run again. Nothing was written.`);
  if (!stat.isFile()) {
    throw new UserError(`${absolute} is in the way: the kit writes a file there, but it is a directory or a special file. Nothing was written; move it away and run again.`);
  }
  if (stat.nlink > 1) throw hardLinkError(absolute, stat.nlink);
  if (stat.size > MAX_KIT_FILE_BYTES) return TOO_LARGE;
  return readBytes(folder.at(name), MAX_KIT_FILE_BYTES, `a kit file`, "kit", absolute).toString("utf8");
}

export function hardLinkError(absolute: string, links: number): UserError {
  return new UserError(
    `${absolute} has ${links} names (a hard link): the same file may also be outside the kit, and writing it would change that one too. ` +
      "Nothing was written. Replace it with a copy of its own (cp it to a new name, delete it, rename the copy back), then run again.",
  );
}

/** The folder of a kit path, opened through the tree; undefined when it does not exist yet. */
function folderOf(tree: FolderTree, path: string, create = false): KitFolder | undefined {
  const cut = path.lastIndexOf("/");
  try {
    return tree.folder(cut === -1 ? "" : path.slice(0, cut), create);
  } catch (error) {
    // A file where a folder should be: no file of ours there yet (the write reports it).
    if (!create && (error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
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
    if (last[path] === undefined && interrupted[path] === undefined) return false;
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
  return readTextFile(join(kitDir, path), MAX_ANSWERS_BYTES, `a kit's ${path}`, "kit");
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
 * failure there removes them all, and the folders this run created: nothing was written); then
 * each is renamed into place, .yo-rc.json last, so a folder only counts as a kit once it is
 * complete. A rename replaces the name, never the file it named, so a hard link there is never
 * written through. Every name is resolved through the kit's folders held open (folder.ts): a
 * folder swapped for a link in the meantime is never followed. A run killed part-way is recovered
 * by the next one (see generatedBy). Call with the kit's lock held (lock.ts).
 */
export function writeChanges(changes: readonly FileChange[]): void {
  const first = changes[0];
  if (!first) return;
  const kitDir = first.absolute.slice(0, first.absolute.length - first.file.path.length - 1);
  const pending = changes
    .filter((c) => WRITES.has(c.status))
    .sort((a, b) => Number(a.file.path === YO_RC) - Number(b.file.path === YO_RC));
  const tree = new FolderTree(kitDir, heldIdentity(kitDir));
  const failure = (change: FileChange, error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    return `Could not write ${change.file.path}: ${error instanceof UserError ? error.message : plainMessage(error, tree.folders())}${code === "ENOSPC" ? " (the disk is full)" : ""}.`;
  };
  try {
    // Leftovers of a killed run (the lock says no other run is writing): ours to remove.
    for (const change of changes) removeLeftover(tree, change);
    const staged: FileChange[] = [];
    for (const change of pending) {
      try {
        const folder = folderOf(tree, change.file.path, true)!;
        stage(folder, stagedName(baseName(change.file.path)), change.file.contents);
        staged.push(change);
      } catch (error) {
        for (const done of [...staged, change]) removeStaged(tree, done);
        tree.removeCreated();
        throw new UserError(`${failure(change, error)} No file was written.`);
      }
    }
    const written: string[] = [];
    for (const change of staged) {
      try {
        const folder = folderOf(tree, change.file.path)!;
        const name = baseName(change.file.path);
        renameSync(folder.at(stagedName(name)), folder.at(name));
        written.push(change.file.path);
      } catch (error) {
        for (const rest of staged.slice(written.length)) removeStaged(tree, rest);
        tree.removeCreated();
        const done = written.length ? `Written before the failure: ${written.join(", ")}.` : "No file was written.";
        throw new UserError(`${failure(change, error)} ${done}`);
      }
    }
    // The renames themselves are entries in their folders: flush those too.
    for (const change of staged) flushFolder(folderOf(tree, change.file.path)!);
  } finally {
    tree.closeAll();
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Creates `name` in `folder` (never an existing one, never through a link), writes it and flushes it to disk. */
function stage(folder: KitFolder, name: string, contents: string): void {
  const fd = openSync(folder.at(name), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    writeFileSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function flushFolder(folder: KitFolder): void {
  if (folder.fd < 0) return; // Windows: folders are not opened (folder.ts)
  try {
    fsyncSync(folder.fd);
  } catch {
    // Some file systems cannot flush a folder; the files themselves were flushed.
  }
}

/** A staged file a killed run left behind. A link there is not ours: compareWithDisk refused it. */
function removeLeftover(tree: FolderTree, change: FileChange): void {
  try {
    const folder = folderOf(tree, change.file.path);
    const name = stagedName(baseName(change.file.path));
    if (folder && lstatSync(folder.at(name), { throwIfNoEntry: false })?.isFile()) unlinkSync(folder.at(name));
  } catch {
    // e.g. a file where its folder should be: staging reports that
  }
}

export function stagedName(path: string): string {
  return `${path}.mxsecure-tmp`;
}

/** Best-effort cleanup of a staged file: a failure here must not hide the write error being reported. */
function removeStaged(tree: FolderTree, change: FileChange): void {
  try {
    const folder = folderOf(tree, change.file.path);
    if (folder) unlinkSync(folder.at(stagedName(baseName(change.file.path))));
  } catch {
    // already gone
  }
}
