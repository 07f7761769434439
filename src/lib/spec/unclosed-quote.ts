// Where an unclosed quote opens. The yaml library reports "Missing closing quote" at the end of the
// input (its error's pos is where it gave up), which sends a person to the wrong line; the quoted
// scalar in its concrete syntax tree starts at the opening quote.
import { Parser } from "yaml";

const CLOSED: Record<string, RegExp> = {
  '"': /^"(?:[^"\\]|\\[\s\S])*"$/,
  "'": /^'(?:[^']|'')*'$/,
};

/** The offset of the first quoted value that is never closed, or undefined. */
export function unclosedQuoteOffset(source: string): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const token = node as { type?: string; offset?: number; source?: string };
    if ((token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") && typeof token.source === "string") {
      if (!CLOSED[token.source[0]!]!.test(token.source)) found = token.offset;
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "source") visit(value);
  };
  for (const token of new Parser().parse(source)) visit(token);
  return found;
}
