// Runs the kit's Model SDK code (templates/sdk/model/lib) against the real mendixmodelsdk model
// objects, offline. What stands in for the Mendix model server: a fake IModelServerClient passed
// through the SDK's internal `ISdkConfig.client` hook. It serves an app that holds only a project
// root plus stand-ins for the System module (System.User) and the Encryption module (its two Java
// actions), and it records the deltas the SDK would send. Everything above that client (the
// model objects, property checks per Mendix version, qualified-name lookup, delta creation) is
// the real SDK.
import { readdirSync } from "node:fs";
import { codeactions, datatypes, domainmodels, javaactions, microflows, Model, projects } from "mendixmodelsdk";
import type { IModel } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/lib/plan/build.js";
import type { Plan } from "../src/lib/plan/types.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { Report } from "../templates/sdk/model/lib/built.js";
import { checkModel } from "../templates/sdk/model/lib/checks.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { describeModule } from "../templates/sdk/model/lib/describe.js";
import { applyToApp, type Platform } from "../templates/sdk/model/lib/run.js";

const EXAMPLES = readdirSync("examples").filter((f) => f.endsWith(".yaml")).sort();

function planOf(file: string): Plan {
  const result = validateSpec(readAnswersFile(`examples/${file}`).data);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return buildPlan(result.spec);
}

/** The generated module.ts holds exactly this data (checked in sdk.test.ts by running it). */
const definitionOf = (plan: Plan) => moduleDefinition(plan) as unknown as ModuleDefinition;

interface FakeServer {
  deltas: unknown[];
  exports: { moduleId: string; path: string }[];
  failExport?: Error;
}

const silentStream = () => ({ addEventListener() {}, removeEventListener() {}, close() {}, onerror: null, onmessage: null, onopen: null });

/** Opens a model whose "server" is this fake; `version` is the app's Mendix (metamodel) version. */
async function openOfflineModel(server: FakeServer, version = "10.24.0"): Promise<IModel> {
  const client = {
    loadWorkingCopyMetaData(id: string, ok: (wc: unknown) => void) {
      ok({
        id,
        metaData: { name: "Offline", description: "", avatarUrl: "", projectId: "app", metaModelVersion: version },
        members: [],
        mprFileName: "App.mpr",
        mprMetaData: { _ProductVersion: version, _BuildVersion: version, _SchemaHash: "" },
        mergeData: null,
        uploadDateTime: 0,
        changed: false,
        isCollaboration: false,
      });
    },
    loadUnitInterfaces(_id: string, ok: (r: unknown) => void) {
      ok({ eventId: 0, units: [{ $Type: "Projects$Project", $ID: "project-root", contents: {}, containerId: "", containmentName: "" }] });
    },
    sendDeltas(_id: string, deltas: unknown[], ok: (r: unknown) => void) {
      server.deltas.push(...deltas);
      ok({ firstError: null, eventId: server.deltas.length });
    },
    exportModuleMpk(_id: string, moduleId: string, path: string, ok: () => void, fail: (e: Error) => void) {
      if (server.failExport) return fail(server.failExport);
      server.exports.push({ moduleId, path });
      ok();
    },
    getModelEventSource: silentStream,
    getWorkingCopyEventSource: silentStream,
  };
  // The client implements only what these runs call; the SDK's type lists every server call.
  const sdk = Model.createSdkClient({ client: client as never });
  return sdk.openWorkingCopy("offline-working-copy");
}

/** Stand-ins for what a real app brings: System.User, and the Encryption module's Java actions. */
function addAppModules(model: IModel, { encryption = true, systemUser = true } = {}): void {
  if (systemUser) {
    const system = projects.Module.createIn(model.root);
    system.name = "System";
    const user = domainmodels.Entity.createIn(domainmodels.DomainModel.createIn(system));
    user.name = "User";
  }
  if (encryption) {
    const module = projects.Module.createIn(model.root);
    module.name = "Encryption";
    javaAction(module, "EncryptString", ["value", "key", "prefix"]);
    javaAction(module, "DecryptString", ["value", "key", "prefix", "legacyKey"]);
  }
}

function javaAction(module: projects.Module, name: string, parameters: string[]): void {
  const action = javaactions.JavaAction.createIn(module);
  action.name = name;
  codeactions.StringType.createInCodeActionUnderActionReturnType(action);
  for (const parameterName of parameters) {
    const parameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
    parameter.name = parameterName;
    const type = codeactions.BasicParameterType.create(module.model);
    parameter.actionParameterType = type;
    codeactions.StringType.createInBasicParameterTypeUnderType(type);
  }
}

function recorder(): Report & { steps: string[]; warnings: string[] } {
  const steps: string[] = [];
  const warnings: string[] = [];
  return { steps, warnings, step: (line) => steps.push(line), warn: (line) => warnings.push(line) };
}

