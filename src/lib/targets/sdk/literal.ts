// Plain data (strings, numbers, booleans, arrays, objects) as a readable TypeScript literal.
// Strings go through tsString, the one escaping function; keys come from our own types.
import { tsString } from "../../escape/typescript.js";

export type Data = string | number | boolean | undefined | Data[] | { [key: string]: Data };

const LINE_WIDTH = 110;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function tsLiteral(value: Data, indent = ""): string {
  if (typeof value === "string") return tsString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a literal.`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (value === undefined) throw new Error("undefined values are left out, not written.");
  const inner = indent + "  ";
  const parts = Array.isArray(value)
    ? value.map((item) => tsLiteral(item, inner))
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => {
          // In an object literal "__proto__" sets the prototype instead of a property.
          if (key === "__proto__") throw new Error("A __proto__ key cannot be written as a literal member.");
          return [key, item] as const;
        })
        .map(([key, item]) => `${IDENTIFIER.test(key) ? key : tsString(key)}: ${tsLiteral(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (parts.length === 0) return open + close;
  // One line when it fits and no part spans lines. Measured before it is joined: joining every
  // level of a large definition into a line only to throw it away cost its size times its depth.
  const oneLineLength = parts.reduce((sum, part) => sum + part.length, 2 * (parts.length - 1)) + (Array.isArray(value) ? 2 : 4);
  if (indent.length + oneLineLength <= LINE_WIDTH && !parts.some((part) => part.includes("\n"))) {
    return Array.isArray(value) ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
  }
  return `${open}\n${parts.map((part) => `${inner}${part},`).join("\n")}\n${indent}${close}`;
}
