// The audit runs in CI on every commit and must start fast: nothing on its import path may load
// Yeoman, inquirer, ejs or mem-fs (each costs 0.1-0.9 s to import). This walks the real import graph
// of src/lib/cli/audit.ts (type-only imports are erased by TypeScript and do not count). The renderers
// (ejs, the templates) load through a dynamic import only when a kit folder is audited (kit-verify.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ENTRY = "src/lib/cli/audit.ts";
const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;"']*?\bfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

function importGraph(entry: string): { files: string[]; packages: Set<string>; dynamic: string[] } {
  const files: string[] = [];
  const packages = new Set<string>();
  const dynamic: string[] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    for (const match of readFileSync(file, "utf8").matchAll(RUNTIME_IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (match[2] !== undefined) {
        dynamic.push(`${file} -> ${specifier}`);
        continue;
      }
      if (!specifier.startsWith(".")) {
        packages.add(specifier.startsWith("node:") ? "node:" : specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
        continue;
      }
      const target = join(dirname(file), specifier).replace(/\.js$/, ".ts");
      if (!existsSync(target)) throw new Error(`${file} imports ${specifier}, which does not resolve to ${target}`);
      queue.push(relative(".", target));
    }
  }
  return { files, packages, dynamic };
}

describe("the audit's import graph", () => {
  const graph = importGraph(ENTRY);

  it("reaches the rules, the spec reader and the plan builder", () => {
    expect(graph.files).toEqual(expect.arrayContaining([
      "src/lib/audit/audit.ts", "src/lib/checks/registry.ts", "src/lib/spec/load.ts", "src/lib/spec/validate.ts", "src/lib/plan/build.ts",
    ]));
  });

  it("loads only yaml, zod and Node built-ins", () => {
    expect([...graph.packages].sort()).toEqual(["node:", "yaml", "zod"]);
  });

  it("loads the renderers only when a kit folder is audited", () => {
    expect(graph.dynamic).toEqual(["src/lib/audit/kit-verify.ts -> ../kit/render.js", "src/lib/audit/kit-verify.ts -> ../plan/build.js"]);
  });
});
