// More than five module roles makes a connector's security hard to reason about and to map.
import { defineRule } from "../places.js";

export const MAX_MODULE_ROLES = 5;

export const moduleRolesAmount = defineRule({
  name: "ModuleRolesAmount",
  severity: "warning",
  description: `A module has at most ${MAX_MODULE_ROLES} module roles.`,
  help:
    `Every extra module role is another column to map to user roles and another access rule per entity. Above ${MAX_MODULE_ROLES} ` +
    "roles, reviewers lose track. Fix: merge roles that differ only slightly. Related: CLEVR ACR ModuleRolesAmount (more than 5 roles).",
}, (spec, plan, found) =>
  plan.roles.length > MAX_MODULE_ROLES
    ? [found("roles",
        `${plan.roles.length} module roles (${plan.roles.map((r) => r.name).join(", ")}); more than ${MAX_MODULE_ROLES} makes security hard to reason about`,
        "merge roles that differ only slightly")]
    : [],
);
