// The package as a user gets it: `npm pack`, then `npm install <tgz>` (and yo) into an empty
// folder, then every command the README and the kits show, run from there. Packing and installing
// happen once for the whole file. Dependencies come from the npm cache when it has them
// (--prefer-offline), else from the registry.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIT_OPTIONS, YEOMAN_NO_EFFECT } from "../src/lib/cli/options.js";
import { SCHEMA_MODELINE, SCHEMA_PATH, SCHEMA_URL } from "../src/lib/spec/schema-url.js";
import { CTRL_C, ENTER, inTerminal } from "./helpers/pty.js";
import { examplePath } from "./helpers/spec.js";
import { REPO_ROOT, listFiles, removeTempDirs, stackLines, tempDir } from "./helpers/run.js";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string; bin: Record<string, string> };

let project = "";
let home = "";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell command line as a user types it, in `cwd` under the project; CI=1 so nothing prompts. */
function sh(command: string, cwd: string): Ran {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", HOME: home, NO_COLOR: "1", FORCE_COLOR: "0", npm_config_update_notifier: "false" };
  delete env.MXSECURE_DEBUG;
  // `npx` must never fetch a package of that name from the registry: the installed one is the one under test.
  const line = command.replace(/^npx /, "npx --no-install ");
  const result = spawnSync("sh", ["-c", line], { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.split("\n").filter((l) => !/^npm warn /.test(l)).join("\n") };
}

function ok(ran: Ran, what: string): Ran {
  expect(ran.code, `${what}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
  expect(stackLines(ran.stderr), what).toEqual([]);
  return ran;
}

/**
 * A folder under the project that yo can write: yo drops root to "nobody" (root-check), as run here.
 * Sticky (1777, as /tmp): mxsecure refuses a folder any user could swap entries in (issue 21).
 */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(project, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o1777);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text, { mode: 0o666 });
  return dir;
}

const ACME = readFileSync(examplePath("acme-crm-oauth"), "utf8");
const INVOICE = "name: Invoice\ndocumentation: An invoice sent to a contact.\n";
const SUPPORT = "name: Support\nkind: data\nreadOnly: true\ndocumentation: Reads contacts to help customers; never combine with Administrator.\n";

beforeAll(() => {
  const packDir = tempDir("mxsecure-pack-");
  // The build is current (npm test builds first); --ignore-scripts skips `prepare`, which would build again.
  const packed = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", packDir], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 });
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = join(packDir, packed.stdout.trim().split("\n").at(-1)!);
  project = tempDir("mxsecure-user-");
  home = tempDir("mxsecure-home-");
  chmodSync(project, 0o1777);
  chmodSync(home, 0o1777);
  const installed = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, "yo@7"], {
    cwd: project,
    env: { ...process.env, HOME: process.env.HOME },
    encoding: "utf8",
    timeout: 300_000,
  });
  expect(installed.status, installed.stderr).toBe(0);
}, 320_000);

afterAll(removeTempDirs);

// Each test runs several npx commands in fresh folders: under a loaded machine one can take
// well over vitest's 60 s default, so the whole file gets the budget of its slowest command chain.
describe("the packed package, installed into an empty folder", { timeout: 300_000 }, () => {
  it("has both bins, and ships the schema its kits point at", () => {
    expect(pkg.bin).toEqual({ "generator-mxsecure": "dist/lib/cli/bin.js", mxsecure: "dist/lib/cli/bin.js" });
    const shipped = join(project, "node_modules", pkg.name, SCHEMA_PATH);
    expect(JSON.parse(readFileSync(shipped, "utf8"))).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_PATH), "utf8")));
    // The URL in every kit names this package, this version and that path (not fetched here).
    expect(SCHEMA_URL).toBe(`https://cdn.jsdelivr.net/npm/generator-mxsecure@${pkg.version}/schema/mxsecure.schema.json`);
    expect(README).toContain(SCHEMA_MODELINE);
  });

  it("runs the commands for a user with nothing installed: npx generator-mxsecure and npx -p generator-mxsecure mxsecure", () => {
    for (const command of ["npx generator-mxsecure", "npx -p generator-mxsecure mxsecure --answers acme.yaml", "npx generator-mxsecure --answers acme.yaml"]) {
      expect(README).toContain(command);
    }
    const help = ok(sh("npx generator-mxsecure --help", project), "npx generator-mxsecure --help");
    expect(help.stdout).toContain("Usage: mxsecure [options]");

    const short = folder("short", { "acme.yaml": ACME });
    ok(sh("npx -p generator-mxsecure mxsecure --answers acme.yaml", short), "npx -p generator-mxsecure mxsecure");
    expect(listFiles(short)).toContain("AcmeCrmConnector/SECURITY.md");

    const full = folder("full", { "acme.yaml": ACME, "invoice.yaml": INVOICE, "support.yaml": SUPPORT });
    const made = ok(sh("npx generator-mxsecure --answers acme.yaml", full), "npx generator-mxsecure --answers");
    expect(made.stdout).toContain(`AcmeCrmConnector: ${listFiles(join(full, "AcmeCrmConnector")).length} files written to AcmeCrmConnector.`);
    const kit = join(full, "AcmeCrmConnector");

    // The README's commands inside a kit: entity, role, audit (text and SARIF).
    for (const command of ["npx generator-mxsecure entity Invoice", "npx generator-mxsecure role Support", "npx generator-mxsecure audit mxsecure.yaml"]) {
      expect(README).toContain(command);
    }
    ok(sh("npx generator-mxsecure entity Invoice --answers ../invoice.yaml --skip-install", kit), "entity");
    ok(sh("npx generator-mxsecure role Support --answers ../support.yaml --skip-install", kit), "role");
    const spec = parse(readFileSync(join(kit, "mxsecure.yaml"), "utf8")) as { entities: { name: string }[]; roles: { name: string }[] };
    expect(spec.entities.map((e) => e.name)).toContain("Invoice");
    expect(spec.roles.map((r) => r.name)).toContain("Support");
    expect(ok(sh("npx generator-mxsecure audit mxsecure.yaml", kit), "audit").stdout).toContain("mxsecure.yaml: 0 errors");
    const sarif = ok(sh("npx generator-mxsecure audit mxsecure.yaml --format sarif > mxsecure.sarif", kit), "audit sarif");
    expect(sarif.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(kit, "mxsecure.sarif"), "utf8")).version).toBe("2.1.0");

    // Every command the kit itself shows (its mxsecure.yaml header and README) runs in the kit.
    const yamlHead = readFileSync(join(kit, "mxsecure.yaml"), "utf8").split("\n").slice(0, 4).join("\n");
    const kitReadme = readFileSync(join(kit, "README.md"), "utf8");
    // The project has the package as a dependency: the schema line points into its node_modules,
    // where the packed package ships the schema (issue 22: works offline).
    expect(yamlHead.split("\n")[0]).toBe(`# yaml-language-server: $schema=../../node_modules/generator-mxsecure/${SCHEMA_PATH}`);
    expect(existsSync(join(kit, "../../node_modules/generator-mxsecure", SCHEMA_PATH))).toBe(true);
    const shown = new Set([...`${yamlHead}\n${kitReadme}`.matchAll(/npx generator-mxsecure [^`\n]*?mxsecure\.yaml/g)].map((m) => m[0]));
    expect([...shown].sort()).toEqual(["npx generator-mxsecure --answers mxsecure.yaml", "npx generator-mxsecure audit mxsecure.yaml"]);
    for (const command of shown) ok(sh(command, kit), command);
  });

  it("runs the command for a project with it as a dev dependency: npx mxsecure", () => {
    expect(README).toContain("npx mxsecure --answers acme.yaml");
    const dir = folder("dev", { "acme.yaml": ACME });
    ok(sh("npx mxsecure --answers acme.yaml", dir), "npx mxsecure");
    expect(listFiles(dir)).toContain("AcmeCrmConnector/README.md");
  });

  describe("with yo", () => {
    it("yo mxsecure --help lists every option of the bin", () => {
      const help = ok(sh("npx yo mxsecure --help", project), "yo mxsecure --help");
      for (const option of KIT_OPTIONS) expect(help.stdout, option.name).toContain(`--${option.name === "no-interactive" ? "interactive" : option.name}`);
      expect(help.stdout).toContain("--no-interactive");
      for (const option of YEOMAN_NO_EFFECT) expect(help.stdout).toContain(`--${option}`);
    });

    it("yo mxsecure --answers writes the kit in the bin's words; --dry-run inside it prints the same summary", () => {
      expect(README).toContain("yo mxsecure --answers acme.yaml");
      const dir = folder("yo", { "acme.yaml": ACME });
      const made = ok(sh("npx yo mxsecure --answers acme.yaml", dir), "yo mxsecure --answers");
      const output = made.stdout + made.stderr;
      expect(output).toContain("   create AcmeCrmConnector/.yo-rc.json");
      expect(output).not.toMatch(/^\s*force /m);
      expect(output).toContain(`AcmeCrmConnector: ${listFiles(join(dir, "AcmeCrmConnector")).length} files written to AcmeCrmConnector.`);

      const kit = join(dir, "AcmeCrmConnector");
      const dry = ok(sh("npx yo mxsecure --dry-run", kit), "yo mxsecure --dry-run");
      expect(dry.stdout + dry.stderr).toContain("Dry run: 0 files would be written; nothing was written.");

      const audit = ok(sh("npx yo mxsecure:audit mxsecure.yaml", kit), "yo mxsecure:audit");
      expect(audit.stdout).toContain("mxsecure.yaml: 0 errors, 0 warnings, 0 suppressed.");
      expect(audit.stdout + audit.stderr).not.toContain("No change to package.json was detected");
      expect(audit.stdout + audit.stderr).not.toContain("package.json");

      // New answers: files the user never edited are updated, and called so; nothing is "force".
      // (Other answers over an existing kit replace its spec: a script says so with --force, issue 21.)
      writeFileSync(join(dir, "changed.yaml"), ACME.replace(/^description: .*$/m, "description: Syncs contacts, described anew."), { mode: 0o666 });
      const again = ok(sh("npx yo mxsecure --answers changed.yaml --force", dir), "yo mxsecure --answers changed.yaml --force");
      const statuses = again.stdout + again.stderr;
      expect(statuses).toContain("   update AcmeCrmConnector/README.md");
      expect(statuses).toContain("   update AcmeCrmConnector/.yo-rc.json");
      expect(statuses).not.toMatch(/^\s*force /m);
    });

    it("Ctrl-C at a yo question says it was cancelled, exits non-zero and writes nothing", () => {
      const dir = folder("yo-cancel");
      const yo = join(project, "node_modules/.bin/yo");
      const screen = inTerminal([yo, "mxsecure"], dir, [
        { expect: "Name of the external service", send: `Help Desk${ENTER}` },
        { expect: "Module name", send: CTRL_C },
        // yo prints the run's error under its own heading ("Error mxsecure"): the message is ours.
        { expect: "Cancelled; nothing was written." },
      ], 90, { HOME: home });
      expect(screen.error, screen.screen).toBeNull();
      expect(screen.screen).not.toContain("force closed");
      expect(screen.screen).not.toContain("An error occured");
      expect(screen.exitCode).not.toBe(0);
      expect(screen.screen.match(/Cancelled; nothing was written\./g)).toHaveLength(1);
      expect(listFiles(dir)).toEqual([]);
    });

    it("yo mxsecure with a bad answers file prints one message, as the bin does, and exits 1", () => {
      const dir = folder("yo-bad", { "bad.yaml": "module: 1Bad\n" });
      const yo = sh("npx yo mxsecure --answers bad.yaml", dir);
      const bin = sh("npx generator-mxsecure --answers bad.yaml", dir);
      expect(yo.code).toBe(1);
      expect(bin.code).toBe(1);
      expect(yo.stderr).not.toContain("An error occured");
      expect(stackLines(yo.stderr)).toEqual([]);
      expect(yo.stderr.trim()).toBe(bin.stderr.trim());
      expect(yo.stderr).toMatch(/^mxsecure: The answers in bad\.yaml have 4 problems:/);
      expect(listFiles(dir)).toEqual(["bad.yaml"]);
    });
  });
});
