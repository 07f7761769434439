// Shared helpers for tests that run the generator as a user would: temp folders, the real bin as
// a child process, and snapshots of a folder's files to compare byte for byte.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The compiled bin, as `npx mxsecure` runs it. `npm test` builds it first. */
export const BIN = join(REPO_ROOT, "dist/lib/cli/bin.js");

export function requireBuiltBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does) before these tests.`);
}

const made: string[] = [];

/** A fresh empty folder under the system temp folder; removed by removeTempDirs(). */
export function tempDir(prefix = "mxsecure-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/lib/cli/bin.js ...args` in `cwd` with stdin not a terminal (so: non-interactive).
 * CI is removed from the environment unless `env` sets it, so each test decides it.
 */
export function runBin(args: readonly string[], cwd: string, env: Record<string, string> = {}): BinResult {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env };
  if (!("CI" in env)) delete childEnv.CI;
  delete childEnv.MXSECURE_DEBUG;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: childEnv, encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` (relative paths, "/" separators, sorted), dot files included. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** The bytes of every file under `dir`, by relative path. */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((file) => [file, readFileSync(join(dir, file))]));
}

/** Lines that look like a JavaScript stack frame ("    at fn (file:1:2)"). */
export function stackLines(text: string): string[] {
  return text.split("\n").filter((line) => /^\s+at\s/.test(line));
}

/** The bin with a hard time bound (10 s): a hang is a failure, not a stuck test run; never a stack trace. */
export function runBounded(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", NO_COLOR: "1" };
  delete env.MXSECURE_DEBUG;
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "pipe"] });
  expect(run.error?.message, `mxsecure ${args.join(" ")} hung`).toBeUndefined();
  expect(stackLines(run.stderr)).toEqual([]);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
