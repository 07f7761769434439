// Microflow skeletons: name, folder, parameters, return type and documentation in MDL; the
// steps as `--` remarks inside the body, because they call the Encryption module's Java
// actions, which the script cannot assume are in the app yet. MDL has no syntax for
// "Apply entity access", so the script says which value to set by hand.
// Syntax: mxcli's MDLMicroflow.g4 (create microflow ... begin ... end;) and write-microflows skill.
import { mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanMicroflow, PlanMicroflowStep } from "../../plan/types.js";
import { statement } from "./domain.js";

export function microflowStatement(module: string, microflow: PlanMicroflow): string {
  const parameters = microflow.parameters.map((p) => `$${variableName(p.name)}: ${typeName(module, p.type)}`).join(", ");
  const returns = microflow.returnType === "Nothing" ? "" : `\nreturns ${typeName(module, microflow.returnType)}`;
  const body = [
    ...microflow.steps.map((step) => mdlLineComment(`TODO: ${stepText(step)}`, "  ")),
    mdlLineComment(`Manual step: set "Apply entity access" to ${microflow.applyEntityAccess ? "Yes" : "No"} (MDL cannot set it).`, "  "),
    ...(microflow.returnType === "Nothing" ? [] : [`  return ${placeholderValue(microflow.returnType)};`]),
  ];
  return statement(
    microflow.documentation,
    `create microflow ${mdlQualifiedName(module, microflow.name)} (${parameters})${returns}\n` +
      `folder ${mdlString(microflow.folder)}\n` +
      `begin\n${body.join("\n")}\nend;`,
  );
}

function typeName(module: string, type: string): string {
  if (type === "String") return "string";
  if (type === "Boolean") return "boolean";
  return mdlQualifiedName(module, type);
}

/** The skeleton's placeholder result, replaced when the steps are built. */
function placeholderValue(type: string): string {
  return type === "Boolean" ? "false" : "empty";
}

function variableName(name: string): string {
  mdlIdentifier(name); // refuses anything that is not a Mendix name
  return name;
}

function stepText(step: PlanMicroflowStep): string {
  switch (step.kind) {
    case "encrypt":
      return `encrypt $${step.from} with Encryption.EncryptString into ${step.toEntity}.${step.toAttribute}; set ${step.isSetAttribute} to true.`;
    case "decrypt":
      return `decrypt ${step.fromEntity}.${step.fromAttribute} with Encryption.DecryptString (${step.secret}); never log or show the result.`;
    case "readConstant":
      return `read the constant ${step.constant} (${step.secret}); never log or show it.`;
    case "note":
      return step.text;
  }
}
