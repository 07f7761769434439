// Decides what happens to each kit file (create, identical, update, conflict, ...) and writes a
// kit without Yeoman (the fast path). A file the user edited is never overwritten silently.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../spec/problems.js";
import { findKit } from "./location.js";
import { hashContents } from "./manifest.js";
import { YO_RC } from "./render.js";
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
  const rules = readYoResolve(kitDir);
  const generated = findKit(kitDir)?.generated ?? {};
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
    if (generated[file.path] === hashContents(onDisk)) return status("update");
    return status(options.force || action === "force" ? "force" : "conflict");
  });
}

/** A kit file's text when it is exactly what the last run generated (per .yo-rc.json); else undefined. */
export function textAsGenerated(kitDir: string, path: string): string | undefined {
  const recorded = findKit(kitDir)?.generated[path];
  const absolute = join(kitDir, path);
  if (!recorded || !existsSync(absolute)) return undefined;
  const text = readFileSync(absolute, "utf8");
  return hashContents(text) === recorded ? text : undefined;
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
 * temporary name beside it (a failure there removes them all: nothing was written), then each
 * is renamed into place, .yo-rc.json last, so a folder only counts as a kit once it is complete.
 */
export function writeChanges(changes: readonly FileChange[]): void {
  const pending = changes
    .filter((c) => WRITES.has(c.status))
    .sort((a, b) => Number(a.file.path === YO_RC) - Number(b.file.path === YO_RC));
  const staged: FileChange[] = [];
  for (const change of pending) {
    try {
      mkdirSync(dirname(change.absolute), { recursive: true });
      writeFileSync(temporaryName(change), change.file.contents);
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
    } catch (error) {
      for (const rest of staged.slice(written.length)) removeQuietly(temporaryName(rest));
      const done = written.length ? `Written before the failure: ${written.join(", ")}.` : "No file was written.";
      throw new UserError(`Could not write ${change.file.path}: ${(error as Error).message}. ${done}`);
    }
  }
}

function temporaryName(change: FileChange): string {
  return `${change.absolute}.mxsecure-tmp`;
}

/** Best-effort cleanup of a temporary file: a failure here must not hide the write error being reported. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // e.g. the temporary name is a directory, or its parent is a file: nothing of ours to remove.
  }
}
