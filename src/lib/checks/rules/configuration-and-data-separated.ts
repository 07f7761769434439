// Configuration roles manage the connection; data roles work with the data. A role that reaches the
// other side breaks Mendix's guidance that administrators do not see the connector's data.
import type { EntityPurpose } from "../../plan/types.js";
import { accessRulePlace, defineRule, everyAccessRule } from "../places.js";
import { grantedRights } from "../rights.js";
import type { Rule } from "../types.js";

/** Entities that belong to the configuration side; data roles must never reach them. */
const CONFIGURATION_SIDE: ReadonlySet<EntityPurpose> = new Set(["configuration", "secret-input"]);

export const configurationAndDataSeparated: Rule = defineRule({
  name: "ConfigurationAndDataSeparated",
  severity: "error",
  description: "A configuration role never reaches a data entity, and a data role never reaches the connection details.",
  help:
    "Mendix's Marketplace guidance keeps configuration access apart from data access: the Administrator manages the " +
    "connection (ConnectionDetails, secrets) and must not see the connector's data; data roles must not see the connection. " +
    "Fix: remove the access override that crosses sides, or give the person a data role in their user role instead. " +
    "Related: mxcli lint CONV008 ModuleRoleMapping (one module role per user role).",
}, (spec, plan, found) => {
  const kinds = new Map(plan.roles.map((r) => [r.name, r.kind]));
  return everyAccessRule(plan).flatMap(({ entity, rule }) => {
    const kind = kinds.get(rule.role);
    const place = accessRulePlace(spec, entity.name, rule);
    if (entity.purpose === "data" && kind === "configuration") {
      return [found(place,
        `configuration role ${rule.role} reaches data entity ${entity.name} (${grantedRights(rule)})`,
        `remove access.${rule.role} from ${entity.name}; give people who need the data a data role (e.g. User) in their user role`)];
    }
    if (CONFIGURATION_SIDE.has(entity.purpose) && kind === "data") {
      return [found(place,
        `data role ${rule.role} reaches ${entity.name}, which holds the connection configuration (${grantedRights(rule)})`,
        `remove ${rule.role}'s access to ${entity.name}; only configuration roles manage the connection`)];
    }
    return [];
  });
});
