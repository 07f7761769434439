// Command-line parsing shared by the bin's commands: a mistake becomes one UserError that points
// at the command's --help, not Node's own wording about positional arguments.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../spec/problems.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandLine<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\. To specify.*$/s, "")}; see ${command} --help.`);
  }
}
