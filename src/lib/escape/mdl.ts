// The one way text enters an MDL script for mxcli (mendixlabs/mxcli, mdl/grammar/MDLLexer.g4):
//
// - String literal: '...'. The lexer rule is STRING_LITERAL: '\'' ( ~['\\] | '\\' . | '\'\'' )* '\''
//   (MDLLexer.g4 @6f336073; older lexers also exclude raw CR/LF, so a raw line break is a lexer
//   error there). A script without an `mdl 1;` header is read with backslash escapes: `\n` a
//   newline, `\t` a tab, `\'` an apostrophe, `\\` one backslash; a backslash before anything else
//   stays as written (ako/mxcli mdl/visitor/visitor_string_escapes.go, MDL-V1-ESCAPE). So: a
//   backslash is doubled, a quote is doubled (`''`, the one escape every version reads), a line
//   break is written `\n` (CR LF and a lone CR become one newline: there is no `\r`), a tab `\t`.
// - Quoted identifier: "Name". QUOTED_IDENTIFIER: '"' ~["\r\n]* '"' has no escape, so names are
//   checked here, not trusted: only Mendix name characters, so nothing can end the quotes.
// - Doc comment: /** ... */ closes at the first `*/`, and has no escape: `*/` in the text
//   becomes `* /`. Line comment: -- runs to the end of the line, so line breaks become spaces.
//
// Control, format (bidi overrides, zero-width), and line/paragraph-separator characters cannot
// be written as escapes in MDL; they become U+FFFD so the script reads exactly as it lexes
// ("Trojan Source") and no NUL lands in a text file. Tab, LF and CR are kept (and escaped).

const REPLACEMENT = "\uFFFD";
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const KEPT = new Set(["\t", "\n", "\r"]);
const LINE_BREAK = /\r\n|\r|\n/;
const MENDIX_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The text as it can appear in a script: invisible characters replaced, tab/LF/CR kept. */
export function mdlVisibleText(text: string): string {
  // Printable ASCII, tab, LF and CR hold nothing to replace: skip the Unicode-property scan.
  if (/^[\x20-\x7e\t\n\r]*$/.test(text)) return text;
  return text.replace(INVISIBLE, (char) => (KEPT.has(char) ? char : REPLACEMENT));
}

/** A single-quoted MDL string literal holding `text` (as mdlStringValue shows it), on one line. */
export function mdlString(text: string): string {
  const escaped = mdlStringValue(text).replace(/\\/g, "\\\\").replace(/'/g, "''").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return `'${escaped}'`;
}

/** The value mxcli reads back from mdlString(text): visible text, line breaks as LF. */
export function mdlStringValue(text: string): string {
  return mdlVisibleText(text).replace(/\r\n?/g, "\n");
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
