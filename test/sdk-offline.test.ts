// Runs the kit's Model SDK code (templates/sdk/model/lib) against the real mendixmodelsdk model
// objects, offline. The one stand-in is the model server (test/helpers/offline-model.ts): it
// serves an app with no System module, as Mendix's model server does, plus the Encryption
// module's two Java actions with their real signatures; it records the deltas the SDK would send.
import { readdirSync } from "node:fs";
import { domainmodels, microflows, projects } from "mendixmodelsdk";
import type { IModel } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/lib/plan/build.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import { checkModel } from "../templates/sdk/model/lib/checks.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { describeModule } from "../templates/sdk/model/lib/describe.js";
import { applyToApp, type Platform } from "../templates/sdk/model/lib/run.js";
import { contractPlan, userAssociation, type ContractAssociation } from "./helpers/contract-plan.js";
import { fakeServer, openOfflineModel, recorder, type FakeServer } from "./helpers/offline-model.js";

const EXAMPLES = readdirSync("examples").filter((f) => f.endsWith(".yaml")).sort();

function planOf(file: string): Plan {
  const result = validateSpec(readAnswersFile(`examples/${file}`).data);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return buildPlan(result.spec);
}

/** The generated module.ts holds exactly this data (checked in sdk.test.ts by running it). */
const definitionOf = (plan: Plan) => moduleDefinition(plan) as unknown as ModuleDefinition;

/** A fresh offline app that has the Encryption module (served as unit interfaces, like a real app). */
async function appWithEncryption(server: FakeServer = fakeServer(), version?: string): Promise<IModel> {
  return openOfflineModel(server, { encryption: true, ...(version ? { version } : {}) });
}

interface Delta {
  deltaType: string;
  elementId?: string;
  propertyName?: string;
  mutator?: { value?: unknown };
}

/** The value the last UPDATE_PROPERTY_VALUE delta sent for this element's property. */
function sentValue(server: FakeServer, elementId: string, property: string): unknown {
  const updates = (server.deltas as Delta[]).filter(
    (d) => d.deltaType === "UPDATE_PROPERTY_VALUE" && d.elementId === elementId && d.propertyName === property,
  );
  return updates.at(-1)?.mutator?.value;
}

