// An Administrator must not be able to send a stored secret to a host they control: either the
// stored secrets are bound to the endpoint values they were entered for (the decrypt sub refuses
// them once an endpoint differs, however the change was committed), or no role can change the
// endpoints at all. A secret is never sent to an endpoint it was not entered for.
import { URL_BLANK_PATTERN } from "../../plan/connection-steps.js";
import { allSteps, type Expr, type MicroflowStep } from "../../plan/steps.js";
import type { Plan, PlanMicroflow } from "../../plan/types.js";
import { AUTH_PLACE, defineRule, type Found } from "../places.js";
import { dropsOnRebind, encryptionsOf, endpointClearOf, SAVE } from "../save-flow.js";
import type { Finding } from "../types.js";

const DECRYPT_ACTION = "Encryption.DecryptString";

function isDecrypt(step: MicroflowStep): boolean {
  return step.kind === "decrypt" || (step.kind === "callJava" && step.action === DECRYPT_ACTION);
}

/**
 * A binding guard: a decision whose `or` compares (!=) each bound endpoint's current value with its
 * own recorded attribute (issue 20: one attribute per endpoint, never one joined text), refuses each
 * bound URL holding a space or control character, and whose `then` returns empty and decrypts nothing.
 */
function isBindingGuard(step: MicroflowStep, plan: Plan): boolean {
  if (step.kind !== "decision") return false;
  const recorded = plan.auth.bindingAttributes ?? [];
  const bound = plan.auth.secretsBoundTo;
  if (recorded.length < bound.length || bound.length === 0) return false;
  const parts = disjuncts(step.condition);
  const variable = "ConnectionDetails";
  const pairwise = bound.every((endpoint, i) => parts.some((p) => comparesPair(p, variable, recorded[i]!, endpoint)));
  // An endpoint can be committed past the save's check (a default Save button, mx.data.commit), so each
  // bound URL holding a space or control character is refused at use too.
  const blankChecked = bound.filter((e) => e.endsWith("Url")).every((url) => parts.some((p) => isBlankCheck(p, variable, url)));
  const last = step.then.at(-1);
  return pairwise && blankChecked && last?.kind === "return" && last.value?.k === "empty" && !step.then.some(isDecrypt);
}

/** $variable/recorded != $variable/endpoint, either way round. */
function comparesPair(e: Expr, variable: string, recorded: string, endpoint: string): boolean {
  if (e.k !== "op" || e.op !== "!=") return false;
  const is = (s: Expr, attribute: string) => s.k === "attr" && s.var === variable && s.attribute === attribute;
  return (is(e.left, recorded) && is(e.right, endpoint)) || (is(e.left, endpoint) && is(e.right, recorded));
}

/** The terms of a chain of `or`s. */
function disjuncts(e: Expr): Expr[] {
  return e.k === "op" && e.op === "or" ? [...disjuncts(e.left), ...disjuncts(e.right)] : [e];
}

/** isMatch($Variable/Url, URL_BLANK_PATTERN): the URL holds a space or control character. */
function isBlankCheck(e: Expr, variable: string, url: string): boolean {
  if (e.k !== "call" || e.fn !== "isMatch") return false;
  const [value, pattern] = e.args;
  return value?.k === "attr" && value.var === variable && value.attribute === url && pattern?.k === "str" && pattern.value === URL_BLANK_PATTERN;
}

/** Every header of every Call REST in the plan; computed: its value is not a fixed text. */
function restHeaders(plan: Plan): { flow: string; header: string; computed: boolean }[] {
  return plan.microflows.flatMap((m) =>
    allSteps(m.steps).flatMap((s) => (s.kind === "rest" ? s.headers.map((h) => ({ flow: m.name, header: h.name, computed: h.value.k !== "str" })) : [])));
}

