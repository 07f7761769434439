// Mendix applies XPath constraints only to persistable entities: on a non-persistable entity the
// constraint is silently ignored (or refused by Studio Pro), so it protects nothing.
import { accessRulePlace, defineRule } from "../places.js";

export const xpathOnPersistableOnly = defineRule({
  name: "XPathOnPersistableOnly",
  severity: "error",
  description: "XPath constraints appear only on persistable entities.",
  help:
    "XPath constraints are evaluated by the database; a non-persistable entity has none, so a constraint there protects " +
    "nothing and misleads reviewers. Fix: remove the xpath from the override, or make the entity persistable. " +
    "Related: Mendix reference guide, Access Rules (XPath constraints only for persistable entities).",
}, (spec, plan, found) =>
  plan.entities
    .filter((entity) => !entity.persistable)
    .flatMap((entity) => entity.accessRules.filter((rule) => rule.xpath).map((rule) => found(accessRulePlace(spec, entity.name, rule),
      `${rule.role}'s access rule on non-persistable ${entity.name} has an XPath constraint (${rule.xpath}), which Mendix cannot apply`,
      `remove the xpath for ${rule.role} on ${entity.name}, or make ${entity.name} persistable`))),
);
