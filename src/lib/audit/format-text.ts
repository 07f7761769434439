// One line a finding (severity, rule, path, file:line:column, message, fix) and a summary line that
// also lists the accepted (suppressed) findings with their reasons.
import type { AuditReport, LocatedFinding } from "./audit.js";
import { fingerprint } from "../checks/fingerprint.js";
import { inert } from "./inert.js";

function where(file: string, finding: LocatedFinding): string {
  if (finding.file !== undefined) return finding.file;
  return finding.line === undefined ? file : `${file}:${finding.line}:${finding.column ?? 1}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** A sentence from a message that may or may not end with its own full stop. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function findingLine(file: string, finding: LocatedFinding): string {
  const path = finding.path || "(whole file)";
  return inert(`${finding.severity} ${finding.rule} ${path} (${where(file, finding)}): ${sentence(finding.message)} Fix: ${sentence(finding.fix)} [fingerprint ${fingerprint(finding)}]`);
}

export function formatText(report: AuditReport): string {
  const lines = report.findings.map((f) => findingLine(report.file, f));
  lines.push(inert(
    `${report.file}: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}, ${report.suppressed.length} suppressed` +
      `${report.findings.some((f) => f.severity === "note") ? `, ${plural(report.findings.filter((f) => f.severity === "note").length, "note")}` : ""}.`,
  ));
  for (const s of report.suppressed) {
    lines.push(inert(`  suppressed ${s.severity} ${s.rule} ${s.path} (${where(report.file, s)}): ${sentence(s.message)} Reason: ${s.reason}`));
  }
  return `${lines.join("\n")}\n`;
}
