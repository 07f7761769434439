// Runs a command in a real pseudo-terminal (test/helpers/terminal.py, Python's pty) and plays
// keystrokes, each sent only once its prompt is on the screen.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, tempDir } from "./run.js";

const DRIVER = join(REPO_ROOT, "test/helpers/terminal.py");
export const DOWN = "\x1b[B";
export const UP = "\x1b[A";
export const ENTER = "\r";
export const BACKSPACE = "\x7f";
export const CTRL_C = "\x03";

export interface Step {
  expect: string;
  send?: string;
}
export interface Screen {
  ok: boolean;
  exitCode: number | null;
  error: string | null;
  screen: string;
}

/** Runs `argv` in a pseudo-terminal in `cwd`, playing `steps`; CI is unset so it is interactive. */
export function inTerminal(argv: string[], cwd: string, steps: Step[], timeoutSeconds = 60, extraEnv: Record<string, string> = {}): Screen {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== "CI" && key !== "MXSECURE_DEBUG") env[key] = value;
  Object.assign(env, { TERM: "xterm-256color", COLUMNS: "200", LINES: "50" }, extraEnv);
  const script = join(tempDir("mxsecure-pty-script-"), "script.json");
  writeFileSync(script, JSON.stringify({ argv, cwd, env, timeout: timeoutSeconds, stepTimeout: 30, steps }));
  const run = spawnSync("python3", [DRIVER, script], { encoding: "utf8", timeout: (timeoutSeconds + 30) * 1000 });
  if (run.error) throw new Error(`could not start python3 (${run.error.message}); this test needs python3 with its pty module`);
  if (run.status !== 0) throw new Error(`the terminal driver failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Screen;
}
