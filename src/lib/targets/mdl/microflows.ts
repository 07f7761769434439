// Microflow skeletons, the same ones the Model SDK script builds (templates/sdk/model/lib/
// microflows.ts): parameters, return type, folder, documentation, "Apply entity access" as the
// @applyentityaccess(true|false) annotation, and the steps. Encrypt and decrypt steps call the
// Encryption module's Java actions with the same arguments as the SDK script (a test compares
// the two); what needs the developer is a `--` remark.
// Rules: createMicroflowStatement, microflowStatement, callJavaActionStatement,
// changeObjectStatement, returnStatement (mendixlabs/mxcli mdl/grammar/domains/MDLMicroflow.g4),
// expressions (domains/MDLSettings.g4); transcribed in test/helpers/mdl-grammar.ts.
//
// To render a new kind of step, add one entry to STEPS: it returns the body lines and, if the
// step produces the microflow's result, the expression holding it.
import { mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanMicroflow, PlanMicroflowStep } from "../../plan/types.js";
import { statement } from "./domain.js";

export const ENCRYPT_ACTION = "Encryption.EncryptString";
export const DECRYPT_ACTION = "Encryption.DecryptString";

/**
 * The Encryption actions' arguments besides `value`, in the actions' parameter order
 * (javasource/encryption/actions/EncryptString.java, DecryptString.java). DecryptString's prefix
 * must be empty: it throws otherwise (DecryptString.java:52-53).
 */
export const ENCRYPTION_ARGUMENTS: Record<string, [string, string][]> = {
  [ENCRYPT_ACTION]: [
    ["key", "@Encryption.EncryptionKey"],
    ["prefix", "@Encryption.EncryptionPrefix"],
  ],
  [DECRYPT_ACTION]: [
    ["key", "@Encryption.EncryptionKey"],
    ["prefix", "empty"],
    ["legacyKey", "@Encryption.LegacyEncryptionKey"],
  ],
};

interface Emitted {
  lines: string[];
  /** The expression holding the microflow's result, when the step produces it. */
  result?: string;
}

type StepEmitter<K extends PlanMicroflowStep["kind"]> = (step: Extract<PlanMicroflowStep, { kind: K }>, flow: PlanMicroflow) => Emitted;

const STEPS: { [K in PlanMicroflowStep["kind"]]: StepEmitter<K> } = {
  note: (step) => ({ lines: [comment(`To do: ${step.text}`)] }),
  readConstant: (step) => ({ lines: [], result: `@${qualifiedExpression(step.constant)}` }),
  encrypt: (step, flow) => {
    const [variable = "", ...path] = step.from.split("/");
    const hasSource = flow.parameters.some((p) => p.name === variable);
    const output = `Encrypted${step.secret}`;
    const target = parameterOfType(flow, step.toEntity);
    return {
      lines: [
        ...(hasSource ? [] : [comment(`To do: pass ${step.from} to ${ENCRYPT_ACTION}: the microflow has no ${variable} parameter.`)]),
        callJavaAction(output, ENCRYPT_ACTION, hasSource ? attributePath(variable, path) : "empty"),
        target
          ? `change ${variableRef(target)} (${mdlIdentifier(step.toAttribute)} = ${variableRef(output)}, ${mdlIdentifier(step.isSetAttribute)} = true);`
          : comment(`To do: store $${output} in ${step.toEntity}/${step.toAttribute} and set ${step.isSetAttribute} to true.`),
      ],
    };
  },
  decrypt: (step, flow) => {
    const holder = parameterOfType(flow, step.fromEntity);
    return {
      lines: [
        ...(holder ? [] : [comment(`To do: retrieve ${step.fromEntity} first and pass its ${step.fromAttribute} to ${DECRYPT_ACTION}.`)]),
        callJavaAction(step.secret, DECRYPT_ACTION, holder ? attributePath(holder, [step.fromAttribute]) : "empty"),
        comment("Never log or show this value."),
      ],
      result: variableRef(step.secret),
    };
  },
};

export function microflowStatement(module: string, microflow: PlanMicroflow): string {
  const parameters = microflow.parameters.map((p) => `${variableRef(p.name)}: ${typeName(module, p.type)}`).join(", ");
  const returns = microflow.returnType === "Nothing" ? "" : `\nreturns ${typeName(module, microflow.returnType)}`;
  let result: string | undefined;
  const body: string[] = [];
  for (const step of microflow.steps) {
    const emitted = emit(step, microflow);
    body.push(...emitted.lines);
    result = emitted.result ?? result;
  }
  const returnValue = returnExpression(microflow.returnType, result);
  if (returnValue !== undefined) body.push(`return ${returnValue};`);
  return statement(
    microflow.documentation,
    `@applyentityaccess(${microflow.applyEntityAccess ? "true" : "false"})\n` +
      `create microflow ${mdlQualifiedName(module, microflow.name)} (${parameters})${returns}\n` +
      `folder ${mdlString(microflow.folder)}\n` +
      `begin\n${body.map((line) => `  ${line}`).join("\n")}${body.length ? "\n" : ""}end;`,
  );
}

function emit(step: PlanMicroflowStep, flow: PlanMicroflow): Emitted {
  return (STEPS[step.kind] as StepEmitter<typeof step.kind>)(step as never, flow);
}

function callJavaAction(output: string, action: string, value: string): string {
  const args = [["value", value], ...(ENCRYPTION_ARGUMENTS[action] ?? [])].map(([name, argument]) => `${name} = ${argument}`);
  return `${variableRef(output)} = call java action ${qualifiedExpression(action)}(${args.join(", ")});`;
}

/** The value the SDK script's end event returns (templates/sdk/model/lib/microflows.ts returnValue). */
function returnExpression(returnType: string, result: string | undefined): string | undefined {
  switch (returnType) {
    case "Nothing":
      return undefined;
    case "Boolean":
      return "false";
    case "String":
      return result ?? "empty";
    default:
      return "empty";
  }
}

function parameterOfType(flow: PlanMicroflow, entity: string): string | undefined {
  return flow.parameters.find((p) => p.type === entity)?.name;
}

function typeName(module: string, type: string): string {
  if (type === "String") return "string";
  if (type === "Boolean") return "boolean";
  return mdlQualifiedName(module, type);
}

/** $Name: a VARIABLE token ('$' ID_BODY+); the name is checked to be a Mendix name. */
function variableRef(name: string): string {
  mdlIdentifier(name); // refuses anything that is not a Mendix name
  return `$${name}`;
}

/** $Variable/Attribute, as a Mendix expression writes a member of an object. */
function attributePath(variable: string, path: string[]): string {
  path.forEach((segment) => mdlIdentifier(segment));
  return [variableRef(variable), ...path].join("/");
}

/**
 * Module.Name unquoted, as Mendix expressions write it (mxcli keeps expression text): each
 * segment is checked to be a Mendix name, which the expression grammar accepts as IDENTIFIER or
 * keyword (identifierOrKeyword).
 */
function qualifiedExpression(name: string): string {
  name.split(".").forEach((segment) => mdlIdentifier(segment));
  return name;
}

function comment(text: string): string {
  return mdlLineComment(text);
}
