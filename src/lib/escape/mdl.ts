// The one way text enters an MDL script for mxcli (mendixlabs/mxcli, MDLLexer.g4):
//
// - String literal: '...'. A quote is doubled (''). A backslash is doubled too: a script
//   without an `mdl 1;` header is read with backslash escapes (\n, \t, \', \\), so a lone
//   backslash before a quote would end the string early; `\\` is one backslash there, and
//   under the stricter mdl 1 rule it is still two plain characters inside the same string.
//   Newlines stay raw inside the string (the lexer allows them).
// - Quoted identifier: "Name". Names are checked here, not trusted: only Mendix name
//   characters, so nothing can end the quotes.
// - Doc comment: /** ... */ closes at the first `*/`, and has no escape: `*/` in the text
//   becomes `* /`. Line comment: -- runs to the end of the line, so line breaks become spaces.
//
// Control, format (bidi overrides, zero-width), and line/paragraph-separator characters cannot
// be written as escapes in MDL; they become U+FFFD so the script reads exactly as it lexes
// ("Trojan Source") and no NUL lands in a text file. Tab, LF and CR are kept.

const REPLACEMENT = "\uFFFD";
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const KEPT = new Set(["\t", "\n", "\r"]);
const LINE_BREAK = /\r\n|\r|\n/;
const MENDIX_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The text as it can appear in a script: invisible characters replaced, tab/LF/CR kept. */
export function mdlVisibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => (KEPT.has(char) ? char : REPLACEMENT));
}

/** A single-quoted MDL string literal holding `text` (as mdlVisibleText shows it). */
export function mdlString(text: string): string {
  return `'${mdlVisibleText(text).replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** A double-quoted MDL identifier: escapes every keyword, current or future. */
export function mdlIdentifier(name: string): string {
  if (!MENDIX_NAME.test(name)) {
    throw new Error(`Not a Mendix name, refused in an MDL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

/** Module.Element (or more segments), every segment quoted. */
export function mdlQualifiedName(...segments: string[]): string {
  return segments.map(mdlIdentifier).join(".");
}

/** A /** ... *\/ doc comment: one line for one line of text, else ` * ` lines; "" for no text. */
export function mdlDocComment(text: string, indent = ""): string {
  const visible = mdlVisibleText(text).trim();
  if (visible === "") return "";
  const lines = visible.split(LINE_BREAK).map((line) => line.replace(/\*\//g, "* /").trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`.trimEnd()), `${indent} */`].join("\n");
}

/** A -- line comment that ends where this line ends. */
export function mdlLineComment(text: string, indent = ""): string {
  return `${indent}-- ${mdlVisibleText(text).split(LINE_BREAK).join(" ")}`.trimEnd();
}
