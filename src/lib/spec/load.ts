// Reads an answers file (YAML or JSON; JSON is read as YAML) into plain data, keeping the
// document so later problems can be reported with their line and column.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from "node:fs";
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLParseError, type Document, type YAMLError } from "yaml";
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

export function readAnswersFile(file: string, origin: FileOrigin = "named"): LoadedAnswers {
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory; --answers needs a YAML or JSON file.`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read answers file ${file}: no such file. Check the path given to --answers.`);
  }
  return parseAnswers(readTextFile(file, MAX_ANSWERS_BYTES, origin === "kit" ? "a kit's spec" : "an answers file", origin), file);
}

/** Where a file comes from: the user named it (--answers), or it is in a kit (never a link, never a pipe). */
export type FileOrigin = "named" | "kit";

/**
 * A UTF-8 text file of at most `limit` bytes, or one clear UserError: too large, unreadable, not a
 * regular file, UTF-16 or otherwise not UTF-8. `what` names the kind of file in messages ("an
 * answers file").
 */
export function readTextFile(file: string, limit: number, what: string, origin: FileOrigin = "named"): string {
  return decodeUtf8(readBytes(file, limit, what, origin), file);
}

/** The bytes of a file, read as readTextFile reads them (see readAtMost). */
export function readBytes(file: string, limit: number, what: string, origin: FileOrigin = "named", shown = file): Buffer {
  try {
    return readAtMost(file, limit, what, origin, shown);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (origin === "kit" && (code === "ELOOP" || code === "EMLINK")) {
      throw new UserError(`${shown} is a symbolic link. mxsecure never follows links in a kit: one could make it read or write outside the kit folder. Replace the link with the real file (or delete it), then run again. Nothing was written.`);
    }
    throw new UserError(`Cannot read ${shown}: ${code ?? "read error"}.`);
  }
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** How long a pipe the user named (`--answers <(...)`) may take to deliver its text. */
const PIPE_WAIT_MS = 30_000;

/**
 * Reads at most `limit` bytes, opened with O_NONBLOCK so that opening a FIFO never waits for a
 * writer. A kit's files must be regular files, opened without following a link (O_NOFOLLOW); a
 * file the user named may also be a pipe (`--answers <(...)`), read for at most PIPE_WAIT_MS. A
 * device (/dev/zero, /dev/tty) is never read.
 */
function readAtMost(file: string, limit: number, what: string, origin: FileOrigin, shown: string): Buffer {
  const tooLarge = (size?: number) =>
    new UserError(`${shown} is ${size === undefined ? `larger than ${megabytes(limit)}` : size < 1024 * 1024 ? megabytes(size) : `${(size / 1024 / 1024).toFixed(1)} MB`}; ${what} may be at most ${megabytes(limit)}.`);
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (origin === "kit" ? (constants.O_NOFOLLOW ?? 0) : 0);
  const fd = openSync(file, flags);
  try {
    const stat = fstatSync(fd);
    const pipe = stat.isFIFO() || stat.isSocket();
    // A pipe from the shell (`<(...)`, /dev/stdin) is reached through a /dev/fd link; a FIFO that
    // sits in a folder under a file's name (mkfifo mxsecure.yaml) is refused like any non-file.
    const fromShell = pipe && origin === "named" && !lstatSync(file).isFIFO();
    if (!stat.isFile() && !fromShell) {
      const kind = stat.isDirectory() ? "a directory" : pipe ? "a pipe (FIFO)" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : "not a regular file";
      throw new UserError(`${shown} is ${kind}; ${what} must be a regular file. Nothing was read from it.`);
    }
    if (stat.isFile() && stat.size > limit) throw tooLarge(stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    const deadline = Date.now() + PIPE_WAIT_MS;
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        // A pipe with nothing in it yet (O_NONBLOCK): wait a little, within the bound.
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN" || Date.now() > deadline) throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (read === 0) break;
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

export function parseAnswers(source: string, file = "answers", maxNodes = MAX_YAML_NODES): LoadedAnswers {
  refuseConfusingText(source, file);
  const lineCounter = new LineCounter();
  // uniqueKeys is off: the yaml package checks each key against every earlier key of its mapping
  // (compose/util-map-includes.js, a linear scan per key), which made 40,000 keys take 36 s.
  // Repeated keys are found below, with a set per mapping.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const firstError = doc.errors[0] ?? checkNodes(doc, maxNodes);
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
  let positions: Map<string, number> | undefined;
  return {
    data: data ?? {},
    locate: (path) => {
      // One walk of the document on first use, then a lookup per problem (not a walk per problem).
      positions ??= nodePositions(doc);
      return locate(positions, lineCounter, path);
    },
  };
}

/**
 * The most nodes (scalars, mappings, sequences, pairs) an answers file may hold: far more than the
 * largest spec the generator writes (MAX_ANSWERS_BYTES, about 90 nodes an entity), far fewer than
 * would make the checks below or validation slow.
 */
export const MAX_YAML_NODES = 1_000_000;

/** A repeated key in a mapping (as uniqueKeys would report it), or too many nodes. */
function checkNodes(doc: Document, maxNodes: number): YAMLError | undefined {
  let nodes = 0;
  let found: YAMLError | undefined;
  visit(doc, {
    Node() {
      if (++nodes > maxNodes) {
        found = new YAMLParseError([0, 0], "RESOURCE_EXHAUSTION", `the file holds more than ${maxNodes.toLocaleString("en")} values; an answers file holds a few thousand`);
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : pair.key;
        if (seen.has(key)) {
          const at = isNode(pair.key) && pair.key.range ? pair.key.range[0] : (map.range?.[0] ?? 0);
          found = new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique");
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
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

/** The start offset of every node in the document, by its path (JSON of its segments). */
function nodePositions(doc: Document): Map<string, number> {
  const positions = new Map<string, number>();
  const walk = (node: unknown, path: PathSegment[]) => {
    if (!isNode(node)) return;
    if (node.range) positions.set(JSON.stringify(path), node.range[0]);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === "string" || typeof key === "number") walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...path, index]));
  };
  walk(doc.contents, []);
  return positions;
}

function locate(positions: Map<string, number>, lineCounter: LineCounter, path: readonly PathSegment[]) {
  // Walk up to the nearest node that exists: a missing field is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const start = positions.get(JSON.stringify(path.slice(0, depth)));
    if (start !== undefined) {
      const pos = lineCounter.linePos(start);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
