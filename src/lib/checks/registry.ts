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
  description: "Every suppression in the spec matches a finding (same rule, same path).",
  help:
    "suppressions: [{rule, path, reason}] accepts one finding of one rule at one path, with a written reason. A suppression " +
    "that matches nothing is stale (the problem was fixed) or mistyped (the finding is still reported). Fix: remove it, " +
    "or copy rule and path exactly from the audit's output.",
};

/** Everything a report can name, for SARIF tool.driver.rules and the help text. */
export const ALL_RULES: readonly RuleInfo[] = [...RULES, SPEC_VALID, SUPPRESSION_UNUSED];

export function ruleInfo(name: string): RuleInfo | undefined {
  return ALL_RULES.find((r) => r.name === name);
}
