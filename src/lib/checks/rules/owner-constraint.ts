// On a user-owned persistable entity each role that can see anything sees only the current user's
// objects, unless the spec gives that data role reach "all" (reporting, support). The XPath is
// parsed (checks/xpath.ts): only an equality between an owner path and '[%CurrentUser%]' counts,
// and-ed with anything; "or true()", "!=", "not(...)" and functions do not.
import type { Plan, PlanAccessRule, PlanEntity } from "../../plan/types.js";
import { accessRulePlace, defineRule, entityPlace } from "../places.js";
import { grantedRights } from "../rights.js";
import type { Finding } from "../types.js";
import { CURRENT_USER, parseXPath, pathsIn, restrictsToCurrentUser } from "../xpath.js";

/** Purposes whose rows are per user whatever a role's reach (tokens, pending authorizations). */
const ALWAYS_OWN = new Set(["token", "authorization-request"]);

/** Associations from an entity to System.User, by their module-qualified names. */
function userLinks(plan: Plan, entity: PlanEntity): Set<string> {
  return new Set(entity.associations.filter((a) => a.child === "System.User").map((a) => `${plan.module}.${a.name}`));
}

/**
 * An owner path: System.owner (with Store owner), a link to System.User, or a chain
 * Module.Assoc/Module.Entity/.../Module.Link that ends in one, through this module's entities.
 */
export function isOwnerPath(plan: Plan, entity: PlanEntity, steps: string[]): boolean {
  if (steps.length === 1) return (steps[0] === "System.owner" && entity.storeOwner) || userLinks(plan, entity).has(steps[0]!);
  if (steps.length < 3 || steps.length % 2 === 0) return false;
  const [association, target, ...rest] = steps;
  const via = entity.associations.find((a) => `${plan.module}.${a.name}` === association && a.child !== "System.User");
  const next = plan.entities.find((e) => `${plan.module}.${e.name}` === target);
  return via !== undefined && next !== undefined && via.child === next.name && isOwnerPath(plan, next, rest);
}

function grantsAnything(rule: PlanAccessRule): boolean {
  return rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.rights !== "None");
}

export const ownerConstraint = defineRule({
  name: "OwnerConstraint",
  severity: "error",
  description: "Every role on a user-owned persistable entity sees only the current user's objects, unless the spec gives a data role reach: all.",
  help:
    "A user-owned entity links each object to its user with an association to System.User (as Mendix's OIDC module does " +
    "with OIDC.Token_User), set by the connector, and constrains each role with [Module.Entity_User='[%CurrentUser%]']. " +
    "The audit parses the XPath: only an equality between that link (or System.owner with Store owner, or a path through " +
    "this module's entities ending in such a link) and '[%CurrentUser%]' counts, optionally and-ed with more conditions; " +
    "\"or\", \"!=\", not() and functions do not. The link must not be writable by the constrained role. A data role with " +
    "reach: all (reporting, support) sees every user's objects on purpose; tokens stay per user. Without it every user " +
    "reads everyone's objects. Fix: remove the access override's xpath, or write the owner constraint. " +
    "Related: mxcli lint SEC008 PIIUnconstrainedRead and CONV007 XPathOnAllAccess.",
}, (spec, plan, found) => {
  const roles = new Map(plan.roles.map((r) => [r.name, r]));
  const findings: Finding[] = [];
  for (const entity of plan.entities) {
    if (entity.ownership !== "user" || !entity.persistable) continue;
    if (!entity.storeOwner && userLinks(plan, entity).size === 0) {
      findings.push(found(entityPlace(spec, entity.name),
        `${entity.name} is user-owned but has no link to its user (an association to System.User)`,
        `link ${entity.name} to System.User with ${entity.name}_User (ownership: user does this)`));
    }
    for (const rule of entity.accessRules) {
      const role = roles.get(rule.role);
      if (!grantsAnything(rule)) continue;
      if (role?.kind === "data" && role.reach === "all" && !ALWAYS_OWN.has(entity.purpose)) {
        // Reach "all" is for reporting and support: one that also changes or deletes touches every user's rows.
        const writes = rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.rights === "ReadWrite");
        if (writes) {
          findings.push(found(accessRulePlace(spec, entity.name, rule),
            `${rule.role} has reach: all and changes every user's ${entity.name} objects, not only its own (${grantedRights(rule)})`,
            `make ${rule.role} read-only if it serves reporting or support, or give it reach: own`, "warning"));
        }
        continue;
      }
      const place = accessRulePlace(spec, entity.name, rule);
      const fix = `set xpath: "[${plan.module}.${entity.name}_User='${CURRENT_USER}']" for ${rule.role} on ${entity.name}` +
        (role?.kind === "data" && !ALWAYS_OWN.has(entity.purpose) ? `, or give ${rule.role} reach: all if it really serves reporting or support` : "");
      if (rule.xpath === undefined || rule.xpath.trim() === "") {
        findings.push(found(place, `${rule.role} reaches every ${entity.name}, not only the current user's (no owner constraint; ${grantedRights(rule)})`, fix));
        continue;
      }
      const parsed = parseXPath(rule.xpath);
      if ("error" in parsed) {
        findings.push(found(place, `${rule.role}'s XPath on ${entity.name} cannot be read (${parsed.error}), so it does not count as an owner constraint (${grantedRights(rule)})`, fix));
        continue;
      }
      if (!restrictsToCurrentUser(parsed.node, (steps) => isOwnerPath(plan, entity, steps))) {
        findings.push(found(place,
          `${rule.role}'s XPath on ${entity.name} (${rule.xpath}) does not limit it to the current user's objects (${grantedRights(rule)})`,
          fix));
        continue;
      }
      const relied = new Set(pathsIn(parsed.node).flat().map((step) => step.replace(`${plan.module}.`, "")));
      for (const member of rule.members) {
        if (member.kind === "attribute" || member.rights !== "ReadWrite") continue;
        if (relied.has(member.member) || (member.kind === "system" && relied.has("System.owner"))) {
          findings.push(found(place,
            `${rule.role} may change ${member.member}, which its own owner constraint on ${entity.name} relies on`,
            `make ${member.member} read-only for ${rule.role}; otherwise a user can hand objects to themselves`));
        }
      }
    }
  }
  return findings;
});
