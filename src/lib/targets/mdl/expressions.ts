// Step expressions as MDL expression text. Printed exactly as the Model SDK script prints them
// (templates/sdk/model/lib/expressions.ts), except string literals: mdlString writes them the way
// mxcli's lexer reads them (src/lib/escape/mdl.ts). Names are printed bare after checking they
// are Mendix names, as the existing encrypt/decrypt arguments are; the expression rules are
// MDLSettings.g4's (transcribed in test/helpers/mdl-grammar.ts).
import { mdlIdentifier, mdlString } from "../../escape/mdl.js";
import { stringArgument, type Expr, type LogArgument, type Template, type XPathCondition } from "../../plan/steps.js";

function name(text: string): string {
  mdlIdentifier(text); // refuses anything that is not a Mendix name
  return text;
}

function qualified(text: string): string {
  text.split(".").forEach(name);
  return text;
}

const OPERATORS = new Set(["=", "!=", "<", "<=", ">", ">=", "and", "or", "+"]);

export function mdlExpression(e: Expr | LogArgument): string {
  switch (e.k) {
    case "var":
      return `$${name(e.name)}`;
    case "attr":
      return `$${name(e.var)}/${name(e.attribute)}`;
    case "str":
      return mdlString(e.value);
    case "int":
      if (!Number.isSafeInteger(e.value)) throw new Error(`Not an integer: ${e.value}`);
      return String(e.value);
    case "bool":
      return e.value ? "true" : "false";
    case "empty":
      return "empty";
    case "token":
      return `[%${e.name === "CurrentUser" ? "CurrentUser" : "CurrentDateTime"}%]`;
    case "const":
      return `@${qualified(e.name)}`;
    case "httpStatus":
      return "$latestHttpResponse/StatusCode";
    case "call":
      return `${name(e.fn)}(${e.args.map(mdlExpression).join(", ")})`;
    case "op":
      if (!OPERATORS.has(e.op)) throw new Error(`Not an operator: ${JSON.stringify(e.op)}`);
      return `(${mdlExpression(e.left)} ${e.op} ${mdlExpression(e.right)})`;
    case "not":
      return `not(${mdlExpression(e.arg)})`;
  }
}

/** Placeholders must be exactly {1}..{n} for n arguments (as the SDK script checks). */
export function checkTemplate(template: Template<unknown>, where: string): void {
  const used = new Set([...template.text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
  for (const n of used) if (n < 1 || n > template.args.length) throw new Error(`${where}: {${n}} has no argument.`);
}

/**
 * ` with ({1} = a, {2} = b)` (templateParams: WITH LPAREN templateParam ..., the form the grammar
 * does not mark deprecated, ako/mxcli mdl/grammar/domains/MDLMicroflow.g4:318-321), each argument
 * a String (stringArgument), or nothing for no arguments.
 */
export function templateParams(args: (Expr | LogArgument)[]): string {
  return args.length ? ` with (${args.map((a, i) => `{${i + 1}} = ${mdlExpression(stringArgument(a))}`).join(", ")})` : "";
}

/**
 * The XPath conditions as xpathConstraints: `[Path = value]` each (MDLPage.g4 xpathConstraint,
 * xpathExpr). Same text as the SDK script's xPathConstraint.
 */
export function mdlXPath(where: XPathCondition[]): string {
  return where
    .map((c) => {
      if (/^(and|or|not)$/i.test(c.path)) throw new Error(`XPath path ${c.path} is an XPath keyword.`);
      const value = c.value.k === "token" ? `'${mdlExpression(c.value)}'` : mdlExpression(c.value);
      return `[${qualified(c.path)} ${c.op ?? "="} ${value}]`;
    })
    .join(" ");
}
