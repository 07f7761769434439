// oauth-client-credentials: server to server; the client secret goes only to the token endpoint,
// and the access token is cached encrypted in an entity no role can reach, bound to the endpoints
// it was obtained for. The token request itself is oauth-token.ts (RFC 6749 section 4.4).
import { endpointsDiffer, recordEndpoints } from "../connection.js";
import { CD, decryptCall, encryptCall } from "../connection-steps.js";
import { PRIVATE } from "../folders.js";
import { sequenceDiagram } from "./diagrams.js";
import { encrypted, moment, text } from "../members.js";
import { attr, bool, empty, fn, httpStatus, int, not, op, str, token, v, type Expr, type MicroflowStep } from "../steps.js";
import type { PlanMicroflow } from "../types.js";
import {
  bearer,
  expiresInSteps,
  LATEST_RESPONSE,
  tokenImportMapping,
  tokenJsonStructure,
  tokenRequestSteps,
  tokenResponseEntity,
  type TokenFailure,
} from "./oauth-token.js";
import { authenticateFlow, baseUrlTestSteps, bearerFromAuthenticate, clientId, HTTPS_REQUIREMENT, scopesSetting, tokenUrl } from "./shared.js";
import type { AuthScheme, SchemeContext } from "./types.js";

export const GET_TOKEN = "SUB_AccessToken_GetValid";
/** Seconds before expiry at which a cached token is no longer used. */
const MARGIN_SECONDS = 60;
/** IssuedForBaseUrl, IssuedForTokenUrl: the attribute recording one endpoint value a cached token was obtained for. */
export const issuedFor = (endpoint: string): string => `IssuedFor${endpoint}`;
/** The token goes to BaseUrl; it was obtained from TokenUrl with the client secret. */
const BOUND = ["BaseUrl", "TokenUrl"] as const;

type Context = SchemeContext<"oauth-client-credentials">;

const databaseSecret = ({ auth }: Context) => auth.secretStorage === "database";

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
        ...BOUND.map((endpoint) =>
          text(issuedFor(endpoint), 0, `The exact value of ${endpoint} the token was obtained for: it is used only while it and every other bound endpoint are unchanged.`, { systemSet: true })),
      ],
      associations: [],
      accessRules: [],
    },
    tokenResponseEntity(),
  ],
  runtimeSecrets: () => [
    { name: "AccessToken", description: "the cached access token", storage: "database", entity: "AccessToken", attribute: "EncryptedValue", source: "runtime" },
  ],
  flows: (c) => [
    getValidFlow(c),
    authenticateFlow("Bearer followed by a valid access token from SUB_AccessToken_GetValid; empty when there is none. Never logs or shows the token.", [
      { kind: "callMicroflow", out: "AccessToken", microflow: GET_TOKEN, args: [] },
      { kind: "decision", caption: "No token?", condition: op(v("AccessToken"), "=", empty), then: [{ kind: "return", value: empty }], else: [] },
      { kind: "return", value: bearer(v("AccessToken")) },
    ]),
  ],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The client secret stays on the server and is sent only to the token endpoint, never with API requests.",
    "Access tokens are cached encrypted and requested again shortly before they expire.",
    "No implicit or password grant.",
  ],
  endpoints: ["TokenUrl"],
  // The client secret goes to TokenUrl; the tokens obtained with it go to BaseUrl.
  secretsBoundTo: [...BOUND],
  dependencies: () => [],
  connectionTest: (c) => ({
    proves:
      "a fresh client-credentials token request to TokenUrl (not cached): success proves the client id, client secret and scopes; " +
      "then a GET on BaseUrl with that token: 401 or 403 means the service refuses the token; 2xx means it accepted the request, which proves the token where BaseUrl requires authentication.",
    steps: testSteps(c),
  }),
  checklist: () => [],
  requestAuthentication: () => bearerFromAuthenticate(),
  sequenceDiagrams: () => [
    sequenceDiagram("Client credentials: an API call", [
      "participant App as Connector microflows",
      "participant Token as Token endpoint (TokenUrl)",
      "participant Api as Service (BaseUrl)",
      "App->>App: SUB_AccessToken_GetValid reads the cached AccessToken",
      "alt no cached token, it expires within a minute, or it was obtained for other endpoints",
      "App->>Token: POST grant_type=client_credentials, authenticated with the client id and the decrypted client secret",
      "Token-->>App: access token and its lifetime (JSON, read by IMM_TokenResponse into a TokenResponse never stored)",
      "App->>App: encrypt the token (Encryption module), store it in AccessToken with ExpiresAt and the endpoints it was obtained for",
      "else a cached token still valid",
      "App->>App: decrypt the cached token",
      "end",
      "App->>Api: request with the header Authorization: Bearer and the token",
      "Api-->>App: response",
    ]),
  ],
  documents: () => ({ jsonStructures: [tokenJsonStructure()], importMappings: [tokenImportMapping()] }),
};

/** The client-credentials grant (RFC 6749 section 4.4.2): grant_type and scope. */
function grant(c: Context, onFailure?: (why: TokenFailure) => MicroflowStep[]): MicroflowStep[] {
  return tokenRequestSteps({
    grantType: "client_credentials",
    fields: [{ name: "scope", value: attr(CD, "Scopes") }],
    out: "TokenResponse",
    node: c.spec.module,
    databaseSecret: databaseSecret(c),
    ...(onFailure ? { onFailure } : {}),
  });
}

