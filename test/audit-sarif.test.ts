// The SARIF output validates against the SARIF 2.1.0 JSON Schema and carries what code scanning
// needs: tool.driver.rules (name, short description, help) and results with ruleId and a location.
//
// The schema is test/fixtures/sarif-2.1.0-rtm.5.json, copied byte for byte from the npm package
// @microsoft/jest-sarif@1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json; Microsoft's SARIF SDK
// team). It is the SARIF 2.1.0 schema as published on schemastore ("2.1.0-rtm.5"), a JSON Schema
// draft-04 document, so it is compiled with ajv-draft-04 and ajv-formats. The hash below pins it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { auditFile } from "../src/lib/audit/audit.ts";
import { artifactUri, buildSarif } from "../src/lib/audit/format-sarif.ts";
import { ALL_RULES } from "../src/lib/checks/index.ts";
import { audit, PLANTED, writeSpec } from "./audit-helpers.ts";

const SCHEMA_FILE = "test/fixtures/sarif-2.1.0-rtm.5.json";
const SCHEMA_SHA256 = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8";

function sarifValidator() {
  // Strict, but: strictRequired off because the schema lists "required" properties inside anyOf
  // branches (an authoring style, not an error); unicodeRegExp off because its language pattern
  // "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" has a stray "]" that a plain JavaScript regex accepts
  // but the u flag ajv uses by default refuses.
  const ajv = new Ajv04({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; name: string; shortDescription: { text: string }; help: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

describe("SARIF output", () => {
  const validate = sarifValidator();
  const planted = writeSpec("sarif-planted.yaml", PLANTED);

  it("uses the pinned copy of the schema", () => {
    expect(createHash("sha256").update(readFileSync(SCHEMA_FILE)).digest("hex")).toBe(SCHEMA_SHA256);
  });

  it("validates for a spec with findings and a suppression, printed by the command", async () => {
    const ran = await audit(planted, "--format", "sarif");
    expect(ran.code).toBe(1);
    const log = JSON.parse(ran.out);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(["examples/erp-basic.yaml", "examples/hostile-text.yaml"])("validates for a clean spec (%s)", async (file) => {
    const ran = await audit(file, "--format", "sarif");
    expect(ran.code).toBe(0);
    const log = JSON.parse(ran.out) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it("is rejected by the same validator when broken (the validator really checks)", async () => {
    const log = buildSarif(await auditFile(planted)) as SarifLog;
    const noVersion = { ...log, version: "2.0.0" };
    expect(validate(noVersion)).toBe(false);
    const badRegion = structuredClone(log);
    badRegion.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(badRegion)).toBe(false);
  });

  it("describes every rule in tool.driver.rules", async () => {
    const log = buildSarif(await auditFile(planted)) as SarifLog;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(log.runs[0]!.tool.driver.name).toBe("mxsecure");
    expect(rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.name));
    for (const [i, rule] of rules.entries()) {
      expect(rule.name).toBe(ALL_RULES[i]!.name);
      expect(rule.shortDescription.text).toBe(ALL_RULES[i]!.description);
      expect(rule.help.text).toBe(ALL_RULES[i]!.help);
    }
  });

  it("gives each result its rule, level and line in the file; suppressed ones carry the reason", async () => {
    const report = await auditFile(planted);
    const log = buildSarif(report, planted.replace(/\/[^/]+$/, "")) as SarifLog;
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(report.findings.length + report.suppressed.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe("sarif-planted.yaml");
    }
    expect(run.results[0]).toMatchObject({
      ruleId: "HttpsOnly",
      level: "error",
      locations: [{ physicalLocation: { region: { startLine: 5 } } }],
    });
    const suppressed = run.results.filter((r) => r.suppressions);
    expect(suppressed).toEqual([
      expect.objectContaining({ ruleId: "RoleDocumented", suppressions: [expect.objectContaining({ kind: "inSource", justification: "Documented in the team wiki." })] }),
    ]);
  });

  it("writes artifact URIs relative to the working directory, encoded, and file: URLs outside it", () => {
    expect(artifactUri("kits/my kit/mxsecure.yaml", "/repo")).toBe("kits/my%20kit/mxsecure.yaml");
    expect(artifactUri("/elsewhere/mxsecure.yaml", "/repo")).toBe("file:///elsewhere/mxsecure.yaml");
  });
});
