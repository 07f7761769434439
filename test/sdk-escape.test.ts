// The one TypeScript escaping function (lib/escape/typescript.ts) and the data-literal writer
// built on it: any text comes back exactly, as one string literal, with nothing invisible in it.
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { tsString } from "../src/lib/escape/typescript.js";
import { tsLiteral, type Data } from "../src/lib/targets/sdk/literal.js";

/** Parses `const x = <literal>;` and returns the initializer, failing on anything but one clean statement. */
function initializer(literal: string): ts.Expression {
  const source = ts.createSourceFile("x.ts", `const x = ${literal};`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  expect(source.statements).toHaveLength(1);
  const statement = source.statements[0]!;
  if (!ts.isVariableStatement(statement)) throw new Error("not a variable statement");
  return statement.declarationList.declarations[0]!.initializer!;
}

const HOSTILE = [
  `Quotes ' " and backticks \` and \${process.exit(1)} and */ and <% evil %>`,
  "new\nline\r\n\u2028\u2029 tab\t nul\u0000 esc\u001b[31m",
  "\u202Eright-to-left\u202C \u2066isolate\u2069 zero\u200Bwidth \uFEFFbom",
  "emoji 🔐 and a lone \uD800 surrogate and \uDFFF",
  "backslash \\ at the end \\",
  "\u{E0001} tag character (astral format)",
];

describe("tsString", () => {
  it.each(HOSTILE)("writes %j as one string literal that reads back exactly", (text) => {
    const literal = tsString(text);
    const node = initializer(literal);
    expect(ts.isStringLiteral(node)).toBe(true);
    expect((node as ts.StringLiteral).text).toBe(text);
    expect(JSON.parse(literal)).toBe(text);
    // Nothing a reader cannot see: controls, format and direction characters are \u escapes.
    expect(literal).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  });

  it("round-trips any string, including lone surrogates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }), (a, b) => {
        const text = a + b;
        const literal = tsString(text);
        const node = initializer(literal);
        return ts.isStringLiteral(node) && node.text === text && JSON.parse(literal) === text && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(literal);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps ordinary text readable", () => {
    expect(tsString("Configuration role: manages ConnectionDetails.")).toBe('"Configuration role: manages ConnectionDetails."');
    expect(tsString("emoji 🔐")).toBe('"emoji 🔐"');
  });
});

describe("tsLiteral", () => {
  const data: fc.Arbitrary<Data> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.integer(),
      fc.boolean(),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom("name", "documentation", "xpath"), fc.string({ maxLength: 8 }).filter((k) => k !== "__proto__")), tie("value"), { maxKeys: 4 }),
    ),
  })).value as fc.Arbitrary<Data>;

  it("writes nested data that evaluates back to the same data", () => {
    fc.assert(
      fc.property(data, (value) => {
        const literal = tsLiteral(value);
        const node = initializer(literal);
        const js = ts.transpileModule(`export default ${literal};`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
        const module = { exports: {} as { default?: unknown } };
        new Function("module", "exports", js)(module, module.exports);
        expect(module.exports.default).toEqual(value);
        return !ts.isCallExpression(node);
      }),
      { numRuns: 200 },
    );
  });

  it("leaves out undefined members and breaks long objects over lines", () => {
    expect(tsLiteral({ a: "x", b: undefined })).toBe('{ a: "x" }');
    const long = tsLiteral({ documentation: "d".repeat(120), name: "N" });
    expect(long.split("\n")).toEqual(["{", `  documentation: "${"d".repeat(120)}",`, '  name: "N",', "}"]);
  });
});
