// Microflow skeletons: documentation, allowed module roles, "apply entity access", parameters,
// return type, and a straight line of steps from start to end. Encrypt and decrypt steps call the
// Encryption module's Java actions; what needs your judgement is left as an annotation.
import { datatypes, microflows } from "mendixmodelsdk";
import type { domainmodels, IModel } from "mendixmodelsdk";
import { required, type Built, type Report } from "./built.js";
import type { MicroflowDefinition, StepDefinition } from "./definition.js";
import { microflowLines } from "./describe.js";

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

interface Layout {
  objects: microflows.MicroflowObjectCollection;
  /** The objects on the line from start to end, in order. */
  chain: microflows.MicroflowObject[];
  annotations: number;
}

export function buildMicroflow(model: IModel, module: string, def: MicroflowDefinition, built: Built, report: Report): microflows.Microflow {
  const microflow = microflows.Microflow.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
  microflow.name = def.name;
  microflow.documentation = def.documentation;
  microflow.applyEntityAccess = def.applyEntityAccess;
  for (const role of def.allowedRoles) microflow.allowedModuleRoles.push(required(built.roles.get(role), `module role ${role}`));
  setReturnType(microflow, def.returnType, built);

  const objects = microflow.objectCollection ?? microflows.MicroflowObjectCollection.createInMicroflowBaseUnderObjectCollection(microflow);
  const layout: Layout = { objects, chain: [], annotations: 0 };
  def.parameters.forEach((parameter, index) => {
    const created = microflows.MicroflowParameterObject.createIn(objects);
    created.name = parameter.name;
    setParameterType(created, parameter.type, built);
    place(created, 100 + index * STEP_WIDTH, 60, 30, 30);
  });

  const start = microflows.StartEvent.createIn(objects);
  place(start, 100, FLOW_Y, 20, 20);
  layout.chain.push(start);

  /** The expression the end event returns, once a step has produced the value. */
  let result: string | undefined;
  for (const step of def.steps) {
    result = addStep(model, def, step, layout, built, report) ?? result;
  }

  const end = microflows.EndEvent.createIn(objects);
  end.returnValue = returnValue(def.returnType, result);
  place(end, 100 + layout.chain.length * STEP_WIDTH, FLOW_Y, 20, 20);
  layout.chain.push(end);
  connect(microflow, layout.chain);

  microflowLines(module, def).forEach((line) => report.step(line));
  return microflow;
}

/** Adds one step; returns the expression holding its result, if it produces one. */
function addStep(model: IModel, def: MicroflowDefinition, step: StepDefinition, layout: Layout, built: Built, report: Report): string | undefined {
  switch (step.kind) {
    case "note":
      annotate(layout, step.text);
      return undefined;
    case "readConstant":
      return `@${step.constant}`;
    case "encrypt": {
      const [variable, ...path] = step.from.split("/");
      const source = variable !== undefined && hasParameter(def, variable) ? `$${[variable, ...path].join("/")}` : undefined;
      if (!source) warnAndAnnotate(layout, report, def, `Pass ${step.from} to ${ENCRYPT_ACTION}: the microflow has no ${variable} parameter.`);
      const output = `Encrypted${step.secret}`;
      callEncryption(model, layout, ENCRYPT_ACTION, source ?? "empty", output, report, def);
      const target = parameterOfType(def, step.toEntity);
      if (target) {
        const activity = activityIn(layout);
        const change = microflows.ChangeObjectAction.createIn(activity);
        change.changeVariableName = target;
        change.commit = microflows.CommitEnum.No;
        change.refreshInClient = false;
        setMember(change, required(built.attributes.get(`${step.toEntity}.${step.toAttribute}`), `attribute ${step.toAttribute}`), `$${output}`);
        setMember(change, required(built.attributes.get(`${step.toEntity}.${step.isSetAttribute}`), `attribute ${step.isSetAttribute}`), "true");
      } else {
        warnAndAnnotate(layout, report, def, `Store $${output} in ${step.toEntity}/${step.toAttribute} and set ${step.isSetAttribute} to true.`);
      }
      return undefined;
    }
    case "decrypt": {
      const holder = parameterOfType(def, step.fromEntity);
      if (!holder) warnAndAnnotate(layout, report, def, `Retrieve ${step.fromEntity} first and pass its ${step.fromAttribute} to ${DECRYPT_ACTION}.`);
      callEncryption(model, layout, DECRYPT_ACTION, holder ? `$${holder}/${step.fromAttribute}` : "empty", step.secret, report, def);
      return `$${step.secret}`;
    }
  }
}

