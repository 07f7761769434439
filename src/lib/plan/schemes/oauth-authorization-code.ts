// oauth-authorization-code: each user authorizes the connector at the provider (PKCE S256, one-time
// state bound to the user); their tokens are stored encrypted per user, linked to System.User, and
// no role reads a token value. Sources: RFC 6749 sections 4.1, 10.5, 10.12; RFC 9700 sections
// 2.1.1, 2.3, 4.5, 4.7; docs.mendix.com/refguide/microflow/ (microflow URLs).
import { PRIVATE, USE_ME } from "../folders.js";
import { pkceJavaActions } from "../java-actions.js";
import { encrypted, moment, ownerAssociation, ownerXPath, text } from "../members.js";
import type { PlanEntity, PlanRole } from "../types.js";
import { sequenceDiagram } from "./diagrams.js";
import { authenticateFlow, bearerFromAuthenticate, clientId, HTTPS_REQUIREMENT, scopesSetting, tokenUrl } from "./shared.js";
import type { AuthScheme, SchemeContext } from "./types.js";

export const AUTHORIZE = "ACT_UserToken_Authorize";
export const CALLBACK = "ACT_UserToken_Callback";
export const CLEANUP = "SUB_AuthorizationRequest_DeleteExpired";
/** Minutes an authorization request is accepted: long enough to sign in at the provider. */
const REQUEST_MINUTES = 10;

/** The callback's microflow URL path (Mendix serves it at <app root>/p/<path>). */
function callbackPath(redirectPath: string): string {
  return redirectPath.replace(/^\/+/, "");
}

/**
 * Data roles that may authorize: every role that is not read-only; a read-only role only when the
 * spec lists read-only scopes for it, so it never obtains a token that can write (RFC 9700 2.3).
 */
function authorizers(c: SchemeContext<"oauth-authorization-code">): PlanRole[] {
  return c.roles.filter((r) => r.kind === "data" && (!r.readOnly || c.auth.readOnlyScopes.length > 0));
}

