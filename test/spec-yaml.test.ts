// mxsecure.yaml's fast writer (plainSpecYaml) against the yaml library's document writer it
// stands in for: wherever the fast writer answers, its bytes are the library's, for every example,
// the benchmark's large specs, and random data full of the strings YAML treats specially. Where it
// cannot be sure it answers undefined, and renderSpecYaml goes through the library.
import fc from "fast-check";
import { Document } from "yaml";
import { describe, expect, it } from "vitest";
import { plainSpecYaml, renderSpecYaml, specYamlText } from "../src/lib/kit/spec-yaml.js";
import { entitySpec } from "../bench/specs.mjs";
import { EXAMPLES, specForExample, specFrom } from "./helpers/spec.js";

/** The library's text, as renderSpecYaml wrote it before the fast writer. */
const libraryText = (data: unknown) => specYamlText(new Document(data, { aliasDuplicateObjects: false }));

describe("the fast mxsecure.yaml writer", () => {
  it.each(EXAMPLES)("writes examples/%s.yaml's spec byte for byte as the library does (or leaves it to the library)", (name) => {
    const spec = specForExample(name);
    const fast = plainSpecYaml(spec);
    if (fast !== undefined) expect(fast).toBe(libraryText(spec));
    expect(renderSpecYaml(spec).contents.endsWith(libraryText(spec))).toBe(true);
  });

  it("takes the fast path for plain specs, so the benchmark measures it", () => {
    for (const name of ["acme-crm-oauth", "erp-basic", "weather-api-token"]) expect(plainSpecYaml(specForExample(name)), name).toBeDefined();
    const large = specFrom(entitySpec(200));
    const fast = plainSpecYaml(large);
    expect(fast).toBeDefined();
    expect(fast).toBe(libraryText(large));
  });

  it("leaves to the library what needs a block, an escape or a quote style it does not write", () => {
    for (const text of ["two\nlines", "bell\u0007", "rtl\u202e", "say: \"hi\"", "#\"x\"", "a: back\\slash", "%x", "a:\tb", "---", "...", "x\n...", "lone \ud800", "del\u007f"]) {
      expect(plainSpecYaml({ module: "M", description: text }), JSON.stringify(text)).toBeUndefined();
    }
    expect(plainSpecYaml({ module: "M", values: [[1]] })).toBeUndefined();
    expect(plainSpecYaml({ module: "M", size: 1.5 })).toBeUndefined();
    expect(plainSpecYaml({ module: "M", nothing: null })).toBeUndefined();
    expect(plainSpecYaml({ module: "M", empty: { gone: undefined } })).toBeUndefined();
    expect(plainSpecYaml({})).toBeUndefined();
  });

  it("quotes what the library quotes and writes plain what it writes plain", () => {
    const tricky = ["true", "False", "null", "~", "", "123", "-1", "0x1F", "0o17", "1e5", ".5", ".inf", ".NaN", "a: b", "a #b", "ends:", "ends ", " starts", "- x", "-", "?", "? x",
      "#x", "&a", "*a", "!t", "|", ">", "'q", "@x", "`x", "-- x", "it's", "tab\there", "a,b", "[x]", "{x}", "https://x.example/a?b=c#d", "x:y", "say \"hi\"", "yes", "no", "on", "Off", "Ünïcode ✓ 🔐"];
    for (const text of tricky) {
      const data = { module: "M", text, list: [text], map: { [`k${tricky.indexOf(text)}`]: text } };
      const fast = plainSpecYaml(data);
      expect(fast, JSON.stringify(text)).toBeDefined();
      expect(fast, JSON.stringify(text)).toBe(libraryText(data));
    }
  });

  it("matches the library on random nested data wherever it answers", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(..." :#-?'\"\\,[]{}&*!|>%@`~.0123456789eExXoOtrufalsn\t\n\u0085\u2028\u202e".split("")), maxLength: 12 }),
      fc.constantFrom("true", "null", "1", "1.0", "-", "---", "...", "a: b", "x #y", "it's", "https://a.example/x"),
    );
    const key = fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), weight: 8 }, { arbitrary: text, weight: 1 });
    const scalar = fc.oneof({ arbitrary: text, weight: 6 }, fc.integer(), fc.boolean(), fc.double(), fc.constant(undefined));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("list")),
      map: fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
      list: fc.array(tie("tree"), { maxLength: 3 }),
    }));
    let answered = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), (data) => {
        const fast = plainSpecYaml(data);
        if (fast === undefined) return;
        answered++;
        expect(fast).toBe(libraryText(data));
      }),
      { numRuns: 400 },
    );
    // The property is only worth something if the fast writer answered often.
    expect(answered).toBeGreaterThan(40);
  });
});
