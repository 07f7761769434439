// Runs once per `vitest run`, before any test file: generates every example kit once with the
// real bin (non-interactively, as a user would) into one temp folder, and hands its path to the
// tests (inject("exampleKits")). test/helpers/kit.ts's generateKit copies a pristine kit from
// there instead of starting the bin again: ~40 bin runs across the suite become 7.
// Without dist/ (a test run without `npm run build`) it provides nothing and the tests say so.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { BIN } from "./helpers/run.js";
import { EXAMPLES, examplePath } from "./helpers/spec.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder with one folder per example name, each holding the kit the bin generated. */
    exampleKits: string;
  }
}

let root: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(BIN)) return;
  root = mkdtempSync(join(tmpdir(), "mxsecure-example-kits-"));
  const made = root;
  await Promise.all(EXAMPLES.map((example) => generate(example, join(made, example))));
  project.provide("exampleKits", made);
}

export function teardown(): void {
  if (root) rmSync(root, { recursive: true, force: true });
}

function generate(example: string, dir: string): Promise<void> {
  mkdirSync(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env.MXSECURE_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--answers", examplePath(example)], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && readdirSync(dir).length === 1) resolve();
      else reject(new Error(`generating examples/${example}.yaml for the shared kits failed (${code}):\n${stderr}`));
    });
  });
}
