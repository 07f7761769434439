// The renames script runs before the main scripts, so it carries their minimum-version check
// (review of issue 18): an mxcli before 0.24.0 re-mints storage GUIDs on every ALTER of an existing
// entity and leaves RENAME ENTITY's own member references stale (mendixlabs/mxcli CHANGELOG.md
// [0.24.0], Fixed, #1119), which is the data loss the renames script exists to avoid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIN_MXCLI_VERSION, renderMdl } from "../src/lib/targets/mdl/index.js";
import { mdlRenamesPath } from "../src/lib/targets/mdl/renames.js";
import { examplePath, planFrom } from "./helpers/spec.js";

const ERP = readFileSync(examplePath("erp-basic"), "utf8");
const renamed = ERP.replace("{ name: OrderNumber, type: string, length: 20 }", "{ name: OrderNo, type: string, length: 20, renamedFrom: OrderNumber }");

describe("the renames script", () => {
  it("asks for the minimum mxcli version before its first rename", () => {
    const plan = planFrom(renamed);
    const script = renderMdl(plan).find((f) => f.path === mdlRenamesPath(plan))!.contents;
    const check = script.indexOf(`mxcli --version        (must print ${MIN_MXCLI_VERSION} or later)`);
    expect(check).toBeGreaterThan(0);
    expect(script).toContain(`Needs mxcli ${MIN_MXCLI_VERSION} or later, for data safety`);
    expect(check).toBeLessThan(script.indexOf("alter entity"));
  });
});
