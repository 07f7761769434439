// mxsecure audit end to end on files: exit codes, where findings point, validation problems as
// findings, suppressions, and the text and JSON formats.
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_RULES } from "../src/lib/checks/index.ts";
import { audit, PLANTED, workDir, writeSpec } from "./audit-helpers.ts";

const examples = readdirSync("examples").filter((f) => f.endsWith(".yaml"));

describe("every example audits clean", () => {
  it.each(examples)("%s: exit 0, no findings", async (file) => {
    const ran = await audit(`examples/${file}`);
    expect(ran.err).toBe("");
    expect(ran.out).toBe(`examples/${file}: 0 errors, 0 warnings, 0 suppressed.\n`);
    expect(ran.code).toBe(0);
  });
});

describe("a spec with planted violations", () => {
  const file = writeSpec("planted.yaml", PLANTED);

  it("exits 1 and names each violation with its path and line", async () => {
    const ran = await audit(file);
    expect(ran.code).toBe(1);
    const lines = ran.out.trimEnd().split("\n");
    const expected: [string, string, number][] = [
      ["HttpsOnly", "service.baseUrl", 5],
      ["PkceRequired", "auth.pkce", 10],
      ["SecretsEncrypted", "entities[0].attributes[1]", 22],
      ["ConfigurationAndDataSeparated", "entities[0].access.Administrator", 25],
      // Any role that reads a user-owned entity is held to the owner constraint, not only data roles.
      ["OwnerConstraint", "entities[0].access.Administrator", 25],
      ["OwnerConstraint", "entities[0].access.User", 26],
      // write: all includes the owner link Contact_User, and data from the service is not editable.
      ["SystemMemberReadOnly", "entities[0].access.User", 26],
      ["ServiceDataReadOnly", "entities[0].access.User", 26],
      ["OwnerConstraint", "entities[0].access.Viewer", 27],
      ["ReadOnlyRole", "entities[0].access.Viewer", 27],
      ["XPathOnPersistableOnly", "entities[1].access.User", 34],
    ];
    expect(lines.slice(0, expected.length).map((l) => {
      const [, rule, path, line] = /^error (\w+) (\S+) \(.*planted\.yaml:(\d+):\d+\): .+\. Fix: .+\. \[fingerprint [0-9a-f]{16}\]$/.exec(l) ?? [];
      return [rule, path, Number(line)];
    })).toEqual(expected);
    expect(lines[expected.length]).toBe(`${file}: 11 errors, 0 warnings, 1 suppressed.`);
  });

  it("lists the suppressed finding with its reason in the summary", async () => {
    const ran = await audit(file);
    expect(ran.out.trimEnd().split("\n").at(-1)).toBe(
      `  suppressed error RoleDocumented roles[0].documentation (${file}:15:20): module role Viewer has placeholder documentation. Reason: Documented in the team wiki.`,
    );
  });

  it("gives the same findings as JSON", async () => {
    const ran = await audit(file, "--format", "json");
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.out);
    expect(report.summary).toEqual({ errors: 11, warnings: 0, suppressed: 1 });
    expect(report.findings[0]).toEqual({
      rule: "HttpsOnly",
      severity: "error",
      path: "service.baseUrl",
      line: 5,
      column: 12,
      message: "is not HTTPS (http://api.acme.example/v2)",
      fix: "use an https:// URL",
      fingerprint: "73f09288ed7f6b39",
    });
    expect(report.suppressed).toEqual([expect.objectContaining({ rule: "RoleDocumented", reason: "Documented in the team wiki." })]);
  });
});

