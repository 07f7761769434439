// Properties of the security model that hold for every scheme, storage and example: roles and their
// documentation, configuration kept apart from data, access rules that list every member, owner
// constraints, read-only and sensitive members, secrets no role can reach, private helpers.
import { describe, expect, it } from "vitest";
import { listWords } from "../src/lib/words.js";
import { buildPlan } from "../src/lib/plan/build.js";
import type { Plan, PlanEntity } from "../src/lib/plan/types.js";
import { SCHEMES } from "../src/lib/spec/schema.js";
import { answers, AUTH, EXAMPLES, planFor, specFrom } from "./helpers/spec.js";

// Written out, not imported: the test pins the exact text Mendix evaluates.
const ownerXPath = (plan: Plan, entity: PlanEntity) => `[${plan.module}.${entity.name}_User='[%CurrentUser%]']`;
const CONFIGURATION_ENTITIES = ["ConnectionDetails", "SecretInput"];
const PRIVATE_STATE_ENTITIES = ["AccessToken", "AuthorizationRequest"];

const ROLES_AND_ENTITIES = `
roles:
  - { name: Viewer, kind: data, readOnly: true, documentation: Reads data without sensitive members. }
  - { name: Editor, kind: data, documentation: Edits data. }
  - { name: Reporter, kind: data, readOnly: true, reach: all, documentation: Reads every user's data for reports. }
  - { name: Operator, kind: configuration, documentation: Also manages the connection. }
  - { name: Support, kind: configuration, readOnly: true, documentation: Reads the connection settings. }
entities:
  - name: Contact
    documentation: Owned by a user.
    ownership: user
    attributes:
      - { name: FullName, type: string }
      - { name: Email, type: string, length: 320, sensitive: true }
      - { name: Score, type: integer, editable: true }
    associations:
      - { to: Company }
      - { to: Tag, type: reference-set }
  - name: Company
    documentation: Shared.
    editable: true
    attributes:
      - { name: CompanyName, type: string, length: 0 }
      - { name: Revenue, type: decimal, sensitive: true }
  - name: Tag
    documentation: Shared tag.
    attributes: [{ name: Label, type: string }]
  - name: Draft
    documentation: Not stored; user-owned in intent only.
    ownership: user
    persistable: false
    attributes: [{ name: Body, type: string, sensitive: true }, { name: When, type: datetime }]
    associations: [{ to: Contact }]
`;

function inlinePlans(): [string, Plan][] {
  const plans: [string, Plan][] = [];
  for (const scheme of SCHEMES) {
    plans.push([`${scheme} (minimal)`, buildPlan(specFrom(answers(AUTH[scheme]!)))]);
    plans.push([`${scheme} (roles and entities)`, buildPlan(specFrom(answers(AUTH[scheme]!, ROLES_AND_ENTITIES)))]);
    if (!["saml", "none"].includes(scheme)) {
      plans.push([`${scheme} (constant)`, buildPlan(specFrom(answers(`${AUTH[scheme]}\nsecretStorage: constant`, ROLES_AND_ENTITIES)))]);
    }
  }
  return plans;
}

const PLANS: [string, Plan][] = [...EXAMPLES.map((name): [string, Plan] => [`example ${name}`, planFor(name)]), ...inlinePlans()];

const kindOf = (plan: Plan, role: string) => plan.roles.find((r) => r.name === role)?.kind;
const dataEntities = (plan: Plan) => plan.entities.filter((e) => e.purpose === "data");
const allRules = (plan: Plan) => plan.entities.flatMap((e) => e.accessRules.map((rule) => ({ entity: e, rule })));
const memberNames = (entity: PlanEntity) => [
  ...entity.attributes.map((a) => a.name),
  ...entity.associations.map((a) => a.name),
];
const grantsAnything = (rule: Plan["entities"][number]["accessRules"][number]) =>
  rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.rights !== "None");

