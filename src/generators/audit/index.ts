// `yo mxsecure:audit [FILE] [--format text|json|sarif]`: the same audit as `mxsecure audit`, for
// people who run everything through yo. Thin: the work is lib/cli/audit.ts. A non-zero result sets
// the process exit code (1 errors found, 2 unreadable file), so CI fails the same way.
import Generator, { type BaseOptions } from "yeoman-generator";
import { DEFAULT_AUDIT_FILE, runAudit } from "../../lib/cli/audit.js";

type AuditOptions = BaseOptions & { file?: string; format?: string; baseline?: string; kit?: string };

export default class AuditGenerator extends Generator<Record<string, unknown>, AuditOptions> {
  /** The audit's exit code once it has run: 0 clean, 1 errors, 2 unreadable (also set on process.exitCode when not 0). */
  exitCode: number | undefined;

  constructor(args: string[], options: AuditOptions) {
    // customInstallTask: an audit installs nothing, so Yeoman says nothing about package.json.
    super(args, options, { customInstallTask: true });
    this.argument("file", { type: String, required: false, default: DEFAULT_AUDIT_FILE, description: "The spec to audit" });
    this.option("format", { type: String, default: "text", description: "Output format: text | json | sarif" });
    this.option("baseline", { type: String, description: "List every security change against a baseline spec: a file, or a Git revision" });
    this.option("kit", { type: String, description: "Verify this folder as the spec's kit (default: the spec's folder when it is a kit)" });
  }

  async audit(): Promise<void> {
    const file = this.options.file ?? DEFAULT_AUDIT_FILE;
    const extra = [
      ...(this.options.baseline ? ["--baseline", this.options.baseline] : []),
      ...(this.options.kit ? ["--kit", this.options.kit] : []),
    ];
    this.exitCode = await runAudit([file, "--format", this.options.format ?? "text", ...extra]);
    if (this.exitCode !== 0) process.exitCode = this.exitCode;
  }
}
