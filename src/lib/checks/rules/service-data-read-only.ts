// Data that comes from the service is read by data roles and written by the connector's
// microflows; only what the spec marks editable is writable by a role.
import { accessRulePlace, defineRule } from "../places.js";
import type { Finding } from "../types.js";

export const serviceDataReadOnly = defineRule({
  name: "ServiceDataReadOnly",
  severity: "error",
  description: "Data roles only read what the connector fills; they write only what the spec marks editable.",
  help:
    "A connector's entities hold data synchronised from the service: a role that creates, changes or deletes it makes the " +
    "app disagree with the service, and on shared entities any user changes everyone's rows. By default data roles read " +
    "and the connector's microflows write. Mark what users really edit: editable: true on the entity (create for shared " +
    "entities, change and delete) or on an attribute (change it). On an editable user-owned entity a data role creates its " +
    "own objects through ACT_<Entity>_New, which sets the owner link no role may write. Fix: mark it editable, or drop the extra rights.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const data = new Set(plan.roles.filter((r) => r.kind === "data").map((r) => r.name));
  for (const entity of plan.entities.filter((e) => e.purpose === "data")) {
    const editableMembers = new Set(entity.attributes.filter((a) => entity.editable || a.editable).map((a) => a.name));
    if (entity.editable) for (const a of entity.associations) if (!a.systemSet) editableMembers.add(a.name);
    for (const rule of entity.accessRules.filter((r) => data.has(r.role))) {
      const rights = [
        rule.allowCreate && !entity.editable ? "create" : "",
        rule.allowDelete && !entity.editable ? "delete" : "",
        ...rule.members.filter((m) => m.rights === "ReadWrite" && !editableMembers.has(m.member)).map((m) => `write ${m.member}`),
      ].filter(Boolean);
      if (rights.length === 0) continue;
      findings.push(found(accessRulePlace(spec, entity.name, rule),
        `${rule.role} may ${rights.join(", ")} on ${entity.name}, which the connector fills from ${plan.service.name} and the spec does not mark editable`,
        `mark what users really edit with editable: true (entity or attribute), or remove these rights from ${rule.role}`));
    }
  }
  return findings;
});
