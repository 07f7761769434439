// After `mxsecure role` / `mxsecure entity` / a regeneration, the bin says how the change reaches an
// app that already has the module, by both routes, and names in words the attributes the MDL route
// would delete with their data (issue 18). Through the real bin, as a user runs it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKit, read, write } from "./helpers/kit.js";
import { removeTempDirs, requireBuiltBin, runBin } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);
const CI = { CI: "1" };

describe("a changed kit", () => {
  it("mxsecure role prints what to run for both routes; a first generation does not", () => {
    const kit = generateKit("erp-basic");
    const role = write(kit.root, "role.yaml", "kind: data\nreadOnly: true\ndocumentation: Reads sales orders to answer customer questions.\n");
    const result = runBin(["role", "Support", "--answers", role], kit.kitDir, CI);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("To bring this change to an app that already has ErpConnector, apply the kit again (README.md):");
    expect(result.stdout).toMatch(/mxcli route: +mxcli --version +\(0\.24\.0 or later\), then mxcli exec model\/ErpConnector\.mdl -p App\.mpr and mxcli exec model\/ErpConnector\.microflows\.mdl -p App\.mpr/);
    expect(result.stdout).toMatch(/Model SDK route: cd model && npm run apply -- --app <App ID> --commit "Update ErpConnector"/);
    expect(result.stdout).not.toContain("DATA LOSS");
    const first = runBin(["--answers", join(kit.kitDir, "mxsecure.yaml")], kit.root, CI);
    expect(first.stdout).not.toContain("To bring this change");
  });

  it("a regeneration that rewrites only README.md (--force over an edit) changes no app, so it says nothing about applying", () => {
    const kit = generateKit("erp-basic");
    writeFileSync(join(kit.kitDir, "README.md"), "# Our notes\n");
    const result = runBin(["--force"], kit.kitDir, CI);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/force README\.md/);
    expect(result.stdout).not.toContain("To bring this change");
  });

  it("a regeneration that drops an attribute says, in words, that the MDL route deletes it with its data", () => {
    const kit = generateKit("erp-basic");
    const spec = read(kit.kitDir, "mxsecure.yaml");
    expect(spec).toContain("Quantity");
    // The whole list item: its name line and the lines indented under it.
    writeFileSync(join(kit.kitDir, "mxsecure.yaml"), spec.replace(/^ *- name: Quantity\n(?: {8}\S.*\n)*/m, ""));
    const result = runBin([], kit.kitDir, CI);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "warning DATA LOSS: SalesOrder.Quantity is no longer in the kit. Re-running model/ErpConnector.mdl deletes it and its value in every SalesOrder object.",
    );
  });

  it("a rename with renamedFrom is no data loss, and the run names the renames script", () => {
    const kit = generateKit("erp-basic");
    const spec = read(kit.kitDir, "mxsecure.yaml");
    writeFileSync(join(kit.kitDir, "mxsecure.yaml"), spec.replace("      - name: OrderNumber\n", "      - name: OrderNo\n        renamedFrom: OrderNumber\n"));
    const result = runBin([], kit.kitDir, CI);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("DATA LOSS");
    expect(result.stdout).toContain("mxcli exec model/ErpConnector.renames.mdl -p App.mpr (once),");
    expect(read(kit.kitDir, "model/ErpConnector.renames.mdl")).toContain('rename attribute "OrderNumber" to "OrderNo"');
  });
});

describe("a SECURITY.md kept with only your own wording", () => {
  it("is reported as kept as you edited it, not as describing access the scripts no longer apply", () => {
    const kit = generateKit("erp-basic");
    writeFileSync(join(kit.kitDir, "SECURITY.md"), `${read(kit.kitDir, "SECURITY.md")}\nReviewed by our security officer.\n`);
    writeFileSync(join(kit.kitDir, ".yo-resolve"), "SECURITY.md skip\n");
    const result = runBin([], kit.kitDir, CI);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      "warning SECURITY.md was kept as you edited it; no line that grants or limits access differs from what the spec generates. mxsecure audit reports it too.",
    );
  });
});
