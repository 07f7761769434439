// The user's data entities and their access rules. Data comes from the service: by default data
// roles read it and the connector's microflows write it; only what the spec marks editable is
// writable by a role. User-owned persistable entities link each row to its user with an explicit
// association and limit roles of reach "own" to the current user's rows. Read-only roles never see
// sensitive members.
import { DEFAULT_STRING_LENGTH, type AccessOverride, type EntitySpec } from "../spec/schema.js";
import { own } from "../spec/own.js";
import { ownerAssociation, ownerXPath } from "./members.js";
import type { MemberRights, PlanAccessRule, PlanAssociation, PlanAttribute, PlanEntity, PlanMemberAccess, PlanRole } from "./types.js";

export function dataEntity(module: string, entity: EntitySpec, roles: PlanRole[]): PlanEntity {
  const attributes = entity.attributes.map((a): PlanAttribute => ({
    name: a.name,
    type: a.type,
    ...(a.type === "string" ? { length: a.length ?? DEFAULT_STRING_LENGTH } : {}),
    documentation: [a.sensitive ? "Sensitive: hidden from read-only roles." : "", a.editable ? "Edited by users." : ""].filter(Boolean).join(" "),
    sensitive: a.sensitive,
    encrypted: false,
    systemSet: false,
    editable: a.editable,
    ...(a.renamedFrom === undefined ? {} : { renamedFrom: a.renamedFrom }),
  }));
  const owned = entity.ownership === "user" && entity.persistable;
  const associations = [
    ...entity.associations.map((a): PlanAssociation => ({
      name: `${entity.name}_${a.to}`,
      parent: entity.name,
      child: a.to,
      type: a.type,
      documentation: `${entity.name} refers to ${a.type === "reference-set" ? "any number of" : "one"} ${a.to}.`,
    })),
    ...(owned ? [ownerAssociation(entity.name, `these ${entity.name} objects`)] : []),
  ];
  const shape: Shape = { module, entity, attributes, associations, owned };
  const accessRules = roles
    .filter((role) => role.kind === "data" || own(entity.access, role.name))
    .map((role) => {
      const override = own(entity.access, role.name);
      return override ? overriddenRule(role, override, shape) : derivedRule(role, shape);
    });
  return {
    name: entity.name,
    documentation: entity.documentation,
    purpose: "data",
    persistable: entity.persistable,
    ownership: entity.ownership,
    storeOwner: false,
    ...(owned ? { ownerAssociation: `${entity.name}_User` } : {}),
    editable: entity.editable,
    ...(entity.renamedFrom === undefined ? {} : { renamedFrom: entity.renamedFrom }),
    attributes,
    associations,
    accessRules,
  };
}

interface Shape {
  module: string;
  entity: EntitySpec;
  attributes: PlanAttribute[];
  associations: PlanAssociation[];
  owned: boolean;
}

function derivedRule(role: PlanRole, shape: Shape): PlanAccessRule {
  const { entity } = shape;
  const full = !role.readOnly;
  const attributeRights = (a: PlanAttribute): MemberRights => {
    if (!full) return a.sensitive ? "None" : "ReadOnly";
    return entity.editable || a.editable ? "ReadWrite" : "ReadOnly";
  };
  const associationRights = (a: PlanAssociation): MemberRights => (full && entity.editable && !a.systemSet ? "ReadWrite" : "ReadOnly");
  const members = listMembers(shape, attributeRights, associationRights);
  const constrained = shape.owned && role.reach === "own";
  // A new user-owned row gets its owner link from ACT_<Entity>_New (plan/owned-create.ts), never
  // from the role: the link stays read-only below, so a user cannot hand rows to anyone.
  const create = full && entity.editable;
  const remove = full && entity.editable;
  const scope = constrained
    ? "their own objects"
    : shape.owned
      ? "every user's objects (reach: all)"
      : entity.persistable
        ? "all objects (shared)"
        : "objects in their session";
  const writes = members.filter((m) => m.rights === "ReadWrite").map((m) => m.member);
  const does = [
    create ? "creates" : "",
    "reads",
    writes.length === 0 ? "" : writes.length === members.length - (shape.owned ? 1 : 0) ? "changes" : `changes ${writes.join(", ")} of`,
    remove ? "deletes" : "",
  ].filter(Boolean);
  const rest = [full ? "" : "without sensitive members", writes.length === 0 ? "the connector's microflows write them" : ""].filter(Boolean);
  return {
    role: role.name,
    allowCreate: create,
    allowDelete: remove,
    defaultMemberAccessRights: "None",
    members,
    ...(constrained ? { xpath: ownerXPath(shape.module, entity.name) } : {}),
    documentation: `${role.name} ${joinWords(does)} ${scope}${rest.length ? `; ${rest.join("; ")}` : ""}.`,
    overridden: false,
  };
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
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
  ];
}
