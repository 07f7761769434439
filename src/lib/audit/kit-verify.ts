// The audit verifies a kit by what its spec renders, never by its manifest. Kits change through
// pull requests, and .yo-rc.json travels with them: a hash recomputed there, an entry deleted, or
// "spec" pointed at another file proves nothing. So every file mxsecure generates is rendered from
// the audited spec in memory and compared byte for byte with the file on disk; under model/ and
// javasource/ (what is applied to an app) a file that differs, is missing, or was not generated at
// all is an error, even when .yo-resolve keeps it. The manifest is read only to word a message
// (was the spec itself changed after generation?).
// The renderers (ejs, templates, both appliers) load only when a kit folder is audited: a plain
// answers file audits as fast as before.
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync } from "node:fs";
import { MAX_KIT_FILE_BYTES } from "../kit/disk.js";
import { readBytes } from "../spec/load.js";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { KIT_IN_STEP } from "../checks/registry.js";
import { gitArgs } from "./git.js";
import type { Finding, Severity } from "../checks/types.js";
import { assertNoLinks } from "../kit/links.js";
import { findKit, type KitMarker } from "../kit/location.js";
import { hashContents } from "../kit/manifest.js";
import { GENERATOR_KEY, YO_RC } from "../kit/marker.js";
import { readYoResolve, resolveAction } from "../kit/yo-resolve.js";
import { UserError } from "../spec/problems.js";
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";

/** The folders a kit applies to an app: everything in them must be what the spec renders. */
export const APPLIED_DIRS = ["model", "javasource"] as const;
/** What model/.gitignore (rendered by the kit) keeps out of Git: npm's install and the exported package. */
const IGNORED_IN_MODEL = (rel: string) => rel === "model/node_modules" || (rel.startsWith("model/") && rel.endsWith(".mpk"));
/** Lines of a generated file that grant or limit access: roles, entity access, microflow access, XPath. */
const SECURITY_LINE = /\b(grant|revoke|module role|rights|allowCreate|allowDelete|allowedRoles|defaultMemberAccessRights|xpath|CurrentUser|access|roles?)\b/i;
const SHOWN_LINES = 8;

/**
 * A folder is audited as a kit when its .yo-rc.json names mxsecure (or cannot be read: that is
 * reported), or when it holds what a kit applies: a model/ folder with an MDL script or the SDK
 * script's apply.ts. Deleting .yo-rc.json does not take a kit out of the audit. The kit's own spec
 * (mxsecure.yaml, the file CI audits) beside a model/ folder is a kit whatever that folder holds:
 * deleting apply.ts and renaming the scripts (mxcli runs model/X.txt as well) in the same pull
 * request must not turn the verification off.
 */
export function looksLikeKit(dir: string, specFile?: string): boolean {
  try {
    if (findKit(dir) !== undefined) return true;
  } catch {
    return true;
  }
  // model/ only: a Mendix app's own folder has javasource/ (a drafted mxsecure.yaml may sit there), never model/.
  if (specFile !== undefined && basename(specFile) === "mxsecure.yaml" && lstatSync(join(dir, "model"), { throwIfNoEntry: false })) return true;
  const model = join(dir, "model");
  const stat = lstatSync(model, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) return true;
  return stat?.isDirectory() === true && readdirSync(model).some((name) => name.toLowerCase().endsWith(".mdl") || name === "apply.ts");
}

/**
 * KitInStep findings for the kit in `kitDir` (default: the spec's folder, when it looks like a kit).
 * `spec` is the audited spec once valid; an invalid one is reported by SpecValid and renders nothing.
 */
