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

/** Everything a report can name, for SARIF tool.driver.rules and the help text. */
export const ALL_RULES: readonly RuleInfo[] = [...RULES, SPEC_VALID, SUPPRESSION_UNUSED];

export function ruleInfo(name: string): RuleInfo | undefined {
  return ALL_RULES.find((r) => r.name === name);
}
