// `mxsecure audit [FILE] [--format text|json|sarif] [--kit DIR] [--baseline FILE|GIT_REF]`: the
// security rules as a CI check, the kit's files verified against its spec, and the security changes
// against a baseline.
// Exit 0: no errors (warnings allowed); 1: errors; 2: the file cannot be read or parsed, or bad usage.
// Loaded by the bin through a dynamic import: nothing here may import Yeoman, inquirer or ejs.
import { auditFile, locateIn, withFindings, type AuditReport } from "../audit/audit.js";
import { baselineChanges } from "../audit/baseline.js";
import { formatJson } from "../audit/format-json.js";
import { formatSarif } from "../audit/format-sarif.js";
import { formatText } from "../audit/format-text.js";
import { inert } from "../audit/inert.js";
import { ALL_RULES } from "../checks/registry.js";
import { closest } from "../spec/names.js";
import { UserError } from "../spec/problems.js";

export const DEFAULT_AUDIT_FILE = "mxsecure.yaml";
const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

export interface AuditIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: AuditIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const FORMATTERS: Record<Format, (report: AuditReport) => string> = { text: formatText, json: formatJson, sarif: (r) => formatSarif(r) };

export function auditUsage(): string {
  const width = Math.max(...ALL_RULES.map((r) => r.name.length));
  const rules = ALL_RULES.map((r) =>
    `  ${r.name.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}${r.unsuppressible ? " Cannot be suppressed." : ""}`);
  return [
    "Usage: mxsecure audit [FILE] [--format text|json|sarif] [--kit DIR] [--baseline FILE|GIT_REF]",
    "",
    `Checks a spec (answers file) against mxsecure's security rules. FILE defaults to ./${DEFAULT_AUDIT_FILE}.`,
    "In a kit folder (a .yo-rc.json or model/ next to FILE) it also renders every kit file from the spec and",
    "compares the bytes with the files on disk (KitInStep); .yo-rc.json's hashes are never trusted.",
    "",
    "Options:",
    "  -f, --format <format>      text (default): one line a finding and a summary;",
    "                             json: one object for scripts; sarif: SARIF 2.1.0 for code scanning",
    "  --kit <dir>                verify this folder as the spec's kit (default: FILE's folder, when it is a kit)",
    "  --baseline <file|git-ref>  list every security change against a baseline spec (a file, or FILE at a Git",
    "                             revision via git show, e.g. origin/main); a widening is an error unless the spec",
    "                             accepts it: accepted: [{ change: <fingerprint>, reason: \"why\" }]",
    "  -h, --help                 show this help",
    "",
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 file unreadable or unparseable, or bad usage.",
    "",
    "Suppress an accepted finding in the spec itself:",
    "  suppressions: [{ rule: ModuleRolesAmount, path: roles, fingerprint: <from the audit output>, reason: \"why this is accepted\" }]",
    "",
    "Rules:",
    ...rules,
    "",
  ].join("\n");
}

type Parsed = { help: true } | { help: false; file: string; format: Format; kit?: string; baseline?: string };

function parseArgs(argv: readonly string[]): Parsed {
  let format: string | undefined;
  let kit: string | undefined;
  let baseline: string | undefined;
  const value = (arg: string, next: string | undefined, what: string): string => {
    if (next === undefined || next === "") throw new UserError(`${arg} needs a value: ${what}.`);
    return next;
  };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "-f" || arg === "--format") {
      format = argv[++i];
      if (format === undefined) throw new UserError(`${arg} needs a value: ${FORMATS.join(" | ")}.`);
    } else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
    else if (arg === "--kit") kit = value(arg, argv[++i], "the kit folder");
    else if (arg.startsWith("--kit=")) kit = value("--kit", arg.slice("--kit=".length), "the kit folder");
    else if (arg === "--baseline") baseline = value(arg, argv[++i], "a spec file or a Git revision such as origin/main");
    else if (arg.startsWith("--baseline=")) baseline = value("--baseline", arg.slice("--baseline=".length), "a spec file or a Git revision such as origin/main");
    else if (arg.startsWith("-") && arg !== "-") {
      const guess = arg.startsWith("--") ? closest(arg.replace(/=.*$/, ""), ["--format", "--kit", "--baseline", "--help"]) : undefined;
      throw new UserError(`unknown option ${arg}${guess ? `; did you mean ${guess}? See` : "; see"} mxsecure audit --help.`);
    }
    else files.push(arg);
  }
  if (files.length > 1) throw new UserError(`audit takes one file, got ${files.length}: ${files.join(", ")}.`);
  const chosen = format ?? "text";
  if (!(FORMATS as readonly string[]).includes(chosen)) {
    const guess = closest(chosen, FORMATS);
    throw new UserError(`unknown format ${JSON.stringify(chosen)}; ${guess ? `did you mean ${guess}? Formats: ` : "use one of "}${FORMATS.join(" | ")}.`);
  }
  const file = files[0] ?? (kit !== undefined ? `${kit.replace(/[\\/]+$/, "")}/${DEFAULT_AUDIT_FILE}` : DEFAULT_AUDIT_FILE);
  return { help: false, file, format: chosen as Format, ...(kit !== undefined ? { kit } : {}), ...(baseline !== undefined ? { baseline } : {}) };
}

export async function runAudit(argv: string[], io: AuditIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(auditUsage());
      return EXIT_CLEAN;
    }
    let report = await auditFile(args.file, args.kit !== undefined ? { kitDir: args.kit } : {});
    if (args.baseline !== undefined) {
      const changes = baselineChanges(args.file, args.baseline, report.spec);
      report = withFindings(report, changes.findings.map((f) => locateIn(report, f)));
      report = { ...report, suppressed: [...report.suppressed, ...changes.accepted.map((f) => locateIn(report, f))] };
    }
    io.stdout(FORMATTERS[args.format](report));
    return report.errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    // A user's mistake (or an unexpected failure) is one message, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`mxsecure audit: ${error instanceof UserError ? "" : "internal error: "}${inert(message)}\n`);
    return EXIT_UNREADABLE;
  }
}
