// Microflows: documentation, allowed module roles, "apply entity access", parameters, return type,
// and the steps (steps.ts), one renderer per step kind in RENDERERS. Objects are laid out left to
// right, one column each; a decision's "true" branch runs a row below, its "false" branch stays on
// the row, and the branches meet again in a merge when both go on. What needs the developer's
// judgement is an annotation (a "note" step).
//
// SDK classes and the versions they need: docs/notes/issue-12-microflow-activities.md (mendixmodelsdk
// 4.111.0, src/gen/microflows.d.ts).
import { datatypes, microflows, services, texts, Version } from "mendixmodelsdk";
import type { domainmodels, IModel } from "mendixmodelsdk";
import { required, type Built, type Report } from "./built.js";
import { setCallParameterByName, setUrlSearchParametersByName } from "./by-name.js";
import type { MicroflowDefinition, NanoflowDefinition, StepDefinition } from "./definition.js";
import { microflowLines } from "./describe.js";
import { checkTemplate, expression, mendixString, visibleText, xpath } from "./expressions.js";
import { stringArgument, type Expr, type MemberChange, type Template } from "./steps.js";

export const ENCRYPT_ACTION = "Encryption.EncryptString";
export const DECRYPT_ACTION = "Encryption.DecryptString";

/**
 * What each Encryption Java action parameter receives, in the actions' own parameter order
 * (Encryption module, javasource/encryption/actions/EncryptString.java and DecryptString.java,
 * e.g. mendix/ai-bot-starter-app@4157377). "value" is the step's input.
 * - EncryptString(value, key, prefix): prefix must be "{AES3}" (EncryptString.java:44-50), which
 *   Encryption.EncryptionPrefix holds from module 2.2.0; key must be 32 characters.
 * - DecryptString(value, key, prefix, legacyKey): prefix must be empty, or it throws "Prefix should
 *   be null when passed to DecryptString" (DecryptString.java:52-53); the ciphertext carries its own
 *   prefix. legacyKey decrypts {AES}/{AES2} values written by older module versions.
 */
export const ENCRYPTION_ARGUMENTS: Record<string, Record<string, string>> = {
  [ENCRYPT_ACTION]: { key: "@Encryption.EncryptionKey", prefix: "@Encryption.EncryptionPrefix" },
  [DECRYPT_ACTION]: { key: "@Encryption.EncryptionKey", prefix: "empty", legacykey: "@Encryption.LegacyEncryptionKey" },
};

const STEP_WIDTH = 190;
const FLOW_Y = 200;
const BRANCH_HEIGHT = 140;

/** Where the flow goes on from: an object, and the case value when it is a decision's branch. */
interface Tail {
  from: microflows.MicroflowObject;
  caseValue?: boolean;
}

interface Canvas {
  model: IModel;
  module: string;
  def: MicroflowDefinition;
  /** The microflow or nanoflow being built (both are a MicroflowBase). */
  microflow: microflows.MicroflowBase;
  objects: microflows.MicroflowObjectCollection;
  built: Built;
  /** Microflows of this module by name (all created before any body, so calls resolve). */
  flows: Map<string, microflows.Microflow>;
  report: Report;
  column: number;
  annotations: number;
  /** The entity of each object variable, for member changes. */
  entities: Map<string, string>;
  /** The value the implicit end event returns, once a skeleton step produced it. */
  result?: string;
}

type Renderer<K extends StepDefinition["kind"]> = (step: Extract<StepDefinition, { kind: K }>, canvas: Canvas, tails: Tail[], row: number) => Tail[];

/** Builds every microflow: first the documents (so calls between them resolve), then the bodies. */
export function buildMicroflows(model: IModel, module: string, defs: MicroflowDefinition[], built: Built, report: Report): void {
  const flows = new Map<string, microflows.Microflow>();
  for (const def of defs) flows.set(def.name, createMicroflow(def, built));
  for (const def of defs) buildBody(model, module, def, required(flows.get(def.name), `microflow ${def.name}`), built, flows, report);
  // After the bodies: the URL's query parameters name the parameters created there.
  for (const def of defs) if (def.url) setMicroflowUrl(model, module, required(flows.get(def.name), `microflow ${def.name}`), def, report);

}

/**
 * The microflow URL: Microflow.url (microflows.d.ts:4084, introduced 10.1.0) and, for the query
 * string, urlSearchParameters (:4089, 10.9.0), set after the parameters exist. On an older app the
 * script says what is missing instead of failing.
 */
