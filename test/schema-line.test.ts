// Issue 22: a kit's schema line works offline too. In a project that has generator-mxsecure as a
// dependency (installed), mxsecure.yaml points at the schema in node_modules by a relative path;
// anywhere else at the versioned URL.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareKitRun } from "../src/lib/kit/prepare.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { SCHEMA_MODELINE } from "../src/lib/spec/schema-url.js";
import { removeTempDirs, tempDir } from "./helpers/run.js";
import { examplePath } from "./helpers/spec.js";

afterAll(removeTempDirs);

const SCHEMA = "node_modules/generator-mxsecure/schema/mxsecure.schema.json";

function firstLine(cwd: string): { line: string; kitDir: string } {
  const file = examplePath("erp-basic");
  const run = prepareKitRun(readAnswersFile(file).data, { cwd, answersFile: file, force: false });
  return { line: run.kit.files.find((f) => f.path === "mxsecure.yaml")!.contents.split("\n")[0]!, kitDir: run.kitDir };
}

function project(dependencies: Record<string, string>, installed: boolean): string {
  const root = tempDir();
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "my-app", devDependencies: dependencies }));
  if (installed) {
    mkdirSync(dirname(join(root, SCHEMA)), { recursive: true });
    writeFileSync(join(root, SCHEMA), "{}");
  }
  return root;
}

describe("the schema line of mxsecure.yaml", () => {
  it("points into node_modules, relative to the kit, when the folder's project depends on the package", () => {
    const root = project({ "generator-mxsecure": "^0.1.0" }, true);
    const { line, kitDir } = firstLine(root);
    expect(line).toBe(`# yaml-language-server: $schema=../${SCHEMA}`);
    expect(existsSync(resolve(kitDir, `../${SCHEMA}`))).toBe(true);
    // From a subfolder of the project too.
    const sub = join(root, "connectors");
    mkdirSync(sub);
    expect(firstLine(sub).line).toBe(`# yaml-language-server: $schema=../../${SCHEMA}`);
  });

  it("is the versioned URL elsewhere: no project, a project without the dependency, or the dependency not installed", () => {
    expect(firstLine(tempDir()).line).toBe(SCHEMA_MODELINE);
    expect(firstLine(project({ other: "1.0.0" }, true)).line).toBe(SCHEMA_MODELINE);
    expect(firstLine(project({ "generator-mxsecure": "^0.1.0" }, false)).line).toBe(SCHEMA_MODELINE);
    expect(SCHEMA_MODELINE).toMatch(/^# yaml-language-server: \$schema=https:\/\/cdn\.jsdelivr\.net\/npm\/generator-mxsecure@\d+\.\d+\.\d+\/schema\/mxsecure\.schema\.json$/);
  });
});
