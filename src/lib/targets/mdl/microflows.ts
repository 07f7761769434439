// Microflow skeletons, the same ones the Model SDK script builds (templates/sdk/model/lib/
// microflows.ts): parameters, return type, folder, documentation, "Apply entity access" as the
// @applyentityaccess(true|false) annotation, and the steps. Encrypt and decrypt steps call the
// Encryption module's Java actions with the same arguments as the SDK script (a test compares
// the two); what needs the developer is a `--` remark.
// Rules: createMicroflowStatement, microflowStatement and one statement rule per step kind
// (mendixlabs/mxcli mdl/grammar/domains/MDLMicroflow.g4 @6f336073: retrieveStatement,
// createObjectStatement, changeObjectStatement, commitStatement, deleteObjectStatement,
// declareStatement, setStatement, callJavaActionStatement, callMicroflowStatement,
// restCallStatement, ifStatement, showMessageStatement, validationFeedbackStatement,
// logStatement, returnStatement), expressions (domains/MDLSettings.g4); transcribed, with their
// sources, in test/helpers/mdl-grammar.ts.
//
// To render a new kind of step, add one entry to STEPS: it returns the body lines and, if the
// step produces the microflow's result, the expression holding it.
import { mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import { stringArgument, type MemberChange, type Template } from "../../plan/steps.js";
import type { PlanMicroflow, PlanMicroflowStep, PlanNanoflow } from "../../plan/types.js";
import { statement } from "./domain.js";
import { checkTemplate, mdlExpression, mdlXPath, templateParams } from "./expressions.js";

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

type StepEmitter<K extends PlanMicroflowStep["kind"]> = (step: Extract<PlanMicroflowStep, { kind: K }>, flow: PlanMicroflow, module: string) => Emitted;

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
  retrieve: (step, _flow, module) => ({
    lines: [
      `retrieve ${variableRef(step.out)} from ${mdlQualifiedName(module, step.entity)}` +
        (step.where.length ? ` where ${mdlXPath(step.where)}` : "") +
        // `limit 1` is the single object in a script without an `mdl 1;` header (MDLMicroflow.g4
        // retrieveStatement; docs/notes/issue-12-microflow-activities.md, "Retrieve").
        (step.first ? " limit 1" : "") +
        ";",
    ],
  }),
  retrieveByAssociation: (step, _flow, module) => ({
    lines: [`retrieve ${variableRef(step.out)} from ${variableRef(step.from)}/${mdlQualifiedName(module, step.association)};`],
  }),
  create: (step, _flow, module) => ({
    lines: [`${variableRef(step.out)} = create ${mdlQualifiedName(module, step.entity)} (${members(module, step.members)});`],
  }),
  change: (step, _flow, module) => ({ lines: [`change ${variableRef(step.variable)} (${members(module, step.members)});`] }),
  commit: (step) => ({ lines: [`commit ${variableRef(step.variable)} ${step.events ? "with" : "without"} events;`] }),
  delete: (step) => ({ lines: [`delete ${variableRef(step.variable)};`] }),
  declare: (step) => ({ lines: [`declare ${variableRef(step.out)} ${step.type.toLowerCase()} = ${mdlExpression(step.value)};`] }),
  set: (step) => ({ lines: [`set ${variableRef(step.variable)} = ${mdlExpression(step.value)};`] }),
  callJava: (step) => ({
    lines: [
      `${step.out === undefined ? "" : `${variableRef(step.out)} = `}call java action ${qualifiedExpression(step.action)}(` +
        `${step.args.map((a) => `${mdlIdentifier(a.param)} = ${mdlExpression(a.value)}`).join(", ")});`,
    ],
  }),
  callMicroflow: (step, _flow, module) => ({
    lines: [
      `${step.out === undefined ? "" : `${variableRef(step.out)} = `}call microflow ${mdlQualifiedName(module, step.microflow)}(` +
        `${step.args.map((a) => `${mdlIdentifier(a.param)} = ${mdlExpression(a.value)}`).join(", ")});`,
    ],
  }),
  rest: (step, flow, module) => {
    const url = template(step.url, `${flow.name}: the REST URL`);
    const headers = step.headers.map((h) => `  header ${mdlString(h.name)} = ${mdlExpression(h.value)}`);
    const auth = step.basicAuth ? [`  auth basic ${mdlExpression(step.basicAuth.user)} password ${mdlExpression(step.basicAuth.password)}`] : [];
    const body = step.body ? [`  body ${template(step.body, `${flow.name}: the REST body`)}`] : [];
    // restCallTimeoutClause: TIMEOUT expression, in seconds, after the body (ako/mxcli
    // mdl/grammar/domains/MDLMicroflow.g4:504-512, :550-553); written as TimeoutExpression
    // (cmd_microflows_builder_calls.go:1160-1176), 300 when absent.
    if (step.timeoutSeconds !== undefined && !Number.isSafeInteger(step.timeoutSeconds)) throw new Error(`${flow.name}: the REST timeout must be whole seconds.`);
    const timeout = step.timeoutSeconds === undefined ? [] : [`  timeout ${step.timeoutSeconds}`];
    return {
      lines: [
        // `rest call` (MDLMicroflow.g4 @6f336073 restCallStatement; later grammars spell it
        // `call rest service` and keep `rest call` as a deprecated alias, MDL-DEPR094).
        `${variableRef(step.out)} = rest call ${step.method.toLowerCase()} ${url}`,
        ...headers,
        ...auth,
        ...body,
        ...timeout,
        // restCallReturnsClause: RETURNS STRING_TYPE | RETURNS MAPPING qualifiedName AS qualifiedName (one object).
        `  ${step.result?.kind === "mapping" ? `returns mapping ${mdlQualifiedName(module, step.result.mapping)} as ${mdlQualifiedName(module, step.result.entity)}` : "returns string"}` +
          `${step.onError === "continue" ? " on error continue" : " on error rollback"};`,
      ],
    };
  },
  decision: (step, flow, module) => {
    const branch = (steps: PlanMicroflowStep[]) => {
      checkReachable(steps, flow);
      return steps.flatMap((s) => emit(s, flow, module).lines).map((line) => `  ${line}`);
    };
    return {
      lines: [
        comment(`Decision: ${step.caption}`),
        `if ${mdlExpression(step.condition)} then`,
        ...branch(step.then),
        ...(step.else.length ? ["else", ...branch(step.else)] : []),
        "end if;",
      ],
    };
  },
  showMessage: (step, flow) => {
    checkTemplate(step.message, `${flow.name}: a message`);
    const objects = step.message.args.length ? ` objects [${step.message.args.map((a) => mdlExpression(stringArgument(a))).join(", ")}]` : "";
    return { lines: [`show message ${mdlString(step.message.text)} type ${step.level}${objects};`] };
  },
  validationFeedback: (step) => ({
    lines: [`validation feedback ${variableRef(step.variable)}/${mdlIdentifier(step.attribute)} message ${mdlString(step.text)};`],
  }),
  log: (step, flow) => ({
    lines: [`log ${step.level.toLowerCase()} node ${mdlString(step.node)} ${template(step.message, `${flow.name}: a log message`)};`],
  }),
  return: (step) => ({ lines: [step.value ? `return ${mdlExpression(step.value)};` : "return;"] }),
  // callJavaScriptActionStatement: (VARIABLE EQUALS)? CALL JAVASCRIPT ACTION qualifiedName LPAREN callArgumentList? RPAREN
  // (MDLMicroflow.g4 @6f336073); nanoflows only.
  callJavaScript: (step) => ({
    lines: [
      `${step.out === undefined ? "" : `${variableRef(step.out)} = `}call javascript action ${qualifiedExpression(step.action)}(` +
        `${step.args.map((a) => `${mdlIdentifier(a.param)} = ${mdlExpression(a.value)}`).join(", ")});`,
    ],
  }),
};