function setMicroflowUrl(model: IModel, module: string, microflow: microflows.Microflow, def: MicroflowDefinition, report: Report): void {
  const url = def.url!;
  if (!atLeast(model, "10.1.0")) {
    report.warn(`${def.name}: this app's Mendix version has no microflow URLs (10.1+); give it the URL ${url.path} in Studio Pro after upgrading.`);
    return;
  }
  microflow.url = url.path;
  if (url.queryParameters.length === 0) return;
  if (!atLeast(model, "10.9.0")) {
    report.warn(`${def.name}: query string parameters (${url.queryParameters.join(", ")}) need Mendix 10.9+; set them in Studio Pro after upgrading.`);
    return;
  }
  setUrlSearchParametersByName(microflow, url.queryParameters.map((p) => `${module}.${def.name}.${p}`));
}

function createMicroflow(def: MicroflowDefinition, built: Built): microflows.Microflow {
  const microflow = microflows.Microflow.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
  microflow.name = def.name;
  microflow.documentation = def.documentation;
  microflow.applyEntityAccess = def.applyEntityAccess;
  for (const role of def.allowedRoles) microflow.allowedModuleRoles.push(required(built.roles.get(role), `module role ${role}`));
  setReturnType(microflow, def.returnType, built);
  return microflow;
}

/**
 * Builds each nanoflow after the microflows it calls: microflows.Nanoflow.createIn(folder)
 * (microflows.d.ts:4484), allowedModuleRoles (:4479, public from 7.23), the same canvas and step
 * renderers as a microflow; it returns nothing.
 */
export function buildNanoflows(model: IModel, module: string, defs: NanoflowDefinition[], built: Built, report: Report): void {
  const flows = new Map<string, microflows.Microflow>();
  for (const document of model.allMicroflows()) {
    const qualified = document.qualifiedName ?? "";
    if (qualified.startsWith(`${module}.`)) flows.set(qualified.slice(module.length + 1), document as microflows.Microflow);
  }
  for (const def of defs) {
    const nanoflow = microflows.Nanoflow.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
    nanoflow.name = def.name;
    nanoflow.documentation = def.documentation;
    for (const role of def.allowedRoles) nanoflow.allowedModuleRoles.push(required(built.roles.get(role), `module role ${role}`));
    datatypes.VoidType.createInMicroflowBaseUnderMicroflowReturnType(nanoflow);
    const asFlow: MicroflowDefinition = { ...def, applyEntityAccess: false, parameters: [], returnType: "Nothing" };
    buildBody(model, module, asFlow, nanoflow, built, flows, report, "Nanoflow");
  }
}

function buildBody(
  model: IModel,
  module: string,
  def: MicroflowDefinition,
  microflow: microflows.MicroflowBase,
  built: Built,
  flows: Map<string, microflows.Microflow>,
  report: Report,
  kind: "Microflow" | "Nanoflow" = "Microflow",
): void {
  const objects = microflow.objectCollection ?? microflows.MicroflowObjectCollection.createInMicroflowBaseUnderObjectCollection(microflow);
  const canvas: Canvas = { model, module, def, microflow, objects, built, flows, report, column: 0, annotations: 0, entities: new Map() };
  def.parameters.forEach((parameter, index) => {
    const created = microflows.MicroflowParameterObject.createIn(objects);
    created.name = parameter.name;
    setParameterType(created, parameter.type, built);
    if (!["String", "Boolean"].includes(parameter.type)) canvas.entities.set(parameter.name, parameter.type);
    place(created, 100 + index * STEP_WIDTH, 60, 30, 30);
  });

  const start = microflows.StartEvent.createIn(objects);
  placeNext(canvas, start, FLOW_Y, 20, 20);
  const tails = renderSteps(def.steps, canvas, [{ from: start }], FLOW_Y);
  if (tails.length) {
    // The steps did not all end in a return: one end event, returning what a skeleton step produced.
    const end = microflows.EndEvent.createIn(objects);
    end.returnValue = returnValue(def.returnType, canvas.result);
    placeNext(canvas, end, FLOW_Y, 20, 20);
    connect(canvas, tails, end);
  }
  microflowLines(module, def, kind).forEach((line) => report.step(line));
}

