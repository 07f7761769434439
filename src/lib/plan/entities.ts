// The user's data entities and their access rules: data roles only, every member listed,
// owner constraint on user-owned persistable entities, read-only roles never see sensitive members.
import { DEFAULT_STRING_LENGTH, type AccessOverride, type EntitySpec } from "../spec/schema.js";
import { OWNER_XPATH } from "./members.js";
import type { MemberRights, PlanAccessRule, PlanAssociation, PlanAttribute, PlanEntity, PlanMemberAccess, PlanRole } from "./types.js";

export function dataEntity(entity: EntitySpec, roles: PlanRole[]): PlanEntity {
  const attributes = entity.attributes.map((a): PlanAttribute => ({
    name: a.name,
    type: a.type,
    ...(a.type === "string" ? { length: a.length ?? DEFAULT_STRING_LENGTH } : {}),
    documentation: a.sensitive ? "Sensitive: hidden from read-only roles." : "",
    sensitive: a.sensitive,
    encrypted: false,
    systemSet: false,
  }));
  const associations = entity.associations.map((a): PlanAssociation => ({
    name: `${entity.name}_${a.to}`,
    parent: entity.name,
    child: a.to,
    type: a.type,
    documentation: `${entity.name} refers to ${a.type === "reference-set" ? "any number of" : "one"} ${a.to}.`,
  }));
  const storeOwner = entity.ownership === "user" && entity.persistable;
  const shape = { attributes, associations, storeOwner };
  const accessRules = roles
    .filter((role) => role.kind === "data" || entity.access?.[role.name])
    .map((role) => {
      const override = entity.access?.[role.name];
      return override ? overriddenRule(role, override, shape) : derivedRule(role, entity, shape);
    });
  return {
    name: entity.name,
    documentation: entity.documentation,
    purpose: "data",
    persistable: entity.persistable,
    ownership: entity.ownership,
    storeOwner,
    attributes,
    associations,
    accessRules,
  };
}

interface Shape {
  attributes: PlanAttribute[];
  associations: PlanAssociation[];
  storeOwner: boolean;
}

function derivedRule(role: PlanRole, entity: EntitySpec, shape: Shape): PlanAccessRule {
  const full = !role.readOnly;
  const attributeRights = (a: PlanAttribute): MemberRights => (full ? "ReadWrite" : a.sensitive ? "None" : "ReadOnly");
  const members = listMembers(shape, attributeRights, () => (full ? "ReadWrite" : "ReadOnly"));
  const constrained = shape.storeOwner;
  const scope = constrained ? "their own objects" : entity.persistable ? "all objects (shared)" : "objects in their session";
  return {
    role: role.name,
    allowCreate: full,
    allowDelete: full,
    defaultMemberAccessRights: "None",
    members,
    ...(constrained ? { xpath: OWNER_XPATH } : {}),
    documentation: full
      ? `${role.name} creates, reads, changes and deletes ${scope}.`
      : `${role.name} reads ${scope}, without sensitive members; no create, change or delete.`,
    overridden: false,
  };
}

function overriddenRule(role: PlanRole, override: AccessOverride, shape: Shape): PlanAccessRule {
  const picks = (selection: AccessOverride["read"], member: string) =>
    selection === "all" || (Array.isArray(selection) && selection.includes(member));
  const rights = (member: string): MemberRights =>
    picks(override.write, member) ? "ReadWrite" : picks(override.read, member) ? "ReadOnly" : "None";
  return {
    role: role.name,
    allowCreate: override.create ?? false,
    allowDelete: override.delete ?? false,
    defaultMemberAccessRights: "None",
    members: listMembers(shape, (a) => rights(a.name), (a) => rights(a.name)),
    ...(override.xpath ? { xpath: override.xpath } : {}),
    documentation: `${role.name}: access set by hand in the spec (access override); check it with mxsecure audit.`,
    overridden: true,
  };
}

function listMembers(
  shape: Shape,
  attributeRights: (a: PlanAttribute) => MemberRights,
  associationRights: (a: PlanAssociation) => MemberRights,
): PlanMemberAccess[] {
  return [
    ...shape.attributes.map((a) => ({ member: a.name, kind: "attribute" as const, rights: attributeRights(a) })),
    ...shape.associations.map((a) => ({ member: a.name, kind: "association" as const, rights: associationRights(a) })),
    // The owner is set by the runtime: readable, never writable by a role.
    ...(shape.storeOwner ? [{ member: "System.owner", kind: "system" as const, rights: "ReadOnly" as const }] : []),
  ];
}
