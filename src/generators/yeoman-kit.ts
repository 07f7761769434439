// Hands a prepared kit to a Yeoman generator's mem-fs, and reports the run in the same words as the
// bin's fast path. Yeoman's conflicter only asks about files the user edited; every other file
// carries a status of ours that Yeoman's logger does not print, so no file is called "force"
// unless the user's own edit was overwritten.
import { readFileSync } from "node:fs";
import type Generator from "yeoman-generator";
import { CANCELLED, explain, isCancel } from "../lib/cli/main.js";
import { printRun } from "../lib/cli/generate.js";
import { writeChanges, type FileChange } from "../lib/kit/disk.js";
import { releaseAllKits } from "../lib/kit/lock.js";
import { assertNoKitLinks, type KitRun } from "../lib/kit/prepare.js";
import { YO_RC } from "../lib/kit/render.js";
import type { Question } from "../lib/prompts/interview.js";

/** The part of a generator these helpers use. */
type KitGenerator = Pick<Generator, "fs" | "log" | "destinationRoot" | "prompt">;

/**
 * A conflicter status with no logger method of that name (@yeoman/adapter log.js creates one per
 * colour: skip, force, create, invoke, conflict, identical, info, ...): Yeoman commits the file
 * (not in its skip list, @yeoman/conflicter conflicter.js statusToSkipFile) and prints nothing.
 */
const DECIDED = "mxsecure-decided";

/** What the run does, as the conflicter will see it: --dry-run writes nothing. */
export interface YeomanRunMode {
  dryRun: boolean;
}

/** The conflicter options the environment runs with (yeoman-environment environment-base.js start()). */
export function yeomanRunMode(generator: { env: unknown; options: Record<string, unknown> }): YeomanRunMode {
  const env = generator.env as { conflicterOptions?: { dryRun?: boolean } } | undefined;
  return { dryRun: Boolean(env?.conflicterOptions?.dryRun ?? generator.options.dryRun ?? generator.options["dry-run"]) };
}

export function writeKitRun(generator: KitGenerator, run: KitRun, mode: YeomanRunMode): void {
  // Checked again after the prompts, right before mem-fs commits (it writes through links).
  assertNoKitLinks(run);
  for (const change of run.changes) {
    if (change.status === "keep" || change.status === "skip" || change.status === "identical") continue;
    // .yo-rc.json is written by `finishKitRun`, after Yeoman's commit: Yeoman would otherwise mark
    // it "force" in every run (its forceYoFiles transform), and a folder only counts as a kit once
    // the rest of it is on disk.
    if (change.file.path === YO_RC) continue;
    generator.fs.write(change.absolute, change.file.contents);
    // A file the user edited is Yeoman's to ask about (overwrite, skip, diff, ...), except in a dry
    // run, which asks nothing and reports it like the fast path does.
    if (change.status !== "conflict" || mode.dryRun) {
      // @yeoman/conflicter skips its own check when this field is set (checkForCollision).
      (generator.fs.store.get(change.absolute) as { conflicter?: string }).conflicter = DECIDED;
    }
  }
}

/** After Yeoman's commit: writes .yo-rc.json, then the same status lines and summary as the bin. */
export function finishKitRun(generator: KitGenerator, run: KitRun, mode: YeomanRunMode): void {
  const changes = run.changes.map((change) => (mode.dryRun ? change : settled(change)));
  if (!mode.dryRun) writeChanges(changes.filter((c) => c.file.path === YO_RC));
  printRun({ ...run, changes }, generator.destinationRoot(), mode.dryRun, (line) => generator.log(line));
}

/** A conflict after Yeoman asked: "force" when the user chose to overwrite it, else "skip". */
function settled(change: FileChange): FileChange {
  if (change.status !== "conflict") return change;
  let onDisk: string | undefined;
  try {
    onDisk = readFileSync(change.absolute, "utf8");
  } catch {
    onDisk = undefined;
  }
  return { ...change, status: onDisk === change.file.contents ? "force" : "skip" };
}

/**
 * Frees the kit locks this run took (lib/kit/lock.ts) when Yeoman's run ends, done or failed: a
 * process that outlives the run (an IDE, a test runner) must not keep a kit locked.
 */
export function releaseKitsAtRunEnd(generator: Pick<Generator, "env">): void {
  const env = generator.env as unknown as NodeJS.EventEmitter;
  env.once("end", releaseAllKits);
  env.once("error", releaseAllKits);
}

/**
 * Runs one task so that a user's mistake prints one line, as from the bin, instead of Yeoman's
 * "An error occured while running mxsecure:app#prompting" and a stack: the error is not rethrown,
 * the exit code is 1, and `stopped` tells the later tasks to do nothing.
 *
 * Ctrl-C at a prompt is the exception: Yeoman's adapter has already aborted the whole run with that
 * error (@yeoman/adapter adapter.js prompt(): abortController.abort(error)), and yo or the bin
 * prints it. So it is not printed here; its message becomes ours, whoever prints it.
 */
export async function guarded(generator: { stopped?: boolean }, task: () => unknown): Promise<void> {
  if (generator.stopped) return;
  try {
    await task();
  } catch (error) {
    generator.stopped = true;
    process.exitCode = 1;
    if (isCancel(error)) {
      (error as Error).message = CANCELLED;
      return;
    }
    console.error(`mxsecure: ${explain(error)}`);
    if (process.env.MXSECURE_DEBUG) console.error(error);
  }
}

/** Asks one interview question through Yeoman's adapter. */
export async function askQuestion(generator: KitGenerator, question: Question): Promise<string | boolean> {
  // Our Question is a subset of inquirer's; its union of types is wider than one overload accepts.
  // The question keeps its own name: yeoman-test's answers and askedQuestions are keyed by it.
  const answer = (await generator.prompt([question as never])) as Record<string, unknown>;
  return answer[question.name] as string | boolean;
}