function renderSteps(steps: StepDefinition[], canvas: Canvas, tails: Tail[], row: number): Tail[] {
  let open = tails;
  for (const step of steps) {
    if (open.length === 0) throw new Error(`${canvas.def.name}: a ${step.kind} step follows a return on every path and is never reached.`);
    open = (RENDERERS[step.kind] as Renderer<typeof step.kind>)(step as never, canvas, open, row);
  }
  return open;
}

const RENDERERS: { [K in StepDefinition["kind"]]: Renderer<K> } = {
  note: (step, canvas, tails) => {
    annotate(canvas, step.text);
    return tails;
  },
  readConstant: (step, canvas, tails) => {
    canvas.result = `@${step.constant}`;
    return tails;
  },
  encrypt: (step, canvas, tails, row) => {
    const { def } = canvas;
    const [variable, ...path] = step.from.split("/");
    const source = variable !== undefined && hasParameter(def, variable) ? `$${[variable, ...path].join("/")}` : undefined;
    if (!source) warnAndAnnotate(canvas, `Pass ${step.from} to ${ENCRYPT_ACTION}: the microflow has no ${variable} parameter.`);
    const output = `Encrypted${step.secret}`;
    let open = callEncryption(canvas, tails, row, ENCRYPT_ACTION, source ?? "empty", output);
    const target = parameterOfType(def, step.toEntity);
    if (target) {
      const [activity, next] = activityAt(canvas, open, row);
      const change = microflows.ChangeObjectAction.createIn(activity);
      change.changeVariableName = target;
      change.commit = microflows.CommitEnum.No;
      change.refreshInClient = false;
      addMember(canvas, change, step.toEntity, { attribute: step.toAttribute, value: { k: "var", name: output } });
      addMember(canvas, change, step.toEntity, { attribute: step.isSetAttribute, value: { k: "bool", value: true } });
      open = next;
    } else {
      warnAndAnnotate(canvas, `Store $${output} in ${step.toEntity}/${step.toAttribute} and set ${step.isSetAttribute} to true.`);
    }
    return open;
  },
  decrypt: (step, canvas, tails, row) => {
    const holder = parameterOfType(canvas.def, step.fromEntity);
    if (!holder) warnAndAnnotate(canvas, `Retrieve ${step.fromEntity} first and pass its ${step.fromAttribute} to ${DECRYPT_ACTION}.`);
    const open = callEncryption(canvas, tails, row, DECRYPT_ACTION, holder ? `$${holder}/${step.fromAttribute}` : "empty", step.secret);
    canvas.result = `$${step.secret}`;
    return open;
  },
  retrieve: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.RetrieveAction.createIn(activity);
    action.outputVariableName = step.out;
    const source = microflows.DatabaseRetrieveSource.createIn(action);
    source.entity = entity(canvas, step.entity);
    source.xPathConstraint = xpath(step.where);
    (source.range as microflows.ConstantRange).singleObject = step.first;
    canvas.entities.set(step.out, step.entity);
    return next;
  },
  retrieveByAssociation: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.RetrieveAction.createIn(activity);
    action.outputVariableName = step.out;
    const source = microflows.AssociationRetrieveSource.createIn(action);
    source.startVariableName = step.from;
    source.association = required(canvas.built.associations.get(step.association), `association ${step.association}`);
    return next;
  },
  create: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.CreateObjectAction.createIn(activity);
    action.entity = entity(canvas, step.entity);
    action.outputVariableName = step.out;
    action.commit = microflows.CommitEnum.No;
    action.refreshInClient = false;
    for (const member of step.members) addMember(canvas, action, step.entity, member);
    canvas.entities.set(step.out, step.entity);
    return next;
  },
  change: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.ChangeObjectAction.createIn(activity);
    action.changeVariableName = step.variable;
    action.commit = microflows.CommitEnum.No;
    action.refreshInClient = false;
    const of = required(canvas.entities.get(step.variable), `the entity of $${step.variable} in ${canvas.def.name}`);
    for (const member of step.members) addMember(canvas, action, of, member);
    return next;
  },
  commit: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.CommitAction.createIn(activity);
    action.commitVariableName = step.variable;
    action.withEvents = step.events;
    action.refreshInClient = false;
    return next;
  },
  delete: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    microflows.DeleteAction.createIn(activity).deleteVariableName = step.variable;
    return next;
  },
  declare: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.CreateVariableAction.createIn(activity);
    action.variableName = step.out;
    if (step.type === "String") datatypes.StringType.createInCreateVariableActionUnderVariableType(action);
    else if (step.type === "Boolean") datatypes.BooleanType.createInCreateVariableActionUnderVariableType(action);
    else datatypes.IntegerType.createInCreateVariableActionUnderVariableType(action);
    action.initialValue = expression(step.value);
    return next;
  },
  set: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.ChangeVariableAction.createIn(activity);
    action.changeVariableName = step.variable;
    action.value = expression(step.value);
    return next;
  },
  callJava: (step, canvas, tails, row) => {
    const javaAction = required(canvas.model.findJavaActionByQualifiedName(step.action), `Java action ${step.action}`);
    const expected = javaAction.actionParameters.map((p) => p.name);
    const given = step.args.map((a) => a.param);
    if (expected.join(",") !== given.join(",")) {
      throw new Error(`${canvas.def.name}: ${step.action} takes (${expected.join(", ")}); the step passes (${given.join(", ")}).`);
    }
    const [activity, next] = activityAt(canvas, tails, row);
    const call = microflows.JavaActionCallAction.createIn(activity);
    call.javaAction = javaAction;
    call.useReturnVariable = step.out !== undefined;
    if (step.out !== undefined) call.outputVariableName = step.out;
    for (const arg of step.args) {
      const mapping = microflows.JavaActionParameterMapping.createIn(call);
      mapping.parameter = required(canvas.model.findJavaActionParameterByQualifiedName(`${step.action}.${arg.param}`), `parameter ${arg.param}`);
      microflows.BasicCodeActionParameterValue.createInJavaActionParameterMappingUnderParameterValue(mapping).argument = expression(arg.value);
    }
    return next;
  },
  callMicroflow: (step, canvas, tails, row) => {
    const target = canvas.def.name === step.microflow ? (canvas.microflow as microflows.Microflow) : canvas.flows.get(step.microflow);
    const callee = required(target, `microflow ${canvas.module}.${step.microflow}`);
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.MicroflowCallAction.createIn(activity);
    action.microflowCall.microflow = callee;
    action.useReturnVariable = step.out !== undefined;
    if (step.out !== undefined) action.outputVariableName = step.out;
    for (const arg of step.args) {
      const mapping = microflows.MicroflowCallParameterMapping.createIn(action.microflowCall);
      setCallParameterByName(mapping, `${canvas.module}.${step.microflow}.${arg.param}`);
      mapping.argument = expression(arg.value);
    }
    return next;
  },
  rest: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.RestCallAction.createIn(activity);
    action.errorHandlingType = step.onError === "continue" ? microflows.ErrorHandlingType.Continue : microflows.ErrorHandlingType.Rollback;
    const http = action.httpConfiguration;
    http.newHttpMethod = step.method === "GET" ? services.HttpMethod.Get : services.HttpMethod.Post;
    fillStringTemplate(microflows.StringTemplate.createInHttpConfigurationUnderCustomLocationTemplate(http), step.url, `${canvas.def.name}: the REST URL`);
    for (const header of step.headers) {
      const entry = microflows.HttpHeaderEntry.createInHttpConfigurationUnderHeaderEntries(http);
      entry.key = header.name;
      entry.value = expression(header.value);
    }
    if (step.basicAuth) {
      http.useAuthentication = true;
      http.httpAuthenticationUserName = expression(step.basicAuth.user);
      http.authenticationPassword = expression(step.basicAuth.password);
    }
    const request = action.requestHandling as microflows.CustomRequestHandling;
    action.requestHandlingType = microflows.RequestHandlingType.Custom;
    if (step.body) fillStringTemplate(request.template, step.body, `${canvas.def.name}: the REST body`);
    // Seconds the call waits (RestCallAction.timeOutExpression, mendixmodelsdk microflows.d.ts, Mendix >= 7.15).
    if (step.timeoutSeconds !== undefined) action.timeOutExpression = String(step.timeoutSeconds);
    const result = action.resultHandling;
    result.storeInVariable = true;
    result.outputVariableName = step.out;
    if (step.result?.kind === "mapping") {
      // The response through an import mapping, as one object that is not committed (the SDK's
      // default commit is YesWithoutEvents: ImportMappingCall._initializeDefaultProperties).
      const mapping = microflows.ImportMappingCall.createIn(result);
      mapping.mapping = required(canvas.model.findImportMappingByQualifiedName(`${canvas.module}.${step.result.mapping}`), `import mapping ${canvas.module}.${step.result.mapping}`);
      mapping.commit = microflows.CommitEnum.No;
      mapping.contentType = microflows.ContentType.Json;
      mapping.forceSingleOccurrence = false;
      (mapping.range as microflows.ConstantRange).singleObject = true;
      datatypes.ObjectType.createInResultHandlingUnderVariableType(result).entity = entity(canvas, step.result.entity);
      action.resultHandlingType = microflows.ResultHandlingType.Mapping;
      canvas.entities.set(step.out, step.result.entity);
    } else {
      datatypes.StringType.createInResultHandlingUnderVariableType(result);
      action.resultHandlingType = microflows.ResultHandlingType.String;
    }
    return next;
  },
  decision: (step, canvas, tails, row) => {
    const split = microflows.ExclusiveSplit.createIn(canvas.objects);
    split.caption = step.caption;
    (split.splitCondition as microflows.ExpressionSplitCondition).expression = expression(step.condition);
    placeNext(canvas, split, row, 90, 60);
    connect(canvas, tails, split);
    // A decision nested in a branch closes its own merge at the end of that branch, so each
    // decision has at most one merge and the branches nest as the steps do.
    const whenTrue = closeBranch(canvas, renderSteps(step.then, canvas, [{ from: split, caseValue: true }], row + BRANCH_HEIGHT), row + BRANCH_HEIGHT);
    const whenFalse = closeBranch(canvas, renderSteps(step.else, canvas, [{ from: split, caseValue: false }], row), row);
    return [...whenTrue, ...whenFalse];
  },
  showMessage: (step, canvas, tails, row) => {
    checkTemplate(step.message, `${canvas.def.name}: a message`);
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.ShowMessageAction.createIn(activity);
    action.type = microflows.ShowMessageType[step.level];
    action.blocking = true;
    fillTextTemplate(action.template, step.message);
    return next;
  },
  validationFeedback: (step, canvas, tails, row) => {
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.ValidationFeedbackAction.createIn(activity);
    action.objectVariableName = step.variable;
    action.attribute = attribute(canvas, step.entity, step.attribute);
    fillTextTemplate(action.feedbackTemplate, { text: step.text, args: [] });
    return next;
  },
  log: (step, canvas, tails, row) => {
    checkTemplate(step.message, `${canvas.def.name}: a log message`);
    const [activity, next] = activityAt(canvas, tails, row);
    const action = microflows.LogMessageAction.createIn(activity);
    action.level = microflows.LogLevel[step.level];
    action.node = mendixString(step.node);
    action.includeLatestStackTrace = false;
    fillStringTemplate(action.messageTemplate, step.message, `${canvas.def.name}: a log message`);
    return next;
  },
  callJavaScript: (step, canvas, tails, row) => {
    // JavaScriptActionCallAction (microflows.d.ts:3458, >= 7.21) with one
    // JavaScriptActionParameterMapping (:3491) per parameter, each a BasicCodeActionParameterValue (:762).
    const action = required(canvas.model.findJavaScriptActionByQualifiedName(step.action), `JavaScript action ${step.action} (add its module from the Marketplace)`);
    const expected = action.actionParameters.map((p) => p.name);
    const given = step.args.map((a) => a.param);
    if (expected.join(",") !== given.join(",")) {
      throw new Error(`${canvas.def.name}: ${step.action} takes (${expected.join(", ")}); the step passes (${given.join(", ")}).`);
    }
    const [activity, next] = activityAt(canvas, tails, row);
    const call = microflows.JavaScriptActionCallAction.createIn(activity);
    call.javaScriptAction = action;
    call.useReturnVariable = step.out !== undefined;
    if (step.out !== undefined) call.outputVariableName = step.out;
    for (const arg of step.args) {
      const mapping = microflows.JavaScriptActionParameterMapping.createIn(call);
      mapping.parameter = required(canvas.model.findJavaScriptActionParameterByQualifiedName(`${step.action}.${arg.param}`), `parameter ${arg.param}`);
      microflows.BasicCodeActionParameterValue.createInJavaScriptActionParameterMappingUnderParameterValue(mapping).argument = expression(arg.value);
    }
    return next;
  },
  return: (step, canvas, tails, row) => {
    const end = microflows.EndEvent.createIn(canvas.objects);
    end.returnValue = step.value ? expression(step.value) : "";
    placeNext(canvas, end, row, 20, 20);
    connect(canvas, tails, end);
    return [];
  },
};

