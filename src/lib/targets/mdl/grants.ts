// Access grants, one per plan access rule, with the plan's XPath; then microflow execute grants.
// Form: `grant Role on Entity (create, delete, read (...), write (...)) where '...'`, the
// grantEntityAccessStatement every mxcli grammar reads (MDLSecurity.g4; newer releases also
// accept `grant <rights> on entity E to R where [...]` and mark this one deprecated, MDL-DEPR030).
//
// mxcli's grant only adds: it widens the rule with the same roles and XPath and never narrows it,
// and a rule whose XPath changed is a second rule beside the old one (mendixlabs/mxcli
// mdl/backend/modelsdkbackend AddEntityAccessRule: "GRANT is additive by contract; narrowing is
// what REVOKE is for", issue 936). So each entity's grants follow a `revoke <module roles> on E`,
// which removes the module roles from the entity's rules (RemoveEntityAccessRule); a re-run then
// leaves exactly the rules this script lists, also after a regenerated kit narrowed them.
// `REVOKE moduleRoleList ON qualifiedName` is in every MDLSecurity.g4 that has `create or modify
// module role` (the newest keeps it as the deprecated alias MDL-DEPR082).
//
// Member lists name attributes and associations only (entityMemberName: IDENTIFIER |
// QUOTED_IDENTIFIER), so System.owner and members without rights cannot be written; a remark
// above each grant names them, which keeps every member listed. A rule with no rights at all
// cannot be a grant (entityAccessRightList needs one right): it is a remark and a manual step.
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanAccessRule, PlanEntity, PlanMicroflow, PlanNanoflow } from "../../plan/types.js";
import { remark, statement } from "./domain.js";

/** The entity's access for the module's roles: a reset (revoke), then one grant per rule. */
export function entityGrants(module: string, entity: PlanEntity, roles: readonly string[]): string[] {
  const reset = roles.length === 0 ? [] : [resetStatement(module, entity, roles)];
  if (entity.accessRules.length === 0) {
    return [...reset, remark(`${entity.name}: no access rule, so no role can read, change, create or delete it (on purpose).`)];
  }
  return [...reset, ...entity.accessRules.map((rule) => entityGrant(module, entity, rule))];
}

function resetStatement(module: string, entity: PlanEntity, roles: readonly string[]): string {
  return [
    remark(`${entity.name}: first remove the module roles' access, so a re-run leaves exactly the rules below (a grant only adds rights).`),
    `revoke ${roles.map((role) => mdlQualifiedName(module, role)).join(", ")} on ${mdlQualifiedName(module, entity.name)};`,
  ].join("\n");
}

export function microflowGrant(module: string, microflow: PlanMicroflow): string {
  if (microflow.allowedRoles.length === 0) {
    return remark(`${microflow.name}: no allowed roles (private; server-side calls only).`);
  }
  const roles = microflow.allowedRoles.map((role) => mdlQualifiedName(module, role)).join(", ");
  return `grant execute on microflow ${mdlQualifiedName(module, microflow.name)} to ${roles};`;
}

/** grantNanoflowAccessStatement: GRANT EXECUTE ON NANOFLOW qualifiedName TO moduleRoleList (MDLSecurity.g4). */
export function nanoflowGrant(module: string, nanoflow: PlanNanoflow): string {
  if (nanoflow.allowedRoles.length === 0) return remark(`${nanoflow.name}: no allowed roles.`);
  const roles = nanoflow.allowedRoles.map((role) => mdlQualifiedName(module, role)).join(", ");
  return `grant execute on nanoflow ${mdlQualifiedName(module, nanoflow.name)} to ${roles};`;
}

function entityGrant(module: string, entity: PlanEntity, rule: PlanAccessRule): string {
  const readable = rule.members.filter((m) => m.kind !== "system" && m.rights !== "None").map((m) => m.member);
  const writable = rule.members.filter((m) => m.kind !== "system" && m.rights === "ReadWrite").map((m) => m.member);
  const rights = [
    ...(rule.allowCreate ? ["create"] : []),
    ...(rule.allowDelete ? ["delete"] : []),
    ...(readable.length > 0 ? [`read (${readable.map(mdlIdentifier).join(", ")})`] : []),
    ...(writable.length > 0 ? [`write (${writable.map(mdlIdentifier).join(", ")})`] : []),
  ];
  const notes = memberNotes(entity, rule);
  if (rights.length === 0) {
    return remark(
      ...notes,
      `${entity.name} / ${rule.role}: an access rule with no rights at all (${oneLine(rule.documentation)}).`,
      `Manual step: MDL cannot grant no rights; add this rule in Studio Pro so module security is complete.`,
    );
  }
  const where = rule.xpath === undefined ? "" : ` where ${mdlString(rule.xpath)}`;
  const grant = statement(
    rule.documentation,
    `grant ${mdlQualifiedName(module, rule.role)} on ${mdlQualifiedName(module, entity.name)} (${rights.join(", ")})${where};`,
  );
  return notes.length === 0 ? grant : `${remark(...notes)}\n${grant}`;
}

function memberNotes(entity: PlanEntity, rule: PlanAccessRule): string[] {
  const none = rule.members.filter((m) => m.kind !== "system" && m.rights === "None").map((m) => m.member);
  const system = rule.members.filter((m) => m.kind === "system");
  return [
    ...(none.length > 0 ? [`${entity.name} / ${rule.role}: no access to ${none.join(", ")}.`] : []),
    ...system.map(
      (m) =>
        `${entity.name} / ${rule.role}: ${m.member} ${m.rights === "None" ? "no access" : m.rights === "ReadOnly" ? "read-only" : "read/write"}; MDL member lists cannot name it, set it in Studio Pro (Manual step).`,
    ),
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
