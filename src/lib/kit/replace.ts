// A run with --answers over a kit that already exists: the kit's spec (with every entity and role
// added since, by `mxsecure entity` or by hand) would be replaced by the answers file's. That is
// never done silently: a terminal run asks, a script stops unless --force, and both say what
// would be lost.
import { relative } from "node:path";
import { MAX_ANSWERS_BYTES, parseAnswers, readTextFile } from "../spec/load.js";
import { UserError } from "../spec/problems.js";
import type { KitRun } from "./prepare.js";
import { SPEC_FILE } from "./spec-yaml.js";

export interface Replacement {
  /** The kit folder as the user would type it. */
  kit: string;
  lostEntities: string[];
  lostRoles: string[];
}

/** What replacing the kit's spec with the answers would lose; undefined when nothing is replaced. */
export function specReplacement(run: KitRun, cwd: string): Replacement | undefined {
  const spec = run.changes.find((c) => c.file.path === SPEC_FILE);
  if (!spec || !["update", "force", "conflict"].includes(spec.status)) return undefined;
  const kit = relative(cwd, run.kitDir) || ".";
  let old: unknown;
  try {
    old = parseAnswers(readTextFile(spec.absolute, MAX_ANSWERS_BYTES, "a kit's spec", "kit"), spec.absolute).data;
  } catch {
    // An unreadable spec loses nothing nameable; replacing it still needs a decision.
    return { kit, lostEntities: [], lostRoles: [] };
  }
  const names = (list: unknown) => (Array.isArray(list) ? list.map((item) => (item as { name?: unknown })?.name).filter((n): n is string => typeof n === "string") : []);
  const record = (old ?? {}) as Record<string, unknown>;
  const keptEntities = new Set(run.kit.spec.entities.map((e) => e.name));
  const keptRoles = new Set(run.kit.spec.roles.map((r) => r.name));
  return {
    kit,
    lostEntities: names(record.entities).filter((name) => !keptEntities.has(name)),
    lostRoles: names(record.roles).filter((name) => !keptRoles.has(name)),
  };
}

/** "the entity Invoice", "the roles Auditor, Support", or "" for none. */
function named(one: string, many: string, names: string[]): string {
  return names.length ? `the ${names.length === 1 ? one : many} ${names.join(", ")}` : "";
}

/** What would be lost, in one sentence. */
export function describeLoss(replacement: Replacement): string {
  const parts = [
    named("entity", "entities", replacement.lostEntities),
    named("role", "roles", replacement.lostRoles),
  ].filter(Boolean);
  return parts.length
    ? `${parts.join(" and ")} would disappear from the kit, with their access rules and microflows`
    : "no entity or role would disappear, but every other difference in its spec would be replaced by the answers";
}

export function replacementError(replacement: Replacement, answersFile: string): UserError {
  const where = replacement.kit === "." ? "This folder" : `${replacement.kit}/`;
  return new UserError(
    `${where} already holds this module's kit, and its ${SPEC_FILE} differs from ${answersFile}; nothing was written. ` +
      `Replacing it: ${describeLoss(replacement)}. ` +
      `To update the kit from its own spec, run mxsecure inside ${replacement.kit === "." ? "it" : `${replacement.kit}/`} (or add items with mxsecure entity / role); ` +
      "to replace it with the answers, run again with --force.",
  );
}
