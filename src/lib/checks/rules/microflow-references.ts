// A generated microflow never calls one that does not exist (saml and none kits once called
// SUB_Request_Authenticate), and the Administrator's connection test never relies on a user's
// token, which an Administrator does not have.
import { allSteps, type MicroflowStep } from "../../plan/steps.js";
import { AUTH_PLACE, defineRule } from "../places.js";
import type { Finding } from "../types.js";

const MICROFLOW_NAME = /\b(?:ACT|SUB|DS)_[A-Za-z0-9_]+/g;
const TEST = "ACT_ConnectionDetails_Test";
const AUTHENTICATE = "SUB_Request_Authenticate";

/** Every step, those inside decisions included. */

/** The microflows a flow names: in its documentation, its notes, and the ones its typed steps call. */
function namedMicroflows(microflow: { documentation: string; steps: MicroflowStep[] }): string[] {
  const steps = allSteps(microflow.steps);
  const texts = [microflow.documentation, ...steps.map((s) => (s.kind === "note" ? s.text : ""))];
  const called = steps.flatMap((s) => (s.kind === "callMicroflow" ? [s.microflow] : []));
  return [...new Set([...texts.flatMap((t) => t.match(MICROFLOW_NAME) ?? []), ...called])];
}

export const microflowReferences = defineRule({
  name: "MicroflowReferences",
  severity: "error",
  description: "Microflows name only microflows that exist, and the connection test does not need a user's token.",
  help:
    "Every microflow a step names must exist in the module, or the kit describes a call that cannot be made. The " +
    "Administrator's connection test must mean something for the scheme: with per-user tokens (authorization code) the " +
    "Administrator holds none, so the test authenticates the client at the token endpoint instead of calling through " +
    "SUB_Request_Authenticate. Fix: regenerate.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const names = new Set(plan.microflows.map((m) => m.name));
  for (const microflow of [...plan.microflows, ...plan.nanoflows]) {
    const missing = namedMicroflows(microflow).filter((n) => !names.has(n));
    for (const name of missing) {
      findings.push(found(AUTH_PLACE, `${microflow.name} refers to ${name}, which does not exist in the module`, `remove the reference or add ${name}`));
    }
  }
  const authenticate = plan.microflows.find((m) => m.name === AUTHENTICATE);
  const perUser = new Set(plan.entities.filter((e) => e.ownership === "user").map((e) => e.name));
  // A per-user token: decrypted from, or retrieved out of, an entity each user owns (skeleton or typed steps).
  const usesUserToken = allSteps(authenticate?.steps ?? []).some((s) =>
    (s.kind === "decrypt" && perUser.has(s.fromEntity)) || (s.kind === "retrieve" && perUser.has(s.entity)));
  const test = plan.microflows.find((m) => m.name === TEST);
  const callsAuthenticate = test !== undefined &&
    allSteps(test.steps).some((s) => (s.kind === "note" && s.text.includes(AUTHENTICATE)) || (s.kind === "callMicroflow" && s.microflow === AUTHENTICATE));
  if (usesUserToken && callsAuthenticate) {
    findings.push(found(AUTH_PLACE, `${TEST} calls through SUB_Request_Authenticate, which needs the current user's token; an Administrator has none`,
      "test the client credentials at the token endpoint instead"));
  }
  return findings;
});