/** Why a database secret's decrypt sub could send the secret to an endpoint it was not entered for, or undefined. */
function unguarded(flow: PlanMicroflow, plan: Plan): string | undefined {
  const decryptAt = flow.steps.findIndex(isDecrypt);
  const guardAt = flow.steps.findIndex((s) => isBindingGuard(s, plan));
  if (decryptAt < 0) return undefined;
  if (guardAt < 0) return "decrypts without first comparing the endpoints with the ones the secret was entered for";
  if (guardAt > decryptAt) return "decrypts before it compares the endpoints with the ones the secret was entered for";
  return undefined;
}

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
  description: "No role can re-point an endpoint while a stored secret stays: each decrypt refuses a secret whose endpoints changed since it was entered, or the endpoints are fixed.",
  help:
    "The connector sends the decrypted secret (and cached tokens) to BaseUrl, TokenUrl or AuthorizationUrl; the api-token " +
    "header's name is fixed in the model. An Administrator who can change those to a host they control receives the secret there, although SECURITY.md " +
    "says it can never be read back. With database secrets, mxsecure records the exact endpoint values each secret was entered " +
    "for in a ConnectionDetails attribute no role may write, and every private decrypt sub-microflow compares them with the " +
    "current values before decrypting: a change committed past ACT_ConnectionDetails_Save (a default Save button, " +
    "mx.data.commit) then stops the secret instead of redirecting it. The save clears every stored secret and token on any " +
    "change to an endpoint's value. mxsecure fixes the endpoints in the model when the secrets are deploy-time constants, which no " +
    "microflow can clear. The api-token header must not be one that names or routes to a host, belongs to a proxy, is hop-by-hop, " +
    "or is routinely logged (Host, Forwarded, X-Forwarded-*, Referer, Proxy-Authorization, Cookie, User-Agent, ...). " +
    "Fix: regenerate; keep the binding check first in each decrypt sub and the binding attribute read-only; do not make the endpoints " +
    "writable for deploy-time secrets; keep the token in Authorization or the service's own header.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const holder = plan.entities.find((e) => e.name === "ConnectionDetails");
  if (!holder) return findings;
  // The api-token header name is fixed text in the model (a Call REST header's key), so only URLs decide where requests go.
  // The SecretsEntry<Endpoint> attributes record an endpoint's value (read-only, checked in bindingFindings), they route nothing.
  const recordings = new Set(plan.auth.endpoints.map((e) => `SecretsEntry${e}`));
  const endpointLike = holder.attributes.filter((a) => /Url$/.test(a.name) && !(a.systemSet && recordings.has(a.name))).map((a) => a.name);
  for (const name of endpointLike.filter((n) => !plan.auth.endpoints.includes(n))) {
    findings.push(found(AUTH_PLACE, `ConnectionDetails.${name} decides where requests go but is not treated as an endpoint`,
      `list ${name} among the endpoints whose change clears the stored secrets`));
  }
  if (plan.auth.headerName !== undefined && UNSAFE_TOKEN_HEADERS.has(plan.auth.headerName.toLowerCase())) {
    findings.push(found("auth.headerName", `the API token would travel in the ${plan.auth.headerName} header, which proxies, load balancers or logs route on, rewrite or record`,
      "send the token in Authorization (the default) or in a header of the service's own, such as X-Api-Key"));
  }
  // Whatever the answers say, no Call REST may put a computed value (a token, a secret) in such a header
  // (the answers' own header is reported once, above).
  const unsafe = restHeaders(plan).filter((h) => h.computed && h.header !== plan.auth.headerName && UNSAFE_TOKEN_HEADERS.has(h.header.toLowerCase()));
  for (const { flow, header } of unsafe) {
    findings.push(found(AUTH_PLACE, `${flow} sends a computed value in the ${header} header, which proxies, load balancers or logs route on, rewrite or record`,
      "send credentials in Authorization or in a header of the service's own (regenerate)"));
  }
  if (plan.secrets.length === 0) return findings;
  // The connection test sends the stored secret to the endpoints: given the page's object, it would use an
  // endpoint typed but never saved, so ACT_ConnectionDetails_Save never got to clear the secret.
  const test = plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Test");
  if (test && test.allowedRoles.length > 0 && test.parameters.some((p) => p.type === holder.name)) {
    findings.push(found(AUTH_PLACE, `${test.name} takes ConnectionDetails from the page, so it would send the stored secret to an endpoint typed but not saved`,
      `let ${test.name} retrieve the committed ConnectionDetails from the database itself (regenerate)`));
  }
  if (plan.auth.endpointPolicy === "secrets-bound-to-endpoints") findings.push(...bindingFindings(plan, holder, found));
  const writable = holder.accessRules.flatMap((rule) =>
    rule.members.filter((m) => m.rights === "ReadWrite" && plan.auth.endpoints.includes(m.member)).map((m) => ({ role: rule.role, member: m.member })));
  const constants = plan.secrets.filter((s) => s.storage === "constant").map((s) => s.name);
  if (plan.auth.endpointPolicy !== "secrets-bound-to-endpoints" && writable.length > 0) {
    for (const { role, member } of writable) {
      findings.push(found(AUTH_PLACE, `${role} may change ${member} while the stored secrets stay, so they could be sent to another host`,
        `make ${member} read-only, or clear the secrets when its host changes`));
    }
  }
  if (plan.auth.endpointPolicy === "secrets-bound-to-endpoints" && constants.length > 0 && writable.length > 0) {
    findings.push(found("auth.secretStorage", `deploy-time constant secrets (${constants.join(", ")}) cannot be cleared when an endpoint changes, but ${writable.map((w) => `${w.role} may change ${w.member}`).join(", ")}`,
      "fix the endpoints in the model (read-only for every role) when secrets are constants"));
  }
  const save = plan.microflows.find((m) => m.name === SAVE);
  if (plan.auth.endpointPolicy === "secrets-bound-to-endpoints" && save) {
    for (const secret of plan.secrets.filter((s) => s.source === "administrator" && s.storage === "database")) {
      const clear = endpointClearOf(save, secret.name);
      const encrypts = encryptionsOf(save, secret.name);
      if (clear < 0 || encrypts.some((e) => e.order < clear)) {
        findings.push(found(AUTH_PLACE, `${SAVE} does not clear ${secret.name} when an endpoint's host changes before it stores a new one`,
          "regenerate: the save compares the committed endpoints and clears the secrets before encrypting"));
      }
    }
  }
  if (plan.auth.endpointPolicy === "secrets-bound-to-endpoints" && save && plan.auth.bindingAttributes?.length) {
    // Endpoints committed past the save (mx.data.commit) and then bound by a save with a typed secret
    // would otherwise hand every cached or per-user token to them.
    for (const entity of plan.entities.filter((e) => e.persistable && (e.purpose === "token" || e.purpose === "authorization-request"))) {
      if (!dropsOnRebind(save, plan.auth.bindingAttributes, plan.auth.secretsBoundTo, entity.name)) {
        findings.push(found(AUTH_PLACE, `${SAVE} records new endpoints without deleting the ${entity.name} objects obtained for the old ones`,
          "regenerate: the save deletes every token when the recorded endpoints change"));
      }
    }
  }
  if (plan.auth.endpointPolicy === "no-secrets") {
    findings.push(found(AUTH_PLACE, "the plan stores secrets but says there are none to protect", "treat the endpoints as binding the secrets"));
  }
  return findings;
});

