// The module, its roles and its domain model as MDL statements: what grants refer to later.
// Every statement is `create or modify`, so the script can run again on an app that already has
// (part of) the module. Rules: mendixlabs/mxcli mdl/grammar (createStatement in MDLParser.g4,
// createModuleRoleStatement in MDLSecurity.g4, the rest in MDLDomainModel.g4); the rules used
// are transcribed, with their sources, in test/helpers/mdl-grammar.ts.
import { mdlDocComment, mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { Plan, PlanAssociation, PlanAttribute, PlanConstant, PlanEntity, PlanRole } from "../../plan/types.js";

/** PlanAssociation as agreed with issue 10 (CONTRACT-10-13, item 1); issue 10 adds the field to types.ts. */
type ContractAssociation = PlanAssociation & { deleteWithChild?: boolean };

export function moduleStatement(plan: Plan): string {
  // The doc comment is the module's domain-model documentation.
  const documentation = `${plan.description}\n\nConnector for ${plan.service.name} (${plan.service.baseUrl}).`;
  return statement(documentation, `create or modify module ${mdlIdentifier(plan.module)};`);
}

export function roleStatement(module: string, role: PlanRole): string {
  // The description string is the role's Documentation; the doc comment repeats it for readers.
  return statement(role.documentation, `create or modify module role ${mdlQualifiedName(module, role.name)} description ${mdlString(role.documentation)};`);
}

export function entityStatement(module: string, entity: PlanEntity): string {
  const kind = entity.persistable ? "persistent" : "non-persistent";
  const members = [
    ...entity.attributes.map(attributeDefinition),
    // autoowner is mxcli's pseudo-type for Mendix "Store owner" (System.owner).
    ...(entity.storeOwner ? [`  ${mdlIdentifier("owner")}: autoowner`] : []),
  ];
  const body = members.length === 0 ? "()" : `(\n${members.join(",\n")}\n)`;
  return statement(entity.documentation, `create or modify ${kind} entity ${mdlQualifiedName(module, entity.name)} ${body};`);
}

export function associationStatement(module: string, association: ContractAssociation): string {
  const type = association.type === "reference-set" ? "ReferenceSet" : "reference";
  // delete_and_references: deleting the child (e.g. the user) deletes the objects that refer to
  // it, the child-side delete behaviour mxcli writes for this option.
  const deleteBehavior = association.deleteWithChild ? "\n  delete_behavior delete_and_references" : "";
  return statement(
    association.documentation,
    `create or modify association ${mdlQualifiedName(module, association.name)}\n` +
      `  from ${mdlQualifiedName(module, association.parent)} to ${entityName(module, association.child)}\n` +
      `  type ${type}${deleteBehavior};`,
  );
}

export function constantStatement(module: string, constant: PlanConstant): string {
  // No `exposed to client`: a constant holding a secret stays on the server.
  return statement(
    constant.documentation,
    `create or modify constant ${mdlQualifiedName(module, constant.name)} type string default ${mdlString(constant.defaultValue)} folder ${mdlString(constant.folder)};`,
  );
}

/** An entity of this module, or a qualified one in another module (System.User). */
export function entityName(module: string, name: string): string {
  return name.includes(".") ? mdlQualifiedName(...name.split(".")) : mdlQualifiedName(module, name);
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
