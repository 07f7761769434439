// Declarations several schemes share: the HTTPS requirement, the OAuth settings and the private
// request-authentication sub-microflow.
import { PRIVATE } from "../folders.js";
import { text } from "../members.js";
import type { PlanAttribute, PlanMicroflow, PlanMicroflowStep } from "../types.js";

export const HTTPS_REQUIREMENT = "Every URL (service base URL, and token and authorization URLs where present) uses HTTPS.";

export function tokenUrl(value: string): PlanAttribute {
  return text("TokenUrl", 2000, "OAuth token endpoint; HTTPS.", { defaultValue: value });
}

export function clientId(): PlanAttribute {
  return text("ClientId", 200, "OAuth client id registered with the provider.");
}

export function scopesSetting(scopes: string[]): PlanAttribute {
  return text("Scopes", 2000, "Space-separated OAuth scopes to request.", { defaultValue: scopes.join(" ") });
}

/** The private sub-microflow that returns the header value authenticating one request. */
export function authenticateFlow(documentation: string, steps: PlanMicroflowStep[]): PlanMicroflow {
  return {
    name: "SUB_Request_Authenticate",
    folder: PRIVATE,
    documentation: `Returns the HTTP header value that authenticates one request: ${documentation} Private: no allowed roles.`,
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [],
    returnType: "String",
    steps,
  };
}

/** The connection test of a scheme that sends its credential with every API request. */
export function requestTest(credential: string): { proves: string; steps: PlanMicroflowStep[] } {
  return {
    proves: `a GET on BaseUrl through SUB_Request_Authenticate: 2xx proves the ${credential} is accepted; 401 or 403 means it is not.`,
    steps: [{ kind: "note", text: `GET BaseUrl (or a cheap read endpoint) with the header from SUB_Request_Authenticate. Report success, or the HTTP status (401/403: the ${credential} is refused). Never show the header or the secret.` }],
  };
}

/** The connection test of a scheme without an outbound credential. */
export function reachabilityTest(): { proves: string; steps: PlanMicroflowStep[] } {
  return {
    proves: "a GET on BaseUrl without credentials: proves the service answers over HTTPS; there is no credential to test.",
    steps: [{ kind: "note", text: "GET BaseUrl without credentials. Report success, or the HTTP status or TLS error." }],
  };
}
