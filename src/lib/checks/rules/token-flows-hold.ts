// Issue 20: the token and secret flows hold under concurrency, rollback and a hostile
// Administrator. What each check reads is the typed plan (steps.ts), so a reordered or weakened
// flow is caught whichever applier renders it. Sources: RFC 9700 section 4.14.2 (refresh token
// rotation and reuse detection); RFC 6749 sections 3.3 and 5.1 (scope); RFC 3986 section 2 (no
// space in a URL); docs.mendix.com/refguide/error-handling-in-microflows/ (an error rolls back the
// microflow's database actions, a microflow delete included).
import { URL_BLANK_PATTERN } from "../../plan/connection-steps.js";
import { REPLACE_STORED } from "../../plan/connection.js";
import { CONSUME_ONCE, CREATE_ONCE, SCOPE_WITHIN, STORE_REFRESHED_TOKEN } from "../../plan/java-actions.js";
import { allSteps, type Expr, type MicroflowStep } from "../../plan/steps.js";
import type { Plan } from "../../plan/types.js";
import { AUTH_PLACE, defineRule, type Found } from "../places.js";
import type { Finding } from "../types.js";

const CALLBACK = "ACT_UserToken_Callback";
const REFRESH = "SUB_UserToken_Refresh";
const SAVE = "ACT_ConnectionDetails_Save";
const AUTHENTICATE = "SUB_Request_Authenticate";
const MARKER = "FullDataAccess";
const HELD = "SUB_FullDataAccess_Held";

const calls = (step: MicroflowStep, plan: Plan, action: string) => step.kind === "callJava" && step.action === `${plan.module}.${action}`;

/** isMatch($ConnectionDetails/Url, URL_BLANK_PATTERN) anywhere in the expression. */
function refusesBlank(e: Expr, url: string): boolean {
  if (e.k === "call" && e.fn === "isMatch") {
    const [value, pattern] = e.args;
    if (value?.k === "attr" && value.attribute === url && pattern?.k === "str" && pattern.value === URL_BLANK_PATTERN) return true;
  }
  if (e.k === "op") return refusesBlank(e.left, url) || refusesBlank(e.right, url);
  if (e.k === "not") return refusesBlank(e.arg, url);
  return false;
}

/**
 * Issue 20 (a token survives a role change): with read-only roles that authorize with the read-only
 * scopes, SUB_Request_Authenticate must compare the stored grant with those scopes and, when wider,
 * ask SUB_FullDataAccess_Held (entity access on, a marker only full data roles read) before any
 * refresh or decrypt, deleting the token with ConsumeOnce when the user holds no full data role.
 */
function roleChangeFindings(plan: Plan, found: Found): Finding[] {
  const readOnly = plan.roles.filter((r) => r.kind === "data" && r.readOnly).map((r) => r.name);
  const full = plan.roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name);
  if (plan.auth.scheme !== "oauth-authorization-code" || plan.auth.readOnlyScopes.length === 0 || readOnly.length === 0) return [];
  const authenticate = plan.microflows.find((m) => m.name === AUTHENTICATE);
  if (!authenticate) return [];
  const held = plan.microflows.find((m) => m.name === HELD);
  const marker = plan.entities.find((e) => e.name === MARKER);
  const readers = (marker?.accessRules ?? []).filter((r) => r.members.some((m) => m.rights !== "None")).map((r) => r.role);
  const markerHolds = marker !== undefined && marker.persistable && readers.every((r) => full.includes(r)) && full.every((r) => readers.includes(r)) &&
    marker.accessRules.every((r) => !r.allowCreate && !r.allowDelete);
  const heldHolds = held !== undefined && held.applyEntityAccess && held.allowedRoles.length === 0 && held.steps.some((s) => s.kind === "retrieve" && s.entity === MARKER);
  const steps = allSteps(authenticate.steps);
  const requested = plan.auth.readOnlyScopes.join(" ");
  const compare = steps.findIndex((s) => calls(s, plan, SCOPE_WITHIN) && s.kind === "callJava" && s.args.some((a) => a.value.k === "str" && a.value.value === requested));
  const ask = steps.findIndex((s) => s.kind === "callMicroflow" && s.microflow === HELD);
  const drop = steps.findIndex((s) => calls(s, plan, CONSUME_ONCE));
  const use = steps.findIndex((s) => (s.kind === "callMicroflow" && s.microflow === REFRESH) || (s.kind === "callJava" && s.action.startsWith("Encryption.")));
  const ordered = compare >= 0 && ask > compare && drop > ask && (use < 0 || use > drop);
  if (markerHolds && heldHolds && ordered) return [];
  return [found(AUTH_PLACE, `${AUTHENTICATE} uses a token with write scopes without checking that the user still holds a full data role, so a user moved to a read-only role keeps writing at the service`,
    `before any refresh or decrypt, compare UserToken.GrantedScope with the read-only scopes (${plan.module}.${SCOPE_WITHIN}), ask ${HELD} (Apply entity access on; ${MARKER} readable only by ${full.join(", ") || "the full data roles"}) and delete the token with ${plan.module}.${CONSUME_ONCE} when it returns false (regenerate)`)];
}

