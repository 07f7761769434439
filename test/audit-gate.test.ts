// The audit as the gate a pull request passes (issue 19): the kit's files are verified by rendering
// them from the spec, never by the hashes in .yo-rc.json; some rules cannot be suppressed; user keys
// never reach Object.prototype; JSON and SARIF keep acting characters inert.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildSarif } from "../src/lib/audit/format-sarif.ts";
import { auditFile } from "../src/lib/audit/audit.ts";
import { auditUsage } from "../src/lib/cli/audit.ts";
import { ALL_RULES } from "../src/lib/checks/registry.ts";
import { hashContents } from "../src/lib/kit/manifest.ts";
import { renderKit } from "../src/lib/kit/render.ts";
import { buildPlan } from "../src/lib/plan/build.ts";
import { audit } from "./audit-helpers.ts";
import { removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.ts";
import { examplePath, problemsOf, specFrom, specOf } from "./helpers/spec.ts";

afterAll(removeTempDirs);

/** A kit as the generator writes it (the same renderKit the bin calls), in a fresh folder. */
function kitOf(example: string): string {
  const spec = specOf(parse(readFileSync(examplePath(example), "utf8")));
  const dir = join(tempDir("mxsecure-gate-"), spec.module);
  for (const file of renderKit(spec, buildPlan(spec))) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
  return dir;
}

const MDL = "model/AcmeCrmConnector.mdl";
/** The owner filter taken out of the User's grant on Contact, and the Viewer given the e-mail address. */
function backdoor(dir: string): void {
  const text = readFileSync(join(dir, MDL), "utf8");
  const edited = text.replace(/ where '\[AcmeCrmConnector\.Contact_User=''\[%CurrentUser%\]''\]'/, "").replace(/\("FullName", "LastSynced"/, '("FullName", "Email", "LastSynced"');
  expect(edited).not.toBe(text);
  writeFileSync(join(dir, MDL), edited);
}

function yoRc(dir: string): { "generator-mxsecure": { spec: string; generated: Record<string, string> } } {
  return JSON.parse(readFileSync(join(dir, ".yo-rc.json"), "utf8"));
}
function writeYoRc(dir: string, config: unknown): void {
  writeFileSync(join(dir, ".yo-rc.json"), JSON.stringify(config, null, 2));
}

describe("KitInStep: the kit's files are what its spec renders", () => {
  it("a generated kit passes", async () => {
    const dir = kitOf("acme-crm-oauth");
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toMatch(/KitInStep/);
  });

  it("a backdoored .mdl with its hash recomputed in .yo-rc.json exits 1 and shows the grant lines", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    const config = yoRc(dir);
    config["generator-mxsecure"].generated[MDL] = hashContents(readFileSync(join(dir, MDL), "utf8"));
    writeYoRc(dir, config);
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/error KitInStep .*AcmeCrmConnector\.mdl differs from what the spec generates; security-relevant lines differ \(- what the spec generates, \+ what the file has\): - grant .*\| \+ grant/);
  });

  it("... or with its manifest entry deleted", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    const config = yoRc(dir);
    delete config["generator-mxsecure"].generated[MDL];
    writeYoRc(dir, config);
    expect((await audit(join(dir, "mxsecure.yaml"))).code).toBe(1);
  });

  it("... or with .yo-rc.json's spec pointed at another file", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    writeFileSync(join(dir, "other.yaml"), readFileSync(join(dir, "mxsecure.yaml")));
    const config = yoRc(dir);
    config["generator-mxsecure"].spec = "other.yaml";
    writeYoRc(dir, config);
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/error KitInStep .*\.yo-rc\.json names other\.yaml as the kit's spec, but the audited spec is mxsecure\.yaml/);
    expect(run.out).toMatch(/AcmeCrmConnector\.mdl differs/);
  });

  it("... or with .yo-rc.json deleted (model/ marks the kit)", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    unlinkSync(join(dir, ".yo-rc.json"));
    expect((await audit(join(dir, "mxsecure.yaml"))).code).toBe(1);
  });

  it("... or kept with a .yo-resolve skip line: reported as kept, still an error, with the grant lines", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    writeFileSync(join(dir, ".yo-resolve"), "model/*.mdl skip\n");
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/error KitInStep .*AcmeCrmConnector\.mdl is kept \(\.yo-resolve skip\) and no longer matches the spec; security-relevant lines differ \(- what the spec generates, \+ what the file has\): - grant "AcmeCrmConnector"\."User" on "AcmeCrmConnector"\."Contact"/);
  });

  it("a kept README is a warning: kept as you edited it", async () => {
    const dir = kitOf("erp-basic");
    writeFileSync(join(dir, "README.md"), "Our own README.\n");
    writeFileSync(join(dir, ".yo-resolve"), "README.md skip\n");
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/warning KitInStep .*README\.md is kept as you edited it \(\.yo-resolve skip\); no line that grants or limits access differs/);
  });

  it("unexpected, missing and linked files under model/ and javasource/ are errors; npm's node_modules and the .mpk are not", async () => {
    const dir = kitOf("acme-crm-oauth");
    writeFileSync(join(dir, "model/lib/extra.ts"), "export const backdoor = 1;\n");
    writeFileSync(join(dir, "javasource/acmecrmconnector/actions/Extra.java"), "class Extra {}\n");
    rmSync(join(dir, "javasource/acmecrmconnector/actions/PkceChallengeS256.java"));
    mkdirSync(join(dir, "model/node_modules/x"), { recursive: true });
    writeFileSync(join(dir, "model/node_modules/x/index.js"), "");
    writeFileSync(join(dir, "model/AcmeCrmConnector.mpk"), "");
    symlinkSync("/etc/passwd", join(dir, "model/lib/linked.ts"));
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/model\/lib\/extra\.ts is not generated by the spec/);
    expect(run.out).toMatch(/Extra\.java is not generated by the spec/);
    expect(run.out).toMatch(/PkceChallengeS256\.java is missing/);
    expect(run.out).toMatch(/model\/lib\/linked\.ts is not generated by the spec/);
    expect(run.out).not.toMatch(/node_modules|\.mpk/);
  });

  it("model/node_modules and an .mpk committed to Git (git add -f past model/.gitignore) are errors: a pull request cannot ship the packages npm run apply runs", async () => {
    const dir = kitOf("acme-crm-oauth");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "kit");
    const clean = await audit(join(dir, "mxsecure.yaml"));
    expect(clean.code, clean.out).toBe(0);
    // npm install keeps a package that satisfies package.json, so a committed tsx is the one `npm run apply` runs.
    mkdirSync(join(dir, "model/node_modules/tsx/dist"), { recursive: true });
    writeFileSync(join(dir, "model/node_modules/tsx/package.json"), '{ "name": "tsx", "version": "4.23.15" }\n');
    writeFileSync(join(dir, "model/node_modules/tsx/dist/cli.mjs"), "// steals the Mendix token\n");
    writeFileSync(join(dir, "model/AcmeCrmConnector.mpk"), "PK");
    const untracked = await audit(join(dir, "mxsecure.yaml"));
    expect(untracked.code, untracked.out).toBe(0); // a local npm install is not a finding
    git("add", "-f", "model/node_modules", "model/AcmeCrmConnector.mpk");
    git("commit", "-qm", "vendor");
    // A handed-over kit may bring its own .git/config: the audit's git never runs its commands.
    const ran = join(tempDir("mxsecure-fsmonitor-"), "ran");
    git("config", "core.fsmonitor", `touch '${ran}'; false`);
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(existsSync(ran), "core.fsmonitor ran").toBe(false);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/error KitInStep .*model\/node_modules is committed to Git/);
    expect(run.out).toMatch(/error KitInStep .*model\/AcmeCrmConnector\.mpk is committed to Git/);
  });

  it("a kit stays a kit with .yo-rc.json and apply.ts deleted and its scripts renamed (mxcli runs model/X.txt as well): the backdoor is an error", async () => {
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    rmSync(join(dir, ".yo-rc.json"));
    rmSync(join(dir, "model/apply.ts"));
    for (const name of ["AcmeCrmConnector.mdl", "AcmeCrmConnector.microflows.mdl"]) {
      writeFileSync(join(dir, "model", name.replace(/\.mdl$/, ".txt")), readFileSync(join(dir, "model", name)));
      rmSync(join(dir, "model", name));
    }
    const run = await audit(join(dir, "mxsecure.yaml"));
    expect(run.code, run.out).toBe(1);
    expect(run.out).toMatch(/error KitInStep .*model\/AcmeCrmConnector\.txt is not generated by the spec/);
  });

  it("--kit DIR verifies a kit whose spec is named elsewhere; the bin exits 1 on an edited .mdl", async () => {
    requireBuiltBin();
    const dir = kitOf("acme-crm-oauth");
    backdoor(dir);
    const config = yoRc(dir);
    config["generator-mxsecure"].generated[MDL] = hashContents(readFileSync(join(dir, MDL), "utf8"));
    writeYoRc(dir, config);
    const bin = runBin(["audit"], dir, { CI: "1" });
    expect(bin.code, bin.stderr).toBe(1);
    expect(bin.stdout).toMatch(/error KitInStep \(whole file\) \(model\/AcmeCrmConnector\.mdl\)/);
    const spec = join(tempDir(), "spec.yaml");
    writeFileSync(spec, readFileSync(join(dir, "mxsecure.yaml")));
    expect((await audit(spec)).code).toBe(0); // no kit next to it
    expect((await audit(spec, "--kit", dir)).code).toBe(1);
  });

  it("an answers file next to another generator's .yo-rc.json or an unrelated model/ folder is no kit", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "answers.yaml"), readFileSync(examplePath("erp-basic")));
    writeFileSync(join(dir, ".yo-rc.json"), JSON.stringify({ "generator-other": { name: "x" } }));
    mkdirSync(join(dir, "model"));
    writeFileSync(join(dir, "model", "weights.bin"), "");
    const run = await audit(join(dir, "answers.yaml"));
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toMatch(/KitInStep/);
  });

  it("KitInStep is in audit --help and in SARIF's rules with its help", async () => {
    expect(auditUsage()).toMatch(/KitInStep\s+error\s+Every file of a kit is what mxsecure generates .* Cannot be suppressed\./);
    const dir = kitOf("erp-basic");
    const log = buildSarif(await auditFile(join(dir, "mxsecure.yaml"))) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[] };
    expect(log.runs[0]!.tool.driver.rules.find((r) => r.id === "KitInStep")?.help.text).toMatch(/renders every file of the kit from the spec/);
  });
});

