// The options of `mxsecure` and `mxsecure entity|role`, in one table: the bin parses them, its help
// lists them, and the Yeoman generators declare them, so `yo mxsecure --help` shows the same set.
// Loads nothing: the bin reads it before deciding whether to load Yeoman.

export interface OptionSpec {
  name: string;
  type: "string" | "boolean";
  short?: string;
  /** As shown in help, e.g. "--answers FILE". */
  usage: string;
  description: string;
}

/** The options every generating command has (mxsecure, entity, role), as `yo` passes them on. */
export const KIT_OPTIONS: readonly OptionSpec[] = [
  { name: "answers", type: "string", usage: "--answers FILE", description: "answers file (YAML or JSON); questions it answers are not asked" },
  {
    name: "no-interactive",
    type: "boolean",
    usage: "--no-interactive",
    description: "never prompt: report every missing answer at once (also when stdin is not a terminal or CI is set)",
  },
  { name: "force", type: "boolean", usage: "--force", description: "overwrite files you changed since the kit was generated" },
  { name: "dry-run", type: "boolean", usage: "--dry-run", description: "show what would be written; write nothing" },
  { name: "bail", type: "boolean", usage: "--bail", description: "stop at the first file conflict (terminal runs)" },
];

/** The options of `mxsecure` itself (the app generator), not of entity or role: a kit from an OpenAPI document. */
export const OPENAPI_OPTIONS: readonly OptionSpec[] = [
  { name: "openapi", type: "string", usage: "--openapi FILE", description: "draft the answers from the service's OpenAPI 3.x or Swagger 2.0 document (a local file)" },
  { name: "entities", type: "string", usage: "--entities A,B", description: "with --openapi: the component schemas that become entities (else picked in the interview)" },
  { name: "draft", type: "boolean", usage: "--draft", description: "with --openapi: write only the drafted mxsecure.yaml, for review; no kit" },
];

/**
 * Yeoman's own generator options (yeoman-generator's constructor declares them; yo passes them on).
 * Accepted so a command line written for `yo` works with the bin too; a kit installs nothing and
 * remembers no prompt answers, so they change nothing.
 */
export const YEOMAN_NO_EFFECT = ["skip-install", "force-install", "skip-cache", "ask-answered"] as const;

type ParseOption = { type: "string" | "boolean"; short?: string };

/** The options for node:util parseArgs: ours, Yeoman's no-effect ones, --interactive, help (and version). */
export function parseOptions(withVersion: boolean, openapi = withVersion): Record<string, ParseOption> {
  const options: Record<string, ParseOption> = {};
  for (const o of [...KIT_OPTIONS, ...(openapi ? OPENAPI_OPTIONS : [])]) options[o.name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  for (const name of YEOMAN_NO_EFFECT) options[name] = { type: "boolean" };
  // `--interactive` forces prompts where the default would not ask (the generators' option).
  options.interactive = { type: "boolean" };
  options.help = { type: "boolean", short: "h" };
  if (withVersion) options.version = { type: "boolean", short: "v" };
  return options;
}

/** The "Options:" block of a command's help. */
export function optionsHelp(withVersion: boolean, openapi = withVersion): string {
  const rows: [string, string][] = [
    ...[...KIT_OPTIONS, ...(openapi ? OPENAPI_OPTIONS : [])].map((o): [string, string] => [o.usage, o.description]),
    [YEOMAN_NO_EFFECT.map((n) => `--${n}`).join(", "), "Yeoman's usual options: accepted, no effect (a kit installs nothing and caches no answers)"],
    ["-h, --help", "show this help"],
    ...(withVersion ? [["-v, --version", "show the version"] as [string, string]] : []),
  ];
  const width = Math.max(...rows.filter(([u]) => u.length < 24).map(([u]) => u.length));
  return rows
    .map(([usage, text]) => (usage.length > width ? `  ${usage}\n  ${" ".repeat(width)}  ${text}` : `  ${usage.padEnd(width)}  ${text}`))
    .join("\n");
}

/** Declares the bin's options on a Yeoman generator, so `yo mxsecure --help` lists them too. */
export function declareKitOptions(generator: { option(name: string, config: { type: BooleanConstructor | StringConstructor; description: string }): unknown }, openapi = false): void {
  for (const o of [...KIT_OPTIONS, ...(openapi ? OPENAPI_OPTIONS : [])]) {
    // Yeoman's parser gives `--no-interactive` as interactive: false, so the option is "interactive".
    const name = o.name === "no-interactive" ? "interactive" : o.name;
    const description = o.name === "no-interactive" ? `--no-interactive: ${o.description}` : o.description;
    generator.option(name, { type: o.type === "string" ? String : Boolean, description });
  }
}
