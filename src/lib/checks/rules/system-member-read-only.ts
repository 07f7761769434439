// Members the system sets (owner, IsSet flags, expiry, one-time state, ciphertext) are never
// writable by a role: a user who can write them can forge ownership or state.
import { accessRulePlace, defineRule } from "../places.js";
import type { Finding } from "../types.js";

export const systemMemberReadOnly = defineRule({
  name: "SystemMemberReadOnly",
  severity: "error",
  description: "Members set by the system (owner, flags, expiry, state) are never writable by a role.",
  help:
    "System.owner, the owner links to System.User (Entity_User), the ...IsSet flags, token expiry and the OAuth state are set by the runtime or by the connector's " +
    "microflows. A role that can write them can take over other users' objects or replay a sign-in. Fix: make them read-only " +
    "(or None) for every role. Related: Mendix security guidance (attributes set by the system are never writable by users).",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  for (const entity of plan.entities) {
    const systemSet = new Set([
      ...entity.attributes.filter((a) => a.systemSet && !a.encrypted).map((a) => a.name),
      // The owner link (Entity_User) is set by the connector: a role that writes it hands rows to anyone.
      ...entity.associations.filter((a) => a.systemSet).map((a) => a.name),
    ]);
    for (const rule of entity.accessRules) {
      const written = rule.members
        .filter((m) => m.rights === "ReadWrite" && (m.kind === "system" || systemSet.has(m.member)))
        .map((m) => m.member);
      if (!written.length) continue;
      findings.push(found(accessRulePlace(spec, entity.name, rule),
        `${rule.role} may write ${written.join(", ")} on ${entity.name}, which only the system sets`,
        `make ${written.join(", ")} read-only for ${rule.role}`));
    }
  }
  return findings;
});
