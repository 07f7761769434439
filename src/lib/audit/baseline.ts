// `audit --baseline FILE|GIT_REF`: what a change to the spec does to security, for a reviewer.
// Both specs are planned and compared as the plan grants access (so an access override, a new
// attribute on an editable entity or a role turned writable all show as the rights they give),
// plus what the plan does not show as rights: ownership, sensitivity, reach, scopes, endpoints,
// suppressions. Every widening is a SecurityWidened error unless the spec accepts it by the change's
// fingerprint with a reason (accepted: [{ change, reason }]); narrowing is a SecurityNarrowed note.
import { execFileSync } from "node:child_process";
import { lstatSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fingerprint } from "../checks/fingerprint.js";
import { accessRulePlace, attributePlace, AUTH_PLACE, entityPlace, rolePlace } from "../checks/places.js";
import { SECURITY_NARROWED, SECURITY_WIDENED, SUPPRESSION_UNUSED } from "../checks/registry.js";
import type { Finding } from "../checks/types.js";
import { buildPlan } from "../plan/build.js";
import type { MemberRights, Plan, PlanAccessRule } from "../plan/types.js";
import { MAX_ANSWERS_BYTES, parseAnswers, readAnswersFile, type LoadedAnswers } from "../spec/load.js";
import { formatPath, UserError } from "../spec/problems.js";
import type { Spec } from "../spec/schema.js";
import { validateSpec } from "../spec/validate.js";
import { gitArgs } from "./git.js";

export interface BaselineResult {
  /** Widenings in force (errors), narrowings (notes), stale acceptances (warnings). */
  findings: Finding[];
  /** Widenings the spec accepts, with the reason it records. */
  accepted: (Finding & { reason: string })[];
}

/** The security changes of `spec` (the audited file's, once valid) against `baseline`. */
export function baselineChanges(file: string, baseline: string, spec: Spec | undefined): BaselineResult {
  if (!spec) return { findings: [], accepted: [] }; // SpecValid reports why; nothing to compare
  const loaded = readBaseline(file, baseline);
  if (loaded === undefined) {
    return {
      findings: [{
        rule: SECURITY_WIDENED.name, severity: "warning", path: "",
        message: `${basename(file)} does not exist at ${baseline}: the whole spec is new, so every role and right in it is a change to review`,
        fix: "review the whole spec; the next pull request is compared with this one",
      }],
      accepted: [],
    };
  }
  const old = validateSpec(loaded.data);
  if (!old.ok) {
    throw new UserError(`the baseline ${basename(file)} at ${baseline} is not a valid spec (${old.problems[0]?.path}: ${old.problems[0]?.message}); pick a baseline that passed the audit.`);
  }
  const changes = compareSpecs(old.spec, spec);
  return acceptChanges(changes, spec);
}

/**
 * A file when the name ends in .yaml, .yml or .json and one exists there; otherwise the audited file
 * at that Git revision. A pull request can add files: were any existing file taken first, one named
 * "origin/main" beside the spec (CI's working directory) would become the baseline, so a revision
 * name is never read as a file, and a name that is both a file and a revision is refused.
 */
