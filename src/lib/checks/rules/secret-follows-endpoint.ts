// An Administrator must not be able to send a stored secret to a host they control: either the save
// clears the secrets (and cached tokens) when an endpoint's host changes, or no role can change the
// endpoints at all. A secret is never sent to a host it was not entered for.
import { AUTH_PLACE, defineRule } from "../places.js";
import { encryptionsOf, endpointClearOf, SAVE } from "../save-flow.js";
import type { Finding } from "../types.js";

/**
 * Headers that must never carry the API token: they name or route to a host (Host, RFC 9110 section 7.2;
 * Forwarded, RFC 7239; the X-Forwarded family, Origin, Referer), belong to a proxy (Proxy-Authorization,
 * RFC 9110 section 11.7.2), are hop-by-hop and dropped or rewritten on the way (RFC 9110 section 7.6.1), or are
 * routinely logged and managed by HTTP clients and intermediaries (Cookie, User-Agent, Via).
 */
const UNSAFE_TOKEN_HEADERS = new Set([
  "host", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "origin", "referer",
  "proxy-authorization", "proxy-connection", "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade",
  "content-length", "content-type", "cookie", "user-agent", "via", "location",
]);

export const secretFollowsEndpoint = defineRule({
  name: "SecretFollowsEndpoint",
  severity: "error",
  description: "No role can re-point an endpoint while a stored secret stays: the save clears secrets on a host change, or the endpoints are fixed.",
  help:
    "The connector sends the decrypted secret (and cached tokens) to BaseUrl, TokenUrl, AuthorizationUrl, or in the api-token " +
    "header. An Administrator who can change those to a host they control receives the secret there, although SECURITY.md " +
    "says it can never be read back. mxsecure's save clears every stored secret and token when an endpoint's host changes " +
    "(database secrets), and fixes the endpoints in the model when the secrets are deploy-time constants, which no " +
    "microflow can clear. The api-token header must not be one that names or routes to a host, belongs to a proxy, is hop-by-hop, " +
    "or is routinely logged (Host, Forwarded, X-Forwarded-*, Referer, Proxy-Authorization, Cookie, User-Agent, ...). " +
    "Fix: regenerate; do not make the endpoints writable for deploy-time secrets; keep the token in Authorization or the service's own header.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const holder = plan.entities.find((e) => e.name === "ConnectionDetails");
  if (!holder) return findings;
  const endpointLike = holder.attributes.filter((a) => /Url$/.test(a.name) || a.name === "HeaderName").map((a) => a.name);
  for (const name of endpointLike.filter((n) => !plan.auth.endpoints.includes(n))) {
    findings.push(found(AUTH_PLACE, `ConnectionDetails.${name} decides where requests go but is not treated as an endpoint`,
      `list ${name} among the endpoints whose change clears the stored secrets`));
  }
  if (plan.auth.headerName !== undefined && UNSAFE_TOKEN_HEADERS.has(plan.auth.headerName.toLowerCase())) {
    findings.push(found("auth.headerName", `the API token would travel in the ${plan.auth.headerName} header, which proxies, load balancers or logs route on, rewrite or record`,
      "send the token in Authorization (the default) or in a header of the service's own, such as X-Api-Key"));
  }
  if (plan.secrets.length === 0) return findings;
  // The connection test sends the stored secret to the endpoints: given the page's object, it would use an
  // endpoint typed but never saved, so ACT_ConnectionDetails_Save never got to clear the secret.
  const test = plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Test");
  if (test && test.allowedRoles.length > 0 && test.parameters.some((p) => p.type === holder.name)) {
    findings.push(found(AUTH_PLACE, `${test.name} takes ConnectionDetails from the page, so it would send the stored secret to an endpoint typed but not saved`,
      `let ${test.name} retrieve the committed ConnectionDetails from the database itself (regenerate)`));
  }
  const writable = holder.accessRules.flatMap((rule) =>
    rule.members.filter((m) => m.rights === "ReadWrite" && plan.auth.endpoints.includes(m.member)).map((m) => ({ role: rule.role, member: m.member })));
  const constants = plan.secrets.filter((s) => s.storage === "constant").map((s) => s.name);
  if (plan.auth.endpointPolicy !== "clear-secrets-on-host-change" && writable.length > 0) {
    for (const { role, member } of writable) {
      findings.push(found(AUTH_PLACE, `${role} may change ${member} while the stored secrets stay, so they could be sent to another host`,
        `make ${member} read-only, or clear the secrets when its host changes`));
    }
  }
  if (plan.auth.endpointPolicy === "clear-secrets-on-host-change" && constants.length > 0 && writable.length > 0) {
    findings.push(found("auth.secretStorage", `deploy-time constant secrets (${constants.join(", ")}) cannot be cleared when an endpoint changes, but ${writable.map((w) => `${w.role} may change ${w.member}`).join(", ")}`,
      "fix the endpoints in the model (read-only for every role) when secrets are constants"));
  }
  const save = plan.microflows.find((m) => m.name === SAVE);
  if (plan.auth.endpointPolicy === "clear-secrets-on-host-change" && save) {
    for (const secret of plan.secrets.filter((s) => s.source === "administrator" && s.storage === "database")) {
      const clear = endpointClearOf(save, secret.name);
      const encrypts = encryptionsOf(save, secret.name);
      if (clear < 0 || encrypts.some((e) => e.order < clear)) {
        findings.push(found(AUTH_PLACE, `${SAVE} does not clear ${secret.name} when an endpoint's host changes before it stores a new one`,
          "regenerate: the save compares the committed endpoints and clears the secrets before encrypting"));
      }
    }
  }
  if (plan.auth.endpointPolicy === "no-secrets") {
    findings.push(found(AUTH_PLACE, "the plan stores secrets but says there are none to protect", "treat the endpoints as binding the secrets"));
  }
  return findings;
});
