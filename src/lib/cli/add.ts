// `mxsecure entity [Name]` and `mxsecure role [Name]`: add one item to the kit in this folder and
// regenerate every output. With --answers it needs no prompt and loads no Yeoman; otherwise, in a
// terminal, the Yeoman generator asks the questions.
import { writeChanges } from "../kit/disk.js";
import { conflicts, prepareKitRun, stopOnConflicts } from "../kit/prepare.js";
import { addToSpec, requireKit, type AddKind } from "../kit/spec-edit.js";
import { refuseForeignFile } from "../spec/foreign.js";
import { readAnswersFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { parseCommandLine } from "./args.js";
import { optionsHelp, parseOptions } from "./options.js";
import { printRun } from "./generate.js";
import { isInteractive } from "./main.js";

const OPTIONS = parseOptions(false);

const HELP: Record<AddKind, string> = {
  entity: `Usage: mxsecure entity [Name] [options]      (yo mxsecure:entity [Name] [options])
Adds an entity to the kit in this folder and regenerates it. With --answers, FILE holds one entity
in the answers-file format (name, documentation, ownership, persistable, editable, attributes,
associations, access).

Options:
${optionsHelp(false)}`,
  role: `Usage: mxsecure role [Name] [options]        (yo mxsecure:role [Name] [options])
Adds a module role to the kit in this folder and regenerates it. With --answers, FILE holds one role
in the answers-file format (name, kind, readOnly, reach, documentation).

Options:
${optionsHelp(false)}`,
};

export async function runAddCommand(kind: AddKind, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, `mxsecure ${kind}`);
  if (values.help) {
    console.log(HELP[kind]);
    return 0;
  }
  if (positionals.length > 1) throw new UserError(`mxsecure ${kind} takes one name; got ${positionals.join(" ")}.`);
  const cwd = process.cwd();
  const kit = requireKit(cwd, kind);
  const interactive = isInteractive(values["no-interactive"] === true);
  const answers = typeof values.answers === "string" ? values.answers : undefined;
  if (!answers && interactive) return handOver(kind, argv);
  const item = itemFrom(kind, answers, positionals[0]);
  const edit = addToSpec(kit, kind, item);
  const run = explainNewItem(edit.path, kind, answers, () =>
    prepareKitRun(edit.data, { cwd, answersFile: kit.specFile, specText: edit.text, force: values.force === true }),
  );
  if (!values["dry-run"]) {
    if (conflicts(run).length && interactive) return handOver(kind, argv);
    stopOnConflicts(run, cwd);
    writeChanges(run.changes);
  }
  printRun(run, cwd, values["dry-run"] === true, (line) => console.log(line));
  return 0;
}

/** The new item: from the answers file, the name from the command line, or both (they must agree). */
function itemFrom(kind: AddKind, answersFile: string | undefined, name: string | undefined): Record<string, unknown> {
  const item = answersFile ? readAnswersFile(answersFile).data : {};
  if (answersFile) refuseForeignFile(item, answersFile, kind);
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new UserError(`${answersFile} must hold one ${kind} as a mapping (name: ..., documentation: ...).`);
  }
  const record = item as Record<string, unknown>;
  if (name !== undefined && record.name !== undefined && record.name !== name) {
    throw new UserError(`The command line names the ${kind} ${name}, but ${answersFile} names it ${String(record.name)}; give one name.`);
  }
  return name === undefined ? record : { name, ...record };
}

/**
 * Problems name paths in the whole spec; say which path is the item being added, and the file it
 * came from (the one to fix: the problems are reported against the kit's mxsecure.yaml).
 */
export function explainNewItem<T>(path: string, kind: AddKind, answersFile: string | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof UserError && error.message.includes(path)) {
      const from = answersFile ? `, read from ${answersFile}` : "";
      throw new UserError(`${error.message}\n(${path} is the ${kind} being added${from}; nothing was written.)`, error.problems);
    }
    throw error;
  }
}

async function handOver(kind: AddKind, argv: string[]): Promise<number> {
  const { runGenerator } = await import("./yeoman.js");
  await runGenerator(kind, argv);
  // The generator reports its own failures (one line) and sets the exit code.
  return Number(process.exitCode ?? 0);
}
