// Command-line parsing shared by the bin's commands: a mistake becomes one UserError that points
// at the command's --help, not Node's own wording about positional arguments.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../spec/names.js";
import { UserError } from "../spec/problems.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandLine<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify.*$/s, "");
    // "Unknown option '--answer'": name the option meant, as git and npm do.
    const unknown = /^Unknown option '(-{1,2}[^']+)'$/.exec(message)?.[1];
    if (unknown) {
      const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
      const guess = unknown.startsWith("--") ? closest(unknown, names.filter((n) => n.startsWith("--"))) : undefined;
      throw new UserError(`Unknown option ${unknown}${guess ? `; did you mean ${guess}?` : "."} See ${command} --help.`);
    }
    // "Option '--openapi <value>' argument missing": say what the option needs.
    const bare = /^Option '(-{1,2}[^ ']+)(?:, (-{1,2}[^ ']+))? <value>' argument missing$/.exec(message);
    if (bare) throw new UserError(`${bare[2] ?? bare[1]} needs a value after it; see ${command} --help.`);
    throw new UserError(`${message}; see ${command} --help.`);
  }
}
