// A terminal run that needs answers: the interview runs here, before Yeoman is loaded, and the
// kit is written by the fast path's pipeline. Yeoman is loaded only when a file the person edited
// would be overwritten (its conflict question per file), and then gets the answers already given.
//
// Pre-filled answers: `given` holds every answer known before the first question (an incomplete
// answers file today; issue 23's OpenAPI import can merge its answers into it the same way), and
// `before` runs questions of its own first (a schema picker) whose answers join `given`.
import { writeChanges } from "../kit/disk.js";
import { conflicts, openKit, prepareKitRun } from "../kit/prepare.js";
import { interview, type Ask } from "../prompts/interview.js";
import { readAnswersFile } from "../spec/load.js";
import { validateSpec } from "../spec/validate.js";
import { printRun, type GenerateOptions, type Print } from "./generate.js";

type Answers = Record<string, unknown>;

export interface InteractiveOptions extends GenerateOptions {
  /** Answers known before the first question, merged over the answers file's. */
  given?: Answers;
  /** Questions asked before the interview; their answers join `given`. */
  before?: (ask: Ask, given: Answers) => Promise<Answers>;
}

/** "done", "yeoman" (a conflict to decide per file, or nothing to ask), or the answers Yeoman must write. */
export async function interviewThenWrite(options: InteractiveOptions, ask: Ask, print: Print): Promise<"done" | "yeoman" | { answers: Answers }> {
  const kit = openKit(options.cwd);
  const answersFile = options.answers ?? kit?.specFile;
  let given: Answers = { ...((answersFile ? readAnswersFile(answersFile).data : {}) as Answers), ...options.given };
  // A complete spec came back "prompt" only for a file conflict: that is Yeoman's question.
  if (!options.before && validateSpec(given).ok) return "yeoman";
  if (options.before) given = { ...given, ...(await options.before(ask, given)) };
  const answers = await interview(ask, given);
  // After an interview the spec file is rewritten with the answers (as the Yeoman generator does).
  const run = prepareKitRun(answers, { cwd: options.cwd, force: options.force });
  if (!options.dryRun && conflicts(run).length) return { answers };
  if (!options.dryRun) writeChanges(run.changes);
  printRun(run, options.cwd, options.dryRun, print);
  return "done";
}

/** Answers handed to the Yeoman generator in this process, so it writes them without asking again. */
const PREFILLED = Symbol.for("generator-mxsecure.interviewed-answers");

export function handOver(answers: Answers): void {
  (globalThis as Record<symbol, unknown>)[PREFILLED] = answers;
}

/** The answers an interview before Yeoman gathered, once; undefined when there was none. */
export function takeHandedOver(): Answers | undefined {
  const store = globalThis as Record<symbol, unknown>;
  const answers = store[PREFILLED] as Answers | undefined;
  delete store[PREFILLED];
  return answers;
}