describe("the kit's module builder against the real Model SDK (offline, no System module)", () => {
  it("the stand-in app has no System module: System.User and System.owner do not resolve, as on a real app", async () => {
    const model = await appWithEncryption();
    expect(model.allModules().map((m) => m.name)).toEqual(["Encryption", "NanoflowCommons"]);
    // Served like a real server serves a Marketplace module: interfaces only, not loaded.
    expect(model.allJavaActions().map((a) => [a.qualifiedName, a.isLoaded])).toEqual([
      ["Encryption.EncryptString", false],
      ["Encryption.DecryptString", false],
    ]);
    expect(model.findEntityByQualifiedName("System.User")).toBeNull();
    expect(model.findAssociationBaseByQualifiedName("System.owner")).toBeNull();
  });

  const cases = EXAMPLES.flatMap((file) => [
    { name: file, plan: () => planOf(file) },
    { name: `${file} (contract plan: user association, a rule on every entity)`, plan: () => contractPlan(planOf(file)) },
  ]);
  for (const { name, plan: makePlan } of cases) {
    it(`${name}: builds every element of the plan, reporting exactly the --dry-run lines`, async () => {
      const plan = makePlan();
      const def = definitionOf(plan);
      const server = fakeServer();
      const model = await appWithEncryption(server);
      expect(checkModel(model, def)).toEqual([]);

      const report = recorder();
      const built = buildModule(model, def, report);
      expect(report.steps).toEqual(describeModule(def));
      expect(report.warnings.filter((w) => w.includes("System"))).toEqual([]);
      await model.flushChanges();
      expect(server.deltas.length).toBeGreaterThan(0);

      const q = (n: string) => `${plan.module}.${n}`;
      for (const role of plan.roles) {
        expect(model.findModuleRoleByQualifiedName(q(role.name))).toBe(built.roles.get(role.name));
        expect(built.roles.get(role.name)!.description).toBe(role.documentation);
      }
      expect(built.module.folders.map((f) => f.name)).toEqual(plan.folders);

      for (const entity of plan.entities) {
        const created = built.entities.get(entity.name)!;
        expect(created.documentation).toBe(entity.documentation);
        const generalization = created.generalization as domainmodels.NoGeneralization;
        expect(generalization.persistable).toBe(entity.persistable);
        expect(generalization.hasOwner).toBe(entity.storeOwner);
        expect(created.attributes.map((a) => a.name)).toEqual(entity.attributes.map((a) => a.name));
        for (const attribute of entity.attributes) {
          const made = created.attributes.find((a) => a.name === attribute.name)!;
          if (attribute.type === "string") expect((made.type as domainmodels.StringAttributeType).length).toBe(attribute.length);
          if (attribute.defaultValue !== undefined) expect((made.value as domainmodels.StoredValue).defaultValue).toBe(attribute.defaultValue);
        }
        for (const association of entity.associations as ContractAssociation[]) {
          const made = built.associations.get(association.name)!;
          expect(made.name).toBe(association.name);
          expect(made.parent).toBe(created);
          const childName = made instanceof domainmodels.CrossAssociation ? made.childQualifiedName : (made as domainmodels.Association).child.qualifiedName;
          expect(childName).toBe(association.child.includes(".") ? association.child : q(association.child));
          expect(made.deleteBehavior.childDeleteBehavior).toBe(
            association.deleteWithChild ? domainmodels.DeletingBehavior.DeleteMeAndReferences : domainmodels.DeletingBehavior.DeleteMeButKeepReferences,
          );
          if (made instanceof domainmodels.CrossAssociation) {
            // Set by name: the delta carries the qualified name the model server stores.
            expect(sentValue(server, made.id, "child")).toBe(association.child);
          }
        }
        expect(created.accessRules.map((r) => r.moduleRoles.map((role) => role.name))).toEqual(entity.accessRules.map((r) => [r.role]));
        entity.accessRules.forEach((rule, i) => {
          const made = created.accessRules[i]!;
          expect(made.allowCreate).toBe(rule.allowCreate);
          expect(made.allowDelete).toBe(rule.allowDelete);
          expect(made.defaultMemberAccessRights).toBe(domainmodels.MemberAccessRights.None);
          expect(made.xPathConstraint).toBe(rule.xpath ?? "");
          expect(made.documentation).toBe(rule.documentation);
          // Every member the plan lists, System.owner included, by the name Studio Pro stores.
          const rights = made.memberAccesses.map((m) => [m.attributeQualifiedName ?? m.associationQualifiedName, m.accessRights.name]);
          expect(rights).toEqual(
            rule.members.map((m) => [m.kind === "system" ? m.member : m.kind === "attribute" ? `${q(entity.name)}.${m.member}` : q(m.member), m.rights]),
          );
          made.memberAccesses
            .filter((m) => m.associationQualifiedName === "System.owner")
            .forEach((m) => expect(sentValue(server, m.id, "association")).toBe("System.owner"));
        });
      }

      for (const constant of plan.constants) {
        const made = model.findConstantByQualifiedName(q(constant.name)) as unknown as { defaultValue: string; exposedToClient: boolean; documentation: string };
        expect(made).toMatchObject({ defaultValue: "", exposedToClient: false, documentation: constant.documentation });
      }

      for (const microflow of plan.microflows) {
        const made = model.findMicroflowByQualifiedName(q(microflow.name)) as microflows.Microflow;
        expect(made.documentation).toBe(microflow.documentation);
        expect(made.applyEntityAccess).toBe(microflow.applyEntityAccess);
        expect(made.allowedModuleRoles.map((r) => r.name)).toEqual(microflow.allowedRoles);
        const objects = made.objectCollection.objects;
        const calls = objects
          .filter((o): o is microflows.ActionActivity => o instanceof microflows.ActionActivity)
          .map((a) => a.action)
          .filter((a): a is microflows.JavaActionCallAction => a instanceof microflows.JavaActionCallAction);
        const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
        const expected = all(microflow.steps).flatMap((s) =>
          s.kind === "encrypt" ? ["Encryption.EncryptString"] : s.kind === "decrypt" ? ["Encryption.DecryptString"] : s.kind === "callJava" ? [s.action] : [],
        );
        expect(calls.map((c) => c.javaActionQualifiedName).sort()).toEqual(expected.sort());
        // Every object on the flow leaves by one flow, a decision by two, an end event by none.
        const onLine = objects.filter((o) => !(o instanceof microflows.Annotation) && !(o instanceof microflows.MicroflowParameterObject));
        const ends = onLine.filter((o) => o instanceof microflows.EndEvent).length;
        const splits = onLine.filter((o) => o instanceof microflows.ExclusiveSplit).length;
        expect(made.flows.length).toBe(onLine.length - ends + splits);
      }
    });
  }

  it("the contract plan renders the owner as an association to System.User, deleted with the user", async () => {
    const plan = contractPlan(planOf("acme-crm-oauth.yaml"));
    const contact = plan.entities.find((e) => e.name === "Contact")!;
    const model = await appWithEncryption();
    const built = buildModule(model, definitionOf(plan), recorder());
    const association = built.associations.get(userAssociation("Contact"));
    expect(association).toBeInstanceOf(domainmodels.CrossAssociation);
    expect((association as domainmodels.CrossAssociation).childQualifiedName).toBe("System.User");
    expect(association!.deleteBehavior.childDeleteBehavior).toBe(domainmodels.DeletingBehavior.DeleteMeAndReferences);
    for (const rule of built.entities.get("Contact")!.accessRules) {
      expect(rule.memberAccesses.find((m) => m.associationQualifiedName === `${plan.module}.Contact_User`)?.accessRights).toBe(
        domainmodels.MemberAccessRights.ReadOnly,
      );
    }
    // Roles of reach "own" are constrained to their own contacts; a reporting role with reach "all" is not (issue 10).
    const own = contact.accessRules.filter((r) => plan.roles.find((role) => role.name === r.role)?.reach === "own");
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.xpath === `[${plan.module}.Contact_User='[%CurrentUser%]']`)).toBe(true);
    // A rule with no rights at all on the entity no role may touch.
    const request = built.entities.get("AuthorizationRequest")!;
    expect(request.accessRules).toHaveLength(1);
    const [rule] = request.accessRules;
    expect([rule!.allowCreate, rule!.allowDelete, rule!.xPathConstraint]).toEqual([false, false, ""]);
    expect(rule!.memberAccesses.length).toBeGreaterThan(0);
    expect(rule!.memberAccesses.every((m) => m.accessRights === domainmodels.MemberAccessRights.None)).toBe(true);
  });

  it("maps the secret's plain text into EncryptString and stores the result with its IsSet flag", async () => {
    const def = definitionOf(planOf("billing-client-credentials.yaml"));
    const model = await appWithEncryption();
    buildModule(model, def, recorder());
    const made = model.findMicroflowByQualifiedName(`${def.name}.ACT_ConnectionDetails_Save`) as microflows.Microflow;
    const actions = made.objectCollection.objects.filter((o) => o instanceof microflows.ActionActivity).map((a) => (a as microflows.ActionActivity).action);
    const encrypt = actions.find((a) => a instanceof microflows.JavaActionCallAction && a.javaActionQualifiedName === "Encryption.EncryptString") as microflows.JavaActionCallAction;
    const value = encrypt.parameterMappings.find((m) => m.parameter.name === "value")!.parameterValue as microflows.BasicCodeActionParameterValue;
    expect(value.argument).toBe("$SecretInput/ClientSecret");
    const stores = actions.filter(
      (a): a is microflows.ChangeObjectAction => a instanceof microflows.ChangeObjectAction && a.items.some((i) => i.value === `$${encrypt.outputVariableName}`),
    );
    expect(stores.map((c) => c.items.map((i) => [i.attribute?.name, i.value]))).toEqual([
      [
        ["EncryptedClientSecret", "$EncryptedClientSecret"],
        ["ClientSecretIsSet", "true"],
      ],
    ]);
  });

  for (const version of ["9.24.0", "10.24.0", "11.6.0"]) {
    it(`accepts every property it sets on a Mendix ${version} model`, async () => {
      const model = await appWithEncryption(fakeServer(), version);
      // The SDK throws when a property does not exist in the model's Mendix version.
      expect(() => buildModule(model, definitionOf(contractPlan(planOf("acme-crm-oauth.yaml"))), recorder())).not.toThrow();
      await model.flushChanges();
    });
  }
});