describe("rules that cannot be suppressed", () => {
  const SPEC = `module: Crm
description: A connector.
service: { name: Crm, baseUrl: "https://api.crm.example" }
auth: { scheme: basic }
entities:
  - name: Contact
    documentation: A contact.
    ownership: user
    attributes: [{ name: FullName, type: string }]
    access:
      Administrator: { read: all }
      User: { read: all }
`;
  it("ConfigurationAndDataSeparated and OwnerConstraint stay errors with a fingerprinted suppression", async () => {
    const dir = tempDir();
    const file = join(dir, "spec.yaml");
    writeFileSync(file, SPEC);
    const first = await audit("--format", "json", file);
    const findings = (JSON.parse(first.out) as { findings: { rule: string; path: string; fingerprint: string }[] }).findings;
    const targets = findings.filter((f) => f.rule === "ConfigurationAndDataSeparated" || f.rule === "OwnerConstraint");
    expect([...new Set(targets.map((f) => f.rule))].sort()).toEqual(["ConfigurationAndDataSeparated", "OwnerConstraint"]);
    const suppressions = targets.map((f) => `  - { rule: ${f.rule}, path: "${f.path}", fingerprint: ${f.fingerprint}, reason: "We accept it." }`);
    writeFileSync(file, `${SPEC}suppressions:\n${suppressions.join("\n")}\n`);
    const run = await audit(file);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/error ConfigurationAndDataSeparated/);
    expect(run.out).toMatch(/error OwnerConstraint/);
    expect(run.out).toMatch(/error SuppressionUnused suppressions\[\d\] .*ConfigurationAndDataSeparated cannot be suppressed/);
    expect(run.out).toMatch(/0 suppressed/);
  });

  it("the README's rule list names every rule and marks the ones that cannot be suppressed", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const rule of ALL_RULES) {
      expect(readme, rule.name).toContain(rule.unsuppressible ? `\`${rule.name}\`\\*` : `\`${rule.name}\``);
    }
  });

  it("the rule list says which", () => {
    for (const rule of ["ConfigurationAndDataSeparated", "SecretsEncrypted", "SecretNotDisclosed", "SecretNotOnPage", "OwnerConstraint", "KitInStep", "SecurityWidened"]) {
      expect(auditUsage()).toMatch(new RegExp(`${rule} .*Cannot be suppressed\\.`));
    }
    expect(auditUsage()).not.toMatch(/ModuleRolesAmount .*Cannot be suppressed/);
  });
});

