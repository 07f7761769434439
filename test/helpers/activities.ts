// Both appliers' microflows as one comparable shape: each activity as its rule and parts in order,
// with decisions nested. The MDL side comes from the transcribed grammar (mdl-grammar.ts,
// ParsedScript.bodies); the SDK side from walking the real model's flows from the start event.
import { datatypes, microflows } from "mendixmodelsdk";
import type { MdlActivity } from "./mdl-grammar.js";

export type Activity = MdlActivity;

/** The microflow's activities, walking sequence flows from the start event. */
export function sdkActivities(microflow: microflows.MicroflowBase): Activity[] {
  const flows = microflow.flows.filter((f): f is microflows.SequenceFlow => f instanceof microflows.SequenceFlow);
  const outgoing = (object: microflows.MicroflowObject) => flows.filter((f) => f.origin === object);
  const next = (object: microflows.MicroflowObject): microflows.MicroflowObject => {
    const out = outgoing(object);
    if (out.length !== 1) throw new Error(`${microflow.name}: ${object.structureTypeName} has ${out.length} outgoing flows, expected 1.`);
    return out[0]!.destination as microflows.MicroflowObject;
  };
  const caseOf = (flow: microflows.SequenceFlow): string => {
    // caseValues from Mendix 10.15, caseValue before; the SDK throws on the one the version lacks.
    let values: microflows.CaseValue[];
    try {
      values = [...flow.caseValues];
    } catch {
      values = [flow.caseValue];
    }
    return values.map((c) => (c instanceof microflows.EnumerationCase ? c.value : "none")).join(",");
  };

  const sequence = (first: microflows.MicroflowObject): { items: Activity[]; merge?: microflows.MicroflowObject } => {
    const items: Activity[] = [];
    let at = first;
    for (;;) {
      if (at instanceof microflows.EndEvent) {
        items.push({ rule: "returnStatement", parts: [at.returnValue] });
        return { items };
      }
      if (at instanceof microflows.ExclusiveMerge) return { items, merge: at };
      if (at instanceof microflows.ExclusiveSplit) {
        const out = outgoing(at);
        const branch = (value: string) => {
          const found = out.filter((f) => caseOf(f) === value);
          if (found.length !== 1) throw new Error(`${microflow.name}: decision ${at.caption} has ${found.length} "${value}" flows.`);
          return sequence(found[0]!.destination as microflows.MicroflowObject);
        };
        const whenTrue = branch("true");
        const whenFalse = branch("false");
        if (out.length !== 2) throw new Error(`${microflow.name}: decision ${at.caption} has ${out.length} flows.`);
        const condition = (at.splitCondition as microflows.ExpressionSplitCondition).expression;
        items.push({ rule: "ifStatement", parts: [condition], then: whenTrue.items, else: whenFalse.items });
        const merge = whenTrue.merge ?? whenFalse.merge;
        if (whenTrue.merge && whenFalse.merge && whenTrue.merge !== whenFalse.merge) throw new Error(`${microflow.name}: branches meet in two merges.`);
        if (!merge) return { items };
        at = next(merge);
        continue;
      }
      if (at instanceof microflows.ActionActivity) {
        items.push(actionActivity(at.action));
        at = next(at);
        continue;
      }
      if (at instanceof microflows.StartEvent) {
        at = next(at);
        continue;
      }
      throw new Error(`${microflow.name}: unexpected ${at.structureTypeName} on the flow.`);
    }
  };
  const start = microflow.objectCollection.objects.filter((o) => o instanceof microflows.StartEvent);
  if (start.length !== 1) throw new Error(`${microflow.name}: ${start.length} start events.`);
  return sequence(start[0]!).items;
}

const last = (qualifiedName: string | null) => (qualifiedName ?? "").split(".").at(-1) ?? "";
const textOf = (text: { translations: { languageCode: string; text: string }[] }) => text.translations.find((t) => t.languageCode === "en_US")?.text ?? "";
const templateArgs = (template: microflows.Template) => template.arguments.map((a) => a.expression);
/** The node expression is a string literal: its value. */
const literalValue = (expression: string) => expression.slice(1, -1).replace(/''/g, "'");

