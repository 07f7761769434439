// Where a kit lives: ./<Module>/ for a new kit; the current folder when it is a kit already
// (its .yo-rc.json names generator-mxsecure), so running there regenerates it in place.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../spec/problems.js";
import type { Manifest } from "./manifest.js";
import { GENERATOR_KEY, YO_RC } from "./render.js";
import { SPEC_FILE } from "./spec-yaml.js";

export interface KitMarker {
  dir: string;
  module: string;
  specFile: string;
  /** Hashes of the files the last run generated (empty for a kit without them). */
  generated: Manifest;
}

export function findKit(dir: string): KitMarker | undefined {
  const file = join(dir, YO_RC);
  if (!existsSync(file)) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UserError(`${file} is not valid JSON; fix or delete it.`);
  }
  const entry = (config as Record<string, { module?: unknown; spec?: unknown; generated?: unknown }> | null)?.[GENERATOR_KEY];
  if (!entry || typeof entry.module !== "string") return undefined;
  const generated = typeof entry.generated === "object" && entry.generated !== null ? (entry.generated as Manifest) : {};
  return { dir, module: entry.module, specFile: join(dir, typeof entry.spec === "string" ? entry.spec : SPEC_FILE), generated };
}

export function kitDirFor(cwd: string, module: string): string {
  const kit = findKit(cwd);
  if (!kit) return join(cwd, module);
  if (kit.module !== module) {
    throw new UserError(
      `This folder is the kit of ${kit.module}, but the answers describe ${module}. ` +
        `Run outside this folder to create a new kit, or set module: ${kit.module} to regenerate this one.`,
    );
  }
  return kit.dir;
}