/** A Call Java action to an Encryption action, its arguments as ENCRYPTION_ARGUMENTS says. */
function callEncryption(canvas: Canvas, tails: Tail[], row: number, qualifiedName: string, value: string, output: string): Tail[] {
  const { model } = canvas;
  const javaAction = required(model.findJavaActionByQualifiedName(qualifiedName), `Java action ${qualifiedName} (add the Encryption module from the Marketplace)`);
  const [activity, next] = activityAt(canvas, tails, row);
  const call = microflows.JavaActionCallAction.createIn(activity);
  call.javaAction = javaAction;
  call.useReturnVariable = true;
  call.outputVariableName = output;
  for (const parameter of javaAction.actionParameters) {
    const name = parameter.name.toLowerCase();
    const argument = name === "value" ? value : ENCRYPTION_ARGUMENTS[qualifiedName]?.[name];
    if (argument === undefined) warnAndAnnotate(canvas, `${qualifiedName}: no value for its parameter ${parameter.name}; set it in Studio Pro.`);
    const mapping = microflows.JavaActionParameterMapping.createIn(call);
    mapping.parameter = required(model.findJavaActionParameterByQualifiedName(`${qualifiedName}.${parameter.name}`), `parameter ${parameter.name}`);
    microflows.BasicCodeActionParameterValue.createInJavaActionParameterMappingUnderParameterValue(mapping).argument = argument ?? "empty";
  }
  return next;
}