describe("the kit's module builder against the real Model SDK (offline)", () => {
  for (const file of EXAMPLES) {
    it(`${file}: builds every element of the plan, reporting exactly the --dry-run lines`, async () => {
      const plan = planOf(file);
      const def = definitionOf(plan);
      const server: FakeServer = { deltas: [], exports: [] };
      const model = await openOfflineModel(server);
      addAppModules(model);
      expect(checkModel(model, def)).toEqual([]);

      const report = recorder();
      const built = buildModule(model, def, report);
      expect(report.steps).toEqual(describeModule(def));
      await model.flushChanges();
      expect(server.deltas.length).toBeGreaterThan(0);

      const q = (name: string) => `${plan.module}.${name}`;
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
        expect(created.accessRules.map((r) => r.moduleRoles.map((role) => role.name))).toEqual(entity.accessRules.map((r) => [r.role]));
        entity.accessRules.forEach((rule, i) => {
          const made = created.accessRules[i]!;
          expect(made.allowCreate).toBe(rule.allowCreate);
          expect(made.allowDelete).toBe(rule.allowDelete);
          expect(made.defaultMemberAccessRights).toBe(domainmodels.MemberAccessRights.None);
          expect(made.xPathConstraint).toBe(rule.xpath ?? "");
          const rights = made.memberAccesses.map((m) => [m.attribute?.name ?? m.association?.name, m.accessRights.name]);
          // System.owner is not in this stand-in model, so the builder leaves it to Studio Pro (None).
          expect(rights).toEqual(rule.members.filter((m) => m.kind !== "system").map((m) => [m.member, m.rights]));
        });
      }
      const ownerRules = plan.entities.flatMap((e) => e.accessRules.filter((r) => r.members.some((m) => m.kind === "system")));
      expect(report.warnings.filter((w) => w.includes("System.owner"))).toHaveLength(ownerRules.length);

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
        const expected = microflow.steps.flatMap((s) => (s.kind === "encrypt" ? ["Encryption.EncryptString"] : s.kind === "decrypt" ? ["Encryption.DecryptString"] : []));
        expect(calls.map((c) => c.javaActionQualifiedName)).toEqual(expected);
        for (const call of calls) {
          const argument = (name: string) =>
            (call.parameterMappings.find((m) => m.parameter.name === name)?.parameterValue as microflows.BasicCodeActionParameterValue).argument;
          expect(argument("key")).toBe("@Encryption.EncryptionKey");
          expect(argument("prefix")).toBe("@Encryption.EncryptionPrefix");
        }
        // A straight line: start, every activity, end, joined by one flow less than objects on it.
        const onLine = objects.filter((o) => !(o instanceof microflows.Annotation) && !(o instanceof microflows.MicroflowParameterObject));
        expect(made.flows.length).toBe(onLine.length - 1);
      }
    });
  }

  it("maps the secret's plain text into EncryptString and stores the result with its IsSet flag", async () => {
    const def = definitionOf(planOf("billing-client-credentials.yaml"));
    const save = def.microflows.find((m) => m.steps.some((s) => s.kind === "encrypt"));
    expect(save, "an example with database secrets has an encrypting microflow").toBeDefined();
    const model = await openOfflineModel({ deltas: [], exports: [] });
    addAppModules(model);
    buildModule(model, def, recorder());
    const made = model.findMicroflowByQualifiedName(`${def.name}.${save!.name}`) as microflows.Microflow;
    const actions = made.objectCollection.objects.filter((o) => o instanceof microflows.ActionActivity).map((a) => (a as microflows.ActionActivity).action);
    const encrypt = actions.find((a) => a instanceof microflows.JavaActionCallAction) as microflows.JavaActionCallAction;
    const value = encrypt.parameterMappings.find((m) => m.parameter.name === "value")!.parameterValue as microflows.BasicCodeActionParameterValue;
    const step = save!.steps.find((s) => s.kind === "encrypt")!;
    if (step.kind !== "encrypt") throw new Error("unreachable");
    expect(value.argument).toBe(`$${step.from}`);
    const change = actions.find((a) => a instanceof microflows.ChangeObjectAction) as microflows.ChangeObjectAction;
    expect(change.items.map((i) => [i.attribute?.name, i.value])).toEqual([
      [step.toAttribute, `$${encrypt.outputVariableName}`],
      [step.isSetAttribute, "true"],
    ]);
  });

  for (const version of ["9.24.0", "10.24.0", "11.6.0"]) {
    it(`accepts every property it sets on a Mendix ${version} model`, async () => {
      const model = await openOfflineModel({ deltas: [], exports: [] }, version);
      addAppModules(model);
      // The SDK throws when a property does not exist in the model's Mendix version.
      expect(() => buildModule(model, definitionOf(planOf("acme-crm-oauth.yaml")), recorder())).not.toThrow();
      await model.flushChanges();
    });
  }
});

describe("pre-checks on the opened app", () => {
  const def = definitionOf(planOf("billing-client-credentials.yaml"));

  it("reports a module name already taken (whatever its case), a missing Encryption module and a missing System.User", async () => {
    expect(def.dependencies.map((d) => d.module)).toContain("Encryption");
    const model = await openOfflineModel({ deltas: [], exports: [] });
    addAppModules(model, { encryption: false, systemUser: false });
    projects.Module.createIn(model.root).name = def.name.toUpperCase();
    const problems = checkModel(model, def);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain(`already has a module named ${def.name.toUpperCase()}`);
    expect(problems[1]).toMatch(/Encryption module is missing.*Marketplace/);
    expect(problems[2]).toContain("System.User");
  });

  it("does not ask for the Encryption module when no secret is stored in the database", async () => {
    const open = definitionOf(planOf("open-data-none.yaml"));
    expect(open.dependencies.map((d) => d.module)).not.toContain("Encryption");
    const model = await openOfflineModel({ deltas: [], exports: [] });
    addAppModules(model, { encryption: false });
    expect(checkModel(model, open)).toEqual([]);
  });
});

describe("a whole run with a fake platform around the offline model", () => {
  const def = definitionOf(planOf("billing-client-credentials.yaml"));
  const run = (options: { encryption?: boolean; failExport?: Error; commit?: string }) => {
    const server: FakeServer = { deltas: [], exports: [], ...(options.failExport ? { failExport: options.failExport } : {}) };
    const calls = { deleted: [] as string[], committed: [] as string[], log: [] as string[], error: [] as string[] };
    const platform: Platform = {
      async createTemporaryWorkingCopy() {
        return {
          id: "wc-1",
          openModel: async () => {
            const model = await openOfflineModel(server);
            addAppModules(model, { encryption: options.encryption ?? true });
            return model;
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