/** Database secrets: one binding attribute per bound endpoint exists, no role writes any, they cover every endpoint, and each decrypt checks them first. */
function bindingFindings(plan: Plan, holder: Plan["entities"][number], found: Found): Finding[] {
  const findings: Finding[] = [];
  const bindings = plan.auth.bindingAttributes ?? [];
  const missing = plan.auth.secretsBoundTo.filter((_, i) => !holder.attributes.some((a) => a.name === bindings[i]));
  if (bindings.length === 0 || missing.length > 0) {
    return [found(AUTH_PLACE, `ConnectionDetails records no value${bindings.length && missing.length ? ` of ${missing.join(", ")}` : "s of the endpoints"} the stored secrets were entered for, so nothing stops a secret from following a changed endpoint`,
      "regenerate: the plan adds one SecretsEntry attribute per bound endpoint (SecretsEntryBaseUrl, ...) and checks each before each decrypt")];
  }
  for (const rule of holder.accessRules) {
    for (const binding of bindings.filter((b) => rule.members.some((m) => m.member === b && m.rights === "ReadWrite"))) {
      findings.push(found(AUTH_PLACE, `${rule.role} may write ConnectionDetails.${binding}, so it could record its own endpoints as the ones the secrets were entered for`,
        `make ${binding} read-only (it is set only by ACT_ConnectionDetails_Save)`));
    }
  }
  for (const name of ["BaseUrl", ...plan.auth.endpoints].filter((e) => !plan.auth.secretsBoundTo.includes(e))) {
    findings.push(found(AUTH_PLACE, `the stored secrets are not bound to ${name}, so a changed ${name} still receives them`, `bind the secrets to ${name} as well`));
  }
  for (const secret of plan.secrets.filter((s) => s.source === "administrator" && s.storage === "database")) {
    const name = `SUB_ConnectionDetails_Get${secret.name}`;
    const flow = plan.microflows.find((m) => m.name === name);
    const problem = flow ? unguarded(flow, plan) : "is missing";
    if (problem) {
      findings.push(found(AUTH_PLACE, `${name} ${problem}, so ${secret.name} could be sent to an endpoint it was not entered for`,
        `start ${name} with the check against ConnectionDetails.${bindings.join(", ")} (regenerate)`));
    }
  }
  return findings;
}
