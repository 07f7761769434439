// Every audit rule, by stable name. Order is the order findings are reported in.
import { configurationAndDataSeparated } from "./rules/configuration-and-data-separated.js";
import { constantNotExposed } from "./rules/constant-not-exposed.js";
import { httpsOnly } from "./rules/https-only.js";
import { moduleRolesAmount } from "./rules/module-roles-amount.js";
import { noDefaultReadWrite } from "./rules/no-default-read-write.js";
import { ownerConstraint } from "./rules/owner-constraint.js";
import { pkceRequired } from "./rules/pkce-required.js";
import { readOnlyRole } from "./rules/read-only-role.js";
import { reservedName } from "./rules/reserved-name.js";
import { roleDocumented } from "./rules/role-documented.js";
import { secretsEncrypted } from "./rules/secrets-encrypted.js";
import { systemMemberReadOnly } from "./rules/system-member-read-only.js";
import { xpathOnPersistableOnly } from "./rules/xpath-on-persistable-only.js";
import { microflowReferences } from "./rules/microflow-references.js";
import { moduleSecurityComplete } from "./rules/module-security-complete.js";
import { oauthCallback } from "./rules/oauth-callback.js";
import { readOnlyScopes } from "./rules/read-only-scopes.js";
import { reportingReach } from "./rules/reporting-reach.js";
import { secretFollowsEndpoint } from "./rules/secret-follows-endpoint.js";
import { secretKeptOnSave } from "./rules/secret-kept-on-save.js";
import { secretNotDisclosed } from "./rules/secret-not-disclosed.js";
import { serviceDataReadOnly } from "./rules/service-data-read-only.js";
import { secretNotOnPage } from "./rules/secret-not-on-page.js";
import { tokenFlowsHold } from "./rules/token-flows-hold.js";
import type { Rule, RuleInfo } from "./types.js";

/** The rules that read a valid spec's plan. */
export const RULES: readonly Rule[] = [
  configurationAndDataSeparated,
  roleDocumented,
  httpsOnly,
  secretsEncrypted,
  ownerConstraint,
  readOnlyRole,
  noDefaultReadWrite,
  systemMemberReadOnly,
  xpathOnPersistableOnly,
  moduleRolesAmount,
  pkceRequired,
  reservedName,
  constantNotExposed,
  moduleSecurityComplete,
  secretFollowsEndpoint,
  secretKeptOnSave,
  readOnlyScopes,
  oauthCallback,
  tokenFlowsHold,
  microflowReferences,
  serviceDataReadOnly,
  reportingReach,
  secretNotOnPage,
  secretNotDisclosed,
];

/** A spec that fails validation: no plan can be built, so the plan rules cannot run yet. */
export const SPEC_VALID: RuleInfo = {
  name: "SpecValid",
  severity: "error",
  description: "The spec is a valid answers file: known fields, right types, consistent names and references.",
  help:
    "The audit reads the spec with the same validation as the generator. A problem here stops the generator too; " +
    "problems that break a security rule are reported under that rule's name instead (HttpsOnly, ReservedName, " +
    "SecretsEncrypted). Fix what the message says; the JSON Schema in schema/mxsecure.schema.json helps editors.",
};

/** A suppression that matched no finding: stale or mistyped, and so hiding nothing but misleading readers. */
export const SUPPRESSION_UNUSED: RuleInfo = {
  name: "SuppressionUnused",
  severity: "warning",
  description: "Every suppression in the spec matches a finding (same rule, same path, same fingerprint).",
  help:
    "suppressions: [{rule, path, fingerprint, reason}] accepts one finding of one rule at one path, with a written reason. " +
    "The fingerprint (printed by the audit for every finding) covers what the finding says, so when the finding changes " +
    "(an override gains more rights) the suppression stops matching and the finding shows again. A suppression that matches " +
    "nothing is stale (the problem was fixed or changed) or mistyped. Fix: remove it, or copy rule, path and fingerprint " +
    "exactly from the audit's output.",
};

