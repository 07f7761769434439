// Module security is complete only when every persistable entity has at least one access rule;
// an entity only the connector's microflows use gets one rule that grants nothing.
import { defineRule, entityPlace } from "../places.js";

export const moduleSecurityComplete = defineRule({
  name: "ModuleSecurityComplete",
  severity: "error",
  description: "Every persistable entity has at least one access rule, even one that grants nothing.",
  help:
    "Studio Pro reports module security as incomplete while a persistable entity has no access rule, and a Marketplace " +
    "module must have its security status complete. mxsecure gives entities no role may touch (AccessToken, " +
    "AuthorizationRequest) one rule with no rights at all. Fix: regenerate, or add such a rule. " +
    "Related: mxcli lint SEC001 (persistent entity without access rules); mendix/CommunityCommons PR 41.",
}, (spec, plan, found) =>
  plan.entities
    .filter((entity) => entity.persistable && entity.accessRules.length === 0)
    .map((entity) => found(entityPlace(spec, entity.name),
      `persistable entity ${entity.name} has no access rule, so module security is incomplete`,
      `give ${entity.name} one access rule that grants nothing (no create, no delete, every member None)`)),
);
