// Hands a prepared kit to a Yeoman generator's mem-fs. Files the user never edited are marked
// "force" so Yeoman's conflicter only asks about real edits; the spec file a run read is left alone.
import type Generator from "yeoman-generator";
import { releaseAllKits } from "../lib/kit/lock.js";
import { assertNoKitLinks, type KitRun } from "../lib/kit/prepare.js";
import { kitReport } from "../lib/kit/report.js";
import type { Question } from "../lib/prompts/interview.js";

/** The part of a generator these helpers use. */
type KitGenerator = Pick<Generator, "fs" | "log" | "destinationRoot" | "prompt">;

export function writeKitRun(generator: KitGenerator, run: KitRun): void {
  // Checked again after the prompts, right before mem-fs commits (it writes through links).
  assertNoKitLinks(run);
  for (const change of run.changes) {
    if (change.status === "keep" || change.status === "skip") continue;
    generator.fs.write(change.absolute, change.file.contents);
    if (change.status === "update") {
      // @yeoman/conflicter reads this field (its forceYoFiles transform sets it the same way).
      (generator.fs.store.get(change.absolute) as { conflicter?: string }).conflicter = "force";
    }
  }
}

export function logKitRun(generator: KitGenerator, run: KitRun): void {
  const { warnings, next, outOfStep } = kitReport(run, generator.destinationRoot());
  for (const line of [...warnings, `${run.kit.spec.module}: kit in ${next.folder}. ${next.text}`, ...outOfStep]) generator.log(line);
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

/** Asks one interview question through Yeoman's adapter. */
export async function askQuestion(generator: KitGenerator, question: Question): Promise<string | boolean> {
  // Our Question is a subset of inquirer's; its union of types is wider than one overload accepts.
  // The question keeps its own name: yeoman-test's answers and askedQuestions are keyed by it.
  const answer = (await generator.prompt([question as never])) as Record<string, unknown>;
  return answer[question.name] as string | boolean;
}
