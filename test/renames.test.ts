// Renames without data loss (issue 18): `renamedFrom` on an attribute or an entity, and both
// appliers rename in place. MDL: the run-once renames script (alter entity ... rename attribute,
// rename entity), with the main script's `create or modify entity` then finding the new names.
// SDK: the update of an existing module finds the element by its previous name and renames the
// same model object (its id does not change), and says in words what a deletion would lose.
import { readFileSync } from "node:fs";
import { domainmodels } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/lib/plan/types.js";
import { mdlScriptPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { mdlRenamesPath } from "../src/lib/targets/mdl/renames.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { secondRunFailures } from "./helpers/mxcli-rerun.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { examplePath, planFrom, problemsOf } from "./helpers/spec.js";

const ERP = readFileSync(examplePath("erp-basic"), "utf8");
const renamedAttribute = ERP.replace("{ name: OrderNumber, type: string, length: 20 }", "{ name: OrderNo, type: string, length: 20, renamedFrom: OrderNumber }");
const renamedEntity = renamedAttribute.replace("  - name: SalesOrder\n", "  - name: CustomerOrder\n    renamedFrom: SalesOrder\n");
const droppedAttribute = ERP.replace("      - { name: Quantity, type: long }\n", "");

const def = (plan: Plan) => moduleDefinition(plan) as unknown as ModuleDefinition;
const scripts = (plan: Plan) => Object.fromEntries(renderMdl(plan).map((f) => [f.path, f.contents]));

describe("renaming an attribute in the kit", () => {
  const before = planFrom(ERP);
  const after = planFrom(renamedAttribute);

  it("is a valid spec, and a previous name that is still in use is refused with the field named", () => {
    expect(renamedAttribute).not.toBe(ERP);
    expect(problemsOf(renamedAttribute)).toEqual([]);
    const clash = ERP.replace("{ name: Amount, type: decimal }", "{ name: Amount, type: decimal, renamedFrom: OrderNumber }");
    expect(problemsOf(clash).map((p) => p.path)).toEqual(["entities[0].attributes[1].renamedFrom"]);
  });

  it("MDL: the renames script renames it in place before the main script, which lists only the new name", () => {
    const files = scripts(after);
    const renames = files[mdlRenamesPath(after)]!;
    expect(renames).toContain('alter entity "ErpConnector"."SalesOrder" rename attribute "OrderNumber" to "OrderNo";');
    const parsed = parseMdl(renames);
    expect(parsed.statements.map((s) => s.rule)).toEqual(["alterEntityRenameAttribute"]);
    // Run once: a second run fails at the rename (the old name is gone), and the header says so.
    expect(secondRunFailures(parsed.statements)).toHaveLength(1);
    expect(renames).toMatch(/Run it ONCE, before model\/ErpConnector\.mdl/);
    const main = files[mdlScriptPath(after)]!;
    expect(main).toContain('"OrderNo": string(20)');
    expect(main).not.toContain('"OrderNumber"');
    expect(main).not.toMatch(/^(rename|alter) /m);
    // No renames, no renames script.
    expect(scripts(before)[mdlRenamesPath(before)]).toBeUndefined();
  });

  it("SDK: applied to an app that has the module, it renames the same attribute object, and nothing is added or lost", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(before), recorder());
    const entity = () => model.findEntityByQualifiedName("ErpConnector.SalesOrder") as domainmodels.Entity;
    const original = entity().attributes.find((a) => a.name === "OrderNumber")!;
    const count = entity().attributes.length;
    const report = recorder();
    buildModule(model, def(after), report);
    const renamed = entity().attributes.find((a) => a.name === "OrderNo")!;
    expect(renamed.id).toBe(original.id);
    expect(entity().attributes.map((a) => a.name)).not.toContain("OrderNumber");
    expect(entity().attributes).toHaveLength(count);
    expect(report.steps).toContain("Renamed attribute ErpConnector.SalesOrder.OrderNumber to OrderNo in place: its values are kept.");
    expect(model.allModules().filter((m) => m.name === "ErpConnector")).toHaveLength(1);
  });
});

describe("renaming an entity in the kit", () => {
  it("MDL renames the entity first, then its attribute under the new entity name; SDK keeps the same entity object", async () => {
    const after = planFrom(renamedEntity);
    const renames = scripts(after)[mdlRenamesPath(after)]!;
    expect(parseMdl(renames).statements.map((s) => [s.rule, s.name.join(".")])).toEqual([
      ["renameEntityStatement", "ErpConnector.SalesOrder"],
      ["alterEntityRenameAttribute", "ErpConnector.CustomerOrder"],
    ]);
    expect(renames).toContain('rename entity "ErpConnector"."SalesOrder" to "CustomerOrder";');

    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(planFrom(ERP)), recorder());
    const id = model.findEntityByQualifiedName("ErpConnector.SalesOrder")!.id;
    buildModule(model, def(after), recorder());
    expect(model.findEntityByQualifiedName("ErpConnector.CustomerOrder")?.id).toBe(id);
    expect(model.findEntityByQualifiedName("ErpConnector.SalesOrder")).toBeNull();
  });
});

describe("an attribute the kit no longer lists (no renamedFrom)", () => {
  it("the SDK update keeps it with its values and says, in words, that deleting it is data loss", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(planFrom(ERP)), recorder());
    const report = recorder();
    buildModule(model, def(planFrom(droppedAttribute)), report);
    const entity = model.findEntityByQualifiedName("ErpConnector.SalesOrder") as domainmodels.Entity;
    expect(entity.attributes.map((a) => a.name)).toContain("Quantity");
    expect(report.warnings).toContainEqual(expect.stringMatching(/^Attribute ErpConnector\.SalesOrder\.Quantity is no longer in the kit; it was kept with its values\. Deleting it in Studio Pro deletes its value in every SalesOrder object \(data loss\)/));
  });
});
