// Declarations several schemes share: the HTTPS requirement, the OAuth settings, the private
// request-authentication sub-microflow, and the connection test that calls BaseUrl.
import { CD } from "../connection-steps.js";
import { PRIVATE } from "../folders.js";
import { text } from "../members.js";
import { attr, bool, empty, httpStatus, int, op, v, type MicroflowStep } from "../steps.js";
import type { PlanAttribute, PlanMicroflow, PlanMicroflowStep } from "../types.js";
import type { RequestAuthentication } from "./types.js";

/** The private sub-microflow that returns the value of the header authenticating one request. */
export const AUTHENTICATE = "SUB_Request_Authenticate";
/** The variable that holds SUB_Request_Authenticate's result just before the Call REST. */
const HEADER_VALUE = "AuthenticationHeader";

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
    name: AUTHENTICATE,
    folder: PRIVATE,
    documentation: `Returns the HTTP header value that authenticates one request: ${documentation} Private: no allowed roles.`,
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [],
    returnType: "String",
    steps,
  };
}

/**
 * A header whose value SUB_Request_Authenticate returns: the header name is fixed at generation,
 * because a Call REST header's name is fixed text in the model (SDK HttpHeaderEntry.key, a string;
 * MDL restCallHeaderClause `header 'Name' = expr`, MDLMicroflow.g4 @6f336073).
 */
export function headerFromAuthenticate(headerName: string): RequestAuthentication {
  return {
    prepare: [{ kind: "callMicroflow", out: HEADER_VALUE, microflow: AUTHENTICATE, args: [] }],
    headers: [{ name: headerName, value: v(HEADER_VALUE) }],
  };
}

/** The OAuth schemes: `Authorization` with the value of their SUB_Request_Authenticate (Bearer and the token). */
export function bearerFromAuthenticate(): RequestAuthentication {
  return headerFromAuthenticate("Authorization");
}

/** No credential: the Call REST sends no authentication. */
export function noAuthentication(): RequestAuthentication {
  return { prepare: [], headers: [] };
}

/**
 * The connection test's steps after the committed ConnectionDetails is in $ConnectionDetails: the
 * scheme's prepare steps, a GET on BaseUrl that continues on error, then one message by HTTP status.
 * The messages show the status only, never a header or a secret. `refused` says what a 401 or 403
 * means for this scheme.
 */
export function baseUrlTestSteps(authentication: RequestAuthentication, refused: string): MicroflowStep[] {
  const status = (from: number, to: number) => op(op(httpStatus, ">=", int(from)), "and", op(httpStatus, "<", int(to)));
  const fail = (text: string, withStatus: boolean): MicroflowStep[] => [
    { kind: "showMessage", level: "Error", message: { text, args: withStatus ? [httpStatus] : [] } },
    { kind: "return", value: bool(false) },
  ];
  return [
    ...authentication.prepare,
    {
      kind: "rest",
      out: "TestResponse",
      method: "GET",
      url: { text: "{1}", args: [attr(CD, "BaseUrl")] },
      headers: authentication.headers,
      ...(authentication.basicAuth ? { basicAuth: authentication.basicAuth } : {}),
      onError: "continue",
    },
    // Without an answer (TLS, DNS, timeout) there is no HTTP response to read a status from.
    {
      kind: "decision",
      caption: "No answer?",
      condition: op(v("latestHttpResponse"), "=", empty),
      then: fail("The service did not answer: check BaseUrl, the network and the certificate.", false),
      else: [],
    },
    {
      kind: "decision",
      caption: "Answered 2xx?",
      condition: status(200, 300),
      then: [
        { kind: "showMessage", level: "Information", message: { text: "Connected.", args: [] } },
        { kind: "return", value: bool(true) },
      ],
      else: [],
    },
    {
      kind: "decision",
      caption: "Answered 401 or 403?",
      condition: op(op(httpStatus, "=", int(401)), "or", op(httpStatus, "=", int(403))),
      then: fail(`${refused} (HTTP status {1}).`, true),
      else: [],
    },
    ...fail("The service answered with HTTP status {1}.", true),
  ];
}

/** The connection test of a scheme that sends its credential with every API request. */
export function requestTest(credential: string, authentication: RequestAuthentication): { proves: string; steps: PlanMicroflowStep[] } {
  return {
    // A 2xx from a BaseUrl that needs no credential proves nothing about it: say so.
    proves: `a GET on BaseUrl, authenticated as every request is: 401 or 403 means the service refuses the ${credential}; 2xx means it accepted the request, which proves the ${credential} where BaseUrl requires authentication; the message shows any other status as it is.`,
    steps: baseUrlTestSteps(authentication, `The service refused the ${credential}`),
  };
}

/** The connection test of a scheme without an outbound credential. */
export function reachabilityTest(): { proves: string; steps: PlanMicroflowStep[] } {
  return {
    proves: "a GET on BaseUrl without credentials: 2xx proves the service answers over HTTPS; there is no credential to test, so 401 or 403 means the service wants one this scheme does not send.",
    steps: baseUrlTestSteps(noAuthentication(), "The service refused a request without credentials: it needs a credential this scheme does not send"),
  };
}
