// api-token: an encrypted API token sent in a configurable header with every request.
import { text } from "../members.js";
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
  flows: () => [
    authenticateFlow("TokenPrefix followed by the API token, for the header named in HeaderName.", [
      { kind: "note", text: "Token from SUB_ConnectionDetails_GetApiToken; prefix and header name from ConnectionDetails." },
    ]),
  ],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The API token travels with every request: TLS is its only protection, so never call the service over plain HTTP.",
  ],
  // The header name decides where the token goes: a changed header (e.g. Referer, or one a proxy
  // logs or forwards) can hand the token to someone else, so it counts as an endpoint.
  endpoints: ["HeaderName"],
  dependencies: () => [],
  connectionTest: () => requestTest("API token"),
  checklist: () => [],
};
