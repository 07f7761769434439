// A small MDL tokeniser that follows mxcli's lexer (mdl/grammar/MDLLexer.g4) where it matters
// for safety: where strings, quoted identifiers and comments begin and end. Used by the tests
// to prove that user text in a generated script sits only inside strings and comments, and to
// read the grants back. Not a parser: statements are token runs ending in `;`.
//
// Two string rules exist in mxcli: without an `mdl 1;` header a backslash escapes the next
// character (`'\\' .`); with it, `''` is the only escape. "escapes" picks the first,
// "strict" the second; a safe script lexes to the same tokens under both. The full statement
// grammar the kit relies on is checked in test/helpers/mdl-grammar.ts.

export type TokenKind = "doc" | "comment" | "string" | "quoted" | "word" | "variable" | "number" | "punct" | "invalid" | "dollar";

export interface Token {
  kind: TokenKind;
  /** The token's source text, delimiters included. */
  text: string;
  start: number;
  end: number;
}

export type StringRule = "escapes" | "strict";

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const VARIABLE = /\$[A-Za-z0-9_]+/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?/y;
const SPACE = /[ \t\r\n\v\f]+/y;
const PUNCT = ["<>", "!=", "<=", ">=", "::", "->", "(", ")", "{", "}", "[", "]", ",", ";", ".", ":", "=", "<", ">", "+", "-", "*", "/", "%", "@", "|", "?", "#"];

export function lexMdl(source: string, rule: StringRule = "escapes"): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: source.slice(at, end), start: at, end });
    at = end;
  };
  // An unterminated comment, string or quoted name is "invalid" and runs to where it stopped.
  const pushClosed = (kind: TokenKind, end: Closed) => push(end.closed ? kind : "invalid", end.at);
  while (at < source.length) {
    const space = match(SPACE, source, at);
    if (space) {
      at += space.length;
      continue;
    }
    if (source.startsWith("/**", at)) pushClosed("doc", closeAfter(source, at + 3, "*/"));
    else if (source.startsWith("/*", at)) pushClosed("comment", closeAfter(source, at + 2, "*/"));
    else if (source.startsWith("--", at)) push("comment", lineEnd(source, at));
    else if (source[at] === "'") pushClosed("string", stringEnd(source, at, rule));
    else if (source[at] === '"' || source[at] === "`") pushClosed("quoted", quotedEnd(source, at));
    // DOLLAR_STRING: '$$' .*? '$$' (MDLLexer.g4 @6f336073): the body of `create java action`, the kit's own Java source.
    else if (source.startsWith("$$", at)) pushClosed("dollar", closeAfter(source, at + 2, "$$"));
    else {
      const word = match(WORD, source, at) ?? match(VARIABLE, source, at) ?? match(NUMBER, source, at);
      if (word) push(word.startsWith("$") ? "variable" : /^[0-9]/.test(word) ? "number" : "word", at + word.length);
      else {
        const punct = PUNCT.find((p) => source.startsWith(p, at));
        push(punct ? "punct" : "invalid", at + (punct?.length ?? 1));
      }
    }
  }
  return tokens;
}

/**
 * The value of a string token under the given rule (mxcli's unquoteStringLit). Without the mdl 1
 * header `\n`, `\t`, `\'` and `\\` are escapes and a backslash before anything else stays as
 * written (ako/mxcli mdl/visitor/visitor_string_escapes.go, MDL-V1-ESCAPE).
 */
export function stringValue(token: Token, rule: StringRule = "escapes"): string {
  const body = token.text.slice(1, -1);
  if (rule === "strict") return body.replace(/''/g, "'");
  const escapes: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'" };
  return body.replace(/\\(.)|''/gs, (all, escaped: string | undefined) =>
    escaped === undefined ? "'" : (escapes[escaped] ?? all),
  );
}

/** Name inside a quoted identifier token. */
export function quotedName(token: Token): string {
  return token.text.slice(1, -1);
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}

interface Closed {
  at: number;
  closed: boolean;
}

function closeAfter(source: string, from: number, close: string): Closed {
  const found = source.indexOf(close, from);
  return found < 0 ? { at: source.length, closed: false } : { at: found + close.length, closed: true };
}

function lineEnd(source: string, from: number): number {
  const found = source.slice(from).search(/[\r\n]/);
  return found < 0 ? source.length : from + found;
}

function stringEnd(source: string, from: number, rule: StringRule): Closed {
  let at = from + 1;
  while (at < source.length) {
    const char = source[at];
    if (char === "\\" && rule === "escapes") at += 2;
    else if (char === "'" && source[at + 1] === "'") at += 2;
    else if (char === "'") return { at: at + 1, closed: true };
    else at += 1;
  }
  return { at: source.length, closed: false };
}

function quotedEnd(source: string, from: number): Closed {
  const quote = source[from] ?? '"';
  for (let at = from + 1; at < source.length; at++) {
    const char = source[at];
    if (char === quote) return { at: at + 1, closed: true };
    if (char === "\r" || char === "\n") return { at, closed: false }; // mxcli: no line break in a quoted name
  }
  return { at: source.length, closed: false };
}
