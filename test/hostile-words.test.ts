// Words out (issue 21): what a hostile or mistaken input makes mxsecure print or create. A file
// that is no answers file is named as such without echoing its lines; names that Windows cannot
// hold as file names are refused; a full disk leaves no empty folders behind.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKit, write } from "./helpers/kit.js";
import { examplePath } from "./helpers/spec.js";
import { removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir, type BinResult } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const CI = { CI: "1" };
const SHADOW = "root:$6$Zq9sECRETsalt$hashhashhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";

function expectOneLine(run: BinResult, mentions: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
  expect(stackLines(run.stderr)).toEqual([]);
  expect(run.stderr).toMatch(mentions);
}

/** Every entry under `dir`, folders included (a folder left empty shows as "name/"). */
function entries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .map((e) => `${join(e.parentPath, e.name).slice(dir.length + 1)}${e.isDirectory() ? "/" : ""}`)
    .sort();
}

describe("a file that is not an answers file at all", () => {
  it("a password file given as --answers: named as not an answers file, none of its lines echoed", () => {
    const dir = tempDir();
    const run = runBin(["--answers", write(dir, "shadow", SHADOW)], dir, CI);
    expectOneLine(run, /shadow is not an answers file: it has none of its fields \(\$schema, module, description/);
    expect(run.stderr).not.toMatch(/root|daemon|hashhash|unknown field/);
    expect(entries(dir)).toEqual(["shadow"]);
  });

  it("a foreign YAML mapping given to `entity --answers`: not an entity file, nothing echoed", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const run = runBin(["entity", "--answers", write(root, "config.yaml", "db_password: hunter2\nhost: internal.example\n")], kitDir, CI);
    expectOneLine(run, /config\.yaml is not an entity file: it has none of its fields \(name, documentation/);
    expect(run.stderr).not.toMatch(/hunter2|db_password|internal\.example/);
  });

  it("a real answers file with one unknown field still gets the usual unknown-field message", () => {
    const dir = tempDir();
    const text = `${readFileSync(examplePath("erp-basic"), "utf8")}colour: blue\n`;
    const run = runBin(["--answers", write(dir, "answers.yaml", text)], dir, CI);
    expectOneLine(run, /colour: unknown field/);
  });
});

describe("names that Windows cannot hold as file names", () => {
  const erp = () => readFileSync(examplePath("erp-basic"), "utf8");

  it("a module named CON is refused: the kit folder could not exist on Windows", () => {
    const dir = tempDir();
    const run = runBin(["--answers", write(dir, "a.yaml", erp().replace(/^module: .*$/m, "module: CON"))], dir, CI);
    expectOneLine(run, /module: CON is a device name on Windows/);
    expect(entries(dir)).toEqual(["a.yaml"]);
  });

  it("an entity named Nul or Com1 is refused (Mendix writes a Java proxy file per entity)", () => {
    const { root, kitDir } = generateKit("erp-basic");
    for (const name of ["Nul", "Com1"]) {
      const run = runBin(["entity", "--answers", write(root, `${name}.yaml`, `name: ${name}\ndocumentation: A thing.\n`)], kitDir, CI);
      expectOneLine(run, new RegExp(`${name} is a device name on Windows`));
    }
  });

  it("a folder beside the kit whose name differs only by case (erpconnector/) is refused", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "erpconnector"));
    const run = runBin(["--answers", examplePath("erp-basic")], dir, CI);
    expectOneLine(run, /erpconnector is already here, and ErpConnector differs from it only by case/);
    expect(entries(dir)).toEqual(["erpconnector/"]);
  });
});

describe("a disk that fills up while the kit is written", () => {
  const DISK_FULL = new URL("./helpers/disk-full.mjs", import.meta.url).href;

  it("leaves no file and no empty folder, and says the disk is full", () => {
    for (const at of [1, 8, 20]) {
      const dir = tempDir();
      const run = runBin(["--answers", examplePath("erp-basic")], dir, { ...CI, NODE_OPTIONS: `--import=${DISK_FULL}`, MXSECURE_DISK_FULL_AT: String(at) });
      expectOneLine(run, /Could not write .*ENOSPC.*\(the disk is full\)\. No file was written\./);
      expect(entries(dir), `disk full at write ${at}`).toEqual([]);
    }
  });
});
