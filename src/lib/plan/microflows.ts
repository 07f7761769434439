// Microflow skeletons by Mendix conventions (ACT_, DS_, SUB_): public API in _USE_ME, helpers
// that touch secrets in Private with no allowed roles, so a client can never call them.
import type { Spec } from "../spec/schema.js";
import { adminSecrets, PRIVATE, usesDatabaseSecrets, USE_ME } from "./connection.js";
import type { PlanMicroflow, PlanMicroflowStep, PlanRole } from "./types.js";

export function buildMicroflows(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  const configuration = roles.filter((r) => r.kind === "configuration").map((r) => r.name);
  const configurationWriters = roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name);
  const data = roles.filter((r) => r.kind === "data").map((r) => r.name);
  const database = usesDatabaseSecrets(spec);
  const secrets = adminSecrets(spec);

  const flows: PlanMicroflow[] = [
    {
      name: "DS_ConnectionDetails_Get",
      folder: USE_ME,
      documentation:
        "Returns the single ConnectionDetails object, creating it with the generated defaults when none exists. " +
        "Entity access is off because no role may create ConnectionDetails; it only ever returns that one object.",
      allowedRoles: configuration,
      applyEntityAccess: false,
      parameters: [],
      returnType: "ConnectionDetails",
      steps: [{ kind: "note", text: "Retrieve the first ConnectionDetails from the database; create and commit one if there is none." }],
    },
    {
      name: "ACT_ConnectionDetails_Save",
      folder: USE_ME,
      documentation:
        "Validates and commits the connection settings" +
        (database ? " and encrypts each newly entered secret with the Encryption module (then sets its IsSet flag). " : ". ") +
        "Entity access is off because the encrypted attributes are writable by no role; it writes only what it validated.",
      allowedRoles: configurationWriters,
      applyEntityAccess: false,
      parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }, ...(database ? [{ name: "SecretInput", type: "SecretInput" }] : [])],
      returnType: "Nothing",
      steps: [
        { kind: "note", text: "Refuse a BaseUrl (and token or authorization URL) that does not start with https://." },
        ...(database
          ? secrets.map((s): PlanMicroflowStep => ({
              kind: "encrypt",
              secret: s.name,
              from: `SecretInput/${s.name}`,
              toEntity: "ConnectionDetails",
              toAttribute: `Encrypted${s.name}`,
              isSetAttribute: `${s.name}IsSet`,
            }))
          : []),
        { kind: "note", text: "Commit ConnectionDetails; delete SecretInput." },
      ],
    },
    {
      name: "ACT_ConnectionDetails_Test",
      folder: USE_ME,
      documentation: `Calls ${spec.service.name} once with the saved settings and shows whether the connection works. Never shows a secret.`,
      allowedRoles: configuration,
      applyEntityAccess: true,
      parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }],
      returnType: "Boolean",
      steps: [{ kind: "note", text: "Call a cheap endpoint of the service through SUB_Request_Authenticate; report success or the HTTP status." }],
    },
    ...secrets.map((s): PlanMicroflow => ({
      name: `SUB_ConnectionDetails_Get${s.name}`,
      folder: PRIVATE,
      documentation: `Returns ${s.description} in plain text for one outgoing request. Private: no allowed roles, never call it from a page; never log or show its result.`,
      allowedRoles: [],
      applyEntityAccess: false,
      parameters: database ? [{ name: "ConnectionDetails", type: "ConnectionDetails" }] : [],
      returnType: "String",
      steps: [
        database
          ? { kind: "decrypt", secret: s.name, fromEntity: "ConnectionDetails", fromAttribute: `Encrypted${s.name}` }
          : { kind: "readConstant", secret: s.name, constant: `${spec.module}.${s.name}` },
      ],
    })),
    ...schemeFlows(spec, data),
  ];
  return flows;
}

