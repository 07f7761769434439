// Where an editor finds the answers file's JSON Schema, written into every kit's mxsecure.yaml.
// When the kit lives in a project that has this package as a dependency, a relative path into its
// node_modules works offline (schemaReference). Otherwise the schema is named by
// a versioned URL into the published package (jsDelivr serves any file of any npm package version
// as https://cdn.jsdelivr.net/npm/package@version/file, per jsDelivr's README). The version
// pins the schema to the generator that wrote the kit. The package's `files` ship schema/.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/** The schema's path inside the package (and in this repository). */
export const SCHEMA_PATH = "schema/mxsecure.schema.json";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const SCHEMA_URL = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/${SCHEMA_PATH}`;

/** The first line of a kit's mxsecure.yaml: the yaml-language-server modeline (VS Code's YAML extension, and others). */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=${SCHEMA_URL}`;

/** The modeline for a schema reference (a URL or a relative path). */
export function schemaModeline(reference: string): string {
  return `# yaml-language-server: $schema=${reference}`;
}

/**
 * The schema a kit at `kitDir` should point at: a relative path to node_modules/<package>/schema
 * in the nearest folder above the kit whose package.json lists this package as a dependency (and
 * has it installed), so editors find it offline; otherwise SCHEMA_URL. The walk starts above the
 * kit: nothing inside the kit folder (a trust boundary) decides where it points, and it only
 * reads package.json files of at most 1 MB.
 */
export function schemaReference(kitDir: string): string {
  for (let dir = dirname(kitDir); ; dir = dirname(dir)) {
    const schema = join(dir, "node_modules", pkg.name, SCHEMA_PATH);
    if (existsSync(schema) && listsPackage(join(dir, "package.json"))) {
      const path = relative(kitDir, schema).split(sep).join("/");
      return path.startsWith(".") ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return SCHEMA_URL;
  }
}

function listsPackage(file: string): boolean {
  try {
    if (!statSync(file).isFile() || statSync(file).size > 1024 * 1024) return false;
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return ["dependencies", "devDependencies", "optionalDependencies"].some((field) => {
      const deps = manifest[field];
      return typeof deps === "object" && deps !== null && pkg.name in deps;
    });
  } catch {
    return false;
  }
}
