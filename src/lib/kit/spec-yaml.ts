// mxsecure.yaml: the resolved spec, in the answers-file format. Fed back in, it reproduces the kit.
import { Document, isScalar, visit } from "yaml";
import type { Spec } from "../spec/schema.js";
import { SCHEMA_MODELINE } from "../spec/schema-url.js";
import type { KitFile } from "./types.js";

export const SPEC_FILE = "mxsecure.yaml";

const HEADER = [
  SCHEMA_MODELINE,
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

export function renderSpecYaml(spec: Spec): KitFile {
  return { path: SPEC_FILE, contents: HEADER + specYamlText(new Document(spec, { aliasDuplicateObjects: false })) };
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