describe.each(PLANS)("%s", (_label, plan) => {
  it("has Administrator (configuration) and User (data), built in and not read-only", () => {
    expect(plan.roles.find((r) => r.name === "Administrator")).toMatchObject({ kind: "configuration", readOnly: false, builtIn: true });
    expect(plan.roles.find((r) => r.name === "User")).toMatchObject({ kind: "data", readOnly: false, builtIn: true });
  });

  it("documents every role; the built-in ones say what they are for and what not to combine them with", () => {
    for (const role of plan.roles) expect(role.documentation.trim(), role.name).not.toBe("");
    const admin = plan.roles.find((r) => r.name === "Administrator")!;
    const user = plan.roles.find((r) => r.name === "User")!;
    // No plan here replaces the built-in documentation, so the generated defaults are checked.
    expect(admin.documentation).toMatch(/^Configuration role: manages the connection to /);
    expect(admin.documentation).toMatch(/no access to the connector's data/);
    const dataRoles = plan.roles.filter((r) => r.kind === "data").map((r) => r.name);
    expect(admin.documentation).toContain(`Do not combine with ${listWords(dataRoles)} in one user role`);
    expect(user.documentation).toMatch(/^Data role: works with the connector's data/);
    expect(user.documentation).toMatch(/no access to connection details or secrets/);
    expect(user.documentation).toMatch(/Do not combine with Administrator/);
  });

  it("has unique role names, each role of exactly one kind", () => {
    const names = plan.roles.map((r) => r.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const role of plan.roles) expect(["configuration", "data"]).toContain(role.kind);
  });

  it("keeps configuration and data apart: no role has a rule on the other kind's entities", () => {
    for (const { entity, rule } of allRules(plan)) {
      const kind = kindOf(plan, rule.role);
      expect(kind, `${rule.role} on ${entity.name}`).toBeDefined();
      if (CONFIGURATION_ENTITIES.includes(entity.name)) expect(kind, `${rule.role} on ${entity.name}`).toBe("configuration");
      if (entity.purpose === "data" && !rule.overridden) expect(kind, `${rule.role} on ${entity.name}`).toBe("data");
      if (entity.purpose === "token" && grantsAnything(rule)) expect(kind, `${rule.role} on ${entity.name}`).toBe("data");
    }
    for (const entity of dataEntities(plan)) {
      expect(entity.accessRules.map((r) => r.role), entity.name).not.toContain("Administrator");
    }
  });

  it("gives no role access to the connector's private state (AccessToken, AuthorizationRequest): one rule that grants nothing", () => {
    for (const entity of plan.entities.filter((e) => PRIVATE_STATE_ENTITIES.includes(e.name))) {
      expect(entity.accessRules, entity.name).toHaveLength(1);
      const [rule] = entity.accessRules;
      expect(kindOf(plan, rule!.role)).toBe("configuration");
      expect(grantsAnything(rule!), entity.name).toBe(false);
      expect(rule, entity.name).not.toHaveProperty("xpath");
      expect(rule!.documentation).toMatch(/only so module security is complete/);
    }
  });

  it("gives every persistable entity at least one access rule (module security complete)", () => {
    for (const entity of plan.entities.filter((e) => e.persistable)) expect(entity.accessRules.length, entity.name).toBeGreaterThan(0);
  });

  it("names in its microflows only microflows that exist", () => {
    const names = new Set(plan.microflows.map((m) => m.name));
    for (const flow of plan.microflows) {
      const texts = [flow.documentation, ...flow.steps.map((s) => (s.kind === "note" ? s.text : ""))].join(" ");
      for (const name of texts.match(/\b(?:ACT|SUB|DS)_[A-Za-z0-9_]+/g) ?? []) expect(names.has(name), `${flow.name} names ${name}`).toBe(true);
    }
  });

  it("gives every data role a rule on every data entity, and every configuration role one on ConnectionDetails", () => {
    const dataRoles = plan.roles.filter((r) => r.kind === "data").map((r) => r.name);
    for (const entity of dataEntities(plan)) expect(entity.accessRules.map((r) => r.role).sort(), entity.name).toEqual([...dataRoles].sort());
    const configuration = plan.roles.filter((r) => r.kind === "configuration").map((r) => r.name);
    const connection = plan.entities.find((e) => e.name === "ConnectionDetails")!;
    expect(connection.accessRules.map((r) => r.role).sort()).toEqual([...configuration].sort());
  });

  it("lists every member of the entity in every rule, exactly once, with default rights None", () => {
    for (const { entity, rule } of allRules(plan)) {
      expect(rule.defaultMemberAccessRights).toBe("None");
      expect(rule.members.map((m) => m.member).sort(), `${rule.role} on ${entity.name}`).toEqual(memberNames(entity).sort());
      for (const member of rule.members) {
        const expectedKind = member.member === "System.owner" ? "system" : entity.attributes.some((a) => a.name === member.member) ? "attribute" : "association";
        expect(member.kind).toBe(expectedKind);
      }
    }
  });

  it("links user-owned persistable rows to System.User explicitly and constrains roles of reach own to them, and nothing else", () => {
    for (const entity of plan.entities) {
      const owned = entity.ownership === "user" && entity.persistable;
      expect(entity.storeOwner, entity.name).toBe(false);
      const link = entity.associations.find((a) => a.child === "System.User");
      if (owned) {
        expect(entity.ownerAssociation, entity.name).toBe(`${entity.name}_User`);
        expect(link, entity.name).toMatchObject({ name: `${entity.name}_User`, parent: entity.name, type: "reference", systemSet: true, deleteWithChild: true });
      } else {
        expect(link, entity.name).toBeUndefined();
      }
      for (const rule of entity.accessRules.filter((r) => !r.overridden)) {
        const role = plan.roles.find((r) => r.name === rule.role)!;
        const own = role.reach === "own" || entity.purpose !== "data";
        if (owned && role.kind === "data" && own) expect(rule.xpath, `${rule.role} on ${entity.name}`).toBe(ownerXPath(plan, entity));
        else expect(rule, `${rule.role} on ${entity.name}`).not.toHaveProperty("xpath");
      }
    }
  });

  it("puts no XPath on non-persistable entities", () => {
    for (const entity of plan.entities.filter((e) => !e.persistable)) {
      expect(entity.storeOwner).toBe(false);
      for (const rule of entity.accessRules) expect(rule.xpath, `${rule.role} on ${entity.name}`).toBeUndefined();
    }
  });

  it("lets read-only roles only read, and never sensitive members", () => {
    const readOnly = new Set(plan.roles.filter((r) => r.readOnly).map((r) => r.name));
    for (const { entity, rule } of allRules(plan)) {
      if (!readOnly.has(rule.role) || rule.overridden || entity.name === "UserToken") continue;
      const where = `${rule.role} on ${entity.name}`;
      expect(rule.allowCreate, where).toBe(false);
      expect(rule.allowDelete, where).toBe(false);
      for (const member of rule.members) {
        expect(member.rights, `${where}.${member.member}`).not.toBe("ReadWrite");
        const attribute = entity.attributes.find((a) => a.name === member.member);
        if (attribute?.sensitive) expect(member.rights, `${where}.${member.member}`).toBe("None");
      }
    }
  });

  it("lets full data roles read every member and write only what the spec marks editable", () => {
    const full = new Set(plan.roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name));
    for (const entity of dataEntities(plan)) {
      const owned = entity.ownerAssociation !== undefined;
      for (const rule of entity.accessRules.filter((r) => full.has(r.role) && !r.overridden)) {
        expect(rule, `${rule.role} on ${entity.name}`).toMatchObject({ allowCreate: Boolean(entity.editable) && !owned, allowDelete: Boolean(entity.editable) });
        for (const member of rule.members) {
          const attribute = entity.attributes.find((a) => a.name === member.member);
          const association = entity.associations.find((a) => a.name === member.member);
          const editable = attribute ? entity.editable || attribute.editable : entity.editable && !association?.systemSet;
          expect(member.rights, `${rule.role} on ${entity.name}.${member.member}`).toBe(editable ? "ReadWrite" : "ReadOnly");
        }
      }
    }
  });

  it("gives every role None on every encrypted attribute", () => {
    for (const { entity, rule } of allRules(plan)) {
      for (const attribute of entity.attributes.filter((a) => a.encrypted)) {
        expect(rule.members.find((m) => m.member === attribute.name)?.rights, `${rule.role} on ${entity.name}.${attribute.name}`).toBe("None");
      }
    }
  });

  it("marks every Encrypted... attribute as an encrypted, sensitive, unlimited string", () => {
    for (const entity of plan.entities) {
      for (const attribute of entity.attributes.filter((a) => a.name.startsWith("Encrypted"))) {
        expect(attribute, `${entity.name}.${attribute.name}`).toMatchObject({ encrypted: true, sensitive: true, type: "string", length: 0 });
      }
      for (const attribute of entity.attributes.filter((a) => a.encrypted)) expect(attribute.name).toMatch(/^Encrypted/);
    }
  });

  it("never lets a role write members the system sets (flags, expiry, state, owner)", () => {
    for (const { entity, rule } of allRules(plan)) {
      for (const member of rule.members) {
        const attribute = entity.attributes.find((a) => a.name === member.member);
        const association = entity.associations.find((a) => a.name === member.member);
        if (attribute?.systemSet || association?.systemSet || member.member === "System.owner") {
          expect(member.rights, `${rule.role} on ${entity.name}.${member.member}`).not.toBe("ReadWrite");
        }
      }
    }
  });

  it("keeps every helper that returns or reads a secret private (no allowed roles)", () => {
    for (const flow of plan.microflows) {
      const readsSecret = flow.steps.some((s) => s.kind === "decrypt" || s.kind === "readConstant");
      if (flow.name.startsWith("SUB_") || (readsSecret && flow.returnType === "String")) {
        expect(flow.allowedRoles, flow.name).toEqual([]);
        expect(flow.folder, flow.name).toBe("Private");
      }
      if (flow.folder === "Private") expect(flow.allowedRoles, flow.name).toEqual([]);
    }
  });

  it("lets only configuration roles that may write save the connection details", () => {
    const save = plan.microflows.find((f) => f.name === "ACT_ConnectionDetails_Save")!;
    const writers = plan.roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name);
    expect(save.allowedRoles.sort()).toEqual([...writers].sort());
    expect(save.allowedRoles).toContain("Administrator");
    for (const flow of plan.microflows.filter((f) => f.name.includes("ConnectionDetails"))) {
      for (const role of flow.allowedRoles) expect(kindOf(plan, role), `${flow.name} allows ${role}`).toBe("configuration");
    }
  });

  it("names microflows by convention and allows only roles that exist", () => {
    const roleNames = new Set(plan.roles.map((r) => r.name));
    const names = plan.microflows.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const flow of plan.microflows) {
      // ASu_: a sub-microflow of the app's after-startup microflow (docs.mendix.com/refguide/dev-best-practices).
      expect(flow.name).toMatch(/^(ACT|DS|SUB|ASu)_[A-Za-z]+_[A-Za-z]+$/);
      expect([plan.folders[0], plan.folders[1]]).toContain(flow.folder);
      expect(flow.documentation.trim()).not.toBe("");
      for (const role of flow.allowedRoles) expect(roleNames.has(role), `${flow.name} allows ${role}`).toBe(true);
    }
    expect(plan.folders).toEqual(["_USE_ME", "Private"]);
  });

  it("records where every secret lives, consistently with the entities and constants", () => {
    for (const secret of plan.secrets) {
      if (secret.storage === "constant") {
        expect(plan.constants.map((c) => `${plan.module}.${c.name}`)).toContain(secret.constant);
      } else {
        const holder = plan.entities.find((e) => e.name === secret.entity);
        expect(holder?.attributes.find((a) => a.name === secret.attribute)?.encrypted, `${secret.entity}.${secret.attribute}`).toBe(true);
        if (secret.isSetAttribute) expect(holder?.attributes.find((a) => a.name === secret.isSetAttribute)).toMatchObject({ type: "boolean", systemSet: true });
      }
    }
    const encryption = plan.entities.some((e) => e.attributes.some((a) => a.encrypted));
    expect(plan.dependencies.some((d) => d.module === "Encryption")).toBe(encryption);
  });

  it("keeps every constant blank and away from the client", () => {
    for (const constant of plan.constants) {
      expect(constant).toMatchObject({ type: "String", defaultValue: "", exposedToClient: false, folder: "_USE_ME" });
      expect(constant.documentation).toMatch(/set it per environment at deploy time/);
    }
  });
});