function addMember(canvas: Canvas, action: microflows.ChangeMembersAction, entityName: string, member: MemberChange): void {
  const item = microflows.MemberChange.createIn(action);
  if ("attribute" in member) item.attribute = attribute(canvas, entityName, member.attribute);
  else item.association = required(canvas.built.associations.get(member.association), `association ${member.association}`);
  item.type = microflows.ChangeActionItemType.Set;
  item.value = expression(member.value);
}

function entity(canvas: Canvas, name: string): domainmodels.Entity {
  return required(canvas.built.entities.get(name), `entity ${name}`);
}

function attribute(canvas: Canvas, entityName: string, name: string): domainmodels.Attribute {
  return required(canvas.built.attributes.get(`${entityName}.${name}`), `attribute ${entityName}.${name}`);
}

function fillStringTemplate(template: microflows.StringTemplate, from: Template<Expr | { k: "httpStatus" }>, where: string): void {
  checkTemplate(from, where);
  template.text = visibleText(from.text);
  for (const arg of from.args) microflows.TemplateArgument.createIn(template).expression = expression(stringArgument(arg)); // every parameter a String (steps.ts)
}

/**
 * A message text: one translation, in the language the kit writes (en_US). Texts go through
 * visibleText, as string literals do, so both appliers store the same characters.
 */