function schemeFlows(spec: Spec, data: string[]): PlanMicroflow[] {
  const authenticate = (documentation: string, steps: PlanMicroflowStep[]): PlanMicroflow => ({
    name: "SUB_Request_Authenticate",
    folder: PRIVATE,
    documentation: `Returns the HTTP header value that authenticates one request: ${documentation} Private: no allowed roles.`,
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [],
    returnType: "String",
    steps,
  });
  switch (spec.auth.scheme) {
    case "basic":
      return [authenticate("Basic base64(Username:Password).", [{ kind: "note", text: "Username from ConnectionDetails; password from SUB_ConnectionDetails_GetPassword; Basic base64(user:password)." }])];
    case "api-token":
      return [authenticate("TokenPrefix followed by the API token, for the header named in HeaderName.", [{ kind: "note", text: "Token from SUB_ConnectionDetails_GetApiToken; prefix and header name from ConnectionDetails." }])];
    case "oauth-client-credentials":
      return [
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
        authenticate("Bearer followed by the access token.", [{ kind: "note", text: "Token from SUB_AccessToken_GetValid." }]),
      ];
    case "oauth-authorization-code":
      return [
        {
          name: "ACT_UserToken_Authorize",
          folder: USE_ME,
          documentation:
            "Starts the sign-in at the provider for the current user: creates an AuthorizationRequest with a one-time state and an encrypted PKCE verifier (S256), then opens the authorization URL. " +
            "Entity access is off because no role may create AuthorizationRequest.",
          allowedRoles: data,
          applyEntityAccess: false,
          parameters: [],
          returnType: "Nothing",
          steps: [{ kind: "note", text: "Generate state and code verifier; store state and encrypted verifier; redirect to AuthorizationUrl with code_challenge_method=S256." }],
        },
        {
          name: "ACT_UserToken_Callback",
          folder: USE_ME,
          documentation:
            "Handles the provider's redirect: accepts the state once (then deletes the AuthorizationRequest), exchanges the code with the PKCE verifier, and stores the tokens encrypted in the user's UserToken. " +
            "Entity access is off because token values are writable by no role.",
          allowedRoles: data,
          applyEntityAccess: false,
          parameters: [{ name: "Code", type: "String" }, { name: "State", type: "String" }],
          returnType: "Nothing",
          steps: [
            { kind: "decrypt", secret: "CodeVerifier", fromEntity: "AuthorizationRequest", fromAttribute: "EncryptedCodeVerifier" },
            { kind: "note", text: "Reject an unknown, expired or reused state. POST the code, verifier, ClientId and client secret to TokenUrl; encrypt both tokens into UserToken; set ExpiresAt." },
          ],
        },
        {
          name: "SUB_UserToken_Refresh",
          folder: PRIVATE,
          documentation: "Exchanges the current user's refresh token for new tokens shortly before the access token expires. Private: no allowed roles.",
          allowedRoles: [],
          applyEntityAccess: false,
          parameters: [{ name: "UserToken", type: "UserToken" }],
          returnType: "Nothing",
          steps: [
            { kind: "decrypt", secret: "UserRefreshToken", fromEntity: "UserToken", fromAttribute: "EncryptedRefreshToken" },
            { kind: "note", text: "POST grant_type=refresh_token to TokenUrl; encrypt the new tokens; set ExpiresAt." },
          ],
        },
        {
          name: "ACT_UserToken_Disconnect",
          folder: USE_ME,
          documentation:
            "Deletes the current user's own UserToken (disconnect). It retrieves the token itself with the owner constraint " +
            "instead of taking one from the client, so entity access is off and read-only roles can disconnect too.",
          allowedRoles: data,
          applyEntityAccess: false,
          parameters: [],
          returnType: "Nothing",
          steps: [{ kind: "note", text: "Retrieve UserToken where [System.owner='[%CurrentUser%]']; delete it (optionally revoke it at the provider first)." }],
        },
        authenticate("Bearer followed by the current user's access token (refreshed when needed).", [
          { kind: "decrypt", secret: "UserAccessToken", fromEntity: "UserToken", fromAttribute: "EncryptedAccessToken" },
        ]),
      ];
    default:
      return [];
  }
}
