// The Model SDK script on an app that already has the module (issue 18): it updates the module
// instead of stopping. Applied twice it converges (nothing doubled); applied after the kit gained
// a role, the app gains the role, its access rules and its microflow access; after the kit lost a
// role's access, the app loses it too. Real mendixmodelsdk objects on the offline model.
import { readFileSync } from "node:fs";
import { domainmodels, microflows, type IModel } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/lib/plan/types.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import { checkModel } from "../templates/sdk/model/lib/checks.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { examplePath, planFor, planFrom } from "./helpers/spec.js";

const def = (plan: Plan) => moduleDefinition(plan) as unknown as ModuleDefinition;

/** Everything the module's security says, as comparable text. */
function securityOf(model: IModel, plan: Plan): string[] {
  const rows: string[] = [];
  for (const entity of plan.entities) {
    const found = model.findEntityByQualifiedName(`${plan.module}.${entity.name}`) as domainmodels.Entity;
    for (const rule of found.accessRules as domainmodels.AccessRule[]) {
      rows.push(`${entity.name} ${rule.moduleRoles.map((r) => r.name).join("+")} c=${rule.allowCreate} d=${rule.allowDelete} x=${rule.xPathConstraint} ` +
        rule.memberAccesses.map((m) => `${m.attribute?.name ?? m.association?.name ?? "?"}:${m.accessRights.name}`).join(","));
    }
  }
  for (const mf of plan.microflows) {
    const found = model.findMicroflowByQualifiedName(`${plan.module}.${mf.name}`) as microflows.Microflow;
    rows.push(`microflow ${mf.name} ${found.allowedModuleRoles.map((r) => r.name).sort().join("+")}`);
  }
  const module = model.allModules().filter((m) => m.name === plan.module);
  rows.push(`modules ${module.length}`, `microflows ${model.allMicroflows().filter((m) => m.qualifiedName?.startsWith(`${plan.module}.`)).length}`);
  return rows.sort();
}

describe("the SDK script on an app that already has the module", () => {
  const plan = planFor("billing-client-credentials");

  it("is not refused by the pre-checks (a module of the same name is updated)", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(plan), recorder());
    expect(checkModel(model, def(plan))).toEqual([]);
  });

  it("converges: a second application leaves exactly what the first made", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(plan), recorder());
    const first = securityOf(model, plan);
    const report = recorder();
    buildModule(model, def(plan), report);
    expect(securityOf(model, plan)).toEqual(first);
    expect(report.steps[0]).toBe(`Module ${plan.module} exists: updating it to what this kit says`);
  });

  it("brings a new role (mxsecure role) and narrower access to the app, equal to a fresh build of the new kit", async () => {
    const yaml = readFileSync(examplePath("billing-client-credentials"), "utf8");
    const withSupport = yaml.replace(
      "roles:\n",
      "roles:\n  - name: Support\n    kind: data\n    readOnly: true\n    reach: all\n    documentation: Reads every user's invoices to answer support questions.\n",
    );
    const grown = planFrom(withSupport);
    expect(grown.roles.map((r) => r.name)).toContain("Support");
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, def(plan), recorder());
    buildModule(model, def(grown), recorder());
    const fresh = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(fresh, def(grown), recorder());
    expect(securityOf(model, grown)).toEqual(securityOf(fresh, grown));
    expect(securityOf(model, grown).some((row) => row.includes("Support"))).toBe(true);
    // And back: the role's grants leave the app with the kit (the role itself is kept, and said so).
    const report = recorder();
    buildModule(model, def(plan), report);
    expect(securityOf(model, plan)).toEqual(securityOf(await freshOf(plan), plan));
    expect(report.warnings).toContainEqual(expect.stringContaining("Module role BillingConnector.Support is no longer in the kit"));
  });
});

async function freshOf(plan: Plan): Promise<IModel> {
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  buildModule(model, def(plan), recorder());
  return model;
}
