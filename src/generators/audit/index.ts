// `yo mxsecure:audit [FILE] [--format text|json|sarif]`: the same audit as `mxsecure audit`, for
// people who run everything through yo. Thin: the work is lib/cli/audit.ts. A non-zero result sets
// the process exit code (1 errors found, 2 unreadable file), so CI fails the same way.
import Generator, { type BaseOptions } from "yeoman-generator";
import { DEFAULT_AUDIT_FILE, runAudit } from "../../lib/cli/audit.js";

type AuditOptions = BaseOptions & { file?: string; format?: string };

export default class AuditGenerator extends Generator<Record<string, unknown>, AuditOptions> {
  /** The audit's exit code once it has run: 0 clean, 1 errors, 2 unreadable (also set on process.exitCode when not 0). */
  exitCode: number | undefined;

  constructor(args: string[], options: AuditOptions) {
    // customInstallTask: an audit installs nothing, so Yeoman says nothing about package.json.
    super(args, options, { customInstallTask: true });
    this.argument("file", { type: String, required: false, default: DEFAULT_AUDIT_FILE, description: "The spec to audit" });
    this.option("format", { type: String, default: "text", description: "Output format: text | json | sarif" });
  }

  async audit(): Promise<void> {
    const file = this.options.file ?? DEFAULT_AUDIT_FILE;
    this.exitCode = await runAudit([file, "--format", this.options.format ?? "text"]);
    if (this.exitCode !== 0) process.exitCode = this.exitCode;
  }
}
