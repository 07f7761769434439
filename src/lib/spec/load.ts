// Reads an answers file (YAML or JSON; JSON is read as YAML) into plain data, keeping the
// document so later problems can be reported with their line and column.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { UserError, type PathSegment } from "./problems.js";

/** Answers files are small; anything this large is a mistake (or an attack), refused before parsing. */
export const MAX_ANSWERS_BYTES = 2 * 1024 * 1024;

export interface LoadedAnswers {
  data: unknown;
  /** 1-based line and column of the node at a path, when the file has one there. */
  locate(path: readonly PathSegment[]): { line: number; column: number } | undefined;
}

export function readAnswersFile(file: string): LoadedAnswers {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`${file} is a directory; --answers needs a YAML or JSON file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read answers file ${file}: no such file. Check the path given to --answers.`);
  }
  if (size > MAX_ANSWERS_BYTES) {
    throw new UserError(
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; an answers file may be at most ${MAX_ANSWERS_BYTES / 1024 / 1024} MB.`,
    );
  }
  let source: string;
  try {
    source = readAtMost(file, MAX_ANSWERS_BYTES);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read answers file ${file}: ${(error as NodeJS.ErrnoException).code ?? "read error"}.`);
  }
  return parseAnswers(source, file);
}

/**
 * Reads at most `limit` bytes. The size check above only holds for regular files: a pipe
 * (`--answers <(...)`) or a device such as /dev/zero reports size 0 and may never end.
 */
function readAtMost(file: string, limit: number): string {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      total += read;
      if (total > limit) throw new UserError(`${file} is larger than ${limit / 1024 / 1024} MB; an answers file may be at most ${limit / 1024 / 1024} MB.`);
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

export function parseAnswers(source: string, file = "answers"): LoadedAnswers {
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error, not a silent override. maxAliasCount stops alias bombs.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    // prettyErrors is off (it would put a code frame into the message), so linePos is not set:
    // compute the position from the error's offset.
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