describe("pre-checks on the opened app", () => {
  const def = definitionOf(planOf("billing-client-credentials.yaml"));

  it("reports a module name already taken (whatever its case) and a missing Encryption module, and nothing about System.User", async () => {
    expect(def.dependencies.map((d) => d.module)).toContain("Encryption");
    const model = await openOfflineModel(fakeServer());
    projects.Module.createIn(model.root).name = def.name.toUpperCase();
    const problems = checkModel(model, def);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`already has a module named ${def.name.toUpperCase()}`);
    expect(problems[1]).toMatch(/Encryption module is missing.*Marketplace/);
  });

  it("reports a missing NanoflowCommons before building, when the authorize nanoflows call OpenURL (and not when it is there)", async () => {
    const oauth = definitionOf(planOf("acme-crm-oauth.yaml"));
    const without = await openOfflineModel(fakeServer(), { encryption: true, nanoflowCommons: false });
    expect(checkModel(without, oauth)).toEqual([expect.stringMatching(/^The NanoflowCommons module is missing \(NanoflowCommons\.OpenURL not found\)\. Add it from the Marketplace/)]);
    const withIt = await openOfflineModel(fakeServer(), { encryption: true });
    expect(checkModel(withIt, oauth)).toEqual([]);
    // A kit without nanoflows never asks for it.
    expect(checkModel(without, def)).toEqual([]);
  });

  it("does not ask for the Encryption module when no secret is stored in the database", async () => {
    const open = definitionOf(planOf("open-data-none.yaml"));
    expect(open.dependencies.map((d) => d.module)).not.toContain("Encryption");
    const model = await openOfflineModel(fakeServer());
    expect(checkModel(model, open)).toEqual([]);
  });
});

