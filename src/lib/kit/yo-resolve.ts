// Yeoman's .yo-resolve: lines "<glob> <action>" (skip | force | ...) that decide what happens to a
// file that already exists. Read from the kit folder and its parents, nearest first.
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { linkError } from "./links.js";

export type ResolveAction = "skip" | "force" | "ask";
interface Rule {
  base: string;
  pattern: RegExp;
  action: ResolveAction;
}

export function readYoResolve(kitDir: string): Rule[] {
  const rules: Rule[] = [];
  for (let dir = kitDir; ; dir = dirname(dir)) {
    const file = join(dir, ".yo-resolve");
    // The kit's own .yo-resolve came with the kit: never read it through a link. (Folders above
    // the kit are the user's own, as in Yeoman.)
    if (dir === kitDir && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw linkError(kitDir, ".yo-resolve");
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
        const [glob, action = "skip"] = line.trim().split(/\s+/);
        if (!glob || glob.startsWith("#")) continue;
        const normal: ResolveAction = action === "force" ? "force" : action === "skip" || action === "ignore" ? "skip" : "ask";
        rules.push({ base: dir, pattern: globToRegExp(glob), action: normal });
      }
    }
    if (dir === dirname(dir)) break;
  }
  return rules;
}

/** The action for an absolute file path, or undefined when no line matches. */
export function resolveAction(rules: readonly Rule[], file: string): ResolveAction | undefined {
  for (const rule of rules) {
    const rel = relative(rule.base, file).split(sep).join("/");
    if (rule.pattern.test(rel) || (!rule.pattern.source.includes("/") && rule.pattern.test(rel.split("/").pop()!))) return rule.action;
  }
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}
