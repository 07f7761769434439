// Builds this kit's module in a Mendix app on Team Server and exports it as a module package.
//
//   MENDIX_TOKEN=... npm run apply -- --app <appId> [--branch main] [--mpk <Module>.mpk | --commit "message"] [--dry-run]
//
// What it builds is in module.ts (plain data); how, in lib/build.ts and lib/microflows.ts.
// It works in a temporary working copy: your app changes only when you import the package in
// Studio Pro, or when you pass --commit.
import { EXIT_PRECONDITION, USAGE, UsageError, explain, parseOptions } from "./lib/cli.js";
import { describeModule, reminders } from "./lib/describe.js";
import { definition } from "./module.js";

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, definition.name);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    console.error(USAGE);
    return EXIT_PRECONDITION;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  if (options.dryRun) {
    console.log("Dry run: nothing is changed. A real run creates, in this order:");
    describeModule(definition).forEach((line) => console.log(line));
    reminders(definition).forEach((line) => console.log(line));
    return 0;
  }
  const token = process.env.MENDIX_TOKEN?.trim();
  if (!token) {
    console.error(
      "MENDIX_TOKEN is not set. Create a personal access token with the mx:modelrepository:repo:write scope " +
        "(Mendix Portal > your profile > Personal Access Tokens) and run: MENDIX_TOKEN=<token> npm run apply -- --app <appId>",
    );
    return EXIT_PRECONDITION;
  }
  // Loaded only now, so --dry-run needs neither the SDKs nor a network.
  const { applyToApp, mendixPlatform } = await import("./lib/run.js");
  return applyToApp(definition, options, await mendixPlatform(token), { log: console.log, error: console.error });
}

/**
 * Exits explicitly (the Model SDK keeps event streams open after the work is done), but only once
 * stdout and stderr are flushed: on Node 22 a pipe from a parent process lost the tail of a long
 * --dry-run when process.exit ran first.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterFlush, (error: unknown) => {
  console.error(explain(error));
  exitAfterFlush(1);
});