function fillTextTemplate(template: microflows.TextTemplate, from: Template): void {
  const translation = texts.Translation.createIn(template.text);
  translation.languageCode = "en_US";
  translation.text = visibleText(from.text);
  for (const arg of from.args) microflows.TemplateArgument.createIn(template).expression = expression(stringArgument(arg)); // every parameter a String (steps.ts)
}

/** An action activity in the next column, entered from every open tail. */
function activityAt(canvas: Canvas, tails: Tail[], row: number): [microflows.ActionActivity, Tail[]] {
  const activity = microflows.ActionActivity.createIn(canvas.objects);
  placeNext(canvas, activity, row, 120, 60);
  connect(canvas, tails, activity);
  return [activity, [{ from: activity }]];
}

/**
 * Sequence flows from the open tails into `to`; two or more tails meet in a merge first. A
 * decision's flows carry its case value: `caseValues` from Mendix 10.15, `caseValue` before
 * (SequenceFlow.caseValue deleted in 10.15.0, microflows.d.ts:5634-5639).
 */
function connect(canvas: Canvas, tails: Tail[], to: microflows.MicroflowObject): void {
  if (tails.length > 1) {
    const merge = microflows.ExclusiveMerge.createIn(canvas.objects);
    place(merge, to.relativeMiddlePoint.x, to.relativeMiddlePoint.y, 40, 40);
    // The merge takes this column; the object moves one on.
    canvas.column += 1;
    to.relativeMiddlePoint = { x: 100 + (canvas.column - 1) * STEP_WIDTH, y: to.relativeMiddlePoint.y };
    for (const tail of tails) flow(canvas, tail, merge);
    flow(canvas, { from: merge }, to);
    return;
  }
  for (const tail of tails) flow(canvas, tail, to);
}

