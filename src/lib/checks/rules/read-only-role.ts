// A read-only role reads non-sensitive members and nothing else: no create, delete or write, no
// sensitive members, and no microflow that changes the connection.
import { accessRulePlace, defineRule, rolePlace } from "../places.js";
import type { Finding } from "../types.js";

/** Microflows that change state a read-only role must not change. */
const WRITING_MICROFLOW = /^ACT_ConnectionDetails_(Save|ClearSecrets)$/;

export const readOnlyRole = defineRule({
  name: "ReadOnlyRole",
  severity: "error",
  description: "A read-only role never creates, deletes or writes, and never reads sensitive members.",
  help:
    "readOnly: true promises reporting users and auditors a role that only looks: read access to non-sensitive members. " +
    "An access override that adds create, delete or write, or reads a sensitive member, breaks that promise silently. " +
    "Fix: drop the extra rights from the override, or use a role that is not read-only. " +
    "Related: mxcli lint CONV006 NoCreateDeleteRights.",
}, (spec, plan, found) => {
  const readOnly = new Set(plan.roles.filter((r) => r.readOnly).map((r) => r.name));
  const findings: Finding[] = [];
  for (const entity of plan.entities) {
    for (const rule of entity.accessRules) {
      if (!readOnly.has(rule.role)) continue;
      const place = accessRulePlace(spec, entity.name, rule);
      const rights = [rule.allowCreate && "create", rule.allowDelete && "delete"].filter((r): r is string => Boolean(r));
      const written = rule.members.filter((m) => m.rights === "ReadWrite").map((m) => m.member);
      if (written.length) rights.push(`write (${written.join(", ")})`);
      if (rights.length) {
        findings.push(found(place,
          `read-only role ${rule.role} may ${rights.join(", ")} on ${entity.name}`,
          `give ${rule.role} read access only on ${entity.name}, or make it a role that is not read-only`));
      }
      const sensitive = rule.members
        .filter((m) => m.rights !== "None" && entity.attributes.some((a) => a.name === m.member && a.sensitive))
        .map((m) => m.member);
      if (sensitive.length) {
        findings.push(found(place,
          `read-only role ${rule.role} reads sensitive ${sensitive.join(", ")} of ${entity.name}`,
          `remove ${sensitive.join(", ")} from ${rule.role}'s read list`));
      }
    }
  }
  for (const microflow of plan.microflows) {
    if (!WRITING_MICROFLOW.test(microflow.name)) continue;
    for (const role of microflow.allowedRoles.filter((r) => readOnly.has(r))) {
      findings.push(found(rolePlace(spec, role),
        `read-only role ${role} may run ${microflow.name}, which changes the connection`,
        `remove ${role} from ${microflow.name}'s allowed roles`));
    }
  }
  return findings;
});
