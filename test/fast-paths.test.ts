// The benchmark's shortcuts (issue 12) against the code they replaced: each escaping function skips
// its Unicode scan for printable ASCII, and tsLiteral measures a one-line form before joining it.
// The reference implementations below are the previous versions, verbatim; on random text and
// data the new ones must give the same strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdlVisibleText } from "../src/lib/escape/mdl.js";
import { tsString } from "../src/lib/escape/typescript.js";
import { tsLiteral, type Data } from "../src/lib/targets/sdk/literal.js";

function referenceTsString(value: string): string {
  return JSON.stringify(value).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}

function referenceMdlVisibleText(text: string): string {
  const kept = new Set(["\t", "\n", "\r"]);
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => (kept.has(char) ? char : "\uFFFD"));
}

function referenceTsLiteral(value: Data, indent = ""): string {
  if (typeof value === "string") return referenceTsString(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return String(value);
  if (value === undefined) throw new Error("undefined");
  const inner = indent + "  ";
  const parts = Array.isArray(value)
    ? value.map((item) => referenceTsLiteral(item, inner))
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : referenceTsString(key)}: ${referenceTsLiteral(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (parts.length === 0) return open + close;
  const oneLine = Array.isArray(value) ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
  if (!oneLine.includes("\n") && indent.length + oneLine.length <= 110) return oneLine;
  return `${open}\n${parts.map((part) => `${inner}${part},`).join("\n")}\n${indent}${close}`;
}

/** Text of every kind: any UTF-16 unit, graphemes, and mostly-ASCII text with the odd control or bidi character. */
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."ab Z09~ \t\n\r\u0000\u007f\u0085\u00ad\u200b\u202e\u2028\u2066\ud800".split("")), maxLength: 30 }),
  fc.stringMatching(/^[\x20-\x7e]{0,60}$/),
);

describe("escaping shortcuts give the same text as before", () => {
  it("tsString", () => {
    fc.assert(fc.property(text, (value) => {
      expect(tsString(value)).toBe(referenceTsString(value));
    }), { numRuns: 2000 });
  });

  it("mdlVisibleText", () => {
    fc.assert(fc.property(text, (value) => {
      expect(mdlVisibleText(value)).toBe(referenceMdlVisibleText(value));
    }), { numRuns: 2000 });
  });
});

describe("tsLiteral gives the same text as before", () => {
  const key = fc.oneof(fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,12}$/), text.filter((k) => k !== "__proto__"));
  const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(undefined));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, scalar, tie("object"), tie("array")),
    object: fc.dictionary(key, tie("tree"), { maxKeys: 6 }),
    array: fc.array(tie("tree").filter((item) => item !== undefined), { maxLength: 8 }),
  }));

  it("on random nested data, at every indent", () => {
    fc.assert(
      fc.property(tree.filter((value) => value !== undefined), fc.nat({ max: 60 }), (value, width) => {
        const indent = " ".repeat(width);
        expect(tsLiteral(value as Data, indent)).toBe(referenceTsLiteral(value as Data, indent));
      }),
      { numRuns: 1000 },
    );
  });

  it("around the 110-character line width", () => {
    for (let length = 90; length <= 120; length++) {
      const value: Data = { name: "x".repeat(length - 20), list: ["a", "b"] };
      for (const indent of ["", "  ", "    "]) expect(tsLiteral(value, indent)).toBe(referenceTsLiteral(value, indent));
    }
  });
});
