// The `mxsecure` command: `yo mxsecure` without a global yo. Runs that need no prompt take the
// fast path (no Yeoman loaded); runs that need a person load the Yeoman generator. Every error
// a user can cause comes out as one message and exit code 1, never a stack trace.
import { inertMessage } from "../audit/inert.js";
import { closest } from "../spec/names.js";
import { UserError } from "../spec/problems.js";
import { parseCommandLine } from "./args.js";
import { optionsHelp, parseOptions } from "./options.js";

const HELP = `Usage: mxsecure [options]               generate a secure Mendix connector kit
       mxsecure audit [FILE] [--format text|json|sarif] [--kit DIR] [--baseline FILE|GIT_REF]
                                          check a spec and its kit (default ./mxsecure.yaml); mxsecure audit --help
       mxsecure entity [Name] [options]   add an entity to the kit in this folder
       mxsecure role [Name] [options]     add a module role to the kit in this folder
(Without anything installed: npx generator-mxsecure ...; with yo: yo mxsecure, yo mxsecure:entity ...)

Options:
${optionsHelp(true)}

Run inside a kit folder without --answers to regenerate it from its mxsecure.yaml.
Keep your own version of a kit file with a .yo-resolve line such as "README.md skip".`;

const GENERATE_OPTIONS = parseOptions(true);

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "audit") {
    const { runAudit } = await import("./audit.js");
    return runAudit(rest);
  }
  if (command === "entity" || command === "role") {
    const { runAddCommand } = await import("./add.js");
    return runAddCommand(command, rest);
  }
  return generate(argv);
}

async function generate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, GENERATE_OPTIONS, "mxsecure");
  if (values.help) return print(HELP);
  if (values.version) return print(await version());
  if (positionals.length) {
    const guess = closest(positionals[0]!, ["audit", "entity", "role"]);
    throw new UserError(`Unknown command ${positionals[0]}${guess ? `; did you mean mxsecure ${guess}?` : "."} See mxsecure --help.`);
  }
  const interactive = isInteractive(values["no-interactive"] === true);
  const options = {
    cwd: process.cwd(),
    ...(typeof values.answers === "string" ? { answers: values.answers } : {}),
    force: values.force === true,
    dryRun: values["dry-run"] === true,
    interactive,
  };
  if (typeof values.openapi === "string") {
    const { entityList, generateFromOpenApi } = await import("./openapi.js");
    const run = { ...options, openapi: values.openapi, entities: entityList(values.entities as string | undefined), draft: values.draft === true };
    if ((await generateFromOpenApi(run, (line) => console.log(line))) === "done") return 0;
    const { runGenerator } = await import("./yeoman.js");
    await runGenerator("app", argv);
    return Number(process.exitCode ?? 0);
  }
  if (values.entities !== undefined || values.draft) throw new UserError("--entities and --draft go with --openapi FILE; see mxsecure --help.");
  // Loaded here, not at the top: `mxsecure audit` must not pay for the kit pipeline (EJS, renderers).
  const { generateWithoutPrompts } = await import("./generate.js");
  const say = (line: string) => console.log(line);
  if (generateWithoutPrompts(options, say) === "done") return 0;
  // A person answers: ask before Yeoman is loaded (it takes longer to load than the whole
  // interview path), and load it only for a conflict question per edited file.
  const [{ interviewThenWrite, handOver }, { askInTerminal }] = await Promise.all([import("./interactive.js"), import("../prompts/terminal-ask.js")]);
  const outcome = await interviewThenWrite(options, askInTerminal, say);
  if (outcome === "done") return 0;
  if (outcome !== "yeoman") handOver(outcome.answers);
  const { runGenerator } = await import("./yeoman.js");
  await runGenerator("app", argv);
  // The generator reports its own failures (one line) and sets the exit code.
  return Number(process.exitCode ?? 0);
}

/** Prompts only when a person can answer: a terminal, no CI, and no --no-interactive. */
export function isInteractive(refused: boolean): boolean {
  return !refused && process.stdin.isTTY === true && !process.env.CI;
}

async function version(): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function print(text: string): number {
  console.log(text);
  return 0;
}

export const CANCELLED = "Cancelled; nothing was written.";
/** Ctrl-C: 128 + SIGINT (2), as a shell reports a program interrupted by it. */
export const EXIT_CANCELLED = 130;

/** Ctrl-C at a prompt: inquirer throws ExitPromptError; that is the user's choice, not a crash. */
export function isCancel(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "ExitPromptError" || name === "AbortPromptError";
}

/** The one message printed for an error, its user text made inert (terminal escapes never act). */
export function explain(error: unknown): string {
  return inertMessage(describe(error));
}

function describe(error: unknown): string {
  if (error instanceof UserError) return error.message;
  const err = error as { name?: string; message?: string; code?: string; syscall?: string };
  // process.cwd() fails when the folder the command was started in has been deleted.
  if (err?.code === "ENOENT" && err.syscall === "uv_cwd") {
    return "The current folder no longer exists (deleted or moved while you were in it); nothing was written. cd into an existing folder and run again.";
  }
  if (isCancel(error)) return CANCELLED;
  return `${err?.message ?? String(error)}${process.env.MXSECURE_DEBUG ? "" : " (set MXSECURE_DEBUG=1 for details)"}`;
}

