// The module, its roles and its domain model as MDL statements: what grants refer to later.
// Syntax: mxcli's MDLDomainModel.g4 / MDLSecurity.g4 and its generate-domain-model skill.
import { mdlDocComment, mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { Plan, PlanAssociation, PlanAttribute, PlanConstant, PlanEntity, PlanRole } from "../../plan/types.js";

export function moduleStatement(plan: Plan): string {
  const documentation = `${plan.description}\n\nConnector for ${plan.service.name} (${plan.service.baseUrl}).`;
  return statement(documentation, `create module ${mdlIdentifier(plan.module)};`);
}

export function roleStatement(module: string, role: PlanRole): string {
  // The description string is the role's Documentation; the doc comment repeats it for readers.
  return statement(role.documentation, `create module role ${mdlQualifiedName(module, role.name)} description ${mdlString(role.documentation)};`);
}

export function entityStatement(module: string, entity: PlanEntity): string {
  const kind = entity.persistable ? "persistent" : "non-persistent";
  const members = [
    ...entity.attributes.map(attributeDefinition),
    // autoowner is mxcli's pseudo-type for Mendix "Store owner" (System.owner).
    ...(entity.storeOwner ? [`  ${mdlIdentifier("owner")}: autoowner`] : []),
  ];
  const body = members.length === 0 ? "()" : `(\n${members.join(",\n")}\n)`;
  return statement(entity.documentation, `create ${kind} entity ${mdlQualifiedName(module, entity.name)} ${body};`);
}

export function associationStatement(module: string, association: PlanAssociation): string {
  const type = association.type === "reference-set" ? "ReferenceSet" : "reference";
  return statement(
    association.documentation,
    `create association ${mdlQualifiedName(module, association.name)}\n` +
      `  from ${mdlQualifiedName(module, association.parent)} to ${mdlQualifiedName(module, association.child)}\n` +
      `  type ${type};`,
  );
}

export function constantStatement(module: string, constant: PlanConstant): string {
  // No `exposed to client`: a constant holding a secret stays on the server.
  return statement(
    constant.documentation,
    `create constant ${mdlQualifiedName(module, constant.name)} type string default ${mdlString(constant.defaultValue)} folder ${mdlString(constant.folder)};`,
  );
}

/** A statement preceded by its doc comment (none for empty documentation). */
export function statement(documentation: string, text: string): string {
  const doc = mdlDocComment(documentation);
  return doc === "" ? text : `${doc}\n${text}`;
}

/** A block of `--` comment lines, for the script's own remarks. */
export function remark(...lines: string[]): string {
  return lines.map((line) => mdlLineComment(line)).join("\n");
}

function attributeDefinition(attribute: PlanAttribute): string {
  const doc = mdlDocComment(attribute.documentation, "  ");
  const defaultValue = attribute.defaultValue === undefined ? "" : ` default ${literal(attribute.type, attribute.defaultValue)}`;
  const line = `  ${mdlIdentifier(attribute.name)}: ${dataType(attribute)}${defaultValue}`;
  return doc === "" ? line : `${doc}\n${line}`;
}

function dataType(attribute: PlanAttribute): string {
  if (attribute.type !== "string") return attribute.type;
  const length = attribute.length ?? 0;
  return length === 0 ? "string(unlimited)" : `string(${length})`;
}

function literal(type: PlanAttribute["type"], value: string): string {
  if (type === "boolean" && (value === "true" || value === "false")) return value;
  if ((type === "integer" || type === "long" || type === "decimal") && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return value;
  return mdlString(value);
}
