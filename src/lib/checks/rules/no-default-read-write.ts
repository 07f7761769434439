// New members get no rights until someone decides: default member access None, and every member of
// the entity listed explicitly in every access rule.
import { accessRulePlace, defineRule } from "../places.js";
import type { Finding } from "../types.js";

export const noDefaultReadWrite = defineRule({
  name: "NoDefaultReadWrite",
  severity: "error",
  description: "Access rules give new members no rights by default and list every member explicitly.",
  help:
    "An access rule's default rights apply to every member added later: ReadWrite there silently exposes the next " +
    "attribute someone adds, however sensitive. mxsecure writes None and lists every member explicitly; a hand-edited " +
    "plan or model must keep it so. Fix: set the default member access to None and list each member. " +
    "Related: mxlint AvoidDefaultReadWriteAccess; CLEVR ACR securityentitydefaultmemberaccess; mxcli lint SEC009 MissingMemberRestriction.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  for (const entity of plan.entities) {
    const memberNames = [...entity.attributes.map((a) => a.name), ...entity.associations.map((a) => a.name)];
    for (const rule of entity.accessRules) {
      const place = accessRulePlace(spec, entity.name, rule);
      // Typed as "None", but a plan can be edited or built by other code: check the value, not the type.
      const defaultRights: string = rule.defaultMemberAccessRights;
      if (defaultRights !== "None") {
        findings.push(found(place,
          `${rule.role}'s access rule on ${entity.name} gives new members ${defaultRights} by default`,
          `set the default member access of ${rule.role} on ${entity.name} to None`));
      }
      const listed = new Set(rule.members.map((m) => m.member));
      const missing = memberNames.filter((m) => !listed.has(m));
      if (missing.length) {
        findings.push(found(place,
          `${rule.role}'s access rule on ${entity.name} does not list ${missing.join(", ")}`,
          `list every member of ${entity.name} in ${rule.role}'s access rule, with None where it has no access`));
      }
    }
  }
  return findings;
});
