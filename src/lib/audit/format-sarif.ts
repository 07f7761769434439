// SARIF 2.1.0 for GitHub code scanning and other CI tools: tool.driver.rules describe every rule,
// results point into the spec file by line. Suppressed findings stay in the log with their reason
// (kind inSource: the suppression is written in the spec), so dashboards show them as accepted.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { fingerprint } from "../checks/fingerprint.js";
import { ALL_RULES } from "../checks/registry.js";
import type { AuditReport, LocatedFinding, LocatedSuppressed } from "./audit.js";
import { sentence } from "./format-text.js";
import { inert } from "./inert.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** The file as a URI reference: relative to the working directory (the repository root in CI) when inside it. */
export function artifactUri(file: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, file);
  const fromCwd = relative(cwd, absolute);
  if (fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd)) return pathToFileURL(absolute).href;
  return fromCwd.split(sep).map(encodeURIComponent).join("/");
}

export function buildSarif(report: AuditReport, cwd: string = process.cwd()): object {
  const uri = artifactUri(report.file, cwd);
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.name, i]));
  // Paths, messages and reasons quote user text: acting characters (bidi, C1) become visible text.
  const result = (finding: LocatedFinding | LocatedSuppressed) => ({
    ruleId: finding.rule,
    ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
    level: finding.severity,
    message: { text: inert(`${sentence(finding.message)} Fix: ${sentence(finding.fix)}`) },
    locations: [
      {
        physicalLocation: {
          // A KitInStep finding points at the kit file it is about; every other one into the spec.
          artifactLocation: { uri: finding.file !== undefined ? artifactUri(finding.file, cwd) : uri },
          region: { startLine: finding.line ?? 1, ...(finding.column !== undefined ? { startColumn: finding.column } : {}) },
        },
        ...(finding.path ? { logicalLocations: [{ fullyQualifiedName: inert(finding.path) }] } : {}),
      },
    ],
    // The same fingerprint a suppression in the spec binds to.
    partialFingerprints: { "mxsecureFinding/v1": fingerprint(finding) },
    ...("reason" in finding ? { suppressions: [{ kind: "inSource", status: "accepted", justification: inert(finding.reason) }] } : {}),
    properties: { path: inert(finding.path), fix: inert(finding.fix) },
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mxsecure",
            rules: ALL_RULES.map((rule) => ({
              id: rule.name,
              name: rule.name,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: rule.help },
              defaultConfiguration: { level: rule.severity },
              properties: { tags: ["security", "mendix"], ...(rule.unsuppressible ? { unsuppressible: true } : {}) },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        artifacts: [{ location: { uri } }],
        results: [...report.findings.map(result), ...report.suppressed.map(result)],
      },
    ],
  };
}

export function formatSarif(report: AuditReport, cwd?: string): string {
  return `${JSON.stringify(buildSarif(report, cwd), null, 2)}\n`;
}
