// Step expressions as Mendix expression text, for the Model SDK's expression properties. The MDL
// emitter prints the same tree the same way (src/lib/targets/mdl/expressions.ts) except for string
// literals, which mxcli reads with its own escapes; the parity test compares the two.
import type { Expr, LogArgument, Template, XPathCondition } from "./steps.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const KEPT = new Set(["\t", "\n", "\r"]);

/** A Mendix name, refused otherwise: names are printed bare, so nothing else may get in. */
export function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Not a Mendix name: ${JSON.stringify(name)}`);
  return name;
}

/** Module.Name (or more segments), each a Mendix name. */
export function checkedQualifiedName(name: string): string {
  name.split(".").forEach(checkedName);
  return name;
}

/**
 * The text of a string literal as it reaches the model: control, format and separator characters
 * become U+FFFD and line breaks LF, exactly as the MDL script writes it (src/lib/escape/mdl.ts
 * mdlStringValue), so both appliers store the same value.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => (KEPT.has(char) ? char : "\uFFFD")).replace(/\r\n?/g, "\n");
}

/** 'text' in a Mendix expression: a quote is doubled, the only escape Mendix expressions have. */
export function mendixString(text: string): string {
  return `'${visibleText(text).replace(/'/g, "''")}'`;
}

export function expression(e: Expr, literal: (text: string) => string = mendixString): string {
  const print = (x: Expr): string => expression(x, literal);
  switch (e.k) {
    case "var":
      return `$${checkedName(e.name)}`;
    case "attr":
      return `$${checkedName(e.var)}/${checkedName(e.attribute)}`;
    case "str":
      return literal(e.value);
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
      return `@${checkedQualifiedName(e.name)}`;
    case "httpStatus":
      return "$latestHttpResponse/StatusCode";
    case "call":
      return `${checkedName(e.fn)}(${e.args.map(print).join(", ")})`;
    case "op":
      return `(${print(e.left)} ${operator(e.op)} ${print(e.right)})`;
    case "not":
      return `not(${print(e.arg)})`;
  }
}

const OPERATORS = new Set(["=", "!=", "<", "<=", ">", ">=", "and", "or", "+"]);
function operator(op: string): string {
  if (!OPERATORS.has(op)) throw new Error(`Not an operator: ${JSON.stringify(op)}`);
  return op;
}

export function logArgument(arg: LogArgument, literal: (text: string) => string = mendixString): string {
  return expression(arg, literal);
}

/**
 * A template's placeholders must be exactly {1}..{n} for its n arguments, so a text can never
 * refer to a value it was not given.
 */
export function checkTemplate(template: Template<unknown>, where: string): void {
  const used = new Set([...template.text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
  for (const n of used) if (n < 1 || n > template.args.length) throw new Error(`${where}: {${n}} has no argument.`);
}

/** [path = value][...]: the retrieve's XPath, as both appliers write it. */
export function xpath(where: XPathCondition[]): string {
  return where
    .map((c) => {
      if (/^(and|or|not)$/i.test(c.path)) throw new Error(`XPath path ${c.path} is an XPath keyword.`);
      const value = c.value.k === "token" ? `'${expression(c.value)}'` : expression(c.value);
      return `[${checkedQualifiedName(c.path)} ${c.op ?? "="} ${value}]`;
    })
    .join("");
}
