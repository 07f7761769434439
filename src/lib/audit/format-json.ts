// The report as JSON for scripts: stable field names, one object.
import { fingerprint } from "../checks/fingerprint.js";
import type { AuditReport } from "./audit.js";
import { inert } from "./inert.js";

export const JSON_REPORT_VERSION = 1;

export function formatJson(report: AuditReport): string {
  const body = {
    version: JSON_REPORT_VERSION,
    file: report.file,
    summary: { errors: report.errors, warnings: report.warnings, suppressed: report.suppressed.length },
    // User text (paths hold user keys, messages quote names) with bidi, C1 and other acting
    // characters as visible \u{...} text: JSON.stringify would leave them raw. The fingerprint is of the original.
    findings: report.findings.map(({ rule, severity, path, file, line, column, message, fix }) => ({
      rule, severity, path: inert(path), ...(file !== undefined ? { file: inert(file) } : {}), line, column,
      message: inert(message), fix: inert(fix), fingerprint: fingerprint({ rule, path, message }),
    })),
    suppressed: report.suppressed.map(({ rule, severity, path, line, column, message, fix, reason }) => ({
      rule, severity, path: inert(path), line, column, message: inert(message), fix: inert(fix),
      fingerprint: fingerprint({ rule, path, message }), reason: inert(reason),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
