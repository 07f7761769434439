// The report as JSON for scripts: stable field names, one object.
import { fingerprint } from "../checks/fingerprint.js";
import type { AuditReport } from "./audit.js";

export const JSON_REPORT_VERSION = 1;

export function formatJson(report: AuditReport): string {
  const body = {
    version: JSON_REPORT_VERSION,
    file: report.file,
    summary: { errors: report.errors, warnings: report.warnings, suppressed: report.suppressed.length },
    findings: report.findings.map(({ rule, severity, path, line, column, message, fix }) => ({
      rule, severity, path, line, column, message, fix, fingerprint: fingerprint({ rule, path, message }),
    })),
    suppressed: report.suppressed.map(({ rule, severity, path, line, column, message, fix, reason }) => ({
      rule, severity, path, line, column, message, fix, fingerprint: fingerprint({ rule, path, message }), reason,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