/** Join a branch's open ends (from a decision inside it) in one merge: the branch then has one end. */
function closeBranch(canvas: Canvas, tails: Tail[], row: number): Tail[] {
  if (tails.length < 2) return tails;
  const merge = microflows.ExclusiveMerge.createIn(canvas.objects);
  placeNext(canvas, merge, row, 40, 40);
  for (const tail of tails) flow(canvas, tail, merge);
  return [{ from: merge }];
}

function flow(canvas: Canvas, tail: Tail, to: microflows.MicroflowObject): void {
  const created = microflows.SequenceFlow.createIn(canvas.microflow);
  created.origin = tail.from;
  created.destination = to;
  const down = tail.caseValue === true;
  created.originConnectionIndex = down ? 2 : 1; // bottom for "true", right otherwise
  created.destinationConnectionIndex = 3; // left
  if (tail.caseValue !== undefined) {
    const value = tail.caseValue ? "true" : "false";
    if (atLeast(canvas.model, "10.15.0")) microflows.EnumerationCase.createInSequenceFlowUnderCaseValues(created).value = value;
    else microflows.EnumerationCase.createInSequenceFlowUnderCaseValue(created).value = value;
  }
}

/** The app's Mendix version is at least this (IModel.metaModelVersion, versionChecks.js:256-258). */
function atLeast(model: IModel, version: string): boolean {
  return model.metaModelVersion.isAfterOrEqual(Version.parse(version));
}

function annotate(canvas: Canvas, text: string): void {
  const annotation = microflows.Annotation.createIn(canvas.objects);
  annotation.caption = text;
  place(annotation, 100 + canvas.annotations * 260, FLOW_Y - 150, 240, 80);
  canvas.annotations += 1;
}

function warnAndAnnotate(canvas: Canvas, text: string): void {
  annotate(canvas, `To do: ${text}`);
  canvas.report.warn(`${canvas.def.name}: ${text}`);
}

function placeNext(canvas: Canvas, object: microflows.MicroflowObject, row: number, width: number, height: number): void {
  place(object, 100 + canvas.column * STEP_WIDTH, row, width, height);
  canvas.column += 1;
}

function place(object: microflows.MicroflowObject, x: number, y: number, width: number, height: number): void {
  object.relativeMiddlePoint = { x, y };
  object.size = { width, height };
}

function hasParameter(def: MicroflowDefinition, name: string): boolean {
  return def.parameters.some((p) => p.name === name);
}

function parameterOfType(def: MicroflowDefinition, entityName: string): string | undefined {
  return def.parameters.find((p) => p.type === entityName)?.name;
}

function returnValue(returnType: string, result: string | undefined): string {
  switch (returnType) {
    case "Nothing":
      return "";
    case "Boolean":
      return "false";
    case "String":
      return result ?? "empty";
    default:
      return "empty";
  }
}

function setReturnType(microflow: microflows.Microflow, type: string, built: Built): void {
  switch (type) {
    case "Nothing":
      datatypes.VoidType.createInMicroflowBaseUnderMicroflowReturnType(microflow);
      return;
    case "String":
      datatypes.StringType.createInMicroflowBaseUnderMicroflowReturnType(microflow);
      return;
    case "Boolean":
      datatypes.BooleanType.createInMicroflowBaseUnderMicroflowReturnType(microflow);
      return;
    default:
      datatypes.ObjectType.createInMicroflowBaseUnderMicroflowReturnType(microflow).entity = required(built.entities.get(type), `entity ${type}`);
  }
}

function setParameterType(parameter: microflows.MicroflowParameterObject, type: string, built: Built): void {
  switch (type) {
    case "String":
      datatypes.StringType.createInMicroflowParameterObjectUnderVariableType(parameter);
      return;
    case "Boolean":
      datatypes.BooleanType.createInMicroflowParameterObjectUnderVariableType(parameter);
      return;
    default:
      datatypes.ObjectType.createInMicroflowParameterObjectUnderVariableType(parameter).entity = required(built.entities.get(type), `entity ${type}`);
  }
}
