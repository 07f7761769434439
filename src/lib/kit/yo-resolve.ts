// Yeoman's .yo-resolve: lines "<glob> <action>" (skip | force | ...) that decide what happens to a
// file that already exists. Only the kit's own .yo-resolve is read: it came with the kit, so it is
// read like every kit file (regular, never through a link, never blocking, bounded), and folders
// above the kit are never read (Yeoman reads every ancestor's; a link or a FIFO there hung runs).
// Globs are a small subset (*, **, ?), matched in time proportional to pattern × path length:
// no regular expression, so no pattern can make the match backtrack.
import { lstatSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import { linkError } from "./links.js";

export type ResolveAction = "skip" | "force" | "ask";

/** What a .yo-resolve may hold: a kit has a few dozen files, so a few lines at most. */
export const YO_RESOLVE_LIMITS = { bytes: 64 * 1024, rules: 500, globLength: 200 };

type Token = { kind: "star" | "globstar" | "one" } | { kind: "char"; char: string };
interface Rule {
  glob: string;
  tokens: Token[];
  hasSlash: boolean;
  action: ResolveAction;
}
export interface YoResolve {
  base: string;
  rules: Rule[];
}

export function readYoResolve(kitDir: string): YoResolve {
  const file = join(kitDir, ".yo-resolve");
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return { base: kitDir, rules: [] };
  if (stat.isSymbolicLink()) throw linkError(kitDir, ".yo-resolve");
  const text = readTextFile(file, YO_RESOLVE_LIMITS.bytes, "a kit's .yo-resolve", "kit");
  const rules: Rule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const [glob, action = "skip"] = line.trim().split(/\s+/);
    if (!glob || glob.startsWith("#")) return;
    if (glob.length > YO_RESOLVE_LIMITS.globLength) {
      throw new UserError(`${file}:${index + 1}: a pattern of ${glob.length} characters; .yo-resolve patterns may be at most ${YO_RESOLVE_LIMITS.globLength}. Shorten it, then run again.`);
    }
    if (rules.length === YO_RESOLVE_LIMITS.rules) {
      throw new UserError(`${file} has more than ${YO_RESOLVE_LIMITS.rules} rules; a kit has a few dozen files. Keep one line per file or folder, then run again.`);
    }
    const normal: ResolveAction = action === "force" ? "force" : action === "skip" || action === "ignore" ? "skip" : "ask";
    rules.push({ glob, tokens: tokenize(glob), hasSlash: glob.includes("/"), action: normal });
  });
  return { base: kitDir, rules };
}

/** The action for an absolute file path, or undefined when no line matches. */
export function resolveAction(resolve: YoResolve, file: string): ResolveAction | undefined {
  const rel = relative(resolve.base, file).split(sep).join("/");
  const name = rel.split("/").pop()!;
  for (const rule of resolve.rules) {
    if (matches(rule.tokens, rel) || (!rule.hasSlash && matches(rule.tokens, name))) return rule.action;
  }
  return undefined;
}

/** `**` (and a following `/`) matches anything, `*` anything but `/`, `?` one character but `/`. */
function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      i++;
      if (glob[i + 1] === "/") i++;
      // Consecutive stars mean the same as one: keep the pattern short.
      if (tokens.at(-1)?.kind !== "globstar") tokens.push({ kind: "globstar" });
    } else if (ch === "*") {
      if (tokens.at(-1)?.kind !== "star" && tokens.at(-1)?.kind !== "globstar") tokens.push({ kind: "star" });
    } else if (ch === "?") tokens.push({ kind: "one" });
    else tokens.push({ kind: "char", char: ch });
  }
  return tokens;
}

/** Whether `tokens` match all of `text`: one pass over the text, a set of pattern positions at each step. */
export function matches(tokens: readonly Token[], text: string): boolean {
  let reached = new Uint8Array(tokens.length + 1);
  reached[0] = 1;
  skipStars(tokens, reached);
  for (const ch of text) {
    const next = new Uint8Array(tokens.length + 1);
    let any = false;
    for (let j = 0; j < tokens.length; j++) {
      if (!reached[j]) continue;
      const token = tokens[j]!;
      if (token.kind === "globstar" || (token.kind === "star" && ch !== "/")) next[j] = 1;
      else if ((token.kind === "one" && ch !== "/") || (token.kind === "char" && token.char === ch)) next[j + 1] = 1;
      else continue;
      any = true;
    }
    if (!any) return false;
    skipStars(tokens, next);
    reached = next;
  }
  return reached[tokens.length] === 1;
}

/** A star may match nothing: where it is reached, so is the token after it. */
function skipStars(tokens: readonly Token[], reached: Uint8Array): void {
  for (let j = 0; j < tokens.length; j++) {
    const kind = tokens[j]!.kind;
    if (reached[j] && (kind === "star" || kind === "globstar")) reached[j + 1] = 1;
  }
}
