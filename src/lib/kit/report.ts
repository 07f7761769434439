// What a run tells the user after the file statuses, the same from the fast path and Yeoman.
import { lstatSync } from "node:fs";
import { readBytes } from "../spec/load.js";
import { relative } from "node:path";
import { inert } from "../audit/inert.js";
import { securityChanges } from "../audit/kit-verify.js";
import { MAX_KIT_FILE_BYTES, type FileChange } from "./disk.js";
import type { KitRun } from "./prepare.js";

export interface KitReport {
  /** One line per audit warning. */
  warnings: string[];
  /** Where the kit is ("this folder" when it is the current one) and what to read next. */
  next: { folder: string; text: string };
  /**
   * One line per kit file this run left as it was although the spec now says otherwise (a
   * .yo-resolve skip, or "no" to Yeoman's overwrite question): printed last, so it is seen.
   */
  outOfStep: string[];
}

export function kitReport(run: KitRun, cwd: string): KitReport {
  const where = relative(cwd, run.kitDir) || ".";
  return {
    warnings: run.kit.warnings.map((w) => inert(`warning ${w.rule} at ${w.path || "(spec)"}: ${w.message}. ${w.fix}`)),
    next: {
      folder: where === "." ? "this folder" : where,
      text: `Next: read ${where}/SECURITY.md, then apply the module (${where}/README.md).`,
    },
    outOfStep: run.changes.flatMap((c) => {
      const kept = keptOutOfStep(c);
      if (kept === false) return [];
      // SECURITY.md kept with only the person's own wording changed describes the same access.
      const sameAccess = c.file.path === "SECURITY.md" && typeof kept === "string" && securityChanges(c.file.path, c.file.contents, kept).length === 0;
      if (sameAccess) return [`warning SECURITY.md was kept as you edited it; no line that grants or limits access differs from what the spec generates. mxsecure audit reports it too.`];
      const what = c.file.path === "SECURITY.md" ? "it describes roles and access the scripts no longer apply" : "it is out of step with the rest of the kit";
      return [
        `warning ${c.file.path} was kept as it is, but no longer matches the spec: ${what}. ` +
          `Review it, or regenerate it with --force (after removing any .yo-resolve line for it). mxsecure audit reports it too.`,
      ];
    }),
  };
}

/**
 * A file the run would have changed (skipped, or a conflict answered "no") that still differs on
 * disk: its text when it was read, true when it differs unread (not a file, or another size).
 */
function keptOutOfStep(change: FileChange): string | boolean {
  if (change.status !== "skip" && change.status !== "conflict") return false;
  try {
    const stat = lstatSync(change.absolute);
    if (!stat.isFile()) return true;
    // A file far larger than the generated one is another text: never read (a huge file the user kept).
    if (stat.size > Math.min(MAX_KIT_FILE_BYTES, 2 * Buffer.byteLength(change.file.contents) + 65536)) return true;
    const text = readBytes(change.absolute, stat.size, "a kit file", "kit").toString("utf8");
    return text === change.file.contents ? false : text;
  } catch {
    return false; // gone: nothing kept
  }
}
