// basic: a user name and an encrypted password sent with every request (HTTP Basic). Mendix
// expressions have no Base64 function, so no microflow can build `Basic base64(user:password)`:
// the Call REST uses its built-in HTTP authentication instead (SDK HttpConfiguration
// useAuthentication, httpAuthenticationUserName, authenticationPassword; MDL restCallAuthClause
// `auth basic expr password expr`, mendixlabs/mxcli mdl/grammar/domains/MDLMicroflow.g4 @6f336073).
import { CD } from "../connection-steps.js";
import { text } from "../members.js";
import { attr, v } from "../steps.js";
import { HTTPS_REQUIREMENT, requestTest } from "./shared.js";
import type { AuthScheme, RequestAuthentication, SchemeContext } from "./types.js";

/** The password from its private decrypt sub, and the user name from the committed ConnectionDetails. */
function basicAuthentication({ auth }: SchemeContext<"basic">): RequestAuthentication {
  return {
    prepare: [
      {
        kind: "callMicroflow",
        out: "Password",
        microflow: "SUB_ConnectionDetails_GetPassword",
        // Database storage decrypts from ConnectionDetails; a deploy-time constant needs no argument.
        args: auth.secretStorage === "database" ? [{ param: CD, value: v(CD) }] : [],
      },
    ],
    headers: [],
    basicAuth: { user: attr(CD, "Username"), password: v("Password") },
  };
}

export const basic: AuthScheme<"basic"> = {
  name: "basic",
  adminSecrets: ({ spec }) => [{ name: "Password", description: `the password of the ${spec.service.name} account` }],
  settings: ({ spec }) => [text("Username", 200, `User name of the ${spec.service.name} account the connector signs in with.`)],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  // No SUB_Request_Authenticate: the Call REST authenticates itself (see above).
  flows: () => [],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The user name and password travel with every request: TLS is their only protection, so never call the service over plain HTTP.",
    "Each Call REST sends them with its built-in HTTP authentication (Basic), the password from the private SUB_ConnectionDetails_GetPassword; no Authorization header is built in a microflow.",
  ],
  endpoints: [],
  // The password goes with every request to BaseUrl.
  secretsBoundTo: ["BaseUrl"],
  dependencies: () => [],
  connectionTest: (c) => requestTest("user name and password", basicAuthentication(c)),
  checklist: () => [],
  requestAuthentication: basicAuthentication,
  sequenceDiagrams: () => [],
};
