// Hand-built plans in the shape agreed with issue 10 (/work/team/CONTRACT-10-13.md), so the
// renderers can be tested before issue 10's plan produces it:
//  1. user-owned entities keep their owner through an explicit association to System.User
//     (as Mendix's OIDC module does with OIDC.Token_User), deleted with the user, listed as a
//     member of every rule and used in the XPath, instead of System.owner;
//  2. every persistable entity has at least one access rule; one no role may touch gets a rule
//     with no rights at all.

/** The owner constraint of the plan before issue 10 landed (System.owner); the plan no longer produces it. */
const OWNER_XPATH = "[System.owner='[%CurrentUser%]']";
import type { Plan, PlanAccessRule, PlanAssociation, PlanEntity } from "../../src/lib/plan/types.js";

/** PlanAssociation with the contract's optional fields (issue 10 adds them to types.ts). */
export type ContractAssociation = PlanAssociation & { systemSet?: boolean; deleteWithChild?: boolean };

/** The association each user-owned entity gets, e.g. Contact_User. */
export const userAssociation = (entity: string) => `${entity}_User`;

/**
 * The plan with contract items 1 and 2 applied: every storeOwner entity gets `<Entity>_User` to
 * System.User (reference, deleted with the user) instead of System.owner, and every persistable
 * entity without a rule gets one rule with no rights for the first role.
 */
export function contractPlan(source: Plan): Plan {
  const plan = structuredClone(source);
  const firstRole = plan.roles[0]!.name;
  for (const entity of plan.entities) {
    if (entity.storeOwner) useUserAssociation(plan.module, entity);
    if (entity.persistable && entity.accessRules.length === 0) entity.accessRules.push(noRightsRule(entity, firstRole));
  }
  return plan;
}

function useUserAssociation(module: string, entity: PlanEntity): void {
  const name = userAssociation(entity.name);
  const association: ContractAssociation = {
    name,
    parent: entity.name,
    child: "System.User",
    type: "reference",
    documentation: `The user who owns this ${entity.name}; set by the connector's microflows only.`,
    systemSet: true,
    deleteWithChild: true,
  };
  entity.storeOwner = false;
  entity.associations.push(association);
  for (const rule of entity.accessRules) {
    rule.members = rule.members.filter((m) => m.kind !== "system");
    rule.members.push({ member: name, kind: "association", rights: "ReadOnly" });
    if (rule.xpath === OWNER_XPATH) rule.xpath = `[${module}.${name}='[%CurrentUser%]']`;
  }
}

function noRightsRule(entity: PlanEntity, role: string): PlanAccessRule {
  return {
    role,
    allowCreate: false,
    allowDelete: false,
    defaultMemberAccessRights: "None",
    members: [
      ...entity.attributes.map((a) => ({ member: a.name, kind: "attribute" as const, rights: "None" as const })),
      ...entity.associations.map((a) => ({ member: a.name, kind: "association" as const, rights: "None" as const })),
      ...(entity.storeOwner ? [{ member: "System.owner", kind: "system" as const, rights: "None" as const }] : []),
    ],
    documentation: `No role may read or change ${entity.name}; this rule exists so module security is complete.`,
    overridden: false,
  };
}