/**
 * The kit's files are what its spec renders (audit/kit-verify.ts): read from disk and compared with
 * an in-memory render, never with the hashes .yo-rc.json records.
 */
export const KIT_IN_STEP: RuleInfo = {
  name: "KitInStep",
  severity: "error",
  description: "Every file of a kit is what mxsecure generates from the kit's spec; under model/ and javasource/ nothing else.",
  help:
    "When the audited spec sits in a kit folder (a .yo-rc.json or a model/ folder next to it, or --kit DIR), the audit renders " +
    "every file of the kit from the spec in memory and compares the bytes with the files on disk. The manifest in .yo-rc.json " +
    "is not evidence: a hash recomputed there, an entry deleted or \"spec\" pointed at another file changes nothing. Under " +
    "model/ and javasource/ (the scripts and Java code applied to an app) a file that differs, is missing, or is not generated " +
    "by the spec is an error, even when a .yo-resolve skip line keeps it; the message shows the lines that grant or limit " +
    "access (grants, revokes, access rules, microflow access). A kept SECURITY.md or README.md is a warning, said as \"kept as " +
    "you edited it\" while the spec is unchanged. Fix: change the spec, not the generated files, and regenerate the kit " +
    "(mxsecure in the kit folder, --force for files you kept). Cannot be suppressed.",
  unsuppressible: true,
};

/**
 * Rules whose findings no suppression accepts: configuration apart from data, secrets never
 * readable, owner filters on user-owned data, and the kit gate (KitInStep, SecurityWidened).
 */
export const UNSUPPRESSIBLE_RULES: ReadonlySet<string> = new Set([
  "ConfigurationAndDataSeparated",
  "SecretsEncrypted",
  "SecretNotDisclosed",
  "SecretNotOnPage",
  "OwnerConstraint",
  KIT_IN_STEP.name,
  "SecurityWidened",
]);

/** Security widened against the baseline (audit --baseline): an error unless the spec accepts it. */
export const SECURITY_WIDENED: RuleInfo = {
  name: "SecurityWidened",
  severity: "error",
  description: "With --baseline, no change widens access compared with the baseline spec unless the spec accepts it.",
  help:
    "mxsecure audit --baseline FILE|GIT_REF compares the spec with a baseline (a file, or the same file at a Git revision, " +
    "read with git show) and lists every change that widens access: new rights or members per role and entity, owner filters " +
    "removed, ownership user to shared, sensitive removed, reach own to all, new roles or roles changing kind, read-only " +
    "turned off, scopes added, endpoints changed, suppressions added or widened. Each is an error unless the spec records it " +
    "as reviewed: accepted: [{ change: <fingerprint from the audit output>, reason: \"why\" }]; the fingerprint covers what " +
    "the change says, so a different change shows again. Narrowing changes are listed as notes. Cannot be suppressed " +
    "(accept it instead).",
  unsuppressible: true,
};

/** A change against the baseline that narrows access: information for the reviewer. */
export const SECURITY_NARROWED: RuleInfo = {
  name: "SecurityNarrowed",
  severity: "note",
  description: "With --baseline, changes that narrow access compared with the baseline (information).",
  help: "Listed so a reviewer sees every security change of a pull request, not only the widening ones. Nothing to fix.",
};

/** Everything a report can name, for SARIF tool.driver.rules and the help text. */
export const ALL_RULES: readonly RuleInfo[] = [
  ...RULES, SPEC_VALID, SUPPRESSION_UNUSED, KIT_IN_STEP, SECURITY_WIDENED, SECURITY_NARROWED,
].map((rule) => (UNSUPPRESSIBLE_RULES.has(rule.name) ? { ...rule, unsuppressible: true } : rule));

export function isUnsuppressible(rule: string): boolean {
  return UNSUPPRESSIBLE_RULES.has(rule);
}

export function ruleInfo(name: string): RuleInfo | undefined {
  return ALL_RULES.find((r) => r.name === name);
}
