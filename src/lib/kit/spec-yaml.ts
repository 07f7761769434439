// mxsecure.yaml: the resolved spec, in the answers-file format. Fed back in, it reproduces the kit.
import { Document, isScalar, visit } from "yaml";
import type { Spec } from "../spec/schema.js";
import { SCHEMA_URL, schemaModeline } from "../spec/schema-url.js";
import type { KitFile } from "./types.js";

export const SPEC_FILE = "mxsecure.yaml";

const header = (schema: string) => [
  schemaModeline(schema),
  "# The resolved spec of this kit, written by generator-mxsecure (defaults filled in).",
  "# Edit it, then regenerate the kit from this folder:  npx generator-mxsecure --answers mxsecure.yaml",
  "# and check it:  npx generator-mxsecure audit mxsecure.yaml",
  "",
].join("\n");

/**
 * Characters that act instead of showing in an editor, a diff or a terminal: controls, bidi
 * overrides and isolates, zero-width characters, line and paragraph separators, the BOM.
 * The same set as audit/inert.ts neutralises in printed messages.
 */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/u;
const ACTIVE_ALL = new RegExp(ACTIVE.source, "gu");

/** `schema`: where the modeline points (schemaReference for the kit's folder; the URL by default). */
export function renderSpecYaml(spec: Spec, schema = SCHEMA_URL): KitFile {
  return { path: SPEC_FILE, contents: header(schema) + (plainSpecYaml(spec) ?? specYamlText(new Document(spec, { aliasDuplicateObjects: false }))) };
}

/**
 * A spec document as text, with every such character written as a \u escape: a string holding
 * one is written double-quoted (the only YAML style with escapes), so it reads back the same.
 */
export function specYamlText(doc: Document): string {
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && ACTIVE.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  // lineWidth 0: no folding, so a value reads back exactly as written. What is left raw after
  // that is inside double quotes (where \uXXXX is an escape) or in a comment (where it is text).
  const text = doc.toString({ lineWidth: 0 });
  return text.replace(ACTIVE_ALL, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}

/**
 * The same text as specYamlText(new Document(spec)) for a spec made only of what the yaml library
 * writes in one obvious way (maps with plain keys, sequences of maps or scalars, safe integers,
 * booleans, one-line strings that need no escape); undefined for anything else, which then goes
 * through the library. It exists for speed: the library's document model costs about half a
 * second for 1,000 entities. test/spec-yaml.test.ts holds it to the library's bytes.
 */
export function plainSpecYaml(spec: unknown): string | undefined {
  if (!isPlainMap(spec) || Object.keys(spec).length === 0) return undefined;
  const lines: string[] = [];
  const tagTests = new Document().schema.tags.filter((tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test).map((tag) => tag.test!);
  return writeMap(spec, "", "", lines, tagTests) ? `${lines.join("\n")}\n` : undefined;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Writes a block map; `first` is the prefix of its first line ("- " in a sequence). */
function writeMap(map: Record<string, unknown>, indent: string, first: string, lines: string[], tagTests: RegExp[]): boolean {
  let prefix = first || indent;
  let written = false;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue; // the library leaves out undefined values too
    if (!oneLine(key) || !isPlain(key, tagTests) || key.length > 1024) return false;
    const head = `${prefix}${key}:`;
    prefix = indent;
    written = true;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${head} []`);
      else if (!(lines.push(head), writeSeq(value, `${indent}  `, lines, tagTests))) return false;
    } else if (isPlainMap(value)) {
      if (Object.keys(value).length === 0) lines.push(`${head} {}`);
      else if (!(lines.push(head), writeMap(value, `${indent}  `, "", lines, tagTests))) return false;
    } else {
      const text = scalar(value, tagTests);
      if (text === undefined) return false;
      lines.push(`${head} ${text}`);
    }
  }
  // A map whose values were all undefined is written by the library as {}: leave that to it.
  return written;
}

function writeSeq(items: unknown[], indent: string, lines: string[], tagTests: RegExp[]): boolean {
  for (const item of items) {
    if (isPlainMap(item)) {
      if (Object.keys(item).length === 0) lines.push(`${indent}- {}`);
      else if (!writeMap(item, `${indent}  `, `${indent}- `, lines, tagTests)) return false;
    } else {
      const text = Array.isArray(item) ? undefined : scalar(item, tagTests);
      if (text === undefined) return false;
      lines.push(`${indent}- ${text}`);
    }
  }
  return true;
}

function scalar(value: unknown, tagTests: RegExp[]): string | undefined {
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value !== "string" || !oneLine(value)) return undefined;
  return isPlain(value, tagTests) ? value : doubleQuoted(value);
}

/**
 * A string the library writes on one line with no escape: no line break, nothing it escapes or
 * that specYamlText escapes, and no document marker (which the library may write as a block).
 */
function oneLine(value: string): boolean {
  if (/^(%|---|\.\.\.)/m.test(value)) return false;
  // Printable ASCII (most names and texts) holds none of the rest: skip the Unicode scans.
  return /^[\x20-\x7e]*$/.test(value) || (!/[\n\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(value) && !ACTIVE.test(value));
}

/** Whether the library writes a one-line string plain (stringifyString.js, plainString, lineWidth 0). */
function isPlain(value: string, tagTests: RegExp[]): boolean {
  return !/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value) && !tagTests.some((test) => test.test(value));
}

/**
 * A one-line string the library quotes, as it quotes it: double quotes (quotedString picks single
 * quotes only for a value with a " and no '), undefined when JSON.stringify escapes anything.
 */
function doubleQuoted(value: string): string | undefined {
  const json = JSON.stringify(value);
  return json.includes("\\") ? undefined : json;
}
