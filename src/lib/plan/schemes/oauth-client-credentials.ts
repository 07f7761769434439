// oauth-client-credentials: server to server; the client secret goes only to the token endpoint,
// and the access token is cached encrypted in an entity no role can reach.
import { encrypted, moment } from "../members.js";
import { PRIVATE } from "../folders.js";
import { sequenceDiagram } from "./diagrams.js";
import { authenticateFlow, bearerFromAuthenticate, clientId, HTTPS_REQUIREMENT, scopesSetting, tokenUrl } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const oauthClientCredentials: AuthScheme<"oauth-client-credentials"> = {
  name: "oauth-client-credentials",
  adminSecrets: ({ spec }) => [{ name: "ClientSecret", description: `the OAuth client secret registered with ${spec.service.name}` }],
  settings: ({ auth }) => [tokenUrl(auth.tokenUrl), clientId(), scopesSetting(auth.scopes)],
  runtimeEntities: () => [
    {
      name: "AccessToken",
      documentation: "The cached server-to-server access token (client credentials grant). Only the connector's private microflows use it; no role has access.",
      purpose: "token",
      persistable: true,
      ownership: "shared",
      storeOwner: false,
      attributes: [
        encrypted("EncryptedValue", "The access token."),
        moment("ExpiresAt", "When the token expires; a new one is requested shortly before.", { systemSet: true }),
      ],
      associations: [],
      accessRules: [],
    },
  ],
  runtimeSecrets: () => [
    { name: "AccessToken", description: "the cached access token", storage: "database", entity: "AccessToken", attribute: "EncryptedValue", source: "runtime" },
  ],
  flows: () => [
    {
      name: "SUB_AccessToken_GetValid",
      folder: PRIVATE,
      documentation: "Returns a valid access token: the cached one when it expires more than a minute from now, otherwise a new one from the token endpoint (client credentials grant), stored encrypted. Private: no allowed roles.",
      allowedRoles: [],
      applyEntityAccess: false,
      parameters: [],
      returnType: "String",
      steps: [
        { kind: "decrypt", secret: "AccessToken", fromEntity: "AccessToken", fromAttribute: "EncryptedValue" },
        { kind: "note", text: "If missing or expiring: POST grant_type=client_credentials with ClientId and SUB_ConnectionDetails_GetClientSecret to TokenUrl; encrypt the new token into AccessToken.EncryptedValue; set ExpiresAt." },
      ],
    },
    authenticateFlow("Bearer followed by the access token.", [{ kind: "note", text: "Token from SUB_AccessToken_GetValid." }]),
  ],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The client secret stays on the server and is sent only to the token endpoint, never with API requests.",
    "Access tokens are cached encrypted and requested again shortly before they expire.",
    "No implicit or password grant.",
  ],
  endpoints: ["TokenUrl"],
  // The client secret goes to TokenUrl; the tokens obtained with it go to BaseUrl.
  secretsBoundTo: ["BaseUrl", "TokenUrl"],
  dependencies: () => [],
  connectionTest: () => ({
    proves:
      "a fresh client-credentials token request to TokenUrl (not cached): success proves the client id, client secret and scopes; " +
      "then a GET on BaseUrl with that token proves the service accepts it.",
    steps: [
      { kind: "note", text: "POST grant_type=client_credentials with ClientId and SUB_ConnectionDetails_GetClientSecret to TokenUrl; do not store the token. An error response names the cause (invalid_client: wrong id or secret; invalid_scope: a scope the client may not request; RFC 6749 section 5.2)." },
      { kind: "note", text: "GET BaseUrl with Authorization: Bearer <that token>. Report success or the HTTP status; never show the token or the secret." },
    ],
  }),
  checklist: () => [],
  requestAuthentication: () => bearerFromAuthenticate(),
  sequenceDiagrams: () => [
    sequenceDiagram("Client credentials: an API call", [
      "participant App as Connector microflows",
      "participant Token as Token endpoint (TokenUrl)",
      "participant Api as Service (BaseUrl)",
      "App->>App: SUB_AccessToken_GetValid reads the cached AccessToken",
      "alt no cached token, or it expires within a minute",
      "App->>Token: POST grant_type=client_credentials, authenticated with the client id and the decrypted client secret",
      "Token-->>App: access token and its lifetime",
      "App->>App: encrypt the token (Encryption module), store it in AccessToken with ExpiresAt",
      "else a cached token still valid",
      "App->>App: decrypt the cached token",
      "end",
      "App->>Api: request with the header Authorization: Bearer and the token",
      "Api-->>App: response",
    ]),
  ],
};
