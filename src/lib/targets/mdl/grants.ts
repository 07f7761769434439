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
// above each grant names them, which keeps every member listed.
//
// A rule with no rights at all (issue 18) cannot be one grant (entityAccessRightList needs a
// right), and the reset's full revoke deletes a rule left with no roles, so a rule added by hand
// would vanish at the next run. The script makes it itself: a grant of read on one member creates
// the rule, then a partial revoke of that read (`revoke R on E (read (m))`,
// mdl/executor/cmd_security_write.go:510-548) sets the member to None and keeps the rule: it edits
// rights and never deletes a rule. Read in the codec engine, the one mxcli runs by default
// (cmd/mxcli/engine.go:82-91) and the only one from 0.23.0, which deleted the legacy sdk/mpr engine
// (CHANGELOG.md [0.23.0]): ako/mxcli mdl/backend/modelsdk/domainmodel_security_write.go
// AddEntityAccessRule :20-75, RevokeEntityMemberAccess :84-162, RemoveEntityAccessRule :168-217
// (drops a rule left with no roles, :207); mendixlabs/mxcli's later copy of that file (code index id
// 62702065440) keeps both behaviours. The partial revoke edits every rule whose role set equals the
// statement's (sameStringSet, not XPath), so these rules come first, right after the reset, before
// any grant that gives the same roles rights. (The legacy sdk/mpr/writer_security.go:1003-1110,
// `--engine legacy` before 0.23.0, edits only the first such rule; it too never deletes one.)
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanAccessRule, PlanEntity, PlanMicroflow, PlanNanoflow } from "../../plan/types.js";
import { remark, statement } from "./domain.js";

/** The entity's access for the module's roles: a reset (revoke), then one grant per rule. */
export function entityGrants(module: string, entity: PlanEntity, roles: readonly string[]): string[] {
  const reset = roles.length === 0 ? [] : [resetStatement(module, entity, roles)];
  if (entity.accessRules.length === 0) {
    return [...reset, remark(`${entity.name}: no access rule, so no role can read, change, create or delete it (on purpose).`)];
  }
  const ordered = [...entity.accessRules.filter((r) => !hasRights(r)), ...entity.accessRules.filter(hasRights)];
  return [...reset, ...ordered.map((rule) => entityGrant(module, entity, rule))];
}

function hasRights(rule: PlanAccessRule): boolean {
  return rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.kind !== "system" && m.rights !== "None");
}

function resetStatement(module: string, entity: PlanEntity, roles: readonly string[]): string {
  return [
    remark(`${entity.name}: first remove the module roles' access, so a re-run leaves exactly the rules below (a grant only adds rights).`),
    `revoke ${roles.map((role) => mdlQualifiedName(module, role)).join(", ")} on ${mdlQualifiedName(module, entity.name)};`,
  ].join("\n");
}

/**
 * A microflow's execute access, converging on a re-run (issue 18): `create or modify microflow`
 * keeps the roles the microflow had (ako/mxcli mdl/executor/cmd_microflows_create.go:77-78) and a
 * grant only adds roles (cmd_security_write.go:605-619), so the module's roles are revoked first
 * (revokeMicroflowAccessStatement, MDLSecurity.g4:51-53; execRevokeMicroflowAccess
 * cmd_security_write.go:637-690 removes the roles it finds and is no error when it finds none),
 * then the allowed ones granted. A role the plan no longer allows loses access.
 */
export function microflowGrant(module: string, microflow: PlanMicroflow, moduleRoles: readonly string[]): string {
  const name = mdlQualifiedName(module, microflow.name);
  const reset = moduleRoles.length ? [`revoke execute on microflow ${name} from ${moduleRoles.map((r) => mdlQualifiedName(module, r)).join(", ")};`] : [];
  if (microflow.allowedRoles.length === 0) {
    return [remark(`${microflow.name}: no allowed roles (private; server-side calls only).`), ...reset].join("\n");
  }
  const roles = microflow.allowedRoles.map((role) => mdlQualifiedName(module, role)).join(", ");
  return [...reset, `grant execute on microflow ${name} to ${roles};`].join("\n");
}

/**
 * grantNanoflowAccessStatement: GRANT EXECUTE ON NANOFLOW qualifiedName TO moduleRoleList, after
 * revokeNanoflowAccessStatement (MDLSecurity.g4:59-61), for the same reason as microflowGrant.
 */
export function nanoflowGrant(module: string, nanoflow: PlanNanoflow, moduleRoles: readonly string[]): string {
  const name = mdlQualifiedName(module, nanoflow.name);
  const reset = moduleRoles.length ? [`revoke execute on nanoflow ${name} from ${moduleRoles.map((r) => mdlQualifiedName(module, r)).join(", ")};`] : [];
  if (nanoflow.allowedRoles.length === 0) return [remark(`${nanoflow.name}: no allowed roles.`), ...reset].join("\n");
  const roles = nanoflow.allowedRoles.map((role) => mdlQualifiedName(module, role)).join(", ");
  return [...reset, `grant execute on nanoflow ${name} to ${roles};`].join("\n");
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
  const where = rule.xpath === undefined ? "" : ` where ${mdlString(rule.xpath)}`;
  if (rights.length === 0) {
    const member = transientMember(entity, rule);
    if (member === undefined) {
      return remark(
        ...notes,
        `${entity.name} / ${rule.role}: an access rule with no rights at all (${oneLine(rule.documentation)}).`,
        `Manual step: the entity has no attribute or association to grant and revoke; add this rule in Studio Pro so module security is complete.`,
      );
    }
    const role = mdlQualifiedName(module, rule.role);
    const target = mdlQualifiedName(module, entity.name);
    return [
      remark(...notes, `${entity.name} / ${rule.role}: an access rule with no rights at all, made by granting one read and revoking it (a partial revoke keeps the rule).`),
      statement(rule.documentation, `grant ${role} on ${target} (read (${mdlIdentifier(member)}))${where};`),
      `revoke ${role} on ${target} (read (${mdlIdentifier(member)}));`,
    ].join("\n");
  }
  const grant = statement(
    rule.documentation,
    `grant ${mdlQualifiedName(module, rule.role)} on ${mdlQualifiedName(module, entity.name)} (${rights.join(", ")})${where};`,
  );
  return notes.length === 0 ? grant : `${remark(...notes)}\n${grant}`;
}

/**
 * The member the no-rights rule is made with: read on it exists only between the grant and the
 * revoke of one exec, so a member that holds nothing secret (never an encrypted or sensitive
 * attribute); an association when the entity has no such attribute.
 */
function transientMember(entity: PlanEntity, rule: PlanAccessRule): string | undefined {
  const secret = new Set(entity.attributes.filter((a) => a.encrypted || a.sensitive).map((a) => a.name));
  const candidates = rule.members.filter((m) => m.kind !== "system" && !secret.has(m.member) && !m.member.startsWith("Encrypted"));
  return (candidates.find((m) => m.kind === "attribute") ?? candidates[0])?.member;
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
