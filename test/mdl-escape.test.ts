// lib/escape/mdl.ts: every string, name and comment the MDL script holds goes through it.
// Each output is lexed the way mxcli lexes it (with and without backslash escapes) and must be
// exactly one token of the intended kind, holding the intended text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdlDocComment, mdlIdentifier, mdlLineComment, mdlQualifiedName, mdlString, mdlStringValue, mdlVisibleText } from "../src/lib/escape/mdl.js";
import { lexMdl, stringValue, type StringRule } from "../src/lib/targets/mdl/lex.js";

const RULES: StringRule[] = ["escapes", "strict"];
// Characters that matter to the MDL lexer, mixed with arbitrary unicode.
const tricky = fc.constantFrom("'", "''", "\\", "\\'", "*/", "/*", "/**", "--", "\n", "\r\n", "\r", '"', "`", "${", "<%", ";", "\u0000", "\u202e", "\u2028", "🔐", " ");
const hostileText = fc.array(fc.oneof(tricky, fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), { maxLength: 12 }).map((parts) => parts.join(""));

describe("mdlString", () => {
  it("doubles quotes and backslashes, writes line breaks as \\n and tabs as \\t, never a raw line break", () => {
    expect(mdlString("it's")).toBe("'it''s'");
    expect(mdlString("C:\\temp\\")).toBe("'C:\\\\temp\\\\'");
    expect(mdlString("a\nb")).toBe("'a\\nb'");
    // mxcli has no \r escape (a backslash before r stays as written), so CR LF and CR become \n.
    expect(mdlString("a\r\nb\rc\td")).toBe("'a\\nb\\nc\\td'");
    // A backslash before n in the text stays a backslash and an n.
    expect(mdlString("\\n")).toBe("'\\\\n'");
    fc.assert(fc.property(hostileText, (text) => !/[\r\n]/.test(mdlString(text))));
  });

  it("is one string token under both of mxcli's string rules; the escape rule reads back the visible text", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const rule of RULES) {
          const tokens = lexMdl(mdlString(text), rule);
          expect(tokens.map((t) => t.kind)).toEqual(["string"]);
        }
        expect(stringValue(lexMdl(mdlString(text))[0]!, "escapes")).toBe(mdlStringValue(text));
      }),
      { numRuns: 500 },
    );
  });

  it("a script-ending sequence in the text stays inside the string", () => {
    const script = `grant "M"."R" on "M"."E" (read ("A")) where ${mdlString("x'; drop module M; --\\")};`;
    const kinds = lexMdl(script).map((t) => t.kind);
    expect(kinds.filter((k) => k === "string")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("punct");
  });
});

describe("mdlVisibleText", () => {
  it("replaces NUL, bidi overrides and line separators, keeps tab/LF/CR, emoji and plain text", () => {
    expect(mdlVisibleText("a\u0000b\u202ec\u2028d\te\nf\rg🔐")).toBe("a\uFFFDb\uFFFDc\uFFFDd\te\nf\rg🔐");
  });
});

describe("mdlDocComment", () => {
  it("is one doc-comment token that user text cannot close early", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const doc = mdlDocComment(text, "  ");
        const expected = mdlVisibleText(text).trim() === "" ? [] : ["doc"];
        for (const rule of RULES) expect(lexMdl(doc, rule).map((t) => t.kind)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("writes one line for one line of text and ` * ` lines for several, with */ broken up", () => {
    expect(mdlDocComment("Ends */ here")).toBe("/** Ends * / here */");
    expect(mdlDocComment("one\ntwo */", "  ")).toBe("  /**\n   * one\n   * two * /\n   */");
    expect(mdlDocComment("  \n ")).toBe("");
  });
});

describe("mdlLineComment", () => {
  it("is one comment token ending at its own line", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const comment = mdlLineComment(text);
        expect(comment).not.toMatch(/[\r\n]/);
        expect(lexMdl(`${comment}\n;`).map((t) => t.kind)).toEqual(["comment", "punct"]);
      }),
    );
  });
});

describe("mdlIdentifier", () => {
  it("quotes every Mendix name, keywords included", () => {
    expect(mdlIdentifier("Status")).toBe('"Status"');
    expect(mdlQualifiedName("Mod", "create")).toBe('"Mod"."create"');
  });

  it("refuses anything that is not a Mendix name", () => {
    for (const bad of ['A"B', "A B", "", "1A", "A\nB", "A.B", "Ä"]) expect(() => mdlIdentifier(bad)).toThrow(/Not a Mendix name/);
  });
});
