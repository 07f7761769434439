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

/** One generation for the whole run: vitest calls setup once per project (and for the root). */
const SHARED = Symbol.for("generator-mxsecure.example-kits");
interface Shared {
  root: string;
  ready: Promise<void>;
  users: number;
}

export async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (!existsSync(BIN)) return undefined;
  const store = globalThis as Record<symbol, Shared | undefined>;
  const shared = (store[SHARED] ??= start());
  shared.users++;
  await shared.ready;
  project.provide("exampleKits", shared.root);
  return () => {
    if (--shared.users > 0) return;
    rmSync(shared.root, { recursive: true, force: true });
    delete store[SHARED];
  };
}

function start(): Shared {
  const root = mkdtempSync(join(tmpdir(), "mxsecure-example-kits-"));
  return { root, users: 0, ready: Promise.all(EXAMPLES.map((example) => generate(example, join(root, example)))).then(() => undefined) };
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
