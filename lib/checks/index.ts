// The audit rules (issue 5 grows these). The generator runs them before writing: errors stop it.
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";
import type { Finding } from "./types.js";

export type { Finding, Severity } from "./types.js";

export function runChecks(spec: Spec, plan: Plan): Finding[] {
  const findings: Finding[] = [];
  for (const [index, entity] of spec.entities.entries()) {
    for (const [role, _override] of Object.entries(entity.access ?? {})) {
      const planRole = plan.roles.find((r) => r.name === role);
      if (planRole?.kind === "configuration") {
        findings.push({
          rule: "ConfigurationAndDataSeparated",
          severity: "error",
          path: `entities[${index}].access.${role}`,
          message: `configuration role ${role} reaches data entity ${entity.name}`,
          fix: `remove access.${role} from ${entity.name}; give support staff a data role instead`,
        });
      }
    }
  }
  if (plan.roles.length > 5) {
    findings.push({
      rule: "ModuleRolesAmount",
      severity: "warning",
      path: "roles",
      message: `${plan.roles.length} module roles; more than five makes security hard to reason about`,
      fix: "merge roles that differ only slightly",
    });
  }
  return findings;
}