describe("a whole run with a fake platform around the offline model", () => {
  const def = definitionOf(planOf("billing-client-credentials.yaml"));
  const run = (options: { encryption?: boolean; failExport?: Error; commit?: string; def?: ModuleDefinition }) => {
    const def = options.def ?? definitionOf(planOf("billing-client-credentials.yaml"));
    const server: FakeServer = { deltas: [], exports: [], ...(options.failExport ? { failExport: options.failExport } : {}) };
    const calls = { deleted: [] as string[], committed: [] as string[], log: [] as string[], error: [] as string[] };
    const platform: Platform = {
      async createTemporaryWorkingCopy() {
        return {
          id: "wc-1",
          openModel: async () => {
            return openOfflineModel(server, { encryption: options.encryption ?? true });
          },
          commit: async (branch, message) => void calls.committed.push(`${branch}: ${message}`),
        };
      },
      async deleteWorkingCopy(id) {
        calls.deleted.push(id);
      },
    };
    const output = options.commit ? { kind: "commit" as const, message: options.commit } : { kind: "mpk" as const, path: `${def.name}.mpk` };
    const code = applyToApp(def, { dryRun: false, app: "app-id", branch: "main", output }, platform, {
      log: (l) => calls.log.push(l),
      error: (l) => calls.error.push(l),
    });
    return { code, calls, server };
  };

  for (const file of EXAMPLES) {
    for (const [label, plan] of [
      ["plan", () => planOf(file)],
      ["contract plan", () => contractPlan(planOf(file))],
    ] as const) {
      it(`${file} (${label}): runs end to end on an app without a System module and exports the module`, async () => {
        const { code, calls, server } = run({ def: definitionOf(plan()) });
        expect(await code).toBe(0);
        expect(calls.error).toEqual([]);
        expect(server.exports).toHaveLength(1);
        expect(calls.deleted).toEqual(["wc-1"]);
      });
    }
  }

  it("exports the new module, tells the user to import it, and deletes the working copy", async () => {
    const { code, calls, server } = run({});
    expect(await code).toBe(0);
    expect(server.exports).toHaveLength(1);
    expect(server.exports[0]!.path.endsWith(`${def.name}.mpk`)).toBe(true);
    expect(calls.log.join("\n")).toContain("App > Import module package");
    expect(calls.deleted).toEqual(["wc-1"]);
    expect(calls.error).toEqual([]);
  });

  it("commits instead of exporting with --commit", async () => {
    const { code, calls, server } = run({ commit: "Add connector module" });
    expect(await code).toBe(0);
    expect(server.exports).toEqual([]);
    expect(calls.committed).toEqual(["main: Add connector module"]);
  });

  it("stops with exit code 2 before building when the Encryption module is missing, and deletes the working copy", async () => {
    const { code, calls, server } = run({ encryption: false });
    expect(await code).toBe(2);
    expect(calls.error[0]).toMatch(/Encryption module is missing/);
    expect(server.deltas).toEqual([]);
    expect(calls.deleted).toEqual(["wc-1"]);
  });

  it("turns a server failure into one readable line and still deletes the working copy", async () => {
    const failure = Object.assign(new Error("Request failed, POST '/v1/wc/wc-1/module-export' message: Forbidden\n    at stack"), { responseStatus: 403 });
    const { code, calls } = run({ failExport: failure });
    expect(await code).toBe(1);
    expect(calls.error[0]).toMatch(/^Access denied: the token needs the mx:modelrepository:repo:write scope/);
    expect(calls.error.join("\n")).not.toContain("at stack");
    expect(calls.deleted).toEqual(["wc-1"]);
  });
});
