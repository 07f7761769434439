// Every Java action call the kit's builder creates, read back from the real SDK model and held
// against the called action's contract as its Java source states it. Source: the Encryption
// module (Mendix Marketplace), javasource/encryption/actions/*.java, as vendored in
// mendix/ai-bot-starter-app@4157377e8b728044ee41285c3c66d202dffe810c:
//   EncryptString(value, key, prefix)            constructor, EncryptString.java:25-30
//     prefix null or empty -> throws "Prefix should not be empty"          (:44-45)
//     prefix {AES}/{AES2} -> throws; anything but {AES3} -> throws         (:46-50)
//     key must be 32 characters                                            (:51-54)
//   DecryptString(value, key, prefix, legacyKey) constructor, DecryptString.java:33-39
//     prefix not null -> throws "Prefix should be null when passed to DecryptString" (:52-53)
//     key for {AES3} values, legacyKey (16 characters) for {AES}/{AES2} values
// The constants: Encryption.EncryptionKey (the 32-character key), Encryption.EncryptionPrefix
// ({AES3} from module 2.2.0), Encryption.LegacyEncryptionKey. `empty` passes null.
import { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { contractPlan } from "./helpers/contract-plan.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

interface CallContext {
  plan: Plan;
  microflow: string;
  warnings: string[];
}

type Rule = (argument: string, context: CallContext) => string | undefined;

const exactly =
  (expected: string, why: string): Rule =>
  (argument) =>
    argument === expected ? undefined : `must be ${expected} (${why}), is ${argument}`;

/**
 * The entity of each object variable a microflow has: its parameters, and what its retrieve, create
 * and import-mapping REST steps produce (nested in decisions too).
 */
function objectVariables(flow: Plan["microflows"][number]): Map<string, string> {
  const variables = new Map(flow.parameters.map((p) => [p.name, p.type]));
  const walk = (steps: MicroflowStep[]) =>
    steps.forEach((step) => {
      if (step.kind === "retrieve" || step.kind === "create") variables.set(step.out, step.entity);
      if (step.kind === "rest" && step.result?.kind === "mapping") variables.set(step.out, step.result.entity);
      if (step.kind === "decision") {
        walk(step.then);
        walk(step.else);
      }
    });
  walk(flow.steps);
  return variables;
}

/** Every step of a microflow, nested decisions included. */
const stepsOf = (plan: Plan, microflow: string): MicroflowStep[] => {
  const all = (list: MicroflowStep[]): MicroflowStep[] => list.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
  return all(plan.microflows.find((m) => m.name === microflow)!.steps);
};

/** The entity an object variable of the microflow holds. */
const entityOf = (plan: Plan, microflow: string, variable: string): string | undefined => objectVariables(plan.microflows.find((m) => m.name === microflow)!).get(variable);

/** A fresh random value of the kit's own GenerateRandomToken action in this microflow (the PKCE verifier). */
const freshToken = (plan: Plan, microflow: string, variable: string) =>
  stepsOf(plan, microflow).some((s) => s.kind === "callJava" && s.out === variable && s.action === `${plan.module}.GenerateRandomToken`);

/**
 * $Variable/Attribute of an object variable of the microflow, or `empty` only where the builder
 * warned to finish it. EncryptString also takes a fresh GenerateRandomToken value; DecryptString
 * also a variable declared from an encrypted attribute.
 */
const valueRule =
  (wantEncrypted: boolean): Rule =>
  (argument, { plan, microflow, warnings }) => {
    if (argument === "empty") {
      return warnings.some((w) => w.startsWith(`${microflow}:`)) ? undefined : "is empty without a warning to the developer";
    }
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(argument);
    if (bare) {
      if (!wantEncrypted) return freshToken(plan, microflow, bare[1]!) ? undefined : `${argument} is not a fresh GenerateRandomToken value`;
      const declared = stepsOf(plan, microflow).find((s) => s.kind === "declare" && s.out === bare[1]);
      if (declared?.kind !== "declare" || declared.value.k !== "attr") return `${argument} is not declared from an attribute`;
      const from = entityOf(plan, microflow, declared.value.var);
      const attribute = plan.entities.find((e) => e.name === from)?.attributes.find((a) => a.name === (declared.value as { attribute: string }).attribute);
      return attribute?.encrypted ? undefined : `${argument} is not ciphertext`;
    }
    const match = /^\$([A-Za-z_][A-Za-z0-9_]*)\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(argument);
    if (!match) return `is not $Parameter/Attribute: ${argument}`;
    const flow = plan.microflows.find((m) => m.name === microflow)!;
    const entity = objectVariables(flow).get(match[1]!);
    if (!entity) return `names no object variable of ${microflow}`;
    const attribute = plan.entities.find((e) => e.name === entity)?.attributes.find((a) => a.name === match[2]);
    if (!attribute) return `names no attribute of ${entity}`;
    if (attribute.encrypted !== wantEncrypted) return `${attribute.name} is ${attribute.encrypted ? "" : "not "}ciphertext`;
    return undefined;
  };

const CONTRACT: Record<string, { parameters: string[]; rules: Record<string, Rule> }> = {
  "Encryption.EncryptString": {
    parameters: ["value", "key", "prefix"],
    rules: {
      value: valueRule(false),
      key: exactly("@Encryption.EncryptionKey", "a 32-character key, EncryptString.java:51-54"),
      prefix: exactly("@Encryption.EncryptionPrefix", "{AES3} and never empty, EncryptString.java:44-50"),
    },
  },
  "Encryption.DecryptString": {
    parameters: ["value", "key", "prefix", "legacyKey"],
    rules: {
      value: valueRule(true),
      key: exactly("@Encryption.EncryptionKey", "decrypts {AES3} values"),
      prefix: exactly("empty", "must be null, DecryptString.java:52-53"),
      legacyKey: exactly("@Encryption.LegacyEncryptionKey", "decrypts {AES}/{AES2} values"),
    },
  },
};

async function javaActionCalls(plan: Plan) {
  const def = moduleDefinition(plan) as unknown as ModuleDefinition;
  const model = await openOfflineModel(fakeServer(), { encryption: true });
  const report = recorder();
  buildModule(model, def, report);
  return plan.microflows.flatMap((flow) => {
    const made = model.findMicroflowByQualifiedName(`${plan.module}.${flow.name}`) as microflows.Microflow;
    return made.objectCollection.objects
      .filter((o): o is microflows.ActionActivity => o instanceof microflows.ActionActivity)
      .map((a) => a.action)
      .filter((a): a is microflows.JavaActionCallAction => a instanceof microflows.JavaActionCallAction)
      .map((call) => ({ call, context: { plan, microflow: flow.name, warnings: report.warnings } }));
  });
}

/**
 * The kit's own actions (templates/java/user-code): GenerateRandomToken() and GetApplicationRootUrl()
 * take nothing; PkceChallengeS256(verifier) takes a fresh GenerateRandomToken value (RFC 7636 4.1).
 */
function kitActionContract(plan: Plan, action: string): { parameters: string[]; rules: Record<string, Rule> } | undefined {
  const [module, name] = action.split(".");
  if (module !== plan.module || !plan.javaActions.some((a) => a.name === name)) return undefined;
  if (name === "PkceChallengeS256") {
    return {
      parameters: ["verifier"],
      rules: { verifier: (argument, { microflow }) => (/^\$\w+$/.test(argument) && freshToken(plan, microflow, argument.slice(1)) ? undefined : `must be a fresh GenerateRandomToken value, is ${argument}`) },
    };
  }
  if (name === "ConsumeOnce" || name === "StoreRefreshedToken") return tokenStoreContract(plan, name);
  if (name === "CreateOnce") {
    // The module's one-object entities: ConnectionDetails, and FullDataAccess (issue 20, the role-change check).
    const single = ["ConnectionDetails", "FullDataAccess"].filter((e) => plan.entities.some((x) => x.name === e)).map((e) => `'${plan.module}.${e}'`);
    return { parameters: ["entity"], rules: { entity: (argument) => (single.includes(argument) ? undefined : `must be the literal ${single.join(" or ")}, is ${argument}`) } };
  }
  if (name === "ScopeWithin") return { parameters: ["granted", "requested"], rules: { granted: anything, requested: anything } };
  return { parameters: [], rules: {} };
}

const anything: Rule = () => undefined;

/**
 * Issue 20's own-transaction actions: the entity and owner association are literal names of this
 * module's user-owned entity and its owner association (never a variable, so no caller can aim
 * them at another entity); ConsumeOnce's attribute is a literal attribute of that entity; the
 * refreshed tokens are ciphertext from EncryptString.
 */
function tokenStoreContract(plan: Plan, name: "ConsumeOnce" | "StoreRefreshedToken"): { parameters: string[]; rules: Record<string, Rule> } {
  const literal = (argument: string) => /^'([A-Za-z0-9_.]+)'$/.exec(argument)?.[1];
  const owned = (argument: string) => plan.entities.find((e) => `${plan.module}.${e.name}` === literal(argument) && e.ownerAssociation);
  const entity: Rule = (argument) => (owned(argument) ? undefined : `must name a user-owned entity of ${plan.module}, is ${argument}`);
  const association: Rule = (argument) =>
    plan.entities.some((e) => e.ownerAssociation && `${plan.module}.${e.ownerAssociation}` === literal(argument)) ? undefined : `must name an owner association, is ${argument}`;
  const encryptedOut: Rule = (argument, { microflow }) =>
    /^\$\w+$/.test(argument) && stepsOf(plan, microflow).some((s) => (s.kind === "callJava" && s.action === "Encryption.EncryptString" && s.out === argument.slice(1)) || (s.kind === "declare" && s.out === argument.slice(1)))
      ? undefined
      : `must be an EncryptString result, is ${argument}`;
  if (name === "ConsumeOnce") {
    return {
      parameters: ["entity", "ownerAssociation", "attribute", "value"],
      rules: {
        entity,
        ownerAssociation: association,
        attribute: (argument) => (plan.entities.some((e) => e.attributes.some((a) => `'${a.name}'` === argument)) ? undefined : `must be a literal attribute name, is ${argument}`),
        value: anything,
      },
    };
  }
  return {
    parameters: ["entity", "ownerAssociation", "expectedRefreshToken", "encryptedAccessToken", "encryptedRefreshToken", "expiresInSeconds"],
    rules: {
      entity,
      ownerAssociation: association,
      expectedRefreshToken: valueRule(true),
      encryptedAccessToken: encryptedOut,
      encryptedRefreshToken: encryptedOut,
      expiresInSeconds: (argument) => (/^toString\(\$\w+\)$/.test(argument) ? undefined : `must be toString of the lifetime, is ${argument}`),
    },
  };
}

describe.each(EXAMPLES)("every Java action call in the Model SDK build of %s", (example) => {
  for (const [label, plan] of [
    ["plan", planFor(example)],
    ["contract plan", contractPlan(planFor(example))],
  ] as const) {
    it(`(${label}) passes each parameter, in order, an argument the action accepts`, async () => {
      const calls = await javaActionCalls(plan);
      const all = (list: MicroflowStep[]): MicroflowStep[] => list.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));
      const steps = plan.microflows.flatMap((m) => all(m.steps)).filter((s) => s.kind === "encrypt" || s.kind === "decrypt" || s.kind === "callJava");
      expect(calls).toHaveLength(steps.length);
      for (const { call, context } of calls) {
        const action = call.javaActionQualifiedName;
        const contract = CONTRACT[action] ?? kitActionContract(plan, action);
        expect(contract, `${action} has a known contract`).toBeDefined();
        const names = call.parameterMappings.map((m) => m.parameterQualifiedName);
        expect(names).toEqual(contract!.parameters.map((p) => `${action}.${p}`));
        for (const mapping of call.parameterMappings) {
          const parameter = mapping.parameterQualifiedName.slice(action.length + 1);
          const argument = (mapping.parameterValue as microflows.BasicCodeActionParameterValue).argument;
          const problem = contract!.rules[parameter]!(argument, context);
          expect(problem, `${context.microflow}: ${action} ${parameter}`).toBeUndefined();
        }
        expect(call.useReturnVariable).toBe(true);
        expect(call.outputVariableName).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
    });
  }
});

describe("the contract itself", () => {
  it("refuses the Encryption prefix on DecryptString and an empty prefix on EncryptString", () => {
    const context: CallContext = { plan: planFor("erp-basic"), microflow: "x", warnings: [] };
    expect(CONTRACT["Encryption.DecryptString"]!.rules.prefix!("@Encryption.EncryptionPrefix", context)).toMatch(/must be empty/);
    expect(CONTRACT["Encryption.EncryptString"]!.rules.prefix!("empty", context)).toMatch(/AES3/);
    expect(CONTRACT["Encryption.DecryptString"]!.rules.value!("empty", context)).toMatch(/without a warning/);
  });
});
