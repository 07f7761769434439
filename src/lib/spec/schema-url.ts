// Where an editor finds the answers file's JSON Schema, written into every kit's mxsecure.yaml.
// A kit folder has no node_modules, so a relative path would point nowhere: the schema is named by
// a versioned URL into the published package (jsDelivr serves any file of any npm package version
// as https://cdn.jsdelivr.net/npm/package@version/file, per jsDelivr's README). The version
// pins the schema to the generator that wrote the kit. The package's `files` ship schema/.
import { readFileSync } from "node:fs";

/** The schema's path inside the package (and in this repository). */
export const SCHEMA_PATH = "schema/mxsecure.schema.json";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const SCHEMA_URL = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/${SCHEMA_PATH}`;

/** The first line of a kit's mxsecure.yaml: the yaml-language-server modeline (VS Code's YAML extension, and others). */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=${SCHEMA_URL}`;
