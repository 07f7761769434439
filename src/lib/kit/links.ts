// A kit folder is a trust boundary. Kits travel in Git, and Git stores symbolic links, so a kit
// received from someone else may hold a link (a file, or a folder such as model/) that points
// outside it. The generator never follows one: every path it reads or writes in a kit is checked,
// component by component from the kit root, and a link anywhere on the way is refused.
import { lstatSync } from "node:fs";
import { basename, isAbsolute, join, normalize, sep } from "node:path";
import { UserError } from "../spec/problems.js";

/** Refuses a symbolic link at the kit root or at any component of `rel` below it. */
export function assertNoLinks(kitDir: string, rel = ""): void {
  const parts = rel === "" ? [] : rel.split(/[\\/]/);
  for (let depth = 0; depth <= parts.length; depth++) {
    const here = join(kitDir, ...parts.slice(0, depth));
    const stat = lstatStopping(here);
    if (!stat) return; // the rest does not exist yet (or a file is in its way): nothing to follow
    if (stat.isSymbolicLink()) throw linkError(kitDir, parts.slice(0, depth).join("/"));
  }
}

function lstatStopping(path: string) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    // A file where a folder should be: the write reports it (hostile-write.test.ts).
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
}

export function linkError(kitDir: string, rel: string): UserError {
  const shown = rel === "" ? basename(kitDir) : `${basename(kitDir)}/${rel}`;
  return new UserError(
    `${shown} is a symbolic link. mxsecure never follows links in a kit: one could make it read or write outside the kit folder. ` +
      "Replace the link with the real file or folder (or delete it), then run again. Nothing was written.",
  );
}

/**
 * A path recorded in a kit (e.g. .yo-rc.json's "spec") as a safe relative path inside the kit, or
 * undefined when it is empty, absolute, or climbs out with "..".
 */
export function insideKit(recorded: string): string | undefined {
  if (recorded === "" || isAbsolute(recorded) || /^[A-Za-z]:/.test(recorded) || recorded.includes("\0")) return undefined;
  const normal = normalize(recorded);
  if (normal === "." || normal === ".." || normal.startsWith(`..${sep}`) || normal.split(/[\\/]/).includes("..")) return undefined;
  return normal;
}
