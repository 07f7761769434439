// A constant that holds a secret has a blank default (set per environment at deploy time) and is
// never exposed to the client, where any user could read it.
import { defineRule } from "../places.js";
import type { Finding } from "../types.js";

export const constantNotExposed = defineRule({
  name: "ConstantNotExposed",
  severity: "error",
  description: "Secret constants are not exposed to the client and have a blank default.",
  help:
    "With secretStorage: constant each secret is a constant set per environment at deploy time. Exposed to the client, " +
    "any signed-in (or anonymous) user can read it; with a default value, the secret sits in the model and in Git. " +
    "Fix: exposedToClient false and an empty default. Related: mxlint ExposedConstants; CLEVR ACR sensitiveconstant.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  for (const constant of plan.constants) {
    // Typed as false and "", but a plan can be edited or built by other code: check the values.
    const exposed: boolean = constant.exposedToClient;
    const defaultValue: string = constant.defaultValue;
    if (exposed) {
      findings.push(found("auth.secretStorage", `constant ${plan.module}.${constant.name} is exposed to the client`,
        `set exposedToClient to false on ${constant.name}`));
    }
    if (defaultValue !== "") {
      findings.push(found("auth.secretStorage", `constant ${plan.module}.${constant.name} has a default value, so the secret is in the model`,
        `blank the default of ${constant.name}; set the value per environment at deploy time`));
    }
  }
  return findings;
});
