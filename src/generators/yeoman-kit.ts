// Hands a prepared kit to Yeoman's conflicter for the files the user edited, writes it, and reports
// the run in the same words as the bin's fast path. Yeoman asks its own question per edited file
// (@yeoman/conflicter: overwrite, skip, all, diff, edit...), but the kit never goes through mem-fs:
// mem-fs-editor commits with fs.writeFile on the path (commit-file-async.js write()), which follows
// a folder swapped for a link during the question and writes in place through a hard link. The
// kit's own writer (lib/kit/disk.ts) writes every file by rename, through folders held open.
import type Generator from "yeoman-generator";
import { CANCELLED, EXIT_CANCELLED, explain, isCancel } from "../lib/cli/main.js";
import { printRun } from "../lib/cli/generate.js";
import { writeChanges, type FileChange } from "../lib/kit/disk.js";
import { releaseAllKits } from "../lib/kit/lock.js";
import { assertNoKitLinks, type KitRun } from "../lib/kit/prepare.js";
import type { Question } from "../lib/prompts/interview.js";

/** The part of a generator these helpers use. */
type KitGenerator = Pick<Generator, "log" | "destinationRoot" | "prompt"> & { env: unknown };

/** What the run does, as the conflicter will see it: --dry-run writes nothing. */
export interface YeomanRunMode {
  dryRun: boolean;
  bail: boolean;
}

/** The conflicter options the environment runs with (yeoman-environment environment-base.js start()). */
export function yeomanRunMode(generator: { env: unknown; options: Record<string, unknown> }): YeomanRunMode {
  const env = generator.env as { conflicterOptions?: { dryRun?: boolean; bail?: boolean } } | undefined;
  return {
    dryRun: Boolean(env?.conflicterOptions?.dryRun ?? generator.options.dryRun ?? generator.options["dry-run"]),
    bail: Boolean(env?.conflicterOptions?.bail ?? generator.options.bail),
  };
}

/** Asks about each edited file (not in a dry run), then writes the kit (lib/kit/disk.ts). */
export async function writeKitRun(generator: KitGenerator, run: KitRun, mode: YeomanRunMode): Promise<void> {
  assertNoKitLinks(run);
  if (!mode.dryRun) run.changes = await decideConflicts(generator, run.changes, mode);
  // Checked again after the questions; the writer itself never follows a link (folder.ts).
  assertNoKitLinks(run);
  if (!mode.dryRun) writeChanges(run.changes);
}

/** Each conflict settled by Yeoman's own question: "force" (with the text the user chose) or "skip". */
async function decideConflicts(generator: KitGenerator, changes: FileChange[], mode: YeomanRunMode): Promise<FileChange[]> {
  if (!changes.some((c) => c.status === "conflict")) return changes;
  const { Conflicter } = await import("@yeoman/conflicter");
  const adapter = (generator.env as { adapter: ConstructorParameters<typeof Conflicter>[0] }).adapter;
  const conflicter = new Conflicter(adapter, { bail: mode.bail, cwd: generator.destinationRoot() });
  const settled: FileChange[] = [];
  for (const change of changes) {
    if (change.status !== "conflict") {
      settled.push(change);
      continue;
    }
    // Marked as a conflict already: the conflicter asks without reading the file again.
    const file = { path: change.absolute, contents: Buffer.from(change.file.contents), conflicter: "conflict", changesDetected: true };
    const decided = (await conflicter.checkForCollision(file as never)) as unknown as { conflicter?: string; contents?: Buffer | null };
    if (decided.conflicter === "force") {
      const contents = decided.contents?.toString("utf8") ?? change.file.contents;
      settled.push({ ...change, file: { ...change.file, contents }, status: "force" });
    } else settled.push({ ...change, status: "skip" });
  }
  return settled;
}

/** At the end of the run: the same status lines and summary as the bin. */
export function finishKitRun(generator: KitGenerator, run: KitRun, mode: YeomanRunMode): void {
  printRun(run, generator.destinationRoot(), mode.dryRun, (line) => generator.log(line));
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
    process.exitCode = isCancel(error) ? EXIT_CANCELLED : 1;
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