export async function verifyKit(specFile: string, spec: Spec | undefined, kitDir?: string, plan?: Plan): Promise<Finding[]> {
  const specAbs = resolve(specFile);
  const dir = resolve(kitDir ?? dirname(specAbs));
  if (kitDir === undefined && !looksLikeKit(dir, specAbs)) return [];
  const findings: Finding[] = [];
  const marker = readMarker(dir, findings);
  if (marker && resolve(marker.specFile) !== specAbs) {
    findings.push(finding("error", YO_RC,
      `${YO_RC} names ${shown(dir, marker.specFile)} as the kit's spec, but the audited spec is ${shown(dir, specAbs)}: a regeneration would build the kit from the other file`,
      `set "spec" under "${GENERATOR_KEY}" in ${YO_RC} to the audited spec, or audit the file it names`));
  }
  if (marker && spec && marker.module !== spec.module) {
    findings.push(finding("error", YO_RC, `${YO_RC} names the module ${marker.module}, but the spec describes ${spec.module}`,
      `set "module": "${spec.module}" in ${YO_RC}, or audit the kit's own spec`));
  }
  if (!spec) return findings;

  const { renderKit } = await import("../kit/render.js");
  const { buildPlan } = plan ? { buildPlan: () => plan } : await import("../plan/build.js");
  const specRel = relative(dir, specAbs).split(sep).join("/");
  const expected = new Map(
    renderKit(spec, buildPlan(spec))
      .filter((f) => f.path !== YO_RC && f.path !== "mxsecure.yaml" && f.path !== specRel)
      .map((f) => [f.path, f.contents]),
  );
  let resolveRules: ReturnType<typeof readYoResolve> = { base: dir, rules: [] };
  try {
    resolveRules = readYoResolve(dir);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    findings.push(finding("error", ".yo-resolve", error.message, "replace the link with a plain .yo-resolve file"));
  }
  const specUnchanged = marker !== undefined && specHashMatches(marker, specAbs, specRel);

  for (const [path, contents] of expected) {
    const applied = isApplied(path);
    const severity: Severity = applied ? "error" : "warning";
    const kept = resolveAction(resolveRules, join(dir, path)) === "skip";
    const actual = readKitFile(dir, path);
    if (actual === "link") {
      findings.push(finding("error", path, `${path} is a symbolic link, or lies under one; a kit never holds links`, `replace it with the file mxsecure generates (mxsecure --force in the kit folder)`));
    } else if (actual === "large") {
      findings.push(finding(severity, path, `${path} is larger than any file mxsecure generates, so it is not the generated file (not read)`, "regenerate the kit: run mxsecure in the kit folder"));
    } else if (actual === undefined) {
      findings.push(finding(severity, path, `${path} is missing: the spec generates it`, "regenerate the kit: run mxsecure in the kit folder"));
    } else if (!actual.equals(Buffer.from(contents, "utf8"))) {
      const changes = securityChanges(path, contents, actual.toString("utf8"));
      const what = changes.length
        ? `security-relevant lines differ (- what the spec generates, + what the file has): ${changes.join(" | ")}`
        : "no line that grants or limits access differs";
      // Kept with no line of access changed: the user's own wording of the same model. Kept with
      // such lines changed: an edit of access, or a spec that moved on since the file was kept.
      const head = kept
        ? changes.length === 0
          ? `${path} is kept as you edited it (.yo-resolve skip)`
          : `${path} is kept (.yo-resolve skip) and no longer matches the spec`
        : `${path} differs from what the spec generates`;
      findings.push(finding(
        applied || changes.length === 0 ? severity : "warning",
        path,
        `${head}; ${what}`,
        applied
          ? `regenerate ${path} from the spec (remove any .yo-resolve line for it, then mxsecure --force in the kit folder); change the spec, not the generated file`
          : `review ${path} against the spec, or regenerate it (mxsecure --force in the kit folder, after removing any .yo-resolve line for it)`,
      ));
    }
  }
  for (const path of trackedIgnored(dir)) {
    findings.push(finding("error", path, `${path} is committed to Git, yet it is what npm install or the SDK script writes (model/.gitignore keeps it out): a pull request could ship its own packages or module package this way`,
      `remove it from Git (git rm -r --cached ${path}); npm install and npm run apply make it on the machine that applies the kit`));
  }
  for (const path of unexpectedFiles(dir, expected)) {
    findings.push(finding("error", path, `${path} is not generated by the spec, yet it sits where the kit keeps what is applied to an app`,
      `delete ${path}; to change the module, change the spec and regenerate`));
  }
  if (marker && !specUnchanged && typeof marker.generated[specRel] === "string") {
    findings.push(finding("warning", specRel,
      `${specRel} changed after the kit was generated: SECURITY.md, README.md and the scripts still describe the previous spec`,
      "regenerate the kit: run mxsecure in the kit folder"));
  }
  return findings;
}

function readMarker(dir: string, findings: Finding[]): KitMarker | undefined {
  try {
    return findKit(dir);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    findings.push(finding("error", YO_RC, `the kit's ${YO_RC} cannot be used: ${error.message}`, "restore it from version control"));
    return undefined;
  }
}