function readBaseline(file: string, baseline: string): LoadedAnswers | undefined {
  const cwd = dirname(resolve(file));
  if (BASELINE_FILE.test(baseline)) {
    const stat = lstatSync(baseline, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      if (isRevision(cwd, baseline)) {
        throw new UserError(`--baseline ${JSON.stringify(baseline)} names both a file and a Git revision; name the file with a path (./${baseline}) or the revision in full (refs/...).`);
      }
      return readAnswersFile(baseline);
    }
  }
  // Never an option to git (a ref such as --output=...), never a path with a revision range.
  if (!/^[A-Za-z0-9][A-Za-z0-9._\/@{}~^-]*$/.test(baseline) || baseline.includes("..")) {
    throw new UserError(`--baseline ${JSON.stringify(baseline)} is neither a file nor a Git revision such as origin/main or HEAD~1 (a baseline file ends in .yaml, .yml or .json).`);
  }
  let text: string;
  try {
    text = execFileSync("git", gitArgs("show", `${baseline}:./${basename(file)}`), {
      cwd, encoding: "utf8", maxBuffer: MAX_ANSWERS_BYTES, stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return undefined;
    // git's own line ends with a full stop; ours adds one ("invalid object name 'x'..").
    const why = (stderr.split("\n")[0]?.replace(/^fatal: /, "") || (error as Error).message).replace(/\.+$/, "");
    throw new UserError(`cannot read the baseline ${basename(file)} at ${baseline} with git show: ${why}. Name a file, or a revision of this repository (in CI, fetch it first: actions/checkout with fetch-depth: 0).`);
  }
  return parseAnswers(text, `${basename(file)} at ${baseline}`);
}

/** A baseline file is named as answers files are; any other name is a Git revision. */
const BASELINE_FILE = /\.(ya?ml|json)$/i;

/** True when git in `cwd` resolves `name` to a commit (never an option or a path: a name that starts with "-", "." or "/" is none). */
function isRevision(cwd: string, name: string): boolean {
  if (!/^[A-Za-z0-9]/.test(name)) return false;
  try {
    execFileSync("git", gitArgs("rev-parse", "--verify", "--quiet", `${name}^{commit}`), { cwd, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Change {
  widens: boolean;
  path: string;
  message: string;
}

const RANK: Record<MemberRights, number> = { None: 0, ReadOnly: 1, ReadWrite: 2 };

/** Every security change from `old` to `now`, widening or narrowing. Pure. */
export function compareSpecs(old: Spec, now: Spec): Change[] {
  const was = buildPlan(old);
  const is = buildPlan(now);
  const changes: Change[] = [];
  const add = (widens: boolean, path: string, message: string) => changes.push({ widens, path, message });

  // Roles: new, gone, kind, read-only, reach.
  const oldRoles = new Map(was.roles.map((r) => [r.name, r]));
  for (const role of is.roles) {
    const before = oldRoles.get(role.name);
    const at = rolePlace(now, role.name);
    if (!before) add(true, at, `new ${role.kind} role ${role.name}${role.readOnly ? " (read-only)" : ""}${role.reach === "all" ? " with reach: all" : ""}`);
    else {
      if (before.kind !== role.kind) add(true, at, `role ${role.name} changed kind from ${before.kind} to ${role.kind}`);
      if (before.readOnly !== role.readOnly) add(before.readOnly, at, `role ${role.name} ${role.readOnly ? "became read-only" : "is no longer read-only"}`);
      if (before.reach !== role.reach) add(role.reach === "all", at, `role ${role.name} reach changed from ${before.reach} to ${role.reach}`);
    }
  }
  for (const role of was.roles) if (!is.roles.some((r) => r.name === role.name)) add(false, "roles", `role ${role.name} removed`);

  // Entities: ownership, sensitivity, access rules member by member.
  const oldEntities = new Map(was.entities.map((e) => [e.name, e]));
  for (const entity of is.entities) {
    const before = oldEntities.get(entity.name);
    const at = entityPlace(now, entity.name);
    if (before && before.ownership !== entity.ownership) {
      add(entity.ownership === "shared", at, `${entity.name} ownership changed from ${before.ownership} to ${entity.ownership}`);
    }
    for (const attribute of entity.attributes) {
      const was = before?.attributes.find((a) => a.name === attribute.name);
      if (was && was.sensitive !== attribute.sensitive) {
        add(!attribute.sensitive, attributePlace(now, entity.name, attribute.name),
          `${entity.name}.${attribute.name} ${attribute.sensitive ? "is now sensitive" : "is no longer sensitive"}`);
      }
    }
    const oldRules = new Map((before?.accessRules ?? []).map((r) => [r.role, r]));
    for (const rule of entity.accessRules) compareRule(entity.name, oldRules.get(rule.role), rule, accessRulePlace(now, entity.name, rule), add);
    for (const rule of before?.accessRules ?? []) {
      if (!entity.accessRules.some((r) => r.role === rule.role)) add(false, at, `${rule.role} lost its access rule on ${entity.name}`);
    }
  }
  for (const entity of was.entities) if (!is.entities.some((e) => e.name === entity.name)) add(false, "entities", `entity ${entity.name} removed`);

  // Microflows and nanoflows: who may run them.
  const flows = (plan: Plan) => new Map([...plan.microflows, ...plan.nanoflows].map((f) => [f.name, f.allowedRoles]));
  const oldFlows = flows(was);
  const newFlows = flows(is);
  const runs = new Map<string, { gained: string[]; lost: string[] }>();
  const of = (role: string) => runs.get(role) ?? runs.set(role, { gained: [], lost: [] }).get(role)!;
  for (const [name, roles] of newFlows) for (const role of roles) if (!(oldFlows.get(name) ?? []).includes(role)) of(role).gained.push(name);
  for (const [name, roles] of oldFlows) for (const role of roles) if (!(newFlows.get(name) ?? []).includes(role)) of(role).lost.push(name);
  for (const [role, { gained, lost }] of runs) {
    if (gained.length) add(true, AUTH_PLACE, `${role} may now run ${gained.join(", ")}`);
    if (lost.length) add(false, AUTH_PLACE, `${role} may no longer run ${lost.join(", ")}`);
  }

  compareAuth(old, now, add);
  compareSuppressions(old, now, add);
  return changes;
}

type Add = (widens: boolean, path: string, message: string) => void;

/** One widening and one narrowing finding per role and entity, each listing what changed. */
function compareRule(entity: string, before: PlanAccessRule | undefined, rule: PlanAccessRule, at: string, add: Add): void {
  const wider: string[] = [];
  const narrower: string[] = [];
  const grants = rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.rights !== "None");
  if (!before) {
    if (grants) wider.push(`a new access rule${rule.xpath ? ` constrained by ${rule.xpath}` : " without an XPath constraint"}`);
  } else if (before.xpath && before.xpath !== rule.xpath) {
    wider.push(rule.xpath ? `XPath constraint changed from ${before.xpath} to ${rule.xpath}` : `owner filter (XPath constraint) removed: ${before.xpath}`);
  } else if (!before.xpath && rule.xpath) narrower.push(`now constrained by ${rule.xpath}`);
  for (const [name, word] of [["allowCreate", "create"], ["allowDelete", "delete"]] as const) {
    const was = before?.[name] ?? false;
    if (was !== rule[name]) (rule[name] ? wider : narrower).push(`${rule[name] ? "may now" : "may no longer"} ${word} objects`);
  }
  const oldMembers = new Map((before?.members ?? []).map((m) => [m.member, m.rights]));
  for (const member of rule.members) {
    const was = oldMembers.get(member.member) ?? "None";
    if (was !== member.rights) (RANK[member.rights] > RANK[was] ? wider : narrower).push(`${member.member} ${was} to ${member.rights}`);
  }
  if (wider.length) add(true, at, `${rule.role}'s access to ${entity} widened: ${wider.join("; ")}`);
  if (narrower.length) add(false, at, `${rule.role}'s access to ${entity} narrowed: ${narrower.join("; ")}`);
}

function compareAuth(old: Spec, now: Spec, add: Add): void {
  const a = old.auth as Record<string, unknown>;
  const b = now.auth as Record<string, unknown>;
  if (a.scheme !== b.scheme) add(true, "auth.scheme", `the auth scheme changed from ${String(a.scheme)} to ${String(b.scheme)}`);
  if (a.secretStorage !== b.secretStorage) add(true, "auth.secretStorage", `secretStorage changed from ${String(a.secretStorage)} to ${String(b.secretStorage)}`);
  const endpoints: [string, unknown, unknown][] = [
    ["service.baseUrl", old.service.baseUrl, now.service.baseUrl],
    ["auth.tokenUrl", a.tokenUrl, b.tokenUrl],
    ["auth.authorizationUrl", a.authorizationUrl, b.authorizationUrl],
    // Disconnect sends the refresh token and the client's credentials there.
    ["auth.revocationUrl", a.revocationUrl, b.revocationUrl],
    ["auth.redirectPath", a.redirectPath, b.redirectPath],
    ["auth.headerName", a.headerName, b.headerName],
  ];
  for (const [path, before, after] of endpoints) {
    if (before !== after && after !== undefined) add(true, path, `${path} changed from ${String(before ?? "(none)")} to ${String(after)}`);
  }
  if (!old.service.allowHttpLocalhost && now.service.allowHttpLocalhost) add(true, "service.allowHttpLocalhost", "plain HTTP to localhost is now allowed");
  for (const key of ["scopes", "readOnlyScopes"] as const) {
    const before = Array.isArray(a[key]) ? (a[key] as string[]) : [];
    const after = Array.isArray(b[key]) ? (b[key] as string[]) : [];
    for (const scope of after) if (!before.includes(scope)) add(true, `auth.${key}`, `scope ${scope} added to auth.${key}`);
    for (const scope of before) if (!after.includes(scope)) add(false, `auth.${key}`, `scope ${scope} removed from auth.${key}`);
  }
}

function compareSuppressions(old: Spec, now: Spec, add: Add): void {
  const key = (s: Spec["suppressions"][number]) => `${s.rule}\u0000${s.path}\u0000${s.fingerprint ?? ""}`;
  const before = new Set(old.suppressions.map(key));
  now.suppressions.forEach((s, index) => {
    if (before.has(key(s))) return;
    const same = old.suppressions.some((o) => o.rule === s.rule && o.path === s.path);
    add(true, formatPath(["suppressions", index]), same
      ? `the suppression of ${s.rule} at ${s.path} now accepts a different finding (fingerprint ${s.fingerprint ?? "none"})`
      : `new suppression of ${s.rule} at ${s.path}`);
  });
  const after = new Set(now.suppressions.map(key));
  for (const s of old.suppressions) if (!after.has(key(s))) add(false, "suppressions", `the suppression of ${s.rule} at ${s.path} was removed`);
}

/** Widenings become errors unless accepted; each acceptance that matches nothing is a warning. */
function acceptChanges(changes: Change[], spec: Spec): BaselineResult {
  const accepted = spec.accepted ?? [];
  const used = new Set<number>();
  const result: BaselineResult = { findings: [], accepted: [] };
  for (const change of changes) {
    const info = change.widens ? SECURITY_WIDENED : SECURITY_NARROWED;
    const finding: Finding = {
      rule: info.name, severity: info.severity, path: change.path, message: change.message,
      fix: change.widens
        ? `review the change; to accept it, add to the spec: accepted: [{ change: ${fingerprint({ rule: info.name, path: change.path, message: change.message })}, reason: "why" }]`
        : "nothing to fix: access is narrower than in the baseline",
    };
    const index = change.widens ? accepted.findIndex((a) => a.change === fingerprint(finding)) : -1;
    if (index < 0) result.findings.push(finding);
    else {
      used.add(index);
      result.accepted.push({ ...finding, reason: accepted[index]!.reason });
    }
  }
  accepted.forEach((entry, index) => {
    if (used.has(index)) return;
    result.findings.push({
      rule: SUPPRESSION_UNUSED.name, severity: "warning", path: formatPath(["accepted", index]),
      message: `accepted change ${entry.change} matches no change against the baseline`,
      fix: "remove it once the baseline includes the change, or copy the fingerprint exactly from the audit output",
    });
  });
  return result;
}