/** 'text' with ({1} = ...): a template and its arguments (templateParams). */
function template(from: Template<Parameters<typeof mdlExpression>[0]>, where: string): string {
  checkTemplate(from, where);
  return `${mdlString(from.text)}${templateParams(from.args)}`;
}

/** Attr = expr, Module.Assoc = expr (memberAssignmentList). */
function members(module: string, list: MemberChange[]): string {
  return list
    .map((m) => `${"attribute" in m ? mdlIdentifier(m.attribute) : mdlQualifiedName(module, m.association)} = ${mdlExpression(m.value)}`)
    .join(", ");
}

/** A step after one that returns on every path is never reached (the SDK script refuses it too). */
function checkReachable(steps: PlanMicroflowStep[], flow: PlanMicroflow): void {
  steps.forEach((step, i) => {
    if (i > 0 && terminates(steps.slice(0, i))) throw new Error(`${flow.name}: a ${step.kind} step follows a return on every path and is never reached.`);
  });
}

/** The steps end in a return on every path. */
function terminates(steps: PlanMicroflowStep[]): boolean {
  const last = steps.at(-1);
  if (!last) return false;
  if (last.kind === "return") return true;
  return last.kind === "decision" && terminates(last.then) && terminates(last.else);
}

/**
 * `create or modify microflow` (issue 18): every microflow is generated whole from the plan's
 * steps, so the kit owns it and a re-run must converge. Plain `create` stops the script at the
 * first microflow that exists (ako/mxcli mdl/executor/cmd_microflows_create.go:72-73, and exec
 * stops at the first error, executor.go:358-361); `or modify` keeps the microflow's ID and
 * folder (:83-91), so calls and buttons that refer to it stay valid. `if not exists` is not used:
 * the grammar at @6f336073 has none (MDLMicroflow.g4 createMicroflowStatement: MICROFLOW
 * qualifiedName ..., code index id 69135366789); the later MDLMicroflow.g4 that has the `url` clause
 * (code index id 70338693740) has `MICROFLOW ifNotExists? qualifiedName` and the same on java
 * actions, from a release not established here; and the kit owns these microflows, so a re-run
 * must replace them. Changes made in Studio Pro to these microflows are replaced: the header says so.
 */
