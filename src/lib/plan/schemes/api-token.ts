// api-token: an encrypted API token sent in a configurable header with every request.
import { CD } from "../connection-steps.js";
import { text } from "../members.js";
import { attr, empty, fn, op, str, v } from "../steps.js";
import { authenticateFlow, HTTPS_REQUIREMENT, requestTest } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const apiToken: AuthScheme<"api-token"> = {
  name: "api-token",
  adminSecrets: ({ spec }) => [{ name: "ApiToken", description: `the ${spec.service.name} API token` }],
  settings: ({ auth }) => [
    text("HeaderName", 200, "HTTP header that carries the API token.", { defaultValue: auth.headerName }),
    text("TokenPrefix", 200, "Text put before the token in the header (e.g. Bearer); empty for none.", { defaultValue: auth.tokenPrefix }),
  ],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: ({ auth }) => [
    authenticateFlow("TokenPrefix and a space followed by the API token (the token alone when TokenPrefix is blank), for the header named in HeaderName. Never logs or shows the token.", [
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      {
        kind: "callMicroflow",
        out: "ApiToken",
        microflow: "SUB_ConnectionDetails_GetApiToken",
        // Database storage decrypts from ConnectionDetails; a deploy-time constant needs no argument.
        args: "secretStorage" in auth && auth.secretStorage === "database" ? [{ param: CD, value: v(CD) }] : [],
      },
      {
        kind: "decision",
        caption: "A token prefix set?",
        condition: op(op(attr(CD, "TokenPrefix"), "!=", empty), "and", op(fn("trim", attr(CD, "TokenPrefix")), "!=", str(""))),
        then: [{ kind: "return", value: op(op(fn("trim", attr(CD, "TokenPrefix")), "+", str(" ")), "+", v("ApiToken")) }],
        else: [],
      },
      { kind: "return", value: v("ApiToken") },
    ]),
  ],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The API token travels with every request: TLS is its only protection, so never call the service over plain HTTP.",
  ],
  // The header name decides where the token goes: a changed header (e.g. Referer, or one a proxy
  // logs or forwards) can hand the token to someone else, so it counts as an endpoint.
  endpoints: ["HeaderName"],
  secretsBoundTo: ["BaseUrl", "HeaderName"],
  dependencies: () => [],
  connectionTest: () => requestTest("API token"),
  checklist: () => [],
};
