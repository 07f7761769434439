// The one Markdown escaping function family. User text is shown verbatim when rendered, and can
// never open a heading, list, link, HTML tag, code span or table column of its own.

// Replaced by visible placeholders: NUL and other C0 controls (except tab and newline) and the
// bidirectional overrides that can make text read differently from how it is stored.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
}

function escapeInline(text: string): string {
  return visible(text)
    .replace(/\r\n?/g, "\n")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]{}|~$])/g, "\\$1")
    // Line starts that would open a block: heading, list, quote, setext underline, ordered list.
    .replace(/^(\s*)([#+=-])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

/** Prose: paragraphs keep their line breaks (rendered as hard breaks). */
export function mdText(value: unknown): string {
  return escapeInline(String(value).trim()).replace(/\n/g, "  \n");
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
