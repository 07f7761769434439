// oauth-authorization-code: each user authorizes the connector at the provider (PKCE S256, one-time
// state); their tokens are stored encrypted per user, and no role reads a token value.
import { PRIVATE, USE_ME } from "../folders.js";
import { encrypted, moment, OWNER_XPATH, text } from "../members.js";
import type { PlanEntity } from "../types.js";
import { authenticateFlow, clientId, HTTPS_REQUIREMENT, scopesSetting, tokenUrl } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const oauthAuthorizationCode: AuthScheme<"oauth-authorization-code"> = {
  name: "oauth-authorization-code",
  adminSecrets: ({ spec }) => [{ name: "ClientSecret", description: `the OAuth client secret registered with ${spec.service.name}` }],
  settings: ({ auth }) => [
    text("AuthorizationUrl", 2000, "OAuth authorization endpoint; HTTPS.", { defaultValue: auth.authorizationUrl }),
    tokenUrl(auth.tokenUrl),
    clientId(),
    scopesSetting(auth.scopes),
    text("RedirectPath", 200, "Path of the OAuth callback; registered exactly with the provider, served over HTTPS.", {
      defaultValue: auth.redirectPath,
    }),
  ],
  runtimeEntities: ({ roles }): PlanEntity[] => {
    const tokenAttributes = [
      encrypted("EncryptedAccessToken", "The user's access token."),
      encrypted("EncryptedRefreshToken", "The user's refresh token."),
      moment("ExpiresAt", "When the access token expires; shown to the user, refreshed by SUB_UserToken_Refresh.", { systemSet: true }),
    ];
    return [
      {
        name: "UserToken",
        documentation: "The signed-in user's OAuth tokens for the service. The owner may see when it expires and delete it (disconnect) but never read the token values.",
        purpose: "token",
        persistable: true,
        ownership: "user",
        storeOwner: true,
        attributes: tokenAttributes,
        associations: [],
        accessRules: roles
          .filter((r) => r.kind === "data")
          .map((role) => ({
            role: role.name,
            allowCreate: false,
            // Read-only roles disconnect through ACT_UserToken_Disconnect, not with a delete right.
            allowDelete: !role.readOnly,
            defaultMemberAccessRights: "None",
            members: [
              ...tokenAttributes.map((a) => ({ member: a.name, kind: "attribute" as const, rights: a.encrypted ? ("None" as const) : ("ReadOnly" as const) })),
              { member: "System.owner", kind: "system" as const, rights: "ReadOnly" as const },
            ],
            xpath: OWNER_XPATH,
            documentation: role.readOnly
              ? `${role.name} sees when their own connection expires; disconnects through ACT_UserToken_Disconnect; token values stay unreadable.`
              : `${role.name} sees when their own connection expires and may delete it to disconnect; token values stay unreadable.`,
            overridden: false,
          })),
      },
      {
        name: "AuthorizationRequest",
        documentation: "A pending authorization: the one-time state and the encrypted PKCE verifier, deleted when the callback arrives or after it expires. No role has access.",
        purpose: "authorization-request",
        persistable: true,
        ownership: "user",
        storeOwner: true,
        attributes: [
          text("State", 200, "One-time random state sent to the provider and checked once on the callback.", { systemSet: true }),
          encrypted("EncryptedCodeVerifier", "The PKCE code verifier (S256)."),
          moment("ExpiresAt", "When this request stops being accepted (a few minutes after it starts).", { systemSet: true }),
        ],
        associations: [],
        accessRules: [],
      },
    ];
  },
  runtimeSecrets: () => [
    { name: "UserAccessToken", description: "each user's access token", storage: "database", entity: "UserToken", attribute: "EncryptedAccessToken", source: "runtime" },
    { name: "UserRefreshToken", description: "each user's refresh token", storage: "database", entity: "UserToken", attribute: "EncryptedRefreshToken", source: "runtime" },
    { name: "CodeVerifier", description: "the PKCE code verifier of a pending sign-in", storage: "database", entity: "AuthorizationRequest", attribute: "EncryptedCodeVerifier", source: "runtime" },
  ],
  flows: ({ roles }) => {
    const data = roles.filter((r) => r.kind === "data").map((r) => r.name);
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
      authenticateFlow("Bearer followed by the current user's access token (refreshed when needed).", [
        { kind: "decrypt", secret: "UserAccessToken", fromEntity: "UserToken", fromAttribute: "EncryptedAccessToken" },
      ]),
    ];
  },
  requirements: ({ auth }) => [
    HTTPS_REQUIREMENT,
    "PKCE with S256 on every authorization request (RFC 9700).",
    "A one-time random state per authorization request, checked once on the callback and then deleted.",
    `The redirect URI (app root URL + ${auth.redirectPath}) is registered exactly, over HTTPS, with the provider.`,
    "Tokens are stored per user, encrypted; users may disconnect (delete their token) but never read token values.",
    "No implicit or password grant.",
  ],
  dependencies: () => [],
};