describe("found while attacking", () => {
  it("a role named constructor (or toString, valueOf) gets no right from Object.prototype", () => {
    for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
      const spec = specFrom(`module: Crm
description: A connector.
service: { name: Crm, baseUrl: "https://api.crm.example" }
auth: { scheme: none }
roles:
  - { name: ${name}, kind: data, readOnly: true, documentation: "Reads contacts for reports; never combine with Administrator." }
entities:
  - name: Contact
    documentation: A contact.
    attributes: [{ name: FullName, type: string }]
    access:
      User: { read: all }
`);
      const rule = buildPlan(spec).entities.find((e) => e.name === "Contact")!.accessRules.find((r) => r.role === name)!;
      expect(rule.allowCreate, name).toBe(false);
      expect(rule.allowDelete, name).toBe(false);
      expect(rule.overridden, name).toBe(false);
    }
  });

  it("two associations whose generated names collide are refused", () => {
    const problems = problemsOf(`module: Crm
description: A connector.
service: { name: Crm, baseUrl: "https://api.crm.example" }
auth: { scheme: none }
entities:
  - { name: P_Foo, documentation: A thing., ownership: user }
  - { name: Foo_User, documentation: A thing. }
  - name: P
    documentation: A thing.
    associations: [{ to: Foo_User }]
`);
    expect(problems).toContainEqual(expect.objectContaining({
      path: "entities[2].associations[0].to",
      message: expect.stringMatching(/generates the association P_Foo_User, which the owner link of P_Foo generates too/),
    }));
  });

  it("JSON and SARIF carry bidi and C1 characters in paths and messages as visible escapes", async () => {
    const file = join(tempDir(), "spec.yaml");
    writeFileSync(file, `module: Crm
description: A connector.
service: { name: Crm, baseUrl: "https://api.crm.example" }
auth: { scheme: none }
entities:
  - name: Contact
    documentation: A contact.
    access:
      "Ad\\u202emin\\u0085x": { read: all }
`);
    const json = await audit("--format", "json", file);
    const sarif = await audit("--format", "sarif", file);
    for (const out of [json.out, sarif.out]) {
      expect(out).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/u);
      expect(out).toContain("\\\\u{202e}");
    }
  });
});
