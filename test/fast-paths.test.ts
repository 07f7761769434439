// The benchmark's shortcuts (issue 12) against the code they replaced: each escaping function skips
// its Unicode scan for printable ASCII, tsLiteral measures a one-line form before joining it, and
// textCredential runs each pattern only on text that holds what its matches must hold.
// The reference implementations below are the previous versions, verbatim; on random text and
// data the new ones must give the same strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdlVisibleText } from "../src/lib/escape/mdl.js";
import { textCredential, urlCredential } from "../src/lib/spec/secrets.js";
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

/** textCredential before its guards: every pattern over every text. */
function referenceTextCredential(text: string): string | undefined {
  for (const [url] of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi)) {
    const why = urlCredential(url.replace(/[.,;:!?)]+$/, ""));
    if (why !== undefined) return url === text ? why : `a URL with ${why}`;
  }
  const assigned =
    /\b(pass(?:word|wd|phrase)?|pwd|secret|client[_ -]?secret|api[_ -]?key|access[_ -]?key|(?:access|refresh|auth|id|bearer)?[_ -]?token|private[_ -]?key)\s*([:=])\s*["']?([^\s"',;)\]}]+)/gi;
  for (const match of text.matchAll(assigned)) {
    const [, word, separator, value] = match as unknown as [string, string, string, string];
    const trimmed = value.replace(/[.!?]+$/, "");
    if (trimmed.length < 3) continue;
    if (separator === "=" || (/[^A-Za-z]/.test(trimmed) && !/^(oauth|oidc|sha|hs|rs|es|ps|aes|tls|ssl|s|x|base|utf|v)[-.]?\d+(\.\d+)*$/i.test(trimmed))) {
      return `a value given to ${word.trim()}`;
    }
  }
  if (/\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/.test(text)) return "a bearer token";
  return undefined;
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

describe("textCredential finds what it found before", () => {
  const piece = fc.constantFrom(
    "password", "PassWord", "pwd", "secret", "client_secret", "api-key", "API KEY", "access key", "refresh_token", "Token", "private key", "\u017fecret", "\u212aey",
    ": ", "=", " = '", ": \"", "hunter2", "x1", "abc", "OAuth2", "HS256", "encrypted", ".", "!", " ", "\n",
    "https://", "http://user:pw@host.example/", "https://h.example/p?key=1", "https://h.example/#access_token=x", "ftp://a/b?sig=2", "://",
    "Bearer ", "bearer ", "abcdefghijklmnopqrstuvwxyz012345", "==",
  );
  const word = fc.constantFrom("password", "PassWord", "passwd", "passphrase", "pwd", "PWD", "secret", "client_secret", "api-key", "API KEY", "access key", "refresh_token", "IdToken", "Token", "private key", "\u017fecret", "\u212aey");
  const assignment = fc.tuple(word, fc.constantFrom(": ", "=", " = '", ":"), fc.constantFrom("hunter2", "x1", "ab", "OAuth2", "encrypted", "a.b!")).map((parts) => parts.join(""));
  const credentialish = fc.array(fc.oneof(piece, assignment), { maxLength: 6 }).map((parts) => parts.join(" "));

  it("on text built from credential-shaped pieces and on any text", () => {
    fc.assert(
      fc.property(fc.oneof(credentialish, text), (value) => {
        expect(textCredential(value)).toBe(referenceTextCredential(value));
      }),
      { numRuns: 4000 },
    );
  });

  it("still finds each kind (the guards let them through)", () => {
    for (const found of ["password: hunter2", "api_key=abc", "https://u:p@h.example/", "see https://h.example/x?token=abc", "Bearer abcdefghijklmnopqrstuvwxyz"]) {
      expect(textCredential(found), found).toBeDefined();
    }
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
