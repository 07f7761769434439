// The authorization code callback is a real entry point a browser redirect reaches (a microflow URL
// with code and state from the query string), bound to the signed-in user's own pending request,
// and abandoned requests are cleaned up. Sources: docs.mendix.com/refguide/microflow/ (URL);
// RFC 6749 section 10.12 and RFC 9700 section 4.7 (CSRF: state bound to the user agent).
import { AUTH_PLACE, defineRule } from "../places.js";
import type { MicroflowStep, XPathCondition } from "../../plan/steps.js";
import type { Finding } from "../types.js";

/**
 * The callback's first step retrieves the request from the database by State = $state and the
 * owner association = [%CurrentUser%]: a typed XPath, not a remark (steps.ts XPathCondition).
 */
function findsOwnRequest(steps: MicroflowStep[], entity: string, owner: string): boolean {
  const first = steps[0];
  if (first?.kind !== "retrieve" || first.entity !== entity || !first.first) return false;
  const where: XPathCondition[] = first.where;
  const is = (path: string, test: (c: XPathCondition) => boolean) => where.some((c) => c.path === path && (c.op ?? "=") === "=" && test(c));
  return is("State", (c) => c.value.k === "var" && c.value.name === "state") && is(owner, (c) => c.value.k === "token" && c.value.name === "CurrentUser");
}

const CALLBACK = "ACT_UserToken_Callback";
const CLEANUP = "SUB_AuthorizationRequest_DeleteExpired";

export const oauthCallback = defineRule({
  name: "OAuthCallback",
  severity: "error",
  description: "The OAuth callback is reachable by URL, runs as the signed-in user, and only accepts that user's pending request.",
  help:
    "The provider redirects the browser to the redirect URI with code and state in the query string. A plain microflow " +
    "cannot be reached that way; a microflow URL (<app root>/p/<path>, query parameters from Studio Pro 10.9) can, and runs " +
    "in the user's session. The pending AuthorizationRequest is linked to its user, so a forged callback with someone " +
    "else's state finds nothing; a scheduled cleanup removes abandoned requests. Fix: regenerate.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  if (plan.auth.scheme !== "oauth-authorization-code") return findings;
  const callback = plan.microflows.find((m) => m.name === CALLBACK);
  const params = new Set(callback?.url?.queryParameters ?? []);
  if (!callback?.url || !params.has("code") || !params.has("state")) {
    findings.push(found(AUTH_PLACE, `${CALLBACK} has no microflow URL taking code and state from the query string, so the provider's redirect cannot reach it`,
      `give ${CALLBACK} a URL (the redirect path) with query parameters code and state`));
  }
  if (callback && callback.allowedRoles.length === 0) {
    findings.push(found(AUTH_PLACE, `${CALLBACK} has no allowed roles, so no signed-in user can complete an authorization`, `allow the roles that may authorize`));
  }
  const request = plan.entities.find((e) => e.purpose === "authorization-request");
  if (request && !request.associations.some((a) => a.child === "System.User" && a.name === request.ownerAssociation)) {
    findings.push(found(AUTH_PLACE, `${request.name} is not linked to the user who started it, so a callback cannot check the state belongs to the current user`,
      `link ${request.name} to System.User and find it by state and current user`));
  }
  if (callback && request && !findsOwnRequest(callback.steps, request.name, `${plan.module}.${request.ownerAssociation}`)) {
    findings.push(found(AUTH_PLACE, `${CALLBACK} does not look the request up by state and current user`, "retrieve the AuthorizationRequest by state and AuthorizationRequest_User = [%CurrentUser%]"));
  }
  if (!plan.microflows.some((m) => m.name === CLEANUP)) {
    findings.push(found(AUTH_PLACE, "no microflow removes expired authorization requests", `add ${CLEANUP} and run it from a scheduled event`));
  }
  return findings;
});
