// Every log, message and REST template parameter is a String, in both appliers (issue 18). Mendix
// types template parameters as String and refuses another type (CE0117); mxcli writes the
// expression as given (ako/mxcli mdl/executor/cmd_microflows_builder_calls.go:60-63, :804-806), so
// `{1} = $latestHttpResponse/StatusCode` (an Integer) reaches Studio Pro as an error. Scanned: the
// MDL microflows script of every example (its `with (...)` and `objects [...]` lists) and every
// TemplateArgument the Model SDK script creates in the real SDK model.
import { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/lib/plan/types.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

const STRING_FUNCTIONS = ["toString", "urlEncode", "trim", "toLowerCase", "substring"];

/** Splits a list at top-level commas (outside quotes, parentheses and brackets). */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === "\\") i++;
      else if (c === "'") quoted = text[i + 1] === "'" ? (i++, true) : false;
    } else if (c === "'") quoted = true;
    else if ("([".includes(c)) depth++;
    else if (")]".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/** The balanced text after `open` at `from` (which is the index of the opening bracket). */
function balanced(text: string, from: number): string {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === "\\") i++;
      else if (c === "'") quoted = text[i + 1] === "'" ? (i++, true) : false;
    } else if (c === "'") quoted = true;
    else if ("([".includes(c)) depth++;
    else if (")]".includes(c) && --depth === 0) return text.slice(from + 1, i);
  }
  throw new Error(`unbalanced from ${from}`);
}

/** The template parameters of an MDL script: `with ({n} = x, ...)` and `objects [x, ...]`. */
export function mdlTemplateParameters(script: string): string[] {
  const found: string[] = [];
  for (const m of script.matchAll(/' with \(|\bobjects \[/g)) {
    const open = m.index! + m[0].length - 1;
    for (const part of splitTop(balanced(script, open))) found.push(part.replace(/^\{\d+\} = /, ""));
  }
  return found;
}

/** Whether an expression's value is a String: a literal, a String function, a String member of the plan. */
function isString(expression: string, plan: Plan): boolean {
  const e = expression.trim();
  if (/^'([^'\\]|\\.|'')*'$/.test(e)) return true;
  const call = /^([A-Za-z]+)\(/.exec(e);
  if (call && e.endsWith(")") && balanced(e, call[0].length - 1).length === e.length - call[0].length - 1) return STRING_FUNCTIONS.includes(call[1]!);
  if (/^@[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(e)) return plan.constants.some((c) => `@${plan.module}.${c.name}` === e || e.endsWith(`.${c.name}`));
  const member = /^\$([A-Za-z_]\w*)\/([A-Za-z_]\w*)$/.exec(e);
  if (member) {
    if (member[1] === "latestHttpResponse") return member[2] === "Content";
    const types = plan.entities.flatMap((en) => en.attributes.filter((a) => a.name === member[2]).map((a) => a.type));
    return types.length > 0 && types.every((t) => t === "string");
  }
  if (e.startsWith("(") && e.endsWith(")")) {
    const sides = e.slice(1, -1).split(" + ");
    return sides.length === 2 && sides.every((s) => isString(s, plan));
  }
  return false;
}

describe.each(EXAMPLES)("template parameters of %s", (example) => {
  const plan = planFor(example);

  it("in the MDL microflows script are all Strings, in the `with ({n} = ...)` form", () => {
    const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    const parameters = mdlTemplateParameters(script);
    expect(parameters.filter((p) => !isString(p, plan))).toEqual([]);
    expect(script).not.toMatch(/\bparameters \[/); // the deprecated form (MDLMicroflow.g4:320)
  });

  it("in the Model SDK script are all Strings", async () => {
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
    const found: string[] = [];
    for (const flow of model.allMicroflows().filter((m) => m.qualifiedName?.startsWith(`${plan.module}.`))) {
      (flow as microflows.Microflow).traverse((s) => {
        if (s instanceof microflows.TemplateArgument) found.push(s.expression);
      });
    }
    expect(found.filter((p) => !isString(p, plan))).toEqual([]);
  });
});

describe("the scan", () => {
  it("finds a non-String parameter: the HTTP status and a number are not Strings, their toString() is", () => {
    const plan = planFor("acme-crm-oauth");
    const text = "log warning node 'N' 'Status {1}, {2}' with ({1} = $latestHttpResponse/StatusCode, {2} = 3);\nshow message 'x {1}' type Error objects [toString($latestHttpResponse/StatusCode)];";
    expect(mdlTemplateParameters(text)).toEqual(["$latestHttpResponse/StatusCode", "3", "toString($latestHttpResponse/StatusCode)"]);
    expect(mdlTemplateParameters(text).map((p) => isString(p, plan))).toEqual([false, false, true]);
  });

  it("sees parameters in the OAuth kit, so the per-example checks are not vacuous", () => {
    const plan = planFor("acme-crm-oauth");
    const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    expect(mdlTemplateParameters(script)).toContain("toString($latestHttpResponse/StatusCode)");
  });
});
