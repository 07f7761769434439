// Silent replacement of a kit (issue 21): run from the folder that holds ErpConnector/ with an
// answers file for the same module, the existing kit (its spec, every entity and role added since)
// was replaced without a question, because its files were never hand-edited. Now a script stops
// unless --force, a terminal asks, and both say what would be lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENTER, inTerminal } from "./helpers/pty.js";
import { changedFiles, generateKit, read, write } from "./helpers/kit.js";
import { examplePath } from "./helpers/spec.js";
import { BIN, removeTempDirs, requireBuiltBin, runBin, snapshotFiles, stackLines } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const CI = { CI: "1" };

/** A kit of erp-basic that has grown an entity and a role since it was generated. */
function grownKit() {
  const kit = generateKit("erp-basic");
  const entity = runBin(["entity", "--answers", write(kit.root, "invoice.yaml", "name: Invoice\ndocumentation: An invoice the ERP issued.\n")], kit.kitDir, CI);
  expect(entity.code, entity.stderr).toBe(0);
  const role = runBin(["role", "--answers", write(kit.root, "auditor.yaml", "name: Auditor\nkind: data\nreadOnly: true\ndocumentation: Reads orders for audits.\n")], kit.kitDir, CI);
  expect(role.code, role.stderr).toBe(0);
  return kit;
}

const entityNames = (kitDir: string) => (parse(read(kitDir, "mxsecure.yaml")) as { entities: { name: string }[] }).entities.map((e) => e.name);

describe("--answers over an existing kit whose spec differs", () => {
  it("a script stops, says which entities and roles would disappear, and writes nothing", () => {
    const { root, kitDir } = grownKit();
    const before = snapshotFiles(kitDir);
    const run = runBin(["--answers", examplePath("erp-basic")], root, CI);
    expect(run.code, run.stdout).toBe(1);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/ErpConnector\/ already holds this module's kit, and its mxsecure\.yaml differs from .*erp-basic\.yaml; nothing was written/);
    expect(run.stderr).toMatch(/the entity Invoice and the role Auditor would disappear/);
    expect(run.stderr).toMatch(/run again with --force/);
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual([]);
  });

  it("--force replaces it, as asked", () => {
    const { root, kitDir } = grownKit();
    const run = runBin(["--answers", examplePath("erp-basic"), "--force"], root, CI);
    expect(run.code, run.stderr).toBe(0);
    expect(entityNames(kitDir)).not.toContain("Invoice");
  });

  it("the same answers again (the spec does not differ) need no decision", () => {
    const { root } = generateKit("erp-basic");
    const run = runBin(["--answers", examplePath("erp-basic")], root, CI);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/every file is identical/);
  });

  it.skipIf(process.platform === "win32")("a terminal asks, and \"no\" keeps the kit", () => {
    const { root, kitDir } = grownKit();
    const before = snapshotFiles(kitDir);
    const screen = inTerminal([process.execPath, BIN, "--answers", examplePath("erp-basic")], root, [
      { expect: "Replace it?", send: `n${ENTER}` },
      { expect: "Kept the existing kit" },
    ]);
    expect(screen.error, screen.screen).toBeNull();
    expect(screen.screen).toMatch(/the entity Invoice and the role Auditor would disappear/);
    expect(screen.exitCode).toBe(1);
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual([]);
    expect(entityNames(kitDir)).toContain("Invoice");
  }, 120_000);

  it.skipIf(process.platform === "win32")("a terminal asks, and \"yes\" replaces it", () => {
    const { root, kitDir } = grownKit();
    const screen = inTerminal([process.execPath, BIN, "--answers", examplePath("erp-basic")], root, [{ expect: "Replace it?", send: `y${ENTER}` }]);
    expect(screen.error, screen.screen).toBeNull();
    expect(screen.exitCode, screen.screen).toBe(0);
    expect(entityNames(kitDir)).not.toContain("Invoice");
  }, 120_000);
});

