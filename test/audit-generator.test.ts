// `yo mxsecure:audit` is a thin generator over the same runAudit: same output, same exit code.
import { fileURLToPath } from "node:url";
import helpers from "yeoman-test";
import { afterEach, describe, expect, it, vi } from "vitest";
import AuditGenerator from "../src/generators/audit/index.ts";
import { PLANTED, writeSpec } from "./audit-helpers.ts";

const resolved = fileURLToPath(new URL("../src/generators/audit/index.ts", import.meta.url));
const examples = fileURLToPath(new URL("../examples/", import.meta.url));

async function runGenerator(args: string[], options: Record<string, unknown> = {}) {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const result = await helpers.run(AuditGenerator, { namespace: "mxsecure:audit", resolved }).withArguments(args).withOptions(options);
    return { out, exitCode: (result.generator as AuditGenerator).exitCode, processExitCode: process.exitCode };
  } finally {
    spy.mockRestore();
  }
}

describe("yo mxsecure:audit", () => {
  afterEach(() => {
    // The generator sets the process exit code for yo; the test runner's own must stay clean.
    process.exitCode = 0;
  });

  it("audits an example clean, exit code 0", async () => {
    const ran = await runGenerator([`${examples}erp-basic.yaml`]);
    expect(ran.exitCode).toBe(0);
    expect(ran.out).toContain("erp-basic.yaml: 0 errors, 0 warnings, 0 suppressed.");
  });

  it("reports planted violations as JSON and sets exit code 1", async () => {
    const ran = await runGenerator([writeSpec("generator-planted.yaml", PLANTED)], { format: "json" });
    expect(ran.exitCode).toBe(1);
    expect(ran.processExitCode).toBe(1);
    expect(JSON.parse(ran.out).summary).toEqual({ errors: 11, warnings: 0, suppressed: 1 });
  });
});
