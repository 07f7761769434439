// What the script creates, as text: the --dry-run output, and the progress lines of a real run
// (build.ts prints the same lines as it creates each element, so both always agree).
import type {
  AccessRuleDefinition,
  AssociationDefinition,
  AttributeDefinition,
  ConstantDefinition,
  EntityDefinition,
  ImportMappingDefinition,
  JavaActionDefinition,
  JsonStructureDefinition,
  MicroflowDefinition,
  ModuleDefinition,
  RoleDefinition,
  SnippetDefinition,
  StepDefinition,
} from "./definition.js";
import { expression, xpath } from "./expressions.js";
import type { MemberChange } from "./steps.js";
import type { Widget } from "./widgets.js";

/**
 * A user text as one inert line: a JSON string, with newlines, control, invisible and direction
 * characters escaped, so a terminal shows exactly what is there (and JSON.parse gives it back).
 */
export function show(text: string): string {
  return JSON.stringify(text).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}

const yesNo = (value: boolean): string => (value ? "yes" : "no");

export function moduleLine(def: ModuleDefinition): string {
  return `Module ${def.name} (with its ModuleSecurity, DomainModel and ModuleSettings)`;
}

export function roleLines(module: string, role: RoleDefinition): string[] {
  return [`Module role ${module}.${role.name}`, `    documentation: ${show(role.documentation)}`];
}

export function folderLine(folder: string): string {
  return `Folder ${folder}`;
}

export function entityLines(module: string, entity: EntityDefinition): string[] {
  return [
    `Entity ${module}.${entity.name} (persistable: ${yesNo(entity.persistable)}, store owner: ${yesNo(entity.storeOwner)})`,
    `    documentation: ${show(entity.documentation)}`,
  ];
}

export function attributeLine(attribute: AttributeDefinition): string {
  const type =
    attribute.type === "string" ? `String(${attribute.length === undefined || attribute.length === 0 ? "unlimited" : attribute.length})` : typeName(attribute.type);
  const defaultValue = attribute.defaultValue === undefined ? "" : `, default ${show(attribute.defaultValue)}`;
  const documentation = attribute.documentation ? `, documentation ${show(attribute.documentation)}` : "";
  return `    attribute ${attribute.name}: ${type}${defaultValue}${documentation}`;
}

function typeName(type: AttributeDefinition["type"]): string {
  return type === "datetime" ? "DateTime" : type.charAt(0).toUpperCase() + type.slice(1);
}

export function associationLines(module: string, parent: string, association: AssociationDefinition): string[] {
  const child = association.child.includes(".") ? association.child : `${module}.${association.child}`;
  return [
    `Association ${module}.${association.name} (${association.type}): ${module}.${parent} -> ${child}`,
    `    documentation: ${show(association.documentation)}`,
  ];
}

export function accessRuleLines(module: string, entity: string, rule: AccessRuleDefinition): string[] {
  return [
    `Access rule on ${module}.${entity} for ${module}.${rule.role}: create ${yesNo(rule.allowCreate)}, delete ${yesNo(rule.allowDelete)}, ` +
      `default member rights ${rule.defaultMemberAccessRights}, XPath ${rule.xpath ? show(rule.xpath) : "none"}`,
    `    documentation: ${show(rule.documentation)}`,
    ...rule.members.map((member) => `    member ${member.member}: ${member.rights}`),
  ];
}

export function constantLines(module: string, constant: ConstantDefinition): string[] {
  return [
    `Constant ${module}.${constant.name} in ${constant.folder}: String, default ${show(constant.defaultValue)}, exposed to client: ${yesNo(constant.exposedToClient)}`,
    `    documentation: ${show(constant.documentation)}`,
  ];
}

export function javaActionLine(module: string, def: JavaActionDefinition): string {
  return `Java action ${module}.${def.name}(${def.parameters.map((p) => `${p}: String`).join(", ")}) returns String, in folder ${def.folder}`;
}

