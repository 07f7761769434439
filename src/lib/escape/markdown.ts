// The one Markdown escaping function family. User text is shown verbatim when rendered, and can
// never open a heading, list, link, HTML tag, code span or table column of its own.

// Replaced by visible placeholders: NUL and other C0 controls (except tab and newline) and the
// bidirectional overrides that can make text read differently from how it is stored.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * A name a person copies rather than reads: a Mendix name with underscores (ACT_Entity_Save), a
 * qualified name (Encryption.EncryptionKey), a ciphertext prefix ({AES3}) or a placeholder URL
 * (<app root URL>/p/oauth/callback, without the sentence's own trailing comma or full stop). Shown as a
 * code span, where nothing needs escaping.
 */
const NAME = /(?<![\w.`\\{<])(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9_]*)+|\{AES\d?\}|<[A-Za-z][A-Za-z ]*>\/(?:[^\s<>`|]*[^\s<>`|.,;:!?)])?)(?![\w`])/g;

const WORD = /[A-Za-z0-9]/;

/**
 * Escapes only what would act in CommonMark/GFM, so plain prose reads the same in a terminal
 * and on GitHub: an "_" inside a word, a "{", a ">" mid-line or an "&" that starts no entity
 * stays as typed.
 */
function escapePlain(text: string): string {
  return text
    // A backslash only escapes punctuation; double it there, first, before any escape is added.
    .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    // An HTML tag, comment, declaration or autolink needs "<" before a letter, "/", "!" or "?".
    .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
    .replace(/([`*[\]|~$])/g, "\\$1")
    // "_" opens or closes emphasis only at a word's edge.
    .replace(/_/g, (_, at: number, all: string) => (WORD.test(all[at - 1] ?? "") && WORD.test(all[at + 1] ?? "") ? "_" : "\\_"))
    // "{{" and "{%" open Liquid (GitHub Pages), where a backslash does not help: an entity does.
    .replace(/\{(?=[{%])/g, "&#123;");
}

function escapeInline(text: string): string {
  const clean = visible(text).replace(/\r\n?/g, "\n");
  let out = "";
  let last = 0;
  for (const match of clean.matchAll(NAME)) {
    out += escapePlain(clean.slice(last, match.index)) + mdCode(match[0]);
    last = match.index + match[0].length;
  }
  out += escapePlain(clean.slice(last));
  return out
    // Line starts that would open a block: heading, list, quote, setext underline, ordered list.
    .replace(/^(\s*)([#+=>-])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

/** Prose: paragraphs keep their line breaks (rendered as hard breaks). */
export function mdText(value: unknown): string {
  return escapeInline(String(value).trim()).replace(/\n/g, "  \n");
}

/** Width of a wrapped paragraph: a line a person reads in a terminal or a diff. */
export const PROSE_WIDTH = 100;

/**
 * A paragraph of prose, as mdText, wrapped at PROSE_WIDTH for a terminal. Breaks only at a space
 * outside code spans, and never before a word that would open a block at a line's start (a
 * "-", "#", "1." ...), so wrapping changes no rendering. Continuation lines are indented by
 * `indent` spaces, so they stay in a list item; the first line leaves room for the `marker`
 * ("- [ ] " is 6 characters, its continuation indent 2).
 */
export function mdParagraph(value: unknown, indent = 0, marker = indent): string {
  return mdText(value)
    .split("  \n")
    .map((line, i) => wrap(line, PROSE_WIDTH - indent, PROSE_WIDTH - (i === 0 ? marker : indent)).join(`\n${" ".repeat(indent)}`))
    .join(`  \n${" ".repeat(indent)}`);
}

const OPENS_BLOCK = /^(?:[#+=>*-]|\d+[.)])/;

function wrap(line: string, width: number, firstWidth: number): string[] {
  // Words are split at spaces outside code spans: a code span is one word.
  const words: string[] = [];
  let word = "";
  let fence = "";
  for (let i = 0; i < line.length; i++) {
    const run = /^`+/.exec(line.slice(i))?.[0];
    if (run) {
      fence = fence === "" ? run : fence === run ? "" : fence;
      word += run;
      i += run.length - 1;
    } else if (line[i] === " " && fence === "") {
      words.push(word);
      word = "";
    } else word += line[i];
  }
  words.push(word);
  const lines: string[] = [];
  let current = "";
  for (const next of words) {
    if (current !== "" && current.length + 1 + next.length > (lines.length ? width : firstWidth) && next !== "" && !OPENS_BLOCK.test(next)) {
      lines.push(current);
      current = next;
    } else current = current === "" && lines.length === 0 ? next : `${current} ${next}`;
  }
  lines.push(current);
  return lines;
}

/** One table cell: no line breaks, no column breaks. */
export function mdCell(value: unknown): string {
  return escapeInline(String(value).trim()).replace(/\n/g, "<br>");
}

/** Inline code for a value such as a URL or a Mendix name: backticks can never close it early. */
export function mdCode(text: string): string {
  const clean = visible(text).replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * Inline code inside a table cell: as mdCode, with "|" escaped so the column cannot break (GFM).
 * GFM splits a row before it reads code spans, and there a backslash escapes whatever follows it:
 * so the backslashes just before a "|" are doubled too, or a backslash-pipe in the text would end
 * the cell. (Such a backslash then shows doubled inside the code span; a broken table would be worse.)
 */
export function mdCellCode(value: unknown): string {
  return mdCode(String(value)).replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`);
}
