// On a user-owned persistable entity each data role sees only the current user's objects: an XPath
// on System.owner (which needs "Store owner") or on a path to System.User, ending in [%CurrentUser%].
import { accessRulePlace, defineRule, entityPlace } from "../places.js";
import type { Finding } from "../types.js";

const CURRENT_USER = "[%CurrentUser%]";

export const ownerConstraint = defineRule({
  name: "OwnerConstraint",
  severity: "error",
  description: "Every data role on a user-owned persistable entity is constrained to the current user's objects.",
  help:
    "A user-owned entity stores its owner (Mendix \"Store owner\") and constrains each data role with " +
    "[System.owner='[%CurrentUser%]'] or a path to System.User such as [Module.Entity_Account='[%CurrentUser%]']; the " +
    "association used in the path must not be writable by the constrained role, and System.owner itself is never writable. " +
    "Without it every user reads everyone's objects. Fix: remove the access override's xpath change, or set " +
    "xpath: \"[System.owner='[%CurrentUser%]']\". Related: mxcli lint SEC008 PIIUnconstrainedRead and CONV007 XPathOnAllAccess.",
}, (spec, plan, found) => {
  const dataRoles = new Set(plan.roles.filter((r) => r.kind === "data").map((r) => r.name));
  const findings: Finding[] = [];
  for (const entity of plan.entities) {
    if (entity.ownership !== "user" || !entity.persistable) continue;
    if (!entity.storeOwner) {
      findings.push(found(entityPlace(spec, entity.name),
        `${entity.name} is user-owned but does not store its owner (System.owner)`,
        `turn on "Store owner" for ${entity.name} (ownership: user does this)`));
    }
    for (const rule of entity.accessRules) {
      if (!dataRoles.has(rule.role)) continue;
      const place = accessRulePlace(spec, entity.name, rule);
      const xpath = rule.xpath ?? "";
      if (!xpath.includes(CURRENT_USER)) {
        findings.push(found(place,
          `data role ${rule.role} reads every ${entity.name}, not only the current user's (no owner constraint)`,
          `set xpath: "[System.owner='${CURRENT_USER}']" for ${rule.role} on ${entity.name}`));
        continue;
      }
      if (xpath.includes("System.owner") && !entity.storeOwner) {
        findings.push(found(place,
          `${rule.role}'s XPath on ${entity.name} uses System.owner, but ${entity.name} does not store its owner`,
          `turn on "Store owner" for ${entity.name}, or constrain through a path to System.User`));
      }
      for (const member of rule.members) {
        if (member.kind === "attribute") continue;
        const inPath = member.kind === "system" ? xpath.includes("System.owner") : xpath.includes(`.${member.member}`);
        if (inPath && member.rights === "ReadWrite") {
          findings.push(found(place,
            `${rule.role} may change ${member.member}, which its own owner constraint on ${entity.name} relies on`,
            `make ${member.member} read-only for ${rule.role}; otherwise a user can hand objects to themselves`));
        }
      }
    }
  }
  return findings;
});