export const tokenFlowsHold = defineRule({
  name: "TokenFlowsHold",
  severity: "error",
  description: "The one-time state is consumed once and for good, a refresh never loses or deletes another request's token, a wider scope is refused, a token with write scopes is not used once the user holds no full data role, and no URL holds a space or control character.",
  help:
    "A microflow's database actions are rolled back with it, so a one-time state deleted by a microflow comes back when a later step fails, and a rotated refresh token " +
    "committed in the caller's transaction is lost when the caller rolls back, although the provider already invalidated the old one (RFC 9700 section 4.14.2). " +
    "mxsecure consumes the state with ConsumeOnce and stores a refresh with StoreRefreshedToken, each in a transaction of its own and only while the stored value is " +
    "still the expected one; the callback refuses a token response whose scope is wider than requested (RFC 6749 sections 3.3, 5.1); the save refuses a URL with a " +
    "space or control character, which no valid URL holds; a user moved to a read-only role keeps their token, " +
    "so the use of a token wider than the read-only scopes checks, through the FullDataAccess object only full data roles may read, that the user still holds a full data role. Fix: regenerate.",
}, (_spec, plan, found) => {
  const findings: Finding[] = [];
  const flow = (name: string) => plan.microflows.find((m) => m.name === name);
  const callback = flow(CALLBACK);
  if (callback) {
    const steps = allSteps(callback.steps);
    const consume = steps.findIndex((s) => calls(s, plan, CONSUME_ONCE));
    const fallible = steps.findIndex((s) => s.kind === "callJava" && s.action.startsWith("Encryption."));
    if (consume < 0 || (fallible >= 0 && fallible < consume) || steps.some((s) => s.kind === "delete")) {
      findings.push(found(AUTH_PLACE, `${CALLBACK} does not consume the one-time state with ${CONSUME_ONCE} before its first decrypt or encrypt, so an error can roll the delete back or two callbacks can both use it`,
        `consume the AuthorizationRequest with ${plan.module}.${CONSUME_ONCE} right after the lookup and stop unless it returns consumed`));
    }
    const scope = steps.findIndex((s) => calls(s, plan, SCOPE_WITHIN));
    const store = steps.findIndex((s) => (s.kind === "create" || s.kind === "change") && /UserToken/.test(s.kind === "create" ? s.entity : s.variable));
    if (scope < 0 || (store >= 0 && store < scope)) {
      findings.push(found(AUTH_PLACE, `${CALLBACK} stores the token without comparing the granted scope with the requested one, so a wider grant is kept`,
        `call ${plan.module}.${SCOPE_WITHIN} on the token response's scope and refuse it unless it returns yes`));
    }
  }
  const refresh = flow(REFRESH);
  if (refresh) {
    const steps = allSteps(refresh.steps);
    if (steps.some((s) => (s.kind === "commit" || s.kind === "change") && s.variable === "UserToken") || !steps.some((s) => calls(s, plan, STORE_REFRESHED_TOKEN))) {
      findings.push(found(AUTH_PLACE, `${REFRESH} stores the rotated tokens in the caller's transaction, where a rollback brings back a refresh token the provider has invalidated`,
        `store them with ${plan.module}.${STORE_REFRESHED_TOKEN} (its own transaction, compare and set)`));
    }
    const refused = steps.find((s) => s.kind === "decision" && s.then.some((t) => t.kind === "log") && s.then.some((t) => t.kind === "delete" && t.variable === "UserToken") && steps.indexOf(s) > steps.findIndex((r) => r.kind === "rest"));
    if (refused) {
      findings.push(found(AUTH_PLACE, `${REFRESH} deletes the UserToken when the provider refuses the refresh, even if a concurrent request already replaced it`,
        `delete it with ${plan.module}.${CONSUME_ONCE} only while the refused refresh token is still the stored one`));
    }
  }
  findings.push(...roleChangeFindings(plan, found));
  const save = flow(SAVE);
  if (save && plan.auth.endpointPolicy !== "no-secrets") {
    for (const url of plan.auth.endpoints.filter((e) => e.endsWith("Url"))) {
      if (!allSteps(save.steps).some((s) => s.kind === "decision" && refusesBlank(s.condition, url) && s.then.some((t) => t.kind === "validationFeedback"))) {
        findings.push(found(AUTH_PLACE, `${SAVE} does not refuse a space or control character in ${url}, so the endpoints the secrets are bound to can be split differently`,
          `refuse it with feedback on ${url} before anything is saved (regenerate)`));
      }
    }
  }
  // The configuration page: one ConnectionDetails, and no stored secret replaced without the explicit choice.
  const get = flow("DS_ConnectionDetails_Get");
  if (get && allSteps(get.steps).some((s) => s.kind === "create" && s.entity === "ConnectionDetails")) {
    findings.push(found(AUTH_PLACE, "DS_ConnectionDetails_Get creates ConnectionDetails in the microflow, so two Administrators opening the page at once can each create one",
      `create it with ${plan.module}.${CREATE_ONCE} (under a lock, in its own transaction) and retrieve the one there is`));
  }
  if (save) {
    for (const secret of plan.secrets.filter((s) => s.source === "administrator" && s.isSetAttribute)) {
      const guarded = allSteps(save.steps).some((s) => s.kind === "decision" && s.then.some((t) => t.kind === "validationFeedback" && t.attribute === secret.name) &&
        JSON.stringify(s.condition).includes(`"attribute":"${REPLACE_STORED}"`) && JSON.stringify(s.condition).includes(`"attribute":"${secret.isSetAttribute}"`));
      if (!guarded) {
        findings.push(found(AUTH_PLACE, `${SAVE} replaces a stored ${secret.name} with whatever the password box holds, so a browser's autofill can replace it unseen`,
          `refuse a typed ${secret.name} over a stored one unless SecretInput.${REPLACE_STORED} is ticked (regenerate)`));
      }
    }
  }
  return findings;
});
