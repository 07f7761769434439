// Writes a kit without Yeoman (the fast path for runs that need no prompt): compares each file with
// what is on disk, stops on conflicts unless forced, and writes nothing at all when it stops.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../spec/problems.js";
import type { KitFile } from "./types.js";
import { readYoResolve, resolveAction } from "./yo-resolve.js";

export type FileStatus = "create" | "identical" | "conflict" | "force" | "skip";
export interface FileChange {
  file: KitFile;
  absolute: string;
  status: FileStatus;
}

export function compareWithDisk(kitDir: string, files: readonly KitFile[], force: boolean): FileChange[] {
  const rules = readYoResolve(kitDir);
  return files.map((file) => {
    const absolute = join(kitDir, file.path);
    if (!existsSync(absolute)) return { file, absolute, status: "create" };
    if (readFileSync(absolute, "utf8") === file.contents) return { file, absolute, status: "identical" };
    const action = resolveAction(rules, absolute);
    if (action === "skip") return { file, absolute, status: "skip" };
    return { file, absolute, status: force || action === "force" ? "force" : "conflict" };
  });
}

export function conflictError(kitDisplay: string, conflicts: readonly FileChange[]): UserError {
  const names = conflicts.map((c) => `  - ${c.file.path}`).join("\n");
  return new UserError(
    `${conflicts.length === 1 ? "A file" : `${conflicts.length} files`} in ${kitDisplay} changed since the kit was generated; nothing was written:\n${names}\n` +
      "Ways forward: run in a terminal to choose per file; or --force to overwrite them; " +
      'or keep your version for good with a line such as "README.md skip" in .yo-resolve (in the kit folder).',
  );
}

/** Writes each file through a temporary name then renames it, so no file is ever half-written. */
export function writeChanges(changes: readonly FileChange[]): void {
  const written: string[] = [];
  for (const change of changes) {
    if (change.status !== "create" && change.status !== "force") continue;
    try {
      mkdirSync(dirname(change.absolute), { recursive: true });
      const temporary = `${change.absolute}.mxsecure-tmp`;
      writeFileSync(temporary, change.file.contents);
      renameSync(temporary, change.absolute);
      written.push(change.file.path);
    } catch (error) {
      const done = written.length ? `Written before the failure: ${written.join(", ")}.` : "No file was written.";
      throw new UserError(`Could not write ${change.file.path}: ${(error as Error).message}. ${done}`);
    }
  }
}