export const oauthAuthorizationCode: AuthScheme<"oauth-authorization-code"> = {
  name: "oauth-authorization-code",
  adminSecrets: ({ spec }) => [{ name: "ClientSecret", description: `the OAuth client secret registered with ${spec.service.name}` }],
  settings: ({ auth }) => [
    text("AuthorizationUrl", 2000, "OAuth authorization endpoint; HTTPS.", { defaultValue: auth.authorizationUrl }),
    tokenUrl(auth.tokenUrl),
    clientId(),
    scopesSetting(auth.scopes),
    text("RedirectPath", 200, `Path of the OAuth callback (the microflow URL of ${CALLBACK}); fixed in the model, registered exactly with the provider, served over HTTPS.`, {
      defaultValue: `/p/${callbackPath(auth.redirectPath)}`,
      systemSet: true,
    }),
  ],
  endpoints: ["AuthorizationUrl", "TokenUrl"],
  // The client secret goes to TokenUrl; AuthorizationUrl decides which provider issues the code it
  // is exchanged with; the tokens obtained with it go to BaseUrl.
  secretsBoundTo: ["BaseUrl", "AuthorizationUrl", "TokenUrl"],
  runtimeEntities: ({ spec, roles }): PlanEntity[] => {
    const tokenLink = ownerAssociation("UserToken", "the user's tokens");
    const requestLink = ownerAssociation("AuthorizationRequest", "the user's pending authorizations");
    const tokenAttributes = [
      encrypted("EncryptedAccessToken", "The user's access token."),
      encrypted("EncryptedRefreshToken", "The user's refresh token."),
      moment("ExpiresAt", "When the access token expires; shown to the user, refreshed by SUB_UserToken_Refresh.", { systemSet: true }),
    ];
    return [
      {
        name: "UserToken",
        documentation: "The user's OAuth tokens for the service, linked to the user by UserToken_User (deleted with the user). The user may see when it expires and disconnect, but never read the token values.",
        purpose: "token",
        persistable: true,
        ownership: "user",
        storeOwner: false,
        ownerAssociation: tokenLink.name,
        attributes: tokenAttributes,
        associations: [tokenLink],
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
              { member: tokenLink.name, kind: "association" as const, rights: "ReadOnly" as const },
            ],
            // Always the user's own token, whatever the role's reach on data: nobody sees another user's connection.
            xpath: ownerXPath(spec.module, "UserToken"),
            documentation: role.readOnly
              ? `${role.name} sees when their own connection expires; disconnects through ACT_UserToken_Disconnect; token values stay unreadable.`
              : `${role.name} sees when their own connection expires and may delete it to disconnect; token values stay unreadable.`,
            overridden: false,
          })),
      },
      {
        name: "AuthorizationRequest",
        documentation:
          `A pending authorization of one user (AuthorizationRequest_User): the one-time state and the encrypted PKCE verifier. ` +
          `${CALLBACK} deletes it on first use; ${CLEANUP} deletes it after ${REQUEST_MINUTES} minutes. No role has access.`,
        purpose: "authorization-request",
        persistable: true,
        ownership: "user",
        storeOwner: false,
        ownerAssociation: requestLink.name,
        attributes: [
          text("State", 200, "One-time random state sent to the provider and checked once on the callback.", { systemSet: true }),
          encrypted("EncryptedCodeVerifier", "The PKCE code verifier (S256)."),
          moment("ExpiresAt", `When this request stops being accepted (${REQUEST_MINUTES} minutes after it starts).`, { systemSet: true }),
        ],
        associations: [requestLink],
        accessRules: [],
      },
    ];
  },
  runtimeSecrets: () => [
    { name: "UserAccessToken", description: "each user's access token", storage: "database", entity: "UserToken", attribute: "EncryptedAccessToken", source: "runtime" },
    { name: "UserRefreshToken", description: "each user's refresh token", storage: "database", entity: "UserToken", attribute: "EncryptedRefreshToken", source: "runtime" },
    { name: "CodeVerifier", description: "the PKCE code verifier of a pending sign-in", storage: "database", entity: "AuthorizationRequest", attribute: "EncryptedCodeVerifier", source: "runtime" },
  ],
  flows: (c) => {
    const { spec, auth, roles } = c;
    const m = spec.module;
    const data = roles.filter((r) => r.kind === "data").map((r) => r.name);
    const allowed = authorizers(c).map((r) => r.name);
    const full = roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name);
    const scopeChoice =
      auth.readOnlyScopes.length > 0
        ? `Scope: the Scopes setting when the current user has a data role that is not read-only (${full.join(", ")}); otherwise only the read-only scopes "${auth.readOnlyScopes.join(" ")}".`
        : `Scope: the Scopes setting. Read-only roles are not allowed to run this microflow (no read-only scopes in the spec), so they never obtain a token that can write.`;
    return [
      {
        name: AUTHORIZE,
        folder: USE_ME,
        documentation:
          "Starts the authorization at the provider for the current user: creates an AuthorizationRequest linked to the user with a one-time state and an encrypted PKCE verifier (S256), then opens the authorization URL. " +
          `${scopeChoice} Entity access is off because no role may create AuthorizationRequest.`,
        allowedRoles: [...allowed],
        applyEntityAccess: false,
        parameters: [],
        returnType: "Nothing",
        steps: [
          { kind: "note", text: `Create AuthorizationRequest: AuthorizationRequest_User = [%CurrentUser%]; State = 32 random bytes, base64url; ExpiresAt = [%CurrentDateTime%] + ${REQUEST_MINUTES} minutes.` },
          { kind: "note", text: "Code verifier = 32 random bytes, base64url (RFC 7636); store it encrypted (Encryption.EncryptString with the module's key) in EncryptedCodeVerifier; commit." },
          { kind: "note", text: scopeChoice },
          { kind: "note", text: "Open AuthorizationUrl?response_type=code&client_id=ClientId&redirect_uri=<app root URL>" + `/p/${callbackPath(auth.redirectPath)}&scope=<scope>&state=State&code_challenge=BASE64URL(SHA256(verifier))&code_challenge_method=S256.` },
        ],
      },
      {
        name: CALLBACK,
        folder: USE_ME,
        documentation:
          `The OAuth redirect target: its microflow URL ${callbackPath(auth.redirectPath)} (query parameters code and state; Studio Pro 10.9+) is served at <app root URL>/p/${callbackPath(auth.redirectPath)}, ` +
          "and runs in the signed-in user's session, so it knows the current user. A published REST operation would need an X-Csrf-Token header that a browser redirect cannot send. " +
          "It accepts only an AuthorizationRequest with this state that belongs to the current user and has not expired, deletes it before anything else (one use), and only then decrypts the PKCE verifier and exchanges the code. " +
          "Entity access is off because token values are writable by no role.",
        allowedRoles: [...allowed],
        applyEntityAccess: false,
        parameters: [{ name: "code", type: "String" }, { name: "state", type: "String" }],
        returnType: "Nothing",
        url: { path: callbackPath(auth.redirectPath), queryParameters: ["code", "state"] },
        steps: [
          { kind: "note", text: `Retrieve from database the first AuthorizationRequest where [State = $state and ${m}.AuthorizationRequest_User = '[%CurrentUser%]']. None: show an error and stop (unknown state, another user's state, or already used: a forged or replayed callback, RFC 6749 section 10.12, RFC 9700 section 4.7).` },
          { kind: "note", text: "If ExpiresAt < [%CurrentDateTime%]: delete the request, commit, show an error and stop." },
          { kind: "note", text: "Copy EncryptedCodeVerifier into a variable; delete the AuthorizationRequest and commit the delete now, before the code exchange, so the state can never be used twice. " +
            "A microflow is one database transaction, so an error later rolls this delete back: give every later action that can fail (decrypt, token POST) error handling \"Custom without rollback\" whose path shows the error and ends normally, never in an error event (docs.mendix.com/refguide/error-event/)." },
          { kind: "decrypt", secret: "CodeVerifier", fromEntity: "AuthorizationRequest", fromAttribute: "EncryptedCodeVerifier" },
          { kind: "note", text: "If $code is empty (the provider sent error=...): show the error and stop. Otherwise POST grant_type=authorization_code, code, redirect_uri, code_verifier, ClientId and SUB_ConnectionDetails_GetClientSecret to TokenUrl." },
          { kind: "note", text: `Retrieve the current user's UserToken ([${m}.UserToken_User = '[%CurrentUser%]']) or create one with UserToken_User = [%CurrentUser%]; encrypt the access and refresh tokens into it; set ExpiresAt; commit; show the page the user came from.` },
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
          { kind: "note", text: "POST grant_type=refresh_token to TokenUrl; encrypt the new tokens; set ExpiresAt; commit." },
        ],
      },
      {
        name: "ACT_UserToken_Disconnect",
        folder: USE_ME,
        documentation:
          "Deletes the current user's own UserToken (disconnect). It retrieves the token itself by UserToken_User " +
          "instead of taking one from the client, so entity access is off and read-only roles can disconnect too.",
        allowedRoles: [...data],
        applyEntityAccess: false,
        parameters: [],
        returnType: "Nothing",
        steps: [{ kind: "note", text: `Retrieve UserToken where [${m}.UserToken_User = '[%CurrentUser%]']; delete it and commit (optionally revoke it at the provider first).` }],
      },
      {
        name: CLEANUP,
        folder: PRIVATE,
        documentation:
          `Deletes every AuthorizationRequest whose ExpiresAt has passed (abandoned sign-ins). Run it from a scheduled event every 15 minutes; ` +
          "create the scheduled event in Studio Pro (the kit's scripts do not create scheduled events). Private: no allowed roles.",
        allowedRoles: [],
        applyEntityAccess: false,
        parameters: [],
        returnType: "Nothing",
        steps: [{ kind: "note", text: "Retrieve AuthorizationRequest where [ExpiresAt < '[%CurrentDateTime%]'] in batches of 1000; delete each batch and commit." }],
      },
      authenticateFlow("Bearer followed by the current user's access token (refreshed when needed).", [
        { kind: "note", text: `Retrieve the current user's UserToken ([${m}.UserToken_User = '[%CurrentUser%]']); none: ask the user to connect (${AUTHORIZE}). Expiring within a minute: SUB_UserToken_Refresh.` },
        { kind: "decrypt", secret: "UserAccessToken", fromEntity: "UserToken", fromAttribute: "EncryptedAccessToken" },
      ]),
    ];
  },
  requirements: (c) => [
    HTTPS_REQUIREMENT,
    "PKCE with S256 on every authorization request (RFC 9700 section 2.1.1).",
    "A one-time random state per authorization request, bound to the user who started it, expiring after " +
      `${REQUEST_MINUTES} minutes, checked once on the callback and deleted before the code is exchanged (RFC 6749 section 10.12; RFC 9700 section 4.7).`,
    `The redirect URI (app root URL + /p/${callbackPath(c.auth.redirectPath)}, the callback's microflow URL) is registered exactly, over HTTPS, with the provider (RFC 9700 section 4.1).`,
    "Tokens are stored per user, encrypted, linked to the user and deleted with them; users may disconnect but never read token values.",
    c.auth.readOnlyScopes.length > 0
      ? `Users with only read-only roles request only the read-only scopes (${c.auth.readOnlyScopes.join(" ")}), never the full Scopes (RFC 9700 section 2.3).`
      : "Read-only roles cannot authorize: they never obtain a token, so never one that can write (RFC 9700 section 2.3).",
    "No implicit or password grant.",
  ],
  dependencies: () => [],
  javaActions: () => pkceJavaActions(PRIVATE),
  connectionTest: () => ({
    proves:
      "the Administrator holds no user token, so the test authenticates the client itself: a token request with a deliberately invalid code. " +
      "invalid_grant proves the client id and secret are accepted; invalid_client means they are not (RFC 6749 section 5.2). It also checks that AuthorizationUrl answers over HTTPS.",
    steps: [
      { kind: "note", text: "POST grant_type=authorization_code&code=mxsecure-connection-test with ClientId and SUB_ConnectionDetails_GetClientSecret to TokenUrl. error=invalid_grant: the client authenticated (success). error=invalid_client or HTTP 401: wrong client id or secret. Never show the secret." },
      { kind: "note", text: "GET AuthorizationUrl without parameters: any HTTPS answer below 500 means the endpoint is reachable." },
    ],
  }),
  checklist: ({ auth }) => [
    `Register the exact redirect URI <app root URL>/p/${callbackPath(auth.redirectPath)} with the provider, over HTTPS; the callback's microflow URL needs Studio Pro 10.9 or later (query string parameters).`,
    `Create a scheduled event that runs ${CLEANUP} every 15 minutes, so abandoned authorization requests do not pile up.`,
  ],
  requestAuthentication: () => bearerFromAuthenticate(),
  // Fixed words only: the callback path is named "RedirectPath", never the spec's value.
  sequenceDiagrams: () => [
    sequenceDiagram("Authorization code: connect, call, refresh, disconnect", [
      "actor User",
      "participant App as Connector microflows",
      "participant Provider as Provider (AuthorizationUrl, TokenUrl)",
      "participant Api as Service (BaseUrl)",
      `User->>App: Connect (${AUTHORIZE})`,
      "App->>App: random one-time state, random PKCE verifier and its S256 challenge",
      "App->>App: store an AuthorizationRequest for this user: state, verifier encrypted, expiry",
      "App-->>User: redirect to AuthorizationUrl with state and code_challenge, method S256",
      "User->>Provider: sign in and consent",
      "Provider-->>User: redirect to the callback /p/RedirectPath with code and state",
      `User->>App: GET /p/RedirectPath?code=...,state=... (${CALLBACK})`,
      "App->>App: find the request of this user by state, check its expiry, delete it (one time)",
      "App->>Provider: POST grant_type=authorization_code with the code, the decrypted verifier and the client authentication",
      "Provider-->>App: access token and refresh token",
      "App->>App: encrypt both tokens into the UserToken of this user",
      "App->>Api: request with the header Authorization: Bearer and the access token of the user",
      "Api-->>App: response",
      "Note over App,Provider: Refresh",
      "App->>Provider: POST grant_type=refresh_token (SUB_UserToken_Refresh) when the access token expires within a minute",
      "Provider-->>App: new tokens, encrypted again into UserToken",
      "Note over User,App: Disconnect",
      "User->>App: Disconnect (ACT_UserToken_Disconnect)",
      "App->>App: delete the UserToken of this user",
    ]),
  ],
};
