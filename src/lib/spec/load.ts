// Reads an answers file (YAML or JSON; JSON is read as YAML) into plain data, keeping the
// document so later problems can be reported with their line and column.
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { unclosedQuoteOffset } from "./unclosed-quote.js";
import { UserError, type PathSegment } from "./problems.js";

/**
 * The largest spec file read. A kit's own mxsecure.yaml must always read back (3,600 entities are
 * about 2.4 MB), and the writer refuses a spec larger than this (see kit/prepare.ts), so what the
 * generator writes it can read. A 20 MB file or an endless device is refused before parsing.
 */
export const MAX_ANSWERS_BYTES = 8 * 1024 * 1024;

export interface LoadedAnswers {
  data: unknown;
  /** 1-based line and column of the node at a path, when the file has one there. */
  locate(path: readonly PathSegment[]): { line: number; column: number } | undefined;
}

export function readAnswersFile(file: string): LoadedAnswers {
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory; --answers needs a YAML or JSON file.`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read answers file ${file}: no such file. Check the path given to --answers.`);
  }
  return parseAnswers(readTextFile(file, MAX_ANSWERS_BYTES, "an answers file"), file);
}

/**
 * A UTF-8 text file of at most `limit` bytes, or one clear UserError: too large, unreadable, UTF-16
 * or otherwise not UTF-8. `what` names the kind of file in messages ("an answers file").
 */
export function readTextFile(file: string, limit: number, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readAtMost(file, limit, what);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "read error"}.`);
  }
  return decodeUtf8(bytes, file);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/**
 * Reads at most `limit` bytes. The size from stat only holds for regular files: a pipe
 * (`--answers <(...)`) or a device such as /dev/zero reports size 0 and may never end.
 */
function readAtMost(file: string, limit: number, what: string): Buffer {
  const tooLarge = (size?: number) =>
    new UserError(`${file} is ${size === undefined ? `larger than ${megabytes(limit)}` : `${(size / 1024 / 1024).toFixed(1)} MB`}; ${what} may be at most ${megabytes(limit)}.`);
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > limit) throw tooLarge(size);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      total += read;
      if (total > limit) throw tooLarge();
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text, its byte-order mark dropped; UTF-16 and other encodings get a message that says so. */
function decodeUtf8(bytes: Buffer, file: string): string {
  const notText = (why: string) => new UserError(`${file}: not valid YAML or JSON: ${why}`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw notText("the file is UTF-16 encoded; save it as UTF-8.");
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    // Text with a zero byte beside each ASCII letter is UTF-16 without its byte-order mark.
    const utf16 = bytes.length >= 2 && (bytes[1] === 0 || bytes[0] === 0);
    throw notText(utf16 ? "the file looks UTF-16 encoded; save it as UTF-8." : `the file holds a zero byte at offset ${nul}: it is binary, not text.`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw notText("the file is not UTF-8 text; save it as UTF-8.");
  }
}

export function parseAnswers(source: string, file = "answers"): LoadedAnswers {
  refuseConfusingText(source, file);
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error, not a silent override. maxAliasCount stops alias bombs.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    // prettyErrors is off (it would put a code frame into the message), so linePos is not set:
    // compute the position from the error's offset.
    const quote = /^Missing closing (["'])quote/.exec(firstError.message)?.[1];
    const opened = quote ? unclosedQuoteOffset(source) : undefined;
    if (quote && opened !== undefined) {
      // Reported where the quote opens, not at the end of the file where the parser gave up.
      const at = lineCounter.linePos(opened);
      throw new UserError(`${file}:${at.line}:${at.col}: not valid YAML or JSON: the ${quote} opened here is never closed; end the value with ${quote}.`);
    }
    const start = firstError.linePos?.[0] ?? lineCounter.linePos(firstError.pos[0]);
    const where = `:${start.line}:${start.col}`;
    throw new UserError(`${file}${where}: not valid YAML or JSON: ${firstLine(firstError.message)}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UserError(`${file}: ${firstLine((error as Error).message)} (YAML aliases may not expand this much).`);
  }
  return { data: data ?? {}, locate: (path) => locate(doc, lineCounter, path) };
}

/**
 * Text that YAML would read as something other than what the user meant, refused with a message
 * that names the cause: a carriage return that ends no line (classic Mac line ends, or a stray one
 * that YAML keeps inside a value), and comments in a JSON file (JSON has none; YAML reads them as text).
 */
function refuseConfusingText(source: string, file: string): void {
  const lone = /\r(?!\n)/.exec(source);
  if (lone) {
    const { line, col } = position(source, lone.index);
    throw new UserError(`${file}:${line}:${col}: not valid YAML or JSON: a carriage return (CR) that is not followed by a line feed; save the file with LF or CRLF line ends.`);
  }
  if (!/^\uFEFF?\s*(\{|\[|\/\/|\/\*)/.test(source)) return;
  const comment = jsonComment(source);
  if (comment !== undefined) {
    const { line, col } = position(source, comment);
    throw new UserError(`${file}:${line}:${col}: not valid YAML or JSON: JSON does not allow comments; delete the // or /* */ comments, or write the answers as YAML, where comments start with #.`);
  }
}

/**
 * Offset of the first // or /* that starts a comment in text written as JSON: outside quotes, and
 * after a space, a line break, "," "{" "[" or the start (so "https://..." in a YAML flow mapping is
 * no comment).
 */
function jsonComment(source: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quote !== undefined) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "/" && (source[i + 1] === "/" || source[i + 1] === "*") && (i === 0 || /[\s,{[]/.test(source[i - 1]!))) return i;
  }
  return undefined;
}

function position(source: string, offset: number): { line: number; col: number } {
  const before = source.slice(0, offset);
  const line = before.split(/\r\n|\n|\r/).length;
  return { line, col: offset - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) };
}

function locate(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]) {
  // Walk up to the nearest node that exists: a missing field is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