export function jsonStructureLines(module: string, def: JsonStructureDefinition): string[] {
  return [
    `JSON structure ${module}.${def.name} in ${def.folder}: one object with ${def.members.map((m) => `${m.key} (${typeof m.example === "number" ? "Integer" : "String"})`).join(", ")}`,
    `    documentation: ${show(def.documentation)}`,
  ];
}

export function importMappingLines(module: string, def: ImportMappingDefinition): string[] {
  return [
    `Import mapping ${module}.${def.name} in ${def.folder}: ${module}.${def.jsonStructure} -> one ${module}.${def.entity} (${def.values.map((v) => `${v.attribute} = ${v.key}`).join(", ")})`,
    `    documentation: ${show(def.documentation)}`,
  ];
}

export function microflowLines(module: string, microflow: MicroflowDefinition, kind: "Microflow" | "Nanoflow" = "Microflow"): string[] {
  const roles = microflow.allowedRoles.length ? microflow.allowedRoles.map((r) => `${module}.${r}`).join(", ") : "none (server-side calls only)";
  const parameters = microflow.parameters.map((p) => `${p.name}: ${p.type}`).join(", ");
  return [
    `${kind} ${module}.${microflow.name}(${parameters}) returns ${microflow.returnType}, in folder ${microflow.folder}`,
    `    documentation: ${show(microflow.documentation)}`,
    `    allowed roles: ${roles}`,
    ...(kind === "Microflow" ? [`    apply entity access: ${yesNo(microflow.applyEntityAccess)}`] : []),
    ...microflow.steps.map((step) => `    step: ${stepText(step)}`),
  ];
}

export function stepText(step: StepDefinition): string {
  switch (step.kind) {
    case "encrypt":
      return `Encryption.EncryptString(${step.from}) -> ${step.toEntity}/${step.toAttribute}, then ${step.toEntity}/${step.isSetAttribute} = true`;
    case "decrypt":
      return `Encryption.DecryptString(${step.fromEntity}/${step.fromAttribute}) -> $${step.secret}`;
    case "readConstant":
      return `read constant ${step.constant} -> $${step.secret}`;
    case "note":
      return `annotation ${show(step.text)}`;
    case "retrieve":
      return `retrieve $${step.out} = ${step.first ? "first " : ""}${step.entity}${step.where.length ? ` where ${show(xpath(step.where))}` : ""}`;
    case "retrieveByAssociation":
      return `retrieve $${step.out} = $${step.from}/${step.association}`;
    case "create":
      return `create $${step.out} = ${step.entity}(${members(step.members)})`;
    case "change":
      return `change $${step.variable}(${members(step.members)})`;
    case "commit":
      return `commit $${step.variable} ${step.events ? "with" : "without"} events`;
    case "delete":
      return `delete $${step.variable}`;
    case "declare":
      return `declare $${step.out}: ${step.type} = ${show(expression(step.value))}`;
    case "set":
      return `set $${step.variable} = ${show(expression(step.value))}`;
    case "callJava":
      return `${step.out ? `$${step.out} = ` : ""}call Java action ${step.action}(${step.args.map((a) => `${a.param} = ${show(expression(a.value))}`).join(", ")})`;
    case "callMicroflow":
      return `${step.out ? `$${step.out} = ` : ""}call microflow ${step.microflow}(${step.args.map((a) => `${a.param} = ${show(expression(a.value))}`).join(", ")})`;
    case "rest":
      return (
        `$${step.out} = REST ${step.method} ${show(step.url.text)}${step.basicAuth ? " with basic authentication" : ""}${step.headers.map((h) => `, header ${show(h.name)}`).join("")}` +
        (step.result?.kind === "mapping" ? `, response by import mapping ${step.result.mapping} to ${step.result.entity}` : "")
      );
    case "decision":
      return `decision ${show(step.caption)}: if ${show(expression(step.condition))} (${step.then.length} steps) else (${step.else.length} steps)`;
    case "showMessage":
      return `show ${step.level} message ${show(step.message.text)}`;
    case "validationFeedback":
      return `validation feedback on $${step.variable}/${step.attribute}: ${show(step.text)}`;
    case "log":
      return `log ${step.level} on node ${show(step.node)}: ${show(step.message.text)}`;
    case "return":
      return `return${step.value ? ` ${show(expression(step.value))}` : ""}`;
    case "callJavaScript":
      return `${step.out ? `$${step.out} = ` : ""}call JavaScript action ${step.action}(${step.args.map((a) => `${a.param} = ${show(expression(a.value))}`).join(", ")})`;
  }
}

