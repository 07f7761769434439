// Names Mendix or the generated Java refuse: reserved attribute names (CE7247), Java keywords, an
// entity named like its module (breaks the Java build), names that are not Mendix names, clashes.
import { isJavaKeyword, isReservedAttributeName, MENDIX_NAME } from "../../spec/names.js";
import { attributePlace, defineRule, entityPlace, rolePlace } from "../places.js";
import type { Finding } from "../types.js";

export const reservedName = defineRule({
  name: "ReservedName",
  severity: "error",
  description: "Module, role, entity and attribute names are valid Mendix names that Mendix and Java do not reserve.",
  help:
    "Mendix refuses reserved attribute names such as Owner, Id, Type, ChangedDate, Context (consistency error CE7247, " +
    "case-insensitive) and every Java keyword; an entity whose name equals its module's ignoring case breaks the Java " +
    "build; names start with a letter and hold letters, digits and underscores; entity names may not clash with the " +
    "entities mxsecure generates (ConnectionDetails, SecretInput, AccessToken, UserToken, AuthorizationRequest). " +
    "Fix: rename. Related: Mendix consistency error CE7247; mxcli lint MPR001 NamingConvention.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const badName = (name: string) => !MENDIX_NAME.test(name) || isJavaKeyword(name);
  if (badName(plan.module)) {
    findings.push(found("module", `module name ${JSON.stringify(plan.module)} is not a Mendix name or is a Java keyword`, "rename the module"));
  }
  for (const role of plan.roles) {
    if (badName(role.name)) {
      findings.push(found(rolePlace(spec, role.name, "name"), `role name ${JSON.stringify(role.name)} is not a Mendix name or is a Java keyword`, "rename the role"));
    }
  }
  const seen = new Set<string>();
  for (const entity of plan.entities) {
    const place = entityPlace(spec, entity.name);
    const key = entity.name.toLowerCase();
    if (badName(entity.name)) {
      findings.push(found(place, `entity name ${JSON.stringify(entity.name)} is not a Mendix name or is a Java keyword`, "rename the entity"));
    }
    if (key === plan.module.toLowerCase()) {
      findings.push(found(place, `entity ${entity.name} has the module's name ignoring case, which breaks the Java build`, "rename the entity"));
    }
    if (seen.has(key)) {
      findings.push(found(place, `entity name ${entity.name} is used twice in the module (ignoring case)`, "rename one of them; generated entities keep their names"));
    }
    seen.add(key);
    for (const attribute of entity.attributes) {
      if (!isReservedAttributeName(attribute.name) && MENDIX_NAME.test(attribute.name)) continue;
      findings.push(found(attributePlace(spec, entity.name, attribute.name),
        `attribute name ${JSON.stringify(attribute.name)} on ${entity.name} is reserved by Mendix (CE7247) or is not a Mendix name`,
        `rename ${attribute.name}, e.g. to ${entity.name}${attribute.name.replace(/^\w/, (c) => c.toUpperCase())}`));
    }
  }
  return findings;
});
