// The kit's fixed Model SDK code (apply.ts, lib/*.ts), kept as real TypeScript under
// templates/sdk/model/ so it can be read, linted and typechecked as code. Read once, then cached.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { KitFile } from "../../kit/types.js";

const MARKER = join("templates", "sdk", "model", "apply.ts");

/** templates/sdk/model, found from lib/targets/sdk (sources) or dist/lib/targets/sdk (build). */
export function sdkTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, MARKER))) return join(dir, "templates", "sdk", "model");
    dir = dirname(dir);
  }
  throw new Error(`Cannot find ${MARKER} above ${fileURLToPath(import.meta.url)}.`);
}

let cached: KitFile[] | undefined;

/** Every file under templates/sdk/model, as KitFiles under model/, in a stable order. */
export function sdkAssets(): KitFile[] {
  if (!cached) {
    const root = sdkTemplateDir();
    cached = listFiles(root)
      .sort()
      .map((file) => ({ path: ["model", ...relative(root, file).split(sep)].join("/"), contents: readFileSync(file, "utf8") }));
  }
  return cached.map((file) => ({ ...file }));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
