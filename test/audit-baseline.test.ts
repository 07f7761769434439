// audit --baseline: every change that widens access against a baseline spec is an error unless the
// spec accepts it by fingerprint; narrowing is a note; an unchanged spec passes. Issue 19.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { audit } from "./audit-helpers.ts";
import { removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.ts";

afterAll(removeTempDirs);

const BASE = `module: Crm
description: Connects a Mendix app to the Crm API.
service: { name: Crm, baseUrl: "https://api.crm.example/v2" }
auth:
  scheme: oauth-authorization-code
  authorizationUrl: https://login.crm.example/authorize
  tokenUrl: https://login.crm.example/token
  scopes: [contacts.read, contacts.write]
  readOnlyScopes: [contacts.read]
roles:
  - { name: Viewer, kind: data, readOnly: true, documentation: "Reads contacts for reports; never combine with Administrator." }
entities:
  - name: Contact
    documentation: A contact the signed-in user synchronised.
    ownership: user
    attributes:
      - { name: FullName, type: string }
      - { name: Email, type: string, sensitive: true }
`;

type Spec = Record<string, any>;

/** Writes the baseline and a changed copy; returns the audit of the change against the baseline. */
async function changed(edit: (spec: Spec) => void, format = "text") {
  const dir = tempDir("mxsecure-baseline-");
  const baseline = join(dir, "baseline.yaml");
  writeFileSync(baseline, BASE);
  const spec = parse(BASE) as Spec;
  edit(spec);
  const file = join(dir, "mxsecure.yaml");
  writeFileSync(file, stringify(spec));
  return { ...(await audit(file, "--baseline", baseline, "--format", format)), file, baseline, spec };
}

describe("audit --baseline", () => {
  it("passes an unchanged spec", async () => {
    const run = await changed(() => {});
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toMatch(/SecurityWidened|SecurityNarrowed/);
  });

  it.each<[string, (spec: Spec) => void, RegExp]>([
    ["ownership user → shared", (s) => { s.entities[0].ownership = "shared"; }, /Contact ownership changed from user to shared/],
    ["the owner filter removed (by an override)", (s) => { s.entities[0].access = { User: { read: "all" } }; }, /User's access to Contact widened: owner filter \(XPath constraint\) removed/],
    ["sensitive removed", (s) => { s.entities[0].attributes[1].sensitive = false; }, /Contact\.Email is no longer sensitive/],
    ["reach own → all", (s) => { s.roles[0].reach = "all"; }, /role Viewer reach changed from own to all/],
    ["a new data role with writes and no owner filter", (s) => {
      s.roles.push({ name: "Editor", kind: "data", reach: "all", documentation: "Edits every contact for support; never combine with Administrator." });
      s.entities[0].editable = true;
    }, /new data role Editor with reach: all/],
    ["a role changing kind", (s) => { s.roles[0] = { name: "Viewer", kind: "configuration", documentation: "Manages the connection; never combine with User." }; }, /role Viewer changed kind from data to configuration/],
    ["read-only turned off", (s) => { s.roles[0].readOnly = false; }, /role Viewer is no longer read-only/],
    ["write scopes added to readOnlyScopes", (s) => { s.auth.readOnlyScopes.push("contacts.write"); }, /scope contacts\.write added to auth\.readOnlyScopes/],
    ["a scope added", (s) => { s.auth.scopes.push("admin"); }, /scope admin added to auth\.scopes/],
    ["an endpoint changed", (s) => { s.auth.tokenUrl = "https://login.elsewhere.example/token"; }, /auth\.tokenUrl changed from https:\/\/login\.crm\.example\/token to https:\/\/login\.elsewhere\.example\/token/],
    // Disconnect sends the refresh token with the client's credentials to revocationUrl.
    ["a revocation endpoint added", (s) => { s.auth.revocationUrl = "https://collector.example/revoke"; }, /auth\.revocationUrl changed from \(none\) to https:\/\/collector\.example\/revoke/],
    ["a new member right by an override", (s) => { s.entities[0].access = { Viewer: { read: ["FullName", "Email"] } }; }, /Viewer's access to Contact widened: .*Email None to ReadOnly/],
    ["a suppression added with a reason", (s) => { s.suppressions = [{ rule: "ModuleRolesAmount", path: "roles", fingerprint: "0123456789abcdef", reason: "Agreed." }]; }, /new suppression of ModuleRolesAmount at roles/],
  ])("catches %s", async (_name, edit, message) => {
    const run = await changed(edit);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toMatch(new RegExp(`error SecurityWidened .*${message.source}`));
  });

  it("catches a suppression widened to a different finding", async () => {
    const dir = tempDir();
    const suppression = (print: string) => `suppressions:\n  - { rule: ModuleRolesAmount, path: roles, fingerprint: ${print}, reason: "Agreed." }\n`;
    writeFileSync(join(dir, "baseline.yaml"), BASE + suppression("0123456789abcdef"));
    writeFileSync(join(dir, "mxsecure.yaml"), BASE + suppression("fedcba9876543210"));
    const run = await audit(join(dir, "mxsecure.yaml"), "--baseline", join(dir, "baseline.yaml"));
    expect(run.out).toMatch(/error SecurityWidened suppressions\[0\] .*the suppression of ModuleRolesAmount at roles now accepts a different finding/);
  });

  it("lists narrowing as a note and passes", async () => {
    const run = await changed((s) => {
      s.entities[0].attributes[0].sensitive = true;
      s.auth.readOnlyScopes = [];
      s.roles = [];
    });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/note SecurityNarrowed .*Contact\.FullName is now sensitive/);
    expect(run.out).toMatch(/note SecurityNarrowed .*role Viewer removed/);
    expect(run.out).toMatch(/note SecurityNarrowed .*scope contacts\.read removed from auth\.readOnlyScopes/);
    expect(run.out).not.toMatch(/SecurityWidened/);
  });

  it("accepts a widening the spec records by fingerprint with a reason, and only that one", async () => {
    const first = await changed((s) => { s.entities[0].ownership = "shared"; }, "json");
    const widened = (JSON.parse(first.out) as { findings: { rule: string; fingerprint: string }[] }).findings.filter((f) => f.rule === "SecurityWidened");
    const accepted = widened.map((f) => ({ change: f.fingerprint, reason: "Contacts are shared by the team; reviewed by security, 2026-12." }));
    const ok = await changed((s) => { s.entities[0].ownership = "shared"; s.accepted = accepted; });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/suppressed error SecurityWidened .*Contact ownership changed from user to shared\. Reason: Contacts are shared/);
    // The same acceptance does not cover a further widening.
    const more = await changed((s) => { s.entities[0].ownership = "shared"; s.accepted = accepted; s.roles[0].readOnly = false; });
    expect(more.code).toBe(1);
    expect(more.out).toMatch(/error SecurityWidened .*role Viewer is no longer read-only/);
  });

  it("reads the baseline at a Git revision with git show, and reports in JSON and SARIF", async () => {
    const dir = tempDir("mxsecure-git-");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    writeFileSync(join(dir, "mxsecure.yaml"), BASE);
    git("add", "mxsecure.yaml");
    git("commit", "-qm", "baseline");
    writeFileSync(join(dir, "mxsecure.yaml"), BASE.replace("ownership: user", "ownership: shared"));
    const text = await audit(join(dir, "mxsecure.yaml"), "--baseline", "HEAD");
    expect(text.code, text.err).toBe(1);
    expect(text.out).toMatch(/error SecurityWidened entities\[0\] \(.*mxsecure\.yaml:\d+:\d+\): Contact ownership changed from user to shared/);
    const json = JSON.parse((await audit(join(dir, "mxsecure.yaml"), "--baseline", "HEAD", "--format", "json")).out) as { findings: { rule: string; severity: string }[] };
    expect(json.findings).toContainEqual(expect.objectContaining({ rule: "SecurityWidened", severity: "error" }));
    const sarif = JSON.parse((await audit(join(dir, "mxsecure.yaml"), "--baseline", "HEAD", "--format", "sarif")).out) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: "SecurityWidened", level: "error" }));
    // Never an option to git.
    const bad = await audit(join(dir, "mxsecure.yaml"), "--baseline", "--output=/tmp/x");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/is neither a file nor a Git revision/);
    // A revision the repository lacks: git's reason, said once, with the fix.
    const missing = await audit(join(dir, "mxsecure.yaml"), "--baseline", "HEAD~5");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read the baseline mxsecure\.yaml at HEAD~5 with git show: [^\n]*HEAD~5'?\. Name a file, or a revision/);
  });

  it("never reads a revision's name as a file: a pull request that adds a file origin/main beside the spec does not become its own baseline", async () => {
    requireBuiltBin();
    const dir = tempDir("mxsecure-git-");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    writeFileSync(join(dir, "mxsecure.yaml"), BASE);
    git("add", "mxsecure.yaml");
    git("commit", "-qm", "baseline");
    const widened = BASE.replace("ownership: user", "ownership: shared");
    writeFileSync(join(dir, "mxsecure.yaml"), widened);
    // The change brings its own "baseline": the widened spec under the name CI passes (README's workflow, run in the kit folder).
    mkdirSync(join(dir, "origin"));
    writeFileSync(join(dir, "origin", "main"), widened);
    writeFileSync(join(dir, "main"), widened);
    // origin/main is not fetched here: git cannot read it, so the audit stops (exit 2) instead of passing.
    const unfetched = runBin(["audit", "mxsecure.yaml", "--baseline", "origin/main"], dir);
    expect(unfetched.code, unfetched.stdout).toBe(2);
    expect(unfetched.stderr).toMatch(/cannot read the baseline mxsecure\.yaml at origin\/main with git show/);
    // main is a revision: the widening against it is reported, the planted file named main is not read.
    const revision = runBin(["audit", "mxsecure.yaml", "--baseline", "main"], dir);
    expect(revision.code, revision.stderr).toBe(1);
    expect(revision.stdout).toMatch(/error SecurityWidened .*Contact ownership changed from user to shared/);
    // A name that is both a file and a revision is refused.
    git("tag", "old.yaml");
    writeFileSync(join(dir, "old.yaml"), widened);
    const both = runBin(["audit", "mxsecure.yaml", "--baseline", "old.yaml"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/names both a file and a Git revision/);
    const file = runBin(["audit", "mxsecure.yaml", "--baseline", "./old.yaml"], dir);
    expect(file.code, file.stderr).toBe(0);
  });
});
