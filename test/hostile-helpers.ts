// Well-formedness checks for every kind of kit file, shared by the hostile-input and property
// tests. Each returns the problems it finds ([] when the file is well formed), and each "shape"
// function reduces a file to its structure with user text left out, so a kit rendered from
// hostile text can be compared with the same kit rendered from plain text: if hostile text
// stays inert, the structure is the same.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { parseAnswers } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import type { Spec } from "../src/lib/spec/schema.js";
import type { KitFile } from "../src/lib/kit/types.js";
import { lexMdl, type Token } from "../src/lib/targets/mdl/lex.js";
import { MdlSyntaxError, parseMdl } from "./helpers/mdl-grammar.js";
import { BIN } from "./helpers/run.js";

// ---- TypeScript ----

export function tsParseErrors(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => `${path}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")} at ${d.start}`);
}

/**
 * Token kinds of a TypeScript file, string literals as one kind whatever they hold. Commas are
 * left out: a long literal wraps onto several lines and gains trailing commas.
 */
export function tsShape(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const kinds: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CommaToken) continue;
    // A regex or template would need rescanning; generated data files contain neither, and if
    // user text ever produced one, the kinds would differ from the plain kit's anyway.
    kinds.push(kind === ts.SyntaxKind.Identifier ? `id:${scanner.getTokenText()}` : ts.SyntaxKind[kind]!);
  }
  return kinds;
}

// ---- MDL ----

/**
 * Unterminated strings, names or comments, any token boundary that differs between mxcli's two
 * string rules, and any statement mxcli's grammar (the rules the kit uses, helpers/mdl-grammar.ts)
 * does not accept.
 */
export function mdlProblems(path: string, text: string): string[] {
  const escapes = lexMdl(text, "escapes");
  const strict = lexMdl(text, "strict");
  const problems = escapes.filter((t) => t.kind === "invalid").map((t) => `${path}: unterminated ${JSON.stringify(t.text.slice(0, 40))} at ${t.start}`);
  const signature = (tokens: Token[]) => tokens.map((t) => `${t.kind}@${t.start}-${t.end}`).join(" ");
  if (signature(escapes) !== signature(strict)) problems.push(`${path}: lexes differently with and without backslash escapes`);
  try {
    parseMdl(text);
  } catch (error) {
    if (!(error instanceof MdlSyntaxError)) throw error;
    problems.push(`${path}: mxcli's grammar rejects it: ${error.message}`);
  }
  return problems;
}

/** MDL token kinds, with the words (keywords and names) but not the contents of strings and comments. */
export function mdlShape(text: string): string[] {
  return lexMdl(text)
    .filter((t) => t.kind !== "comment" && t.kind !== "doc")
    .map((t) => (t.kind === "word" || t.kind === "punct" ? `${t.kind}:${t.text}` : t.kind));
}

// ---- Markdown ----

/** Number of column separators in a table row: "|" not escaped by a backslash. */
export function unescapedPipes(row: string): number {
  let count = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\") i++;
    else if (row[i] === "|") count++;
  }
  return count;
}

interface MarkdownLine {
  kind: "heading" | "fence" | "row";
  text: string;
  line: number;
}