function specHashMatches(marker: KitMarker, specAbs: string, specRel: string): boolean {
  const recorded = marker.generated[specRel];
  if (typeof recorded !== "string") return false;
  try {
    return hashContents(readBytes(specAbs, MAX_KIT_FILE_BYTES, "a spec", "kit").toString("utf8")) === recorded;
  } catch {
    return false;
  }
}

function isApplied(path: string): boolean {
  return APPLIED_DIRS.some((d) => path.startsWith(`${d}/`));
}

/**
 * The file's bytes; undefined when absent (or not a file); "link" when a link is on its way;
 * "large" when it is larger than any file the generator writes (never read: a 3 GB sparse file).
 * Read regular-only, non-blocking and bounded, as every kit read is (spec/load.ts readBytes).
 */
function readKitFile(dir: string, path: string): Buffer | "link" | "large" | undefined {
  try {
    assertNoLinks(dir, path);
  } catch {
    return "link";
  }
  const stat = lstatSync(join(dir, path), { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  if (stat.size > MAX_KIT_FILE_BYTES) return "large";
  return readBytes(join(dir, path), MAX_KIT_FILE_BYTES, "a kit file", "kit");
}

/**
 * What model/.gitignore keeps out (node_modules, *.mpk) but Git tracks anyway (git add -f): the
 * walk below skips those paths, as a local npm install fills them, so a pull request could plant a
 * package there that `npm install` keeps and `npm run apply` runs with the user's Mendix token.
 * Outside a Git work tree (or without git) nothing is tracked.
 */
function trackedIgnored(dir: string): string[] {
  let listed: string;
  try {
    listed = execFileSync("git", gitArgs("ls-files", "-z", "--", "model"), { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const rel of listed.split("\0").filter(Boolean)) {
    if (rel.startsWith("model/node_modules/")) found.add("model/node_modules");
    else if (IGNORED_IN_MODEL(rel)) found.add(rel);
  }
  return [...found].sort();
}

/** Every entry under model/ and javasource/ the spec does not generate; links are never followed. */
function unexpectedFiles(dir: string, expected: Map<string, string>): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    if (IGNORED_IN_MODEL(rel)) return;
    const stat = lstatSync(join(dir, rel), { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(join(dir, rel)).sort()) walk(`${rel}/${name}`);
    } else if (!stat.isFile() || !expected.has(rel)) {
      // A link or another non-file is reported too: the comparison above never reads through it.
      found.push(rel);
    }
  };
  for (const top of APPLIED_DIRS) {
    const stat = lstatSync(join(dir, top), { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) continue; // reported for each expected file under it
    if (stat) walk(top);
  }
  return found;
}

/**
 * The lines that grant or limit access, removed (-) from or added (+) to what the spec generates:
 * in scripts and code the lines that name grants, rights, roles or XPath; in SECURITY.md its tables
 * (the role × entity matrix, the access rules); the README describes no access.
 */
export function securityChanges(path: string, expected: string, actual: string): string[] {
  const relevant = path === "README.md" ? () => false : path.endsWith(".md") ? (l: string) => l.startsWith("|") && !/^\|[\s|:-]*$/.test(l) : (l: string) => SECURITY_LINE.test(l);
  const want = new Set(expected.split("\n"));
  const have = new Set(actual.split("\n"));
  const pick = (lines: Set<string>, other: Set<string>, sign: string) =>
    [...lines].filter((l) => !other.has(l) && relevant(l)).map((l) => `${sign} ${clip(l.trim())}`);
  const changes = [...pick(want, have, "-"), ...pick(have, want, "+")];
  return changes.length > SHOWN_LINES ? [...changes.slice(0, SHOWN_LINES), `… ${changes.length - SHOWN_LINES} more`] : changes;
}

function clip(line: string): string {
  return line.length > 240 ? `${line.slice(0, 237)}...` : line;
}

function shown(dir: string, file: string): string {
  const rel = relative(dir, file);
  return rel.startsWith("..") ? file : rel.split(sep).join("/");
}

function finding(severity: Severity, file: string, message: string, fix: string): Finding {
  return { rule: KIT_IN_STEP.name, severity, path: "", file, message, fix };
}