function actionActivity(action: microflows.MicroflowAction | null): Activity {
  const members = (a: microflows.ChangeMembersAction) =>
    a.items.map((m) => `${m.attribute ? last(m.attributeQualifiedName) : m.associationQualifiedName}=${m.value}`);
  if (action instanceof microflows.RetrieveAction) {
    const source = action.retrieveSource;
    if (source instanceof microflows.DatabaseRetrieveSource) {
      const single = (source.range as microflows.ConstantRange).singleObject;
      return { rule: "retrieveStatement", parts: ["database", action.outputVariableName, source.entityQualifiedName ?? "", source.xPathConstraint, single ? "first" : "all"] };
    }
    const association = source as microflows.AssociationRetrieveSource;
    return { rule: "retrieveStatement", parts: ["association", action.outputVariableName, association.startVariableName, association.associationQualifiedName ?? ""] };
  }
  if (action instanceof microflows.CreateObjectAction) {
    return { rule: "createObjectStatement", parts: [action.outputVariableName, action.entityQualifiedName ?? "", ...members(action)] };
  }
  if (action instanceof microflows.ChangeObjectAction) return { rule: "changeObjectStatement", parts: [action.changeVariableName, ...members(action)] };
  if (action instanceof microflows.CommitAction) return { rule: "commitStatement", parts: [action.commitVariableName, action.withEvents ? "with" : "without"] };
  if (action instanceof microflows.DeleteAction) return { rule: "deleteObjectStatement", parts: [action.deleteVariableName] };
  if (action instanceof microflows.CreateVariableAction) {
    const type = action.variableType.structureTypeName.replace(/^DataTypes\$/, "").replace(/Type$/, "").toLowerCase();
    return { rule: "declareStatement", parts: [action.variableName, type, action.initialValue] };
  }
  if (action instanceof microflows.ChangeVariableAction) return { rule: "setStatement", parts: [action.changeVariableName, action.value] };
  if (action instanceof microflows.JavaActionCallAction) {
    return {
      rule: "callJavaActionStatement",
      parts: [
        action.useReturnVariable ? action.outputVariableName : "",
        action.javaActionQualifiedName ?? "",
        ...action.parameterMappings.map((m) => last(m.parameterQualifiedName)),
        ...action.parameterMappings.map((m) => (m.parameterValue as microflows.BasicCodeActionParameterValue).argument),
      ],
    };
  }
  if (action instanceof microflows.JavaScriptActionCallAction) {
    return {
      rule: "callJavaScriptActionStatement",
      parts: [
        action.useReturnVariable ? action.outputVariableName : "",
        action.javaScriptActionQualifiedName ?? "",
        ...action.parameterMappings.map((m) => last(m.parameterQualifiedName)),
        ...action.parameterMappings.map((m) => (m.parameterValue as microflows.BasicCodeActionParameterValue).argument),
      ],
    };
  }
  if (action instanceof microflows.MicroflowCallAction) {
    const call = action.microflowCall;
    return {
      rule: "callMicroflowStatement",
      parts: [
        action.useReturnVariable ? action.outputVariableName : "",
        call.microflowQualifiedName ?? "",
        ...call.parameterMappings.map((m) => last(m.parameterQualifiedName)),
        ...call.parameterMappings.map((m) => m.argument),
      ],
    };
  }
  if (action instanceof microflows.RestCallAction) {
    const http = action.httpConfiguration;
    const url = http.customLocationTemplate!;
    const body = (action.requestHandling as microflows.CustomRequestHandling).template;
    return {
      rule: "restCallStatement",
      parts: [
        action.resultHandling.outputVariableName,
        http.newHttpMethod.name.toUpperCase(),
        url.text,
        ...templateArgs(url),
        ...http.headerEntries.map((h) => `header ${h.key}=${h.value}`),
        ...(http.useAuthentication ? [`basic ${http.httpAuthenticationUserName} ${http.authenticationPassword}`] : []),
        ...(body.text ? [`body ${body.text}`, ...templateArgs(body)] : []),
        // "300" unless set: RestCallAction's default (mendixmodelsdk src/gen/microflows.js:11454).
        `timeout ${action.timeOutExpression}`,
        ...(action.resultHandlingType === microflows.ResultHandlingType.Mapping
          ? [`returns mapping ${action.resultHandling.importMappingCall?.mappingQualifiedName ?? ""} as ${(action.resultHandling.variableType as datatypes.ObjectType | null)?.entityQualifiedName ?? ""}`]
          : []),
        `on error ${action.errorHandlingType.name.toLowerCase()}`,
      ],
    };
  }
  if (action instanceof microflows.ShowMessageAction) {
    return { rule: "showMessageStatement", parts: [action.type.name, textOf(action.template.text), ...templateArgs(action.template)] };
  }
  if (action instanceof microflows.ValidationFeedbackAction) {
    return { rule: "validationFeedbackStatement", parts: [action.objectVariableName, last(action.attributeQualifiedName), textOf(action.feedbackTemplate.text)] };
  }
  if (action instanceof microflows.LogMessageAction) {
    return { rule: "logStatement", parts: [action.level.name.toLowerCase(), literalValue(action.node), action.messageTemplate.text, ...templateArgs(action.messageTemplate)] };
  }
  throw new Error(`No comparison for ${action?.structureTypeName ?? "an empty activity"}.`);
}

function terminates(list: Activity[]): boolean {
  const end = list.at(-1);
  if (!end) return false;
  if (end.rule === "returnStatement") return true;
  return end.rule === "ifStatement" && terminates(end.then ?? []) && terminates(end.else ?? []);
}

/**
 * One canonical form for a body: a path that runs off the end returns `implicitReturn` (what the
 * SDK script's end event returns), and the statements after an `if` one of whose branches always
 * returns move into its other branch (where the flow goes on in the model).
 */
export function canonical(list: Activity[], implicitReturn?: string): Activity[] {
  const items = implicitReturn !== undefined && !terminates(list) ? [...list, { rule: "returnStatement", parts: [implicitReturn] }] : list;
  const out: Activity[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.rule !== "ifStatement") {
      out.push(item);
      continue;
    }
    const rest = items.slice(i + 1);
    const thenEnds = terminates(item.then ?? []);
    const elseEnds = terminates(item.else ?? []);
    if (rest.length && thenEnds !== elseEnds) {
      const then = thenEnds ? item.then! : [...item.then!, ...rest];
      const otherwise = elseEnds ? item.else! : [...item.else!, ...rest];
      out.push({ ...item, then: canonical(then), else: canonical(otherwise) });
      return out;
    }
    out.push({ ...item, then: canonical(item.then ?? []), else: canonical(item.else ?? []) });
  }
  return out;
}