/** Headings, code fences and table rows outside code blocks. */
function markdownLines(text: string): MarkdownLine[] {
  const out: MarkdownLine[] = [];
  let fence: string | undefined;
  text.split("\n").forEach((line, index) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (opener) {
      const marker = opener[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      out.push({ kind: "fence", text: line, line: index + 1 });
      return;
    }
    if (fence !== undefined) return;
    if (/^ {0,3}#{1,6}(\s|$)/.test(line)) out.push({ kind: "heading", text: line, line: index + 1 });
    else if (/^\s*\|/.test(line)) out.push({ kind: "row", text: line, line: index + 1 });
  });
  return out;
}

/** Table rows whose column count differs from their table's header row, and fences left open. */
export function markdownProblems(path: string, text: string): string[] {
  const problems: string[] = [];
  const lines = markdownLines(text);
  let header: MarkdownLine | undefined;
  let previousLine = -1;
  for (const line of lines) {
    if (line.kind !== "row") {
      header = undefined;
      continue;
    }
    if (!header || line.line !== previousLine + 1) header = line;
    else if (unescapedPipes(line.text) !== unescapedPipes(header.text)) {
      problems.push(`${path}:${line.line}: table row has ${unescapedPipes(line.text)} separators, its header ${unescapedPipes(header.text)}: ${line.text.slice(0, 80)}`);
    }
    previousLine = line.line;
  }
  const fences = lines.filter((l) => l.kind === "fence").length;
  if (fences % 2 !== 0) problems.push(`${path}: a code fence is left open`);
  // Inside a code span a tag is shown, not run: look for tags outside code spans only.
  const outsideCode = text.replace(/(`+)[\s\S]*?\1/g, "");
  if (/<script/i.test(outsideCode)) problems.push(`${path}: a raw <script> tag outside code`);
  return problems;
}

/** Heading levels, fences and each table row's column count: what user text must never change. */
export function markdownShape(text: string): string[] {
  return markdownLines(text).map((l) =>
    l.kind === "heading" ? `h${/#+/.exec(l.text)![0].length}` : l.kind === "row" ? `row:${unescapedPipes(l.text)}` : "fence",
  );
}

// ---- YAML and JSON ----

/** mxsecure.yaml read back as an answers file must give the spec it was written from. */
export function yamlRoundTripProblems(path: string, text: string, spec: Spec): string[] {
  const checked = validateSpec(parseAnswers(text, path).data);
  if (!checked.ok) return [`${path}: does not read back as a valid spec: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`];
  return JSON.stringify(checked.spec) === JSON.stringify(spec) ? [] : [`${path}: reads back as a different spec`];
}

// ---- a whole kit ----

/** Every well-formedness problem of a kit's files. */
export function kitProblems(files: readonly KitFile[], spec: Spec): string[] {
  return files.flatMap((file) => {
    if (file.path.endsWith(".ts")) return tsParseErrors(file.path, file.contents);
    if (file.path.endsWith(".mdl")) return mdlProblems(file.path, file.contents);
    if (file.path.endsWith(".md")) return markdownProblems(file.path, file.contents);
    if (file.path === "mxsecure.yaml") return yamlRoundTripProblems(file.path, file.contents, spec);
    if (file.path.endsWith(".json")) {
      try {
        JSON.parse(file.contents);
        return [];
      } catch (error) {
        return [`${file.path}: ${(error as Error).message}`];
      }
    }
    return [];
  });
}

/** Each file's structure with user text left out (see the shape functions above). */
export function kitShape(files: readonly KitFile[]): Map<string, string[]> {
  const shapes = new Map<string, string[]>();
  for (const file of files) {
    if (file.path.endsWith(".ts")) shapes.set(file.path, tsShape(file.contents));
    else if (file.path.endsWith(".mdl")) shapes.set(file.path, mdlShape(file.contents));
    else if (file.path.endsWith(".md")) shapes.set(file.path, markdownShape(file.contents));
  }
  return shapes;
}

// ---- the real bin, with its time and peak memory ----

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set size of the bin's process, from bench/rss-hook.mjs. */
  rssMB: number;
}

/** Runs the built bin non-interactively (CI=1, no stdin) in `cwd`, measuring it as the benchmark does. */
export function runBinMeasured(args: readonly string[], cwd: string, timeoutMs = 30_000): MeasuredRun {
  const rssFile = join(tmpdir(), `mxsecure-rss-${process.pid}-${runs++}`);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", BENCH_RSS_FILE: rssFile };
  delete env.MXSECURE_DEBUG;
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(RSS_HOOK).href, BIN, ...args], {
    cwd,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  const rssMB = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : Number.NaN;
  rmSync(rssFile, { force: true });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms, rssMB };
}

let runs = 0;
const RSS_HOOK = fileURLToPath(new URL("../bench/rss-hook.mjs", import.meta.url));
