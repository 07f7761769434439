// Nasty strings and the spec they are put into: every free-text field (and every restricted
// field, within what its rule allows) gets the same string, so one kit shows where any of them
// would leak. Shared by hostile-text.test.ts and the property tests.

export const NASTY: Record<string, string> = {
  quotes: `'single' "double" ''doubled'' \\'escaped\\'`,
  backticks: "`code` ``two`` ```fence``` ````",
  template: "${process.exit(1)} `${x}` $${y} ${",
  comments: "*/ /* // /** */ <!-- --> #",
  ejs: "<% throw new Error() %> <%= it.plan %> <%- x %> %> <%# c %>",
  "sql-mdl": "'); drop module X; -- \\' \\ end\\",
  "double-dash": "-- not a comment -- ; --\n-- line two",
  nul: "before\u0000after",
  controls: "\u0001\u0007 \u001b[31mred\u001b[0m \u007f \u0085 \u009b",
  "rtl-marks": "\u202Eevil\u202C \u2066isolate\u2069 \u200Bzero\u200Dwidth \u200F \u061C",
  "line-separators": "a\u2028b\u2029c",
  newlines: "one\ntwo\r\nthree\rfour\n\n# heading\n- list\n> quote\n---\n===\n1. item",
  emoji: "🔐 👩‍👩‍👧 \u{1F600} 🇳🇱",
  "lone-surrogate": "x\uD800y\uDC00z",
  markdown: "| a | b |\n|---|---|\n[link](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> **b** _i_ ~~s~~ \\| &amp; </details> <!--",
  backslashes: "\\\\ \\n \\u0000 \\x41 \\",
  "yaml-like": "&anchor *alias !!js/function 'x' {a: 1} [b] key: value # comment ? : -",
  unicode: "e\u0301 Å ﬁ ⁉ \uFEFFbom",
  proto: "__proto__ constructor prototype toString",
  long: "ab'`${*/<%\n".repeat(1_000),
};

/** The string without whitespace (for fields whose rule forbids spaces), never empty. */
export function noSpaces(text: string): string {
  return text.replace(/\s+/g, "_") || "x";
}

/** The string as printable ASCII without spaces (tokenPrefix's rule), never empty. */
export function printableAscii(text: string): string {
  return text.replace(/[^\x21-\x7e]+/g, "") || "x";
}

/**
 * Answers data with `text` in every field that carries user text: descriptions, names of the
 * service, role and entity documentation, an XPath override, a suppression's reason, OAuth scopes,
 * and URL paths and queries. Which scheme decides which auth fields exist.
 */
export function hostileAnswers(text: string, scheme: "oauth-authorization-code" | "api-token" = "oauth-authorization-code"): Record<string, unknown> {
  // Raw (not percent-encoded) in the URLs: quotes, backticks, `${`, `*/`, `<%` and `|` are all
  // accepted by the URL rule. Only what would end the path or break the URL is dropped.
  const urlPart = noSpaces(text).replace(/[\p{C}#?\\%]/gu, "").slice(0, 300);
  const auth =
    scheme === "api-token"
      ? { scheme, secretStorage: "constant", tokenPrefix: printableAscii(text).slice(0, 100) }
      : {
          scheme,
          authorizationUrl: `https://auth.hostile.example/authorize?hint=${urlPart}`,
          tokenUrl: `https://auth.hostile.example/token/${urlPart}`,
          scopes: [noSpaces(text).slice(0, 200), "openid"],
        };
  return {
    module: "HostileConnector",
    description: text,
    service: { name: text, baseUrl: `https://api.hostile.example/v1/${urlPart}` },
    auth,
    // The audit wants role documentation of a sentence or more: the text follows one.
    roles: [{ name: "Viewer", kind: "data", readOnly: true, documentation: `Reads non-sensitive data only. ${text}` }],
    entities: [
      {
        name: "Note",
        documentation: text,
        ownership: "user",
        attributes: [
          { name: "Body", type: "string", length: 0 },
          { name: "Secretive", type: "string", sensitive: true },
        ],
      },
      {
        name: "Topic",
        documentation: text,
        attributes: [{ name: "Title", type: "string" }],
        associations: [{ to: "Note" }],
        access: { User: { xpath: text } },
      },
    ],
    suppressions: [{ rule: "ModuleRolesAmount", path: "roles", fingerprint: "0123456789abcdef", reason: text }],
  };
}

/** The same answers with plain text everywhere: the structure a hostile kit must keep. */
export function plainAnswers(scheme: "oauth-authorization-code" | "api-token" = "oauth-authorization-code"): Record<string, unknown> {
  return hostileAnswers("plain", scheme);
}