export function microflowStatement(module: string, microflow: PlanMicroflow): string {
  const parameters = microflow.parameters.map((p) => `${variableRef(p.name)}: ${typeName(module, p.type)}`).join(", ");
  const returns = microflow.returnType === "Nothing" ? "" : `\nreturns ${typeName(module, microflow.returnType)}`;
  let result: string | undefined;
  const body: string[] = [];
  checkReachable(microflow.steps, microflow);
  for (const step of microflow.steps) {
    const emitted = emit(step, microflow, module);
    body.push(...emitted.lines);
    result = emitted.result ?? result;
  }
  const returnValue = returnExpression(microflow.returnType, result);
  if (returnValue !== undefined && !terminates(microflow.steps)) body.push(`return ${returnValue};`);
  return statement(
    microflow.documentation,
    `@applyentityaccess(${microflow.applyEntityAccess ? "true" : "false"})\n` +
      `create or modify microflow ${mdlQualifiedName(module, microflow.name)} (${parameters})${returns}\n` +
      `folder ${mdlString(microflow.folder)}\n` +
      urlOptions(microflow) +
      `begin\n${body.map((line) => `  ${line}`).join("\n")}${body.length ? "\n" : ""}end;`,
  );
}

/**
 * The microflow URL as microflowOptions (issue 18): `url 'path'` and `url search parameters ($a, $b)`
 * (microflowUrlClause in the later mendixlabs/mxcli MDLMicroflow.g4, code index id 70338693740;
 * mxcli 0.23 per its CHANGELOG, so within the kit's minimum 0.24.0). Each search parameter must be
 * a parameter of the microflow, and not also in the path (CE5612): the URL path has none.
 */
function urlOptions(microflow: PlanMicroflow): string {
  if (!microflow.url) return "";
  const names = new Set(microflow.parameters.map((p) => p.name));
  for (const q of microflow.url.queryParameters) {
    if (!names.has(q)) throw new Error(`${microflow.name}: the URL's query parameter ${q} is not a parameter of the microflow.`);
  }
  const search = microflow.url.queryParameters.length ? `url search parameters (${microflow.url.queryParameters.map(variableRef).join(", ")})\n` : "";
  return `url ${mdlString(microflow.url.path)}\n${search}`;
}

/**
 * `create nanoflow` (createNanoflowStatement: NANOFLOW qualifiedName LPAREN microflowParameterList?
 * RPAREN microflowReturnType? microflowOptions? BEGIN microflowBody END, MDLMicroflow.g4 @6f336073),
 * `or modify` for the same reason as microflows (cmd_nanoflows_create.go:55-58):
 * the same body rules as a microflow; no entity-access annotation (a nanoflow has no such setting).
 */
export function nanoflowStatement(module: string, nanoflow: PlanNanoflow): string {
  const flow: PlanMicroflow = { ...nanoflow, applyEntityAccess: false, parameters: [], returnType: "Nothing" };
  checkReachable(flow.steps, flow);
  const body = flow.steps.flatMap((step) => emit(step, flow, module).lines);
  return statement(
    nanoflow.documentation,
    `create or modify nanoflow ${mdlQualifiedName(module, nanoflow.name)} ()\n` +
      `folder ${mdlString(nanoflow.folder)}\n` +
      `begin\n${body.map((line) => `  ${line}`).join("\n")}${body.length ? "\n" : ""}end;`,
  );
}

function emit(step: PlanMicroflowStep, flow: PlanMicroflow, module: string): Emitted {
  return (STEPS[step.kind] as StepEmitter<typeof step.kind>)(step as never, flow, module);
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
