// Where a kit lives: ./<Module>/ for a new kit; the current folder when it is a kit already
// (its .yo-rc.json names generator-mxsecure), so running there regenerates it in place.
// .yo-rc.json comes with the kit, so what it records is checked: its spec path stays inside the
// kit, and a folder holding another module's kit is never taken over.
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { assertNoLinks, insideKit, linkError } from "./links.js";
import { lockKit } from "./lock.js";
import type { Manifest } from "./manifest.js";
import { GENERATOR_KEY, YO_RC } from "./marker.js";
import { SPEC_FILE } from "./spec-yaml.js";

/** A kit's .yo-rc.json holds one hash per file (a few kB even for thousands of entities). */
export const MAX_YO_RC_BYTES = 1024 * 1024;

export interface KitMarker {
  dir: string;
  module: string;
  specFile: string;
  /** Hashes of the files the last run generated (empty for a kit without them). */
  generated: Manifest;
}

export function findKit(dir: string): KitMarker | undefined {
  const config = readYoRc(dir, YO_RC);
  if (config === undefined) return undefined;
  const entry = (config as Record<string, { module?: unknown; spec?: unknown; generated?: unknown }> | null)?.[GENERATOR_KEY];
  if (!entry || typeof entry.module !== "string") return undefined;
  const generated = typeof entry.generated === "object" && entry.generated !== null ? (entry.generated as Manifest) : {};
  return { dir, module: entry.module, specFile: join(dir, specPath(dir, entry.spec)), generated };
}

/**
 * A kit's .yo-rc.json (or the staged copy a run left, see disk.ts) parsed, or undefined when
 * there is none. Never follows a link, and never reads more than MAX_YO_RC_BYTES.
 */
export function readYoRc(dir: string, name: string): unknown {
  const file = join(dir, name);
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) throw linkError(dir, name);
  if (!stat.isFile()) throw new UserError(`${file} is not a file; a kit's ${YO_RC} is a JSON file. Move it away and run again.`);
  if (stat.size > MAX_YO_RC_BYTES) {
    throw new UserError(
      `${file} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; a kit's ${YO_RC} holds one hash per file and is at most ${MAX_YO_RC_BYTES / 1024 / 1024} MB. ` +
        "Restore it from version control, or delete it and regenerate from the kit's parent folder.",
    );
  }
  const text = readTextFile(file, MAX_YO_RC_BYTES, `a kit's ${YO_RC}`, "kit");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file} is not valid JSON (${(error as Error).message}); fix it, or restore it from version control.`);
  }
}

/** The spec path .yo-rc.json records, checked: relative, inside the kit, and no link on the way. */
function specPath(dir: string, recorded: unknown): string {
  if (recorded === undefined) return SPEC_FILE;
  const fix = `Set "spec": "${SPEC_FILE}" under "${GENERATOR_KEY}" in ${join(dir, YO_RC)}.`;
  if (typeof recorded !== "string" || recorded === "") {
    throw new UserError(`${join(dir, YO_RC)} records an empty or non-text spec path; it must name the spec file inside the kit. ${fix}`);
  }
  const safe = insideKit(recorded);
  if (safe === undefined) {
    throw new UserError(
      `${join(dir, YO_RC)} records the spec as ${JSON.stringify(recorded)}, which is outside the kit folder. ` +
        `A kit only reads and writes inside its own folder. ${fix}`,
    );
  }
  assertNoLinks(dir, safe);
  return safe;
}

/**
 * The kit in `cwd`, locked for the rest of this run before anything in it is read (regenerating
 * in place, entity, role); undefined when `cwd` is no kit.
 */
export function openKit(cwd: string): KitMarker | undefined {
  if (!findKit(cwd)) return undefined;
  lockKit(cwd);
  // Read again under the lock: the run that held it may have changed .yo-rc.json.
  return findKit(cwd);
}

/**
 * A folder beside the new kit whose name differs from the module's only by case (erpconnector/ for
 * ErpConnector): on Windows and macOS both are one folder, so the kit would land in the other one.
 */
function refuseCaseSibling(cwd: string, module: string): void {
  let names: string[];
  try {
    names = readdirSync(cwd);
  } catch {
    return; // an unreadable folder: creating the kit reports it
  }
  const other = names.find((name) => name !== module && name.toLowerCase() === module.toLowerCase());
  if (other) {
    throw new UserError(
      `${other} is already here, and ${module} differs from it only by case: on Windows and macOS they are the same folder. ` +
        `Nothing was written. Use that folder's name as the module name, or rename or move it.`,
    );
  }
}

export function kitDirFor(cwd: string, module: string): string {
  const kit = findKit(cwd);
  if (!kit) {
    const dir = join(cwd, module);
    refuseCaseSibling(cwd, module);
    assertNoLinks(dir);
    const other = findKit(dir);
    if (other && other.module !== module) {
      throw new UserError(
        `${module}/ holds the kit of ${other.module} (its ${YO_RC} says so), not of ${module}; nothing was written. ` +
          `Move or rename that folder, or regenerate ${other.module} from inside it.`,
      );
    }
    return dir;
  }
  if (kit.module !== module) {
    throw new UserError(
      `This folder is the kit of ${kit.module}, but the answers describe ${module}. ` +
        `Run outside this folder to create a new kit, or set module: ${kit.module} to regenerate this one.`,
    );
  }
  return kit.dir;
}
