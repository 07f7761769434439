// A read-only role never obtains a token that can write: it cannot authorize, or it requests only
// the read-only scopes the spec lists (RFC 9700 section 2.3, privilege restriction).
import { defineRule, rolePlace } from "../places.js";
import type { Finding } from "../types.js";

const AUTHORIZING = ["ACT_UserToken_Authorize", "ACT_UserToken_Callback"];
const WRITE_LIKE = /write|admin|manage|delete|create|update|modify|full|all|\*/i;

export const readOnlyScopes = defineRule({
  name: "ReadOnlyScopes",
  severity: "error",
  description: "A read-only role never obtains OAuth tokens with write scopes.",
  help:
    "With the authorization code flow each user obtains their own token. A read-only role that requests the full scopes " +
    "holds a token that can change data at the service, whatever the module's access rules say. mxsecure lets read-only " +
    "roles authorize only when auth.readOnlyScopes lists the scopes they may request (a subset of auth.scopes). " +
    "Fix: list read-only scopes, or leave them empty so read-only roles cannot authorize. Related: RFC 9700 section 2.3.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  if (plan.auth.scheme !== "oauth-authorization-code") return findings;
  const readOnly = new Set(plan.roles.filter((r) => r.kind === "data" && r.readOnly).map((r) => r.name));
  for (const microflow of plan.microflows.filter((m) => AUTHORIZING.includes(m.name))) {
    for (const role of microflow.allowedRoles.filter((r) => readOnly.has(r))) {
      if (plan.auth.readOnlyScopes.length === 0) {
        findings.push(found(rolePlace(spec, role), `read-only role ${role} may run ${microflow.name} and would request the full scopes (${plan.auth.scopes.join(" ") || "none"})`,
          `remove ${role} from ${microflow.name}, or list auth.readOnlyScopes`));
      }
    }
  }
  const scopes = plan.auth.scopes;
  if (scopes.length > 0 && scopes.every((scope) => plan.auth.readOnlyScopes.includes(scope))) {
    findings.push(found("auth.readOnlyScopes", `the read-only scopes cover every scope (${scopes.join(" ")}), so read-only roles obtain the same token as full users`,
      "list only the scopes that read; if every scope of the provider only reads, say so in a suppression", "warning"));
  }
  plan.auth.readOnlyScopes.forEach((scope, index) => {
    if (!plan.auth.scopes.includes(scope)) {
      findings.push(found(`auth.readOnlyScopes[${index}]`, `read-only scope ${scope} is not one of the scopes`, "list only scopes from auth.scopes"));
    } else if (WRITE_LIKE.test(scope)) {
      findings.push(found(`auth.readOnlyScopes[${index}]`, `read-only scope ${scope} looks like it grants more than reading`,
        "check the provider's scope list; keep only scopes that read", "warning"));
    }
  });
  return findings;
});