function callEncryption(model: IModel, layout: Layout, qualifiedName: string, value: string, output: string, report: Report, def: MicroflowDefinition): void {
  const javaAction = required(model.findJavaActionByQualifiedName(qualifiedName), `Java action ${qualifiedName} (add the Encryption module from the Marketplace)`);
  const activity = activityIn(layout);
  const call = microflows.JavaActionCallAction.createIn(activity);
  call.javaAction = javaAction;
  call.useReturnVariable = true;
  call.outputVariableName = output;
  for (const parameter of javaAction.actionParameters) {
    const name = parameter.name.toLowerCase();
    const argument = name === "value" ? value : ENCRYPTION_ARGUMENTS[qualifiedName]?.[name];
    if (argument === undefined) {
      warnAndAnnotate(layout, report, def, `${qualifiedName}: no value for its parameter ${parameter.name}; set it in Studio Pro.`);
    }
    const mapping = microflows.JavaActionParameterMapping.createIn(call);
    mapping.parameter = required(model.findJavaActionParameterByQualifiedName(`${qualifiedName}.${parameter.name}`), `parameter ${parameter.name}`);
    microflows.BasicCodeActionParameterValue.createInJavaActionParameterMappingUnderParameterValue(mapping).argument = argument ?? "empty";
  }
}

function setMember(change: microflows.ChangeObjectAction, attribute: domainmodels.Attribute, value: string): void {
  const item = microflows.MemberChange.createIn(change);
  item.attribute = attribute;
  item.type = microflows.ChangeActionItemType.Set;
  item.value = value;
}

function activityIn(layout: Layout): microflows.ActionActivity {
  const activity = microflows.ActionActivity.createIn(layout.objects);
  place(activity, 100 + layout.chain.length * STEP_WIDTH, FLOW_Y, 120, 60);
  layout.chain.push(activity);
  return activity;
}

function annotate(layout: Layout, text: string): void {
  const annotation = microflows.Annotation.createIn(layout.objects);
  annotation.caption = text;
  place(annotation, 100 + layout.annotations * 260, FLOW_Y + 150, 240, 80);
  layout.annotations += 1;
}

function warnAndAnnotate(layout: Layout, report: Report, def: MicroflowDefinition, text: string): void {
  annotate(layout, `To do: ${text}`);
  report.warn(`${def.name}: ${text}`);
}

function place(object: microflows.MicroflowObject, x: number, y: number, width: number, height: number): void {
  object.relativeMiddlePoint = { x, y };
  object.size = { width, height };
}

/** Sequence flows along the chain, leaving each object on the right and entering the next on the left. */
function connect(microflow: microflows.Microflow, chain: microflows.MicroflowObject[]): void {
  for (let i = 1; i < chain.length; i++) {
    const flow = microflows.SequenceFlow.createIn(microflow);
    flow.origin = required(chain[i - 1], "flow origin");
    flow.destination = required(chain[i], "flow destination");
    flow.originConnectionIndex = 1;
    flow.destinationConnectionIndex = 3;
  }
}

function hasParameter(def: MicroflowDefinition, name: string): boolean {
  return def.parameters.some((p) => p.name === name);
}

function parameterOfType(def: MicroflowDefinition, entity: string): string | undefined {
  return def.parameters.find((p) => p.type === entity)?.name;
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
