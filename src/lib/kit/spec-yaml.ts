// mxsecure.yaml: the resolved spec, in the answers-file format. Fed back in, it reproduces the kit.
import { stringify } from "yaml";
import type { Spec } from "../spec/schema.js";
import type { KitFile } from "./types.js";

export const SPEC_FILE = "mxsecure.yaml";

const HEADER = [
  "# The resolved spec of this kit, written by generator-mxsecure (defaults filled in).",
  "# Edit it, then regenerate the kit from this folder:  npx mxsecure --answers mxsecure.yaml",
  "# and check it:  npx mxsecure audit mxsecure.yaml",
  "# Editors: the JSON Schema is node_modules/generator-mxsecure/schema/mxsecure.schema.json",
  "",
].join("\n");

export function renderSpecYaml(spec: Spec): KitFile {
  // lineWidth 0: no folding, so a value reads back exactly as written.
  return { path: SPEC_FILE, contents: HEADER + stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false }) };
}
