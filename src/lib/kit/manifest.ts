// The kit remembers a hash of every file it generated (in .yo-rc.json). A file whose content on
// disk still has that hash was not touched by the user, so regeneration may replace it; a file
// with any other content was edited and is never overwritten silently.
import { createHash } from "node:crypto";
import type { KitFile } from "./types.js";

export type Manifest = Record<string, string>;

export function hashContents(contents: string): string {
  return `sha256-${createHash("sha256").update(contents).digest("base64")}`;
}

export function manifestOf(files: readonly KitFile[]): Manifest {
  return Object.fromEntries(files.map((f) => [f.path, hashContents(f.contents)]));
}