function members(list: MemberChange[]): string {
  return list.map((m) => `${"attribute" in m ? m.attribute : m.association} = ${show(expression(m.value))}`).join(", ");
}

/** Every element in the order build.ts creates it. */
export function describeModule(def: ModuleDefinition): string[] {
  const m = def.name;
  return [
    moduleLine(def),
    ...def.roles.flatMap((role) => roleLines(m, role)),
    ...def.folders.map(folderLine),
    ...def.entities.flatMap((entity) => [...entityLines(m, entity), ...entity.attributes.map(attributeLine)]),
    ...def.entities.flatMap((entity) => entity.associations.flatMap((a) => associationLines(m, entity.name, a))),
    ...def.entities.flatMap((entity) => entity.accessRules.flatMap((rule) => accessRuleLines(m, entity.name, rule))),
    ...def.constants.flatMap((constant) => constantLines(m, constant)),
    ...(def.javaActions ?? []).map((javaAction) => javaActionLine(m, javaAction)),
    ...(def.jsonStructures ?? []).flatMap((structure) => jsonStructureLines(m, structure)),
    ...(def.importMappings ?? []).flatMap((mapping) => importMappingLines(m, mapping)),
    ...def.microflows.flatMap((microflow) => microflowLines(m, microflow)),
    ...(def.nanoflows ?? []).flatMap((nanoflow) =>
      microflowLines(m, { ...nanoflow, applyEntityAccess: false, parameters: [], returnType: "Nothing" }, "Nanoflow"),
    ),
    ...(def.snippets ?? []).flatMap((snippet) => snippetLines(m, snippet)),
  ];
}

export function snippetLines(module: string, snippet: SnippetDefinition): string[] {
  return [
    `Snippet ${module}.${snippet.name}, in folder ${snippet.folder}`,
    `    documentation: ${show(snippet.documentation)}`,
    ...widgetLines(module, snippet.widgets, "    "),
  ];
}

function widgetLines(module: string, widgets: Widget[], indent: string): string[] {
  return widgets.flatMap((w): string[] => {
    switch (w.kind) {
      case "dataView":
        return [
          `${indent}data view ${w.name}: ${module}.${w.entity} from microflow ${module}.${w.source}`,
          ...widgetLines(module, w.widgets, `${indent}    `),
          ...(w.footer.length ? [`${indent}    footer:`, ...widgetLines(module, w.footer, `${indent}        `)] : []),
        ];
      case "textBox":
        return [`${indent}${w.password ? "password " : ""}text box ${w.name} on ${w.attribute}, label ${show(w.label)}`];
      case "checkBox":
        return [`${indent}${w.editable ? "" : "read-only "}check box ${w.name} on ${w.attribute}, label ${show(w.label)}`];
      case "actionButton":
        return [
          `${indent}button ${w.name} ${show(w.caption)} (${w.style}): microflow ${module}.${w.microflow}(${w.args.map((a) => `${a.parameter} = ${a.dataView}`).join(", ")})`,
        ];
    }
  });
}

/** Modules the script cannot check for but the app needs (e.g. SAML): printed as reminders. */
export function reminders(def: ModuleDefinition): string[] {
  return def.dependencies.filter((d) => d.module !== "Encryption").map((d) => `The app also needs the ${d.module} module: ${d.why}.`);
}
