// Reads a service's OpenAPI 3.0/3.1 or Swagger 2.0 document from a local file, within bounds: a
// hostile document (huge, deeply nested, external or cyclic $refs) gets one clear UserError.
//
// Parser and dereferencer: @readme/openapi-parser 9.0.0 (ReadMe's maintained fork of
// @apidevtools/swagger-parser). Chosen because it is the maintained OpenAPI dereferencer that
// still supports Node >= 20 (@apidevtools/swagger-parser 13 and @scalar/openapi-parser 0.29
// require Node >= 22; swagger-parser 12 is a year without releases), reads Swagger 2.0 and
// OpenAPI 3.0/3.1, and sits on @apidevtools/json-schema-ref-parser, whose options bound it:
// resolve.external false (no file or URL is ever read: we also refuse external $refs before),
// dereference.circular "ignore" (a cycle stays a $ref, no endless object), timeoutMs.
// It is loaded lazily (only `--openapi` pays for it).
import { statSync } from "node:fs";
import { load as loadYaml } from "js-yaml";
import { readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { pointer } from "./pointer.js";

/** The largest document read: the largest real ones (GitHub's, Stripe's) are under 16 MB as JSON. */
export const MAX_OPENAPI_BYTES = 16 * 1024 * 1024;
/** Deeper than any real document (Stripe's ~30); past this a document is refused, not walked. */
export const MAX_DEPTH = 100;
/** Values (objects, arrays, scalars) in one document; a 16 MB document has about 2 million. */
export const MAX_NODES = 4_000_000;
/** Time the dereferencer may take. */
export const DEREFERENCE_TIMEOUT_MS = 10_000;

export type OpenApiDocument = Record<string, unknown>;

export async function readOpenApiFile(file: string): Promise<OpenApiDocument> {
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory; --openapi needs an OpenAPI or Swagger document (YAML or JSON).`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read OpenAPI document ${file}: no such file. Check the path given to --openapi.`);
  }
  const text = readTextFile(file, MAX_OPENAPI_BYTES, "an OpenAPI document");
  return dereferenceDocument(parseDocumentText(text, file), file);
}

/** JSON (fast path) or YAML to plain data; nesting too deep for the parser is one clear error. */
export function parseDocumentText(text: string, file: string): unknown {
  try {
    if (/^\uFEFF?\s*\{/.test(text)) {
      try {
        return JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (error) {
        if (error instanceof RangeError) throw error;
        // Not strict JSON: YAML (a superset) reads it or says where it is wrong.
      }
    }
    // js-yaml, not the answers files' yaml package: about ten times faster on a large document (the
    // dereferencer depends on it already). maxDepth and maxAliases bound what a hostile file costs;
    // json: a repeated key overrides, as JSON.parse does (real documents have some).
    return loadYaml(text, { maxDepth: MAX_DEPTH, maxAliases: 10_000, json: true });
  } catch (error) {
    if (error instanceof RangeError || /depth/i.test(String((error as Error).message))) throw new UserError(`${file}: nested too deeply to read; an OpenAPI document may be at most ${MAX_DEPTH} levels deep.`);
    throw new UserError(`${file}: not valid YAML or JSON: ${String((error as Error).message).split("\n")[0]}`);
  }
}

/** Checks the bounds and the version, then dereferences the document's internal $refs. */
export async function dereferenceDocument(data: unknown, file: string): Promise<OpenApiDocument> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError(`${file}: not an OpenAPI document (expected a mapping with openapi: 3.x or swagger: "2.0" at the top).`);
  }
  const doc = data as OpenApiDocument;
  const version = String(doc.openapi ?? doc.swagger ?? "");
  if (!/^(3\.[01]\.\d+|2\.0)$/.test(version)) {
    throw new UserError(`${file}: not an OpenAPI 3.0/3.1 or Swagger 2.0 document (#/openapi or #/swagger is ${JSON.stringify(version || "missing")}).`);
  }
  checkBounds(doc, file);
  const { dereference } = await import("@readme/openapi-parser");
  try {
    return (await dereference(doc as never, {
      resolve: { external: false },
      dereference: { circular: "ignore" },
      timeoutMs: DEREFERENCE_TIMEOUT_MS,
    })) as OpenApiDocument;
  } catch (error) {
    throw new UserError(`${file}: its $refs cannot be resolved: ${dereferenceProblem(error)}`);
  }
}

/** The dereferencer's error in our words: its hints name its own options, and its paths the current folder. */
function dereferenceProblem(error: unknown): string {
  const message = String((error as Error)?.message ?? error).split("\n")[0]!;
  const at = /(#\/[^\s"']*?)\.?(["'\s]|$)/.exec(message)?.[1];
  if (/timeout/i.test(message)) return `resolving them took longer than ${DEREFERENCE_TIMEOUT_MS / 1000} s; the document's $refs expand without bound (each refers to several others, level after level), or it is too large.`;
  if (/Maximum dereference depth/i.test(message)) return `they chain deeper than 500 levels${at ? ` (at ${at})` : ""}.`;
  if (/missing|not found|MissingPointer/i.test(message) || (error as { name?: string })?.name === "MissingPointerError") return `a $ref points to nothing${at ? ` (${at})` : ""}; fix the reference in the document.`;
  return message.split(`${process.cwd()}/`).join("");
}

/**
 * One walk without recursion: refuses a document deeper than MAX_DEPTH, larger than MAX_NODES, or
 * with a $ref outside the document (a file or a URL: mxsecure reads one local file and nothing else).
 */
export function checkBounds(doc: unknown, file: string): void {
  const external: string[] = [];
  let nodes = 0;
  const stack: { value: unknown; path: string[] }[] = [{ value: doc, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (++nodes > MAX_NODES) throw new UserError(`${file}: the document holds more than ${MAX_NODES.toLocaleString("en")} values; mxsecure reads documents up to that size.`);
    if (typeof value !== "object" || value === null) continue;
    if (path.length > MAX_DEPTH) throw new UserError(`${file}: nested deeper than ${MAX_DEPTH} levels at ${pointer(path.slice(0, 12))}/...; not a document mxsecure reads.`);
    const ref = (value as Record<string, unknown>).$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) external.push(`${pointer([...path, "$ref"])} (${ref.slice(0, 120)})`);
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
  }
  if (external.length) {
    const shown = external.slice(0, 5).map((e) => `  - ${e}`).join("\n");
    throw new UserError(
      `${file}: ${external.length} $ref${external.length === 1 ? " points" : "s point"} outside the document; mxsecure follows no external reference (file or URL):\n${shown}${external.length > 5 ? `\n  - ... ${external.length - 5} more` : ""}\n` +
        "Bundle the document into one file first (e.g. npx @redocly/cli bundle), then pass that file to --openapi.",
    );
  }
}