/**
 * SUB_AccessToken_GetValid: the cached token while it expires more than a minute from now and was
 * obtained for the current BaseUrl and TokenUrl; otherwise a new one from the token endpoint,
 * encrypted into the one AccessToken object (created or changed) and committed. Empty on failure.
 */
function getValidFlow(c: Context): PlanMicroflow {
  const cached = v("AccessToken");
  // A function, so the change and the create hold their own members (nothing in a plan is shared).
  const stored = () => [
    { attribute: "EncryptedValue", value: v("EncryptedToken") },
    { attribute: "ExpiresAt", value: fn("addSeconds", token("CurrentDateTime"), v("ExpiresIn")) },
    ...recordEndpoints(CD, BOUND, issuedFor),
  ];
  const issued = attr("TokenResponse", "AccessToken");
  return {
    name: GET_TOKEN,
    folder: PRIVATE,
    documentation:
      `Returns a valid access token: the cached one while it expires more than ${MARGIN_SECONDS} seconds from now and was obtained for the current ${BOUND.join(" and ")}; ` +
      "otherwise a new one from the token endpoint (client credentials grant, HTTP Basic client authentication), stored encrypted in the one AccessToken object. " +
      "Returns empty and logs the cause (at most the HTTP status, never a value) when no token can be had. Private: no allowed roles; never log or show its result.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [],
    returnType: "String",
    steps: [
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      {
        kind: "decision",
        caption: "No connection settings?",
        condition: op(v(CD), "=", empty),
        then: [
          { kind: "log", level: "Warning", node: c.spec.module, message: { text: "No OAuth token requested: the connection settings are not saved.", args: [] } },
          { kind: "return", value: empty },
        ],
        else: [],
      },
      { kind: "retrieve", out: "AccessToken", entity: "AccessToken", where: [], first: true },
      {
        kind: "decision",
        caption: "Cached token valid for another minute, for these endpoints?",
        condition: op(
          op(op(cached, "!=", empty), "and", op(attr("AccessToken", "ExpiresAt"), ">", fn("addSeconds", token("CurrentDateTime"), int(MARGIN_SECONDS)))),
          "and",
          // Issue 20: each endpoint compared with its own recorded value, never one joined text.
          not(endpointsDiffer(CD, BOUND, issuedFor, "AccessToken")),
        ),
        then: [decryptCall("CachedToken", attr("AccessToken", "EncryptedValue")), { kind: "return", value: v("CachedToken") }],
        else: [],
      },
      ...grant(c),
      ...expiresInSteps("TokenResponse", "ExpiresIn"),
      encryptCall("EncryptedToken", issued),
      {
        kind: "decision",
        caption: "A token object exists?",
        condition: op(cached, "!=", empty),
        then: [
          { kind: "change", variable: "AccessToken", members: stored() },
          { kind: "commit", variable: "AccessToken", events: true },
          { kind: "return", value: issued },
        ],
        else: [],
      },
      { kind: "create", out: "NewAccessToken", entity: "AccessToken", members: stored() },
      { kind: "commit", variable: "NewAccessToken", events: true },
      { kind: "return", value: issued },
    ],
  };
}

/** What the Administrator reads for each way a fresh token request fails: the cause, never a value. */
function testFailure(why: TokenFailure): MicroflowStep[] {
  const fail = (text: string, args: Expr[] = []): MicroflowStep[] => [
    { kind: "showMessage", level: "Error", message: { text, args } },
    { kind: "return", value: bool(false) },
  ];
  const content = attr(LATEST_RESPONSE, "Content");
  switch (why) {
    case "no-secret":
      return fail("The client secret is not set, or it was entered for other endpoints. Enter it again and save.");
    case "no-answer":
      return fail("The token endpoint did not answer (network or TLS error). Check TokenUrl.");
    case "not-bearer":
      return fail("The token endpoint issued a token that is not a Bearer token; the connector cannot use it.");
    case "refused":
      return [
        {
          kind: "decision",
          caption: "Client authentication refused (invalid_client)?",
          // RFC 6749 section 5.2: invalid_client, with 401 when the client used HTTP Basic.
          condition: op(op(httpStatus, "=", int(401)), "or", op(op(content, "!=", empty), "and", op(fn("find", content, str("invalid_client")), ">=", int(0)))),
          then: fail("The token endpoint refused the client id or client secret (invalid_client). Check ClientId and enter the client secret again."),
          else: [],
        },
        ...fail("The token endpoint gave no access token (HTTP status {1}). Check TokenUrl, the scopes and the grants the client may use.", [httpStatus]),
      ];
  }
}

/**
 * ACT_ConnectionDetails_Test for client credentials, after the committed ConnectionDetails is in
 * $ConnectionDetails (the Test flow runs without entity access, so the TokenResponse the mapping
 * makes needs no role): a fresh token request, never stored, so a test cannot replace the cached
 * token; then the shared GET on BaseUrl with that token. Each outcome is a message with at most the
 * HTTP status.
 */
function testSteps(c: Context): MicroflowStep[] {
  return [
    ...grant(c, testFailure),
    ...baseUrlTestSteps(
      { prepare: [], headers: [{ name: "Authorization", value: bearer(attr("TokenResponse", "AccessToken")) }] },
      "The token endpoint issued a token, but the service refused it",
    ),
  ];
}