describe("validation problems are findings", () => {
  const base = (extra: string) => `module: ErpConnector
description: Reads sales orders.
service: { name: ERP, baseUrl: "https://erp.example.com" }
auth: { scheme: basic }
${extra}`;

  async function rulesOf(text: string, name: string) {
    const ran = await audit(writeSpec(name, text), "--format", "json");
    return { code: ran.code, findings: JSON.parse(ran.out).findings as { rule: string; path: string; line: number; severity: string }[] };
  }

  it("reports a reserved attribute name as ReservedName", async () => {
    const { code, findings } = await rulesOf(base("entities:\n  - name: Order\n    documentation: An order.\n    attributes: [{ name: Owner, type: string }]\n"), "reserved.yaml");
    expect(code).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ rule: "ReservedName", path: "entities[0].attributes[0].name", line: 8 })]);
  });

  it("reports a secret value in the file as SecretsEncrypted", async () => {
    const text = `module: ErpConnector\ndescription: Reads sales orders.\nservice: { name: ERP, baseUrl: "https://erp.example.com" }\nauth: { scheme: basic, password: hunter2 }\n`;
    const { findings } = await rulesOf(text, "secret.yaml");
    expect(findings).toEqual([expect.objectContaining({ rule: "SecretsEncrypted", path: "auth.password", line: 4 })]);
  });

  it("reports other problems as SpecValid", async () => {
    const { code, findings } = await rulesOf(base("rolez: []\n"), "unknown.yaml");
    expect(code).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ rule: "SpecValid", path: "rolez", line: 5, severity: "error" })]);
  });

  it("reports a non-HTTPS URL as HttpsOnly, never also as SpecValid", async () => {
    const text = base("").replace("https://erp.example.com", "ftp://erp.example.com");
    const { findings } = await rulesOf(text, "ftp.yaml");
    expect(findings).toEqual([expect.objectContaining({ rule: "HttpsOnly", path: "service.baseUrl", line: 3 })]);
  });

  it("still runs the other rules when plain HTTP is the only validation problem", async () => {
    const text = base("entities:\n  - name: Order\n    documentation: An order.\n    access: { Administrator: { read: all } }\n")
      .replace("https://erp.example.com", "http://erp.example.com");
    const { findings } = await rulesOf(text, "http-and-override.yaml");
    expect(findings.map((f) => f.rule)).toEqual(["HttpsOnly", "ConfigurationAndDataSeparated"]);
  });

  it("reports an empty file as the missing fields, each with a fix (exit 1)", async () => {
    const { code, findings } = await rulesOf("", "empty.yaml");
    expect(code).toBe(1);
    expect(findings.map((f) => [f.rule, f.path, (f as { fix?: string }).fix])).toEqual([
      ["SpecValid", "module", "add module"],
      ["SpecValid", "description", "add description"],
      ["SpecValid", "service", "add service"],
      ["SpecValid", "auth", "add auth"],
    ]);
  });

  it("reports a file that is not a mapping at its first line", async () => {
    const ran = await audit(writeSpec("list.yaml", "- a\n- b\n"));
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(/^error SpecValid \(whole file\) \(.*list\.yaml:1:1\): the answers must be a mapping/);
  });

  it("tolerates an opted-in http://localhost as a warning (exit 0)", async () => {
    const text = `module: LocalConnector
description: Local testing.
service: { name: Local, baseUrl: "http://localhost:8080", allowHttpLocalhost: true }
auth: { scheme: none }
`;
    const ran = await audit(writeSpec("localhost.yaml", text));
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/^warning HttpsOnly service\.baseUrl \(.*:3:\d+\): uses plain HTTP to localhost/);
  });
});

describe("files that cannot be audited exit 2 with one message", () => {
  const noStack = (err: string) => {
    expect(err.trimEnd().split("\n")).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).toMatch(/^mxsecure audit: /);
  };

  it("a missing file", async () => {
    const ran = await audit(join(workDir, "nope.yaml"));
    expect(ran.code).toBe(2);
    expect(ran.out).toBe("");
    noStack(ran.err);
    expect(ran.err).toContain("no such file");
  });

  it("a directory", async () => {
    const dir = join(workDir, "adir");
    mkdirSync(dir, { recursive: true });
    const ran = await audit(dir);
    expect(ran.code).toBe(2);
    noStack(ran.err);
  });

  it("a file that is not YAML, with its line", async () => {
    const ran = await audit(writeSpec("broken.yaml", "module: X\n  bad: [unclosed\n"));
    expect(ran.code).toBe(2);
    noStack(ran.err);
    expect(ran.err).toMatch(/broken\.yaml:\d+:\d+: not valid YAML/);
  });
});

describe("usage", () => {
  it("--help lists every rule and exits 0", async () => {
    const ran = await audit("--help");
    expect(ran.code).toBe(0);
    for (const rule of ALL_RULES) expect(ran.out).toContain(rule.name);
    expect(ran.out).toMatch(/^Usage: mxsecure audit \[FILE\]/);
  });

  it.each([
    [["--format", "xml", "examples/erp-basic.yaml"], /unknown format "xml"/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["a.yaml", "b.yaml"], /one file, got 2/],
    [["--format"], /needs a value/],
  ])("%j exits 2", async (argv, message) => {
    const ran = await audit(...(argv as string[]));
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it("accepts --format=json", async () => {
    const ran = await audit("--format=json", "examples/erp-basic.yaml");
    expect(JSON.parse(ran.out).summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });

  describe("without a file", () => {
    const start = process.cwd();
    afterEach(() => process.chdir(start));

    it("audits ./mxsecure.yaml", async () => {
      const dir = join(workDir, "kit");
      mkdirSync(dir, { recursive: true });
      writeSpec("kit/mxsecure.yaml", PLANTED);
      process.chdir(dir);
      const ran = await audit();
      expect(ran.code).toBe(1);
      expect(ran.out).toContain("(mxsecure.yaml:5:12)");
    });

    it("says so when ./mxsecure.yaml is missing", async () => {
      process.chdir(workDir);
      const ran = await audit();
      expect(ran.code).toBe(2);
      expect(ran.err).toMatch(/cannot read mxsecure\.yaml: no such file/);
    });
  });
});

describe("hostile text stays inert in the text format", () => {
  it("keeps one finding to one line and escapes control and bidi characters", async () => {
    const text = `${PLANTED.replace("Documented in the team wiki.", "line one\\nline two \\e[31mred\\u202Eevil")}`;
    const ran = await audit(writeSpec("hostile.yaml", text));
    const lines = ran.out.trimEnd().split("\n");
    expect(lines).toHaveLength(11 + 1 + 1);
    const last = lines.at(-1)!;
    expect(last).toContain("Reason: line one\\u{a}line two \\u{1b}[31mred\\u{202e}evil");
    expect(ran.out).not.toMatch(/[\u001b\u202e]/);
  });
});
