// oauth-authorization-code: each user authorizes the connector at the provider (PKCE S256, one-time
// state bound to the user); their tokens are stored encrypted per user, linked to System.User, and
// no role reads a token value. Sources: RFC 6749 sections 4.1, 10.5, 10.12; RFC 9700 sections
// 2.1.1, 2.3, 4.5, 4.7; docs.mendix.com/refguide/microflow/ (microflow URLs).
import { endpointsDiffer, secretBinding, secretBindingAttribute } from "../connection.js";
import { CD, decryptCall, encryptCall, urlHasBlank } from "../connection-steps.js";
import { PRIVATE, USE_ME } from "../folders.js";
import { CONSUME_ONCE, CREATE_ONCE, GENERATE_RANDOM_TOKEN, GET_APPLICATION_ROOT_URL, oauthJavaActions, PKCE_CHALLENGE_S256, SCOPE_WITHIN, STORE_REFRESHED_TOKEN } from "../java-actions.js";
import { encrypted, flag, moment, ownerAssociation, ownerXPath, text } from "../members.js";
import { attr, bool, empty, fn, httpStatus, int, not, op, str, token, v, type Expr, type MicroflowStep } from "../steps.js";
import type { PlanEntity, PlanMicroflow, PlanNanoflow, PlanRole } from "../types.js";
import { sequenceDiagram } from "./diagrams.js";
import { logTokenFailure, tokenImportMapping, tokenJsonStructure, tokenRequestSteps, tokenResponseEntity, expiresInSteps, type TokenFailure } from "./oauth-token.js";
import { authenticateFlow, bearerFromAuthenticate, clientId, HTTPS_REQUIREMENT, scopesSetting, tokenUrl } from "./shared.js";
import type { AuthScheme, SchemeContext } from "./types.js";

export const AUTHORIZE = "ACT_UserToken_Authorize";
/** The read-only roles' authorize: the same flow with only the read-only scopes. */
export const AUTHORIZE_READ_ONLY = "ACT_UserToken_AuthorizeReadOnly";
/** The private sub that starts an authorization and builds the provider's URL. */
export const AUTHORIZATION_URL = "SUB_UserToken_AuthorizationUrl";
export const CALLBACK = "ACT_UserToken_Callback";
export const REFRESH = "SUB_UserToken_Refresh";
export const DISCONNECT = "ACT_UserToken_Disconnect";
/** Issue 20: the private sub that revokes a refresh token at RevocationUrl (RFC 7009). */
export const REVOKE = "SUB_UserToken_Revoke";
export const CLEANUP = "SUB_AuthorizationRequest_DeleteExpired";
/** NanoflowCommons.OpenURL(url): javascriptsource/nanoflowcommons/actions/OpenURL.js (mendix/ai-bot-starter-app@30e0bb74). */
export const OPEN_URL = "NanoflowCommons.OpenURL";
/**
 * Issue 20 (a token survives a role change): the marker entity only the full data roles may read,
 * and the private sub that reads it with entity access on. A microflow cannot read the current
 * user's module roles, but a retrieve with Apply entity access returns only objects an access rule
 * of one of the user's roles lets them read (docs.mendix.com/refguide/access-rules/,
 * docs.mendix.com/refguide/microflow/#apply-entity-access); so finding the one object means the
 * user holds a full data role.
 */
export const FULL_DATA_ACCESS = "FullDataAccess";
export const FULL_DATA_ROLE_HELD = "SUB_FullDataAccess_Held";
const AUTHENTICATE_NAME = "SUB_Request_Authenticate";
const USER_TOKEN = "UserToken";
const REQUEST = "AuthorizationRequest";
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
    // Issue 20: optional (RFC 7009); empty means the provider has none and Disconnect only deletes locally.
    text("RevocationUrl", 2000, "OAuth token revocation endpoint (RFC 7009); HTTPS; empty when the provider has none. Disconnect revokes the user's refresh token here.", { defaultValue: auth.revocationUrl ?? "" }),
    text("RedirectPath", 200, `Path of the OAuth callback (the microflow URL of ${CALLBACK}); fixed in the model, registered exactly with the provider, served over HTTPS.`, {
      defaultValue: `/p/${callbackPath(auth.redirectPath)}`,
      systemSet: true,
    }),
  ],
  endpoints: ["AuthorizationUrl", "TokenUrl", "RevocationUrl"],
  // The client secret goes to TokenUrl; AuthorizationUrl decides which provider issues the code it
  // is exchanged with; the tokens obtained with it go to BaseUrl.
  // RevocationUrl receives the client secret and the refresh token (RFC 7009 section 2.1).
  secretsBoundTo: ["BaseUrl", "AuthorizationUrl", "TokenUrl", "RevocationUrl"],
  runtimeEntities: (c): PlanEntity[] => {
    const { spec, roles } = c;
    const tokenLink = ownerAssociation("UserToken", "the user's tokens");
    const requestLink = ownerAssociation("AuthorizationRequest", "the user's pending authorizations");
    const tokenAttributes = [
      encrypted("EncryptedAccessToken", "The user's access token."),
      encrypted("EncryptedRefreshToken", "The user's refresh token."),
      moment("ExpiresAt", "When the access token expires; shown to the user, refreshed by SUB_UserToken_Refresh.", { systemSet: true }),
      // Issue 20: what the provider granted, so a wider grant is visible and never silently kept (RFC 6749 section 3.3).
      text("GrantedScope", 2000, "The scopes the provider granted (the token response's scope, or the requested scopes when it sent none); set by the callback, shown to the user.", { systemSet: true }),
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
            // Issue 20: every role disconnects through ACT_UserToken_Disconnect, which revokes the refresh
            // token at the provider first (RFC 7009); a delete right would let a page delete skip that.
            allowDelete: false,
            defaultMemberAccessRights: "None",
            members: [
              ...tokenAttributes.map((a) => ({ member: a.name, kind: "attribute" as const, rights: a.encrypted ? ("None" as const) : ("ReadOnly" as const) })),
              { member: tokenLink.name, kind: "association" as const, rights: "ReadOnly" as const },
            ],
            // Always the user's own token, whatever the role's reach on data: nobody sees another user's connection.
            xpath: ownerXPath(spec.module, "UserToken"),
            documentation: `${role.name} sees when their own connection expires and which scopes were granted; disconnects through ACT_UserToken_Disconnect (which revokes at the provider when it can); token values stay unreadable.`,
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
          text("Scope", 2000, "The scopes this authorization asked for; the callback refuses a token response whose scope is wider (RFC 6749 sections 3.3, 5.1).", { systemSet: true }),
          encrypted("EncryptedCodeVerifier", "The PKCE code verifier (S256)."),
          moment("ExpiresAt", `When this request stops being accepted (${REQUEST_MINUTES} minutes after it starts).`, { systemSet: true }),
        ],
        associations: [requestLink],
        accessRules: [],
      },
      tokenResponseEntity(),
      ...(needsFullDataCheck({ auth: c.auth, roles }) ? [fullDataAccessEntity(roles)] : []),
    ];
  },
  documents: () => ({ jsonStructures: [tokenJsonStructure()], importMappings: [tokenImportMapping()] }),
  runtimeSecrets: () => [
    { name: "UserAccessToken", description: "each user's access token", storage: "database", entity: "UserToken", attribute: "EncryptedAccessToken", source: "runtime" },
    { name: "UserRefreshToken", description: "each user's refresh token", storage: "database", entity: "UserToken", attribute: "EncryptedRefreshToken", source: "runtime" },
    { name: "CodeVerifier", description: "the PKCE code verifier of a pending sign-in", storage: "database", entity: "AuthorizationRequest", attribute: "EncryptedCodeVerifier", source: "runtime" },
  ],
  flows: (c) => {
    const { auth, roles } = c;
    const data = roles.filter((r) => r.kind === "data").map((r) => r.name);
    const allowed = authorizers(c).map((r) => r.name);
    const full = roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name);
    const readOnly = roles.filter((r) => r.kind === "data" && r.readOnly).map((r) => r.name);
    const readOnlyAuthorize = auth.readOnlyScopes.length > 0 && readOnly.length > 0;
    return [
      authorizationUrlFlow(c),
      authorizeFlow(AUTHORIZE, full, false, `the Scopes setting; for the roles that are not read-only (${full.join(", ") || "none"})`),
      ...(readOnlyAuthorize
        ? [authorizeFlow(AUTHORIZE_READ_ONLY, readOnly, true, `only the read-only scopes "${auth.readOnlyScopes.join(" ")}"; for the read-only roles (${readOnly.join(", ")}), so they never obtain a token that can write (RFC 9700 section 2.3)`)]
        : []),
      callbackFlow(c, allowed),
      refreshFlow(c),
      {
        name: DISCONNECT,
        folder: USE_ME,
        documentation:
          "Disconnects the current user: deletes their own UserToken first, with ConsumeOnce in a transaction of its own (so nothing later can undo it), then revokes the refresh token at RevocationUrl when one is set (RFC 7009, SUB_UserToken_Revoke), whatever the provider answers. " +
          "It retrieves the token itself by UserToken_User instead of taking one from the client, so entity access is off and read-only roles can disconnect too.",
        allowedRoles: [...data],
        applyEntityAccess: false,
        parameters: [],
        returnType: "Nothing",
        steps: [
          currentUsersToken(c),
          { kind: "decision", caption: "Not connected?", condition: op(v(USER_TOKEN), "=", empty), then: [{ kind: "return" }], else: [] },
          // Delete first, in a transaction of its own: a revocation that fails (no answer, a decrypt
          // error) can then never leave the user connected here.
          consumeOnce(c.spec.module, USER_TOKEN, "EncryptedAccessToken", attr(USER_TOKEN, "EncryptedAccessToken"), "Deleted"),
          {
            kind: "decision",
            caption: "Changed by a concurrent refresh?",
            condition: op(v("Deleted"), "!=", str("consumed")),
            then: [
              currentUsersToken(c, "CurrentUserToken"),
              { kind: "decision", caption: "Still connected?", condition: op(v("CurrentUserToken"), "!=", empty), then: [{ kind: "delete", variable: "CurrentUserToken" }], else: [] },
            ],
            else: [],
          },
          // The object read above still holds the values in this request; a decrypt error from here on
          // is shown to the user, but the token is already gone.
          {
            kind: "decision",
            caption: "A refresh token to revoke?",
            condition: typed(attr(USER_TOKEN, "EncryptedRefreshToken")),
            then: [
              decryptCall("RefreshToken", attr(USER_TOKEN, "EncryptedRefreshToken")),
              { kind: "callMicroflow", out: "Revoked", microflow: REVOKE, args: [{ param: "RefreshToken", value: v("RefreshToken") }] },
            ],
            else: [],
          },
          { kind: "return" },
        ],
      },
      revokeFlow(c),
      ...(needsFullDataCheck(c) ? [fullDataRoleHeldFlow()] : []),
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
        steps: [
          { kind: "retrieve", out: "ExpiredRequests", entity: REQUEST, where: [{ path: "ExpiresAt", op: "<", value: { k: "token", name: "CurrentDateTime" } }], first: false },
          { kind: "delete", variable: "ExpiredRequests" },
          { kind: "return" },
        ],
      },
      authenticateFlow("Bearer followed by the current user's access token, refreshed when it expires within a minute; empty when the user is not connected (ask them to connect) or when the endpoints changed since the client secret was entered.", [
        ...connectionDetailsOrStop(c, empty),
        currentUsersToken(c),
        { kind: "decision", caption: "Not connected?", condition: op(v(USER_TOKEN), "=", empty), then: [{ kind: "return", value: empty }], else: [] },
        ...(needsFullDataCheck(c) ? roleChangeGuard(c) : []),
        // A guard nested in a branch would share the outer merge; a flag keeps the decisions flat.
        { kind: "declare", out: "Usable", type: "Boolean", value: bool(true) },
        {
          kind: "decision",
          caption: "Expires within a minute?",
          condition: op(attr(USER_TOKEN, "ExpiresAt"), "<", fn("addSeconds", token("CurrentDateTime"), int(60))),
          then: [
            { kind: "callMicroflow", out: "Refreshed", microflow: REFRESH, args: [{ param: USER_TOKEN, value: v(USER_TOKEN) }, { param: CD, value: v(CD) }] },
            { kind: "set", variable: "Usable", value: v("Refreshed") },
          ],
          else: [],
        },
        { kind: "decision", caption: "Refresh failed?", condition: not(v("Usable")), then: [{ kind: "return", value: empty }], else: [] },
        // Re-read before use (issue 20): a refresh, here or in a concurrent request, committed the
        // new tokens in a transaction of its own; the object read above may hold the old ones.
        { kind: "retrieve", out: STORED_TOKEN, entity: USER_TOKEN, where: [{ path: `${c.spec.module}.UserToken_User`, value: { k: "token", name: "CurrentUser" } }], first: true },
        { kind: "decision", caption: "Disconnected meanwhile?", condition: op(v(STORED_TOKEN), "=", empty), then: [{ kind: "return", value: empty }], else: [] },
        decryptCall("AccessToken", attr(STORED_TOKEN, "EncryptedAccessToken")),
        { kind: "return", value: op(str("Bearer "), "+", v("AccessToken")) },
      ]),
    ];
  },
  nanoflows: (c) => {
    const readOnly = c.roles.filter((r) => r.kind === "data" && r.readOnly).map((r) => r.name);
    const full = c.roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name);
    return [
      openAuthorizationFlow(c, AUTHORIZE, full),
      ...(c.auth.readOnlyScopes.length > 0 && readOnly.length > 0 ? [openAuthorizationFlow(c, AUTHORIZE_READ_ONLY, readOnly)] : []),
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
      ? `Users with only read-only roles request only the read-only scopes (${c.auth.readOnlyScopes.join(" ")}), never the full Scopes (RFC 9700 section 2.3). ` +
        "The request travels through the user's own browser, so a user can widen the scope there: what stops a read-only user from writing is the app's module roles " +
        "(they decide what the connector does for the user) and the provider's consent and client settings, not the scope." +
        (needsFullDataCheck(c)
          ? ` A token granted wider than the read-only scopes is used only while the user still holds a full data role: ${AUTHENTICATE_NAME} checks it at each use through ${FULL_DATA_ACCESS} ` +
            `(one object only the full data roles may read, retrieved by ${FULL_DATA_ROLE_HELD} with entity access applied) and otherwise deletes the token, so a user moved to a read-only role connects again with the read-only scopes.`
          : " A user whose role changes disconnects and connects again.")
      : "Read-only roles cannot authorize: they never obtain a token, so never one that can write (RFC 9700 section 2.3).",
    "No implicit or password grant.",
    // Issue 20.
    "The one-time state is consumed by ConsumeOnce in a transaction of its own before anything else can fail: a later error cannot bring it back, and of two simultaneous callbacks with the same state only one goes on.",
    "The token response's scope must be within the requested one (RFC 6749 sections 3.3, 5.1): a wider grant is refused and not stored; the granted scope is stored on UserToken.",
    "A refresh re-reads the stored token first and leaves one another request already rotated alone; the new tokens are stored by StoreRefreshedToken in a transaction of its own, only while the refresh token sent is still the stored one, so a rollback of the caller never brings back a refresh token the provider invalidated (RFC 9700 section 4.14.2); a refused refresh token is deleted only while it is still the stored one.",
    "Disconnect deletes the UserToken first, in a transaction of its own, then revokes the refresh token at RevocationUrl when one is set (RFC 7009), whatever the provider answers; no role may delete a UserToken past it. A UserToken deleted with its user (UserToken_User) is not revoked: the connector has no hook on a user's deletion.",
  ],
  dependencies: () => [
    { module: "NanoflowCommons", why: "opens the provider's sign-in page from the authorize nanoflows with its OpenURL JavaScript action (no microflow activity opens a URL)" },
  ],
  javaActions: () => oauthJavaActions(PRIVATE),
  connectionTest: (c) => ({
    proves:
      "the Administrator holds no user token, so the test authenticates the client itself: a token request with a deliberately invalid code. " +
      "invalid_grant means the client id and secret were likely accepted (RFC 6749 section 5.2 fixes no order of checks: a server may report the invalid code before it checks the client); " +
      "invalid_client or HTTP 401 means they were refused. The secret is never shown.",
    steps: clientTestSteps(c),
  }),
  checklist: (c) => [
    `Register the exact redirect URI <app root URL>/p/${callbackPath(c.auth.redirectPath)} with the provider, over HTTPS; the callback's microflow URL needs Studio Pro 10.9 or later (query string parameters).`,
    `Create a scheduled event that runs ${CLEANUP} every 15 minutes, so abandoned authorization requests do not pile up.`,
    // Issue 20: what the connector cannot see from a microflow.
    needsFullDataCheck(c)
      ? `Keep Apply entity access set to Yes on ${FULL_DATA_ROLE_HELD} and give no read-only role an access rule on ${FULL_DATA_ACCESS}: with either, every user counts as holding a full data role and a user moved to a read-only role keeps using a token with write scopes.`
      : "When you take a user's full data role away, make them disconnect (or delete their UserToken): a microflow cannot read a user's module roles, so a token granted with write scopes stays usable by the flows the user may still run until they connect again.",
    "Set RevocationUrl when the provider has a revocation endpoint (RFC 7009): without it, Disconnect only deletes the tokens here and the provider keeps the grant until it expires. Before deleting a user, have them disconnect, or revoke their grant at the provider: deleting the user deletes the tokens without revoking them.",
  ],
  requestAuthentication: () => bearerFromAuthenticate(),
  // Fixed words only: the callback path is named "RedirectPath", never the spec's value.
  sequenceDiagrams: (c) => [
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
      "Provider-->>User: redirect to the callback URL (RedirectPath) with code and state",
      `User->>App: GET the callback URL with code and state (${CALLBACK})`,
      "App->>App: find the request of this user by state, then ConsumeOnce deletes it in its own transaction (one time, even if a later step fails), stop unless this call consumed it or when it expired",
      "App->>Provider: POST grant_type=authorization_code with the code, the decrypted verifier and the client authentication",
      "Provider-->>App: access token, refresh token and the granted scope",
      "App->>App: refuse the answer when the granted scope is wider than the requested one (ScopeWithin)",
      "App->>App: encrypt both tokens into the UserToken of this user, with the granted scope",
      ...(needsFullDataCheck(c)
        ? [
            "App->>App: before each use, when the granted scope is wider than the read-only scopes (ScopeWithin): retrieve FullDataAccess with entity access (SUB_FullDataAccess_Held)",
            "App->>App: not found (no full data role any more): log, delete the UserToken (ConsumeOnce) and send nothing, so the user connects again with the read-only scopes",
          ]
        : []),
      "App->>Api: request with the header Authorization: Bearer and the access token of the user",
      "Api-->>App: response",
      "Note over App,Provider: Refresh",
      "App->>App: when the access token expires within a minute (SUB_UserToken_Refresh): re-read the stored token, and when another request rotated it use that one",
      "App->>Provider: POST grant_type=refresh_token with the stored refresh token",
      "Provider-->>App: new tokens, or a refusal",
      "App->>App: StoreRefreshedToken commits the new tokens in its own transaction, only while the stored refresh token is still the one sent",
      "App->>App: on a refusal, ConsumeOnce deletes the UserToken only while the refused refresh token is still the stored one",
      "App->>App: re-read the stored token, decrypt its access token for the request",
      "Note over User,App: Disconnect",
      "User->>App: Disconnect (ACT_UserToken_Disconnect)",
      "App->>App: delete the UserToken of this user first, in its own transaction (ConsumeOnce)",
      "App->>Provider: POST token and token_type_hint=refresh_token to RevocationUrl, when set (SUB_UserToken_Revoke, RFC 7009), whatever it answers",
    ]),
  ],
};

/**
 * `out` = the token answer's refresh token, encrypted (through `scratch`), or empty when the answer
 * has none: EncryptString would turn "" into a ciphertext. The callback and the refresh both store it.
 */
function encryptedRefreshToken(out: string, caption: string, scratch: string): MicroflowStep[] {
  return [
    { kind: "declare", out, type: "String", value: empty },
    {
      kind: "decision",
      caption,
      condition: typed(attr(TOKEN_ANSWER, "RefreshToken")),
      then: [encryptCall(scratch, attr(TOKEN_ANSWER, "RefreshToken")), { kind: "set", variable: out, value: v(scratch) }],
      else: [],
    },
  ];
}

/** Only authorization-code kits whose read-only data roles authorize with auth.readOnlyScopes. */
export function needsFullDataCheck(c: Pick<SchemeContext<"oauth-authorization-code">, "auth" | "roles">): boolean {
  return c.auth.readOnlyScopes.length > 0 && c.roles.some((r) => r.kind === "data" && r.readOnly);
}

/** The one FullDataAccess object: readable by the full data roles only; no other role has a rule. */
function fullDataAccessEntity(roles: PlanRole[]): PlanEntity {
  const marker = flag("Marker", "Always false; it exists so the full data roles' access rule has a member to read. Nothing reads its value.", { systemSet: true });
  return {
    name: FULL_DATA_ACCESS,
    documentation:
      `One object, created by ${CREATE_ONCE}, that only the full (not read-only) data roles may read. ${FULL_DATA_ROLE_HELD} retrieves it with entity access on: ` +
      "found means the current user holds a full data role, since a microflow cannot read the user's module roles. SUB_Request_Authenticate uses it to refuse a token with write scopes " +
      "to a user who was moved to a read-only role after connecting. Every other role has no access rule (on purpose); nobody may create, change or delete it.",
    purpose: "role-marker",
    persistable: true,
    ownership: "shared",
    storeOwner: false,
    attributes: [marker],
    associations: [],
    accessRules: roles
      .filter((r) => r.kind === "data" && !r.readOnly)
      .map((role) => ({
        role: role.name,
        allowCreate: false,
        allowDelete: false,
        defaultMemberAccessRights: "None" as const,
        members: [{ member: marker.name, kind: "attribute" as const, rights: "ReadOnly" as const }],
        documentation: `${role.name} is a full data role: reading this object is how ${FULL_DATA_ROLE_HELD} tells it from a read-only role.`,
        overridden: false,
      })),
  };
}

/** SUB_FullDataAccess_Held: true when the current user may read the marker, so holds a full data role. */
function fullDataRoleHeldFlow(): PlanMicroflow {
  return {
    name: FULL_DATA_ROLE_HELD,
    folder: PRIVATE,
    documentation:
      `Returns true when the current user holds a full (not read-only) data role: the retrieve of ${FULL_DATA_ACCESS} applies entity access, and only those roles have a rule that reads it ` +
      "(docs.mendix.com/refguide/access-rules/). Apply entity access must stay on: with it off every user would pass. Private: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: true,
    parameters: [],
    returnType: "Boolean",
    steps: [
      { kind: "retrieve", out: FULL_DATA_ACCESS, entity: FULL_DATA_ACCESS, where: [], first: true },
      { kind: "return", value: op(v(FULL_DATA_ACCESS), "!=", empty) },
    ],
  };
}

/**
 * Issue 20 (a token survives a role change): a token whose granted scope is wider than the
 * read-only scopes is used only while the user still holds a full data role. Otherwise it is
 * deleted (ConsumeOnce, its own transaction) so the user reconnects with the read-only scopes.
 * A blank GrantedScope (a token stored before it was recorded) counts as wider.
 */
function roleChangeGuard(c: SchemeContext<"oauth-authorization-code">): MicroflowStep[] {
  const m = c.spec.module;
  return [
    { kind: "callJava", out: "WithinReadOnly", action: `${m}.${SCOPE_WITHIN}`, args: [{ param: "granted", value: attr(USER_TOKEN, "GrantedScope") }, { param: "requested", value: str(c.auth.readOnlyScopes.join(" ")) }] },
    { kind: "declare", out: "MayWrite", type: "Boolean", value: bool(true) },
    {
      kind: "decision",
      caption: "Token wider than the read-only scopes?",
      condition: op(op(v("WithinReadOnly"), "!=", str("yes")), "or", not(typed(attr(USER_TOKEN, "GrantedScope")))),
      then: [
        { kind: "retrieve", out: "AnyFullDataAccess", entity: FULL_DATA_ACCESS, where: [], first: true },
        {
          kind: "decision",
          caption: "Marker missing?",
          condition: op(v("AnyFullDataAccess"), "=", empty),
          then: [{ kind: "callJava", out: "MarkerCreated", action: `${m}.${CREATE_ONCE}`, args: [{ param: "entity", value: str(`${m}.${FULL_DATA_ACCESS}`) }] }],
          else: [],
        },
        { kind: "callMicroflow", out: "FullDataRole", microflow: FULL_DATA_ROLE_HELD, args: [] },
        { kind: "set", variable: "MayWrite", value: v("FullDataRole") },
      ],
      else: [],
    },
    {
      kind: "decision",
      caption: "Write scopes without a full data role?",
      condition: not(v("MayWrite")),
      then: [
        { kind: "log", level: "Warning", node: m, message: { text: "A token with write scopes was not used: the user holds no full data role any more. The token is deleted; the user must connect again.", args: [] } },
        consumeOnce(m, USER_TOKEN, "EncryptedAccessToken", attr(USER_TOKEN, "EncryptedAccessToken"), "Dropped"),
        { kind: "return", value: empty },
      ],
      else: [],
    },
  ];
}

/** The nanoflow behind a "Connect" button: the server builds the URL, the browser opens it. */
function openAuthorizationFlow(c: SchemeContext<"oauth-authorization-code">, microflow: string, roles: string[]): PlanNanoflow {
  return {
    name: microflow.replace(/^ACT_/, "NAV_"),
    folder: USE_ME,
    documentation:
      `Connects the current user to ${c.spec.service.name}: calls ${microflow} for the provider's authorization URL (one-time state, PKCE S256) and opens it with NanoflowCommons.OpenURL. ` +
      "Use it as the action of a Connect button. A nanoflow, because no microflow activity opens a URL.",
    allowedRoles: [...roles],
    steps: [
      { kind: "callMicroflow", out: "AuthorizationUrl", microflow, args: [] },
      {
        kind: "decision",
        caption: "No URL?",
        condition: op(v("AuthorizationUrl"), "=", empty),
        then: [
          { kind: "showMessage", level: "Warning", message: { text: "The connection is not set up yet. Ask your Administrator to check the connection settings.", args: [] } },
          { kind: "return" },
        ],
        else: [],
      },
      { kind: "callJavaScript", out: "Opened", action: OPEN_URL, args: [{ param: "url", value: v("AuthorizationUrl") }] },
      { kind: "return" },
    ],
  };
}

/** ACT_UserToken_Authorize(ReadOnly): the client-callable entry; the role decides the scopes, never the client. */
function authorizeFlow(name: string, roles: string[], readOnly: boolean, scopes: string): PlanMicroflow {
  return {
    name,
    folder: USE_ME,
    documentation:
      `Starts an authorization for the current user and returns the provider's URL (empty when the connection is not set up); the nanoflow ${name.replace(/^ACT_/, "NAV_")} opens it. ` +
      `Scope: ${scopes}. The scopes asked for follow from which microflow the role may run, never from a client argument; the request then travels through the user's browser, where the user could widen them (see SECURITY.md). Entity access is off because no role may create AuthorizationRequest.`,
    allowedRoles: [...roles],
    applyEntityAccess: false,
    parameters: [],
    returnType: "String",
    steps: [
      { kind: "callMicroflow", out: "AuthorizationUrl", microflow: AUTHORIZATION_URL, args: [{ param: "ReadOnly", value: bool(readOnly) }] },
      { kind: "return", value: v("AuthorizationUrl") },
    ],
  };
}

/** The committed ConnectionDetails, or stop (returning `stop`) when there is none or its endpoints moved since the secret was entered. */
function connectionDetailsOrStop(c: SchemeContext<"oauth-authorization-code">, stop: Expr | undefined, message?: string): MicroflowStep[] {
  const end = (): MicroflowStep[] => [
    ...(message ? [{ kind: "showMessage" as const, level: "Error" as const, message: { text: message, args: [] } }] : []),
    stop === undefined ? { kind: "return" } : { kind: "return", value: stop },
  ];
  return [
    { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
    { kind: "decision", caption: "Not configured?", condition: op(v(CD), "=", empty), then: end(), else: [] },
    ...tokenBindingGuard(c, end()),
  ];
}

/**
 * Before a token or verifier obtained with the client secret is used: the endpoints must still be
 * the ones the secret was entered for (as the decrypt subs check, SUB_ConnectionDetails_Get*).
 * Only with database secrets: constant secrets have fixed endpoints and no binding attribute.
 */
function tokenBindingGuard(c: SchemeContext<"oauth-authorization-code">, end: MicroflowStep[]): MicroflowStep[] {
  const bound = secretBinding(c.spec);
  if (bound.length === 0) return [];
  return [
    {
      kind: "decision",
      caption: "Endpoints changed since the secret was entered?",
      // Issue 20: an endpoint holding a space or control character is refused at use too (connection-steps.ts, URL_BLANK_PATTERN).
      condition: bound.reduce((any, url) => op(any, "or", urlHasBlank(CD, url)), endpointsDiffer(CD, bound, secretBindingAttribute)),
      then: [
        { kind: "log", level: "Warning", node: c.spec.module, message: { text: `The OAuth connection is not used: ${bound.join(", ")} changed since the client secret was entered, or holds a space or control character. Enter it again in the connection settings.`, args: [] } },
        ...end,
      ],
      else: [],
    },
  ];
}

function currentUsersToken(c: SchemeContext<"oauth-authorization-code">, out: string = USER_TOKEN): MicroflowStep {
  return { kind: "retrieve", out, entity: USER_TOKEN, where: [{ path: `${c.spec.module}.UserToken_User`, value: { k: "token", name: "CurrentUser" } }], first: true };
}

/** urlEncode(x): every value in the authorization URL's query (docs.mendix.com/refguide/string-function-calls, urlEncode). */
const query = (name: string, value: Expr): Expr => op(str(`&${name}=`), "+", fn("urlEncode", value));

/**
 * SUB_UserToken_AuthorizationUrl(ReadOnly): one-time state and PKCE verifier from the kit's
 * GenerateRandomToken, the S256 challenge from PkceChallengeS256, the verifier stored encrypted in
 * an AuthorizationRequest linked to the current user with ExpiresAt, and the provider's URL
 * (RFC 6749 section 4.1.1, RFC 7636 section 4.3). The redirect URI is the runtime's Application
 * Root URL (GetApplicationRootUrl) + RedirectPath.
 */
function authorizationUrlFlow(c: SchemeContext<"oauth-authorization-code">): PlanMicroflow {
  const m = c.spec.module;
  const java = (out: string, action: string, args: { param: string; value: Expr }[] = []): MicroflowStep => ({ kind: "callJava", out, action: `${m}.${action}`, args });
  const url = [
    query("client_id", attr(CD, "ClientId")),
    query("redirect_uri", op(v("AppRootUrl"), "+", attr(CD, "RedirectPath"))),
    query("scope", v("Scope")),
    query("state", v("State")),
    query("code_challenge", v("CodeChallenge")),
  ].reduce((all, next) => op(all, "+", next), op(attr(CD, "AuthorizationUrl"), "+", str("?response_type=code")) as Expr);
  return {
    name: AUTHORIZATION_URL,
    folder: PRIVATE,
    documentation:
      `Starts an authorization for the current user: a one-time state and a PKCE code verifier (${GENERATE_RANDOM_TOKEN}, 32 random bytes each), ` +
      `the S256 challenge (${PKCE_CHALLENGE_S256}), and an AuthorizationRequest linked to the user with the state, the verifier encrypted and ExpiresAt ${REQUEST_MINUTES} minutes ahead; ` +
      "the user's earlier pending request is deleted first, so each user has at most one. " +
      `Returns the provider's authorization URL (every query value urlEncoded; redirect_uri = the runtime's Application Root URL + RedirectPath), or empty when the connection or the app's root URL is not set up. ` +
      "The verifier never leaves the server. Private: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [{ name: "ReadOnly", type: "Boolean" }],
    returnType: "String",
    steps: [
      ...connectionDetailsOrStop(c, empty),
      java("AppRootUrl", GET_APPLICATION_ROOT_URL),
      {
        kind: "decision",
        caption: "No HTTPS root URL?",
        condition: not(fn("startsWith", fn("toLowerCase", v("AppRootUrl")), str("https://"))),
        then: [
          { kind: "log", level: "Warning", node: m, message: { text: "The authorization cannot start: the app's Application Root URL is not an https:// URL, so the redirect URI would not be HTTPS.", args: [] } },
          { kind: "return", value: empty },
        ],
        else: [],
      },
      { kind: "declare", out: "Scope", type: "String", value: attr(CD, "Scopes") },
      {
        kind: "decision",
        caption: "Read-only scopes?",
        condition: v("ReadOnly"),
        then: [{ kind: "set", variable: "Scope", value: str(c.auth.readOnlyScopes.join(" ")) }],
        else: [],
      },
      java("State", GENERATE_RANDOM_TOKEN),
      java("CodeVerifier", GENERATE_RANDOM_TOKEN),
      java("CodeChallenge", PKCE_CHALLENGE_S256, [{ param: "verifier", value: v("CodeVerifier") }]),
      encryptCall("EncryptedCodeVerifier", v("CodeVerifier")),
      // One pending authorization per user: a user who clicks Connect again (or a script that calls
      // it in a loop) replaces the earlier request instead of piling rows up until the cleanup runs.
      { kind: "retrieve", out: "EarlierRequestList", entity: REQUEST, where: [{ path: `${m}.AuthorizationRequest_User`, value: { k: "token", name: "CurrentUser" } }], first: false },
      { kind: "delete", variable: "EarlierRequestList" },
      {
        kind: "create",
        out: REQUEST,
        entity: REQUEST,
        members: [
          { attribute: "State", value: v("State") },
          { attribute: "Scope", value: v("Scope") },
          { attribute: "EncryptedCodeVerifier", value: v("EncryptedCodeVerifier") },
          { attribute: "ExpiresAt", value: fn("addSeconds", token("CurrentDateTime"), int(REQUEST_MINUTES * 60)) },
          { association: "AuthorizationRequest_User", value: token("CurrentUser") },
        ],
      },
      { kind: "commit", variable: REQUEST, events: true },
      { kind: "return", value: op(url, "+", str("&code_challenge_method=S256")) },
    ],
  };
}

/**
 * ACT_UserToken_Callback(code, state): the provider's redirect. The request must be the current
 * user's, by state; it is deleted before anything else (one use), and every later action that can
 * fail continues without rollback, so an error cannot bring the deleted request back.
 */
function callbackFlow(c: SchemeContext<"oauth-authorization-code">, allowed: string[]): PlanMicroflow {
  const m = c.spec.module;
  const stop = (text: string): MicroflowStep[] => [{ kind: "showMessage", level: "Error", message: { text, args: [] } }, { kind: "return" }];
  return {
    name: CALLBACK,
    folder: USE_ME,
    documentation:
      `The OAuth redirect target: its microflow URL ${callbackPath(c.auth.redirectPath)} (query parameters code and state; Studio Pro 10.9+) is served at <app root URL>/p/${callbackPath(c.auth.redirectPath)}, ` +
      "and runs in the signed-in user's session, so it knows the current user. A published REST operation would need an X-Csrf-Token header that a browser redirect cannot send. " +
      "It accepts only an AuthorizationRequest with this state that belongs to the current user and has not expired, deletes it before anything else (one use), and only then decrypts the PKCE verifier and exchanges the code. " +
      "Entity access is off because token values are writable by no role.",
    allowedRoles: [...allowed],
    applyEntityAccess: false,
    parameters: [{ name: "code", type: "String" }, { name: "state", type: "String" }],
    returnType: "Nothing",
    url: { path: callbackPath(c.auth.redirectPath), queryParameters: ["code", "state"] },
    steps: [
      // Unknown state, another user's state, or one already used: a forged or replayed callback (RFC 6749 section 10.12, RFC 9700 section 4.7).
      {
        kind: "retrieve",
        out: REQUEST,
        entity: REQUEST,
        where: [
          { path: "State", value: { k: "var", name: "state" } },
          { path: `${m}.AuthorizationRequest_User`, value: { k: "token", name: "CurrentUser" } },
        ],
        first: true,
      },
      { kind: "decision", caption: "Not this user's pending sign-in?", condition: op(v(REQUEST), "=", empty), then: stop("This sign-in answer does not belong to a sign-in you started, or was already used. Connect again."), else: [] },
      { kind: "declare", out: "EncryptedCodeVerifier", type: "String", value: attr(REQUEST, "EncryptedCodeVerifier") },
      { kind: "declare", out: "Expired", type: "Boolean", value: op(attr(REQUEST, "ExpiresAt"), "<", token("CurrentDateTime")) },
      { kind: "declare", out: "RequestedScope", type: "String", value: attr(REQUEST, "Scope") },
      // One use, and it sticks (issue 20): ConsumeOnce deletes the request in a transaction of its
      // own, committed before anything below can fail, so no later error (a decrypt, an encrypt)
      // rolls the delete back; of two simultaneous callbacks with this state only the one whose
      // call deleted it goes on (the other finds it gone). A microflow delete would be rolled back
      // with the callback (docs.mendix.com/refguide/error-handling-in-microflows/).
      consumeOnce(m, REQUEST, "State", v("state"), "Consumed"),
      {
        kind: "decision",
        caption: "Used by another callback?",
        condition: op(v("Consumed"), "!=", str("consumed")),
        then: stop("This sign-in answer does not belong to a sign-in you started, or was already used. Connect again."),
        else: [],
      },
      { kind: "decision", caption: "Expired?", condition: v("Expired"), then: stop(`The sign-in took longer than ${REQUEST_MINUTES} minutes. Connect again.`), else: [] },
      // The provider sends error=... instead of a code when the user declines; its text is not shown (it comes from the URL).
      { kind: "decision", caption: "No code?", condition: op(op(v("code"), "=", empty), "or", op(v("code"), "=", str(""))), then: stop("The connection was not authorized."), else: [] },
      ...connectionDetailsOrStop(c, undefined, "The connection is not set up. Ask your Administrator to check the connection settings."),
      decryptCall("CodeVerifier", v("EncryptedCodeVerifier")),
      // The same redirect_uri as in the authorization request (RFC 6749 section 4.1.3).
      { kind: "callJava", out: "AppRootUrl", action: `${m}.${GET_APPLICATION_ROOT_URL}`, args: [] },
      // The Call REST continues on error (onError "continue"): a failed exchange never rolls the delete back.
      ...tokenRequestSteps({
        grantType: "authorization_code",
        fields: [
          { name: "code", value: v("code") },
          { name: "redirect_uri", value: op(v("AppRootUrl"), "+", attr(CD, "RedirectPath")) },
          { name: "code_verifier", value: v("CodeVerifier") },
        ],
        out: TOKEN_ANSWER,
        node: m,
        databaseSecret: c.auth.secretStorage === "database",
        onFailure: (why) => [...logOnly(m, why), ...stop("The connection could not be completed. Try again, or ask your Administrator to test the connection settings.")],
      }),
      ...scopeGuard(m, stop),
      ...storeTokens(c),
      { kind: "showMessage", level: "Information", message: { text: `You are connected to ${c.spec.service.name}.`, args: [] } },
      { kind: "return" },
    ],
  };
}

/**
 * SUB_UserToken_Refresh(UserToken, ConnectionDetails): true when the current user's stored token is
 * fresh afterwards (renewed here, or by a concurrent request); the caller re-reads it from the
 * database before use. Concurrency (issue 20; RFC 9700 section 4.14.2 refresh token rotation):
 * - it re-reads the stored token first and does not refresh when another request already rotated it;
 * - the new tokens are stored by StoreRefreshedToken in a transaction of its own, and only while the
 *   stored refresh token is still the one sent (compare and set), so a rollback of the caller never
 *   brings back a refresh token the provider has invalidated, and a slower request never overwrites
 *   a newer one;
 * - a refused refresh token is deleted by ConsumeOnce only while it is still the stored one, so the
 *   loser of a race never deletes the token the winner stored.
 * The caller's transaction must hold no write on the user's UserToken when this runs (none of the
 * kit's flows does): the own transaction's update would wait for it until the database times out.
 */
function refreshFlow(c: SchemeContext<"oauth-authorization-code">): PlanMicroflow {
  const m = c.spec.module;
  const sent = attr(USER_TOKEN, "EncryptedRefreshToken");
  return {
    name: REFRESH,
    folder: PRIVATE,
    documentation:
      "Exchanges the current user's refresh token for new tokens shortly before the access token expires; returns true when the stored token is fresh afterwards. " +
      "It re-reads the stored token first and leaves a token another request already rotated alone; it stores the new tokens with StoreRefreshedToken, in a transaction of its own and only while the stored refresh token is still the one sent, " +
      "and when the provider refuses the refresh token it deletes the UserToken with ConsumeOnce only while that refresh token is still the stored one, so the user connects again. " +
      "Call it only where the calling transaction has not changed the user's UserToken (its own transaction would wait for that row). Private: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [{ name: USER_TOKEN, type: USER_TOKEN }, { name: CD, type: CD }],
    returnType: "Boolean",
    steps: [
      ...tokenBindingGuard(c, [{ kind: "return", value: bool(false) }]),
      // Re-read and compare: a database retrieve returns what is committed now, not the caller's object.
      { kind: "retrieve", out: STORED_TOKEN, entity: USER_TOKEN, where: [{ path: `${m}.UserToken_User`, value: { k: "token", name: "CurrentUser" } }], first: true },
      { kind: "decision", caption: "Disconnected meanwhile?", condition: op(v(STORED_TOKEN), "=", empty), then: [{ kind: "return", value: bool(false) }], else: [] },
      {
        kind: "decision",
        caption: "Rotated by another request?",
        condition: op(attr(STORED_TOKEN, "EncryptedRefreshToken"), "!=", sent),
        then: [{ kind: "return", value: bool(true) }],
        else: [],
      },
      // No refresh token was issued (stored empty): nothing to decrypt, the user connects again.
      {
        kind: "decision",
        caption: "No refresh token stored?",
        condition: op(op(sent, "=", empty), "or", op(sent, "=", str(""))),
        then: [{ kind: "delete", variable: USER_TOKEN }, { kind: "return", value: bool(false) }],
        else: [],
      },
      decryptCall("RefreshToken", sent),
      {
        kind: "decision",
        caption: "No refresh token?",
        condition: op(op(v("RefreshToken"), "=", empty), "or", op(v("RefreshToken"), "=", str(""))),
        then: [{ kind: "delete", variable: USER_TOKEN }, { kind: "return", value: bool(false) }],
        else: [],
      },
      ...tokenRequestSteps({
        grantType: "refresh_token",
        fields: [{ name: "refresh_token", value: v("RefreshToken") }],
        out: TOKEN_ANSWER,
        node: m,
        databaseSecret: c.auth.secretStorage === "database",
        // Refused (invalid_grant: revoked or expired) or unusable: the user connects again, unless a
        // concurrent refresh already replaced the refused token. No answer or no client secret is
        // not the user's token's fault: keep it, try again on the next call.
        onFailure: (why) => [
          ...logOnly(m, why),
          ...(why === "refused" || why === "not-bearer" ? [consumeOnce(m, USER_TOKEN, "EncryptedRefreshToken", sent, "Deleted")] : []),
          { kind: "return", value: bool(false) },
        ],
      }),
      ...expiresInSteps(TOKEN_ANSWER, "ExpiresIn"),
      encryptCall("EncryptedAccessToken", attr(TOKEN_ANSWER, "AccessToken")),
      // A provider that rotates refresh tokens sends a new one (RFC 6749 section 6); empty keeps the old one.
      ...encryptedRefreshToken("EncryptedNewRefreshToken", "New refresh token?", "EncryptedRotatedRefreshToken"),
      {
        kind: "callJava",
        out: "Stored",
        action: `${m}.${STORE_REFRESHED_TOKEN}`,
        args: [
          { param: "entity", value: str(`${m}.${USER_TOKEN}`) },
          { param: "ownerAssociation", value: str(`${m}.UserToken_User`) },
          { param: "expectedRefreshToken", value: sent },
          { param: "encryptedAccessToken", value: v("EncryptedAccessToken") },
          { param: "encryptedRefreshToken", value: v("EncryptedNewRefreshToken") },
          { param: "expiresInSeconds", value: fn("toString", v("ExpiresIn")) },
        ],
      },
      // "changed": another request stored newer tokens first; they are fresh too. "missing": disconnected meanwhile.
      { kind: "return", value: op(v("Stored"), "!=", str("missing")) },
    ],
  };
}

/**
 * SUB_UserToken_Revoke(RefreshToken): revokes a refresh token at RevocationUrl (RFC 7009
 * section 2.1: POST token and token_type_hint=refresh_token, form-encoded, with the same client
 * authentication as the token endpoint); a provider that revokes a refresh token also drops the
 * access tokens of that grant where it can (section 2.1). Returns true when the provider answered
 * 200 (section 2.2: also for a token it no longer knows). Never stops the disconnect: the caller
 * deletes the UserToken whatever this returns. Logs the HTTP status at most, never a value.
 */
function revokeFlow(c: SchemeContext<"oauth-authorization-code">): PlanMicroflow {
  const m = c.spec.module;
  const no = (text: string | undefined): MicroflowStep[] => [
    ...(text ? [{ kind: "log" as const, level: "Warning" as const, node: m, message: { text, args: [] } }] : []),
    { kind: "return", value: bool(false) },
  ];
  return {
    name: REVOKE,
    folder: PRIVATE,
    documentation:
      "Revokes a refresh token at RevocationUrl (RFC 7009) with the client's credentials, when RevocationUrl is set and the endpoints are still those the client secret was entered for; " +
      "returns true when the provider confirmed (HTTP 200). ACT_UserToken_Disconnect has deleted the token before it calls this. Logs the HTTP status at most, never a token. Private: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [{ name: "RefreshToken", type: "String" }],
    returnType: "Boolean",
    steps: [
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      { kind: "decision", caption: "Not configured?", condition: op(v(CD), "=", empty), then: no(undefined), else: [] },
      { kind: "decision", caption: "No revocation endpoint?", condition: op(op(attr(CD, "RevocationUrl"), "=", empty), "or", op(fn("trim", attr(CD, "RevocationUrl")), "=", str(""))), then: no(undefined), else: [] },
      ...tokenBindingGuard(c, no(undefined)),
      { kind: "decision", caption: "No refresh token?", condition: op(op(v("RefreshToken"), "=", empty), "or", op(v("RefreshToken"), "=", str(""))), then: no(undefined), else: [] },
      {
        kind: "callMicroflow",
        out: "ClientSecret",
        microflow: "SUB_ConnectionDetails_GetClientSecret",
        args: c.auth.secretStorage === "database" ? [{ param: CD, value: v(CD) }] : [],
      },
      { kind: "decision", caption: "No client secret?", condition: op(op(v("ClientSecret"), "=", empty), "or", op(v("ClientSecret"), "=", str(""))), then: no("The refresh token was not revoked: the client secret is not set, or was entered for other endpoints."), else: [] },
      {
        kind: "rest",
        out: "RevocationAnswer",
        method: "POST",
        url: { text: "{1}", args: [attr(CD, "RevocationUrl")] },
        headers: [{ name: "Content-Type", value: str("application/x-www-form-urlencoded") }],
        // RFC 7009 section 2.1: the client authenticates as at the token endpoint (RFC 6749 section 2.3.1).
        basicAuth: { user: fn("urlEncode", attr(CD, "ClientId")), password: fn("urlEncode", v("ClientSecret")) },
        body: { text: "token={1}&token_type_hint=refresh_token", args: [fn("urlEncode", v("RefreshToken"))] },
        onError: "continue",
      },
      { kind: "decision", caption: "No answer?", condition: op(v("latestHttpResponse"), "=", empty), then: no("The revocation endpoint did not answer; the token was deleted here but not revoked at the provider."), else: [] },
      {
        kind: "decision",
        caption: "Not revoked?",
        condition: op(httpStatus, "!=", int(200)),
        then: [
          { kind: "log", level: "Warning", node: m, message: { text: "The revocation endpoint answered HTTP status {1}; the token was deleted here but may not be revoked at the provider.", args: [{ k: "httpStatus" }] } },
          { kind: "return", value: bool(false) },
        ],
        else: [],
      },
      { kind: "return", value: bool(true) },
    ],
  };
}

/** The refresh's re-read of the stored token (a database retrieve, apart from the caller's object). */
const STORED_TOKEN = "StoredUserToken";

/**
 * ConsumeOnce(entity, ownerAssociation, attribute, value) into `out`: deletes the current user's
 * object whose attribute still holds the value, in a transaction of its own (see java-actions.ts).
 */
function consumeOnce(module: string, entity: string, attribute: string, value: Expr, out: string): MicroflowStep {
  return {
    kind: "callJava",
    out,
    action: `${module}.${CONSUME_ONCE}`,
    args: [
      { param: "entity", value: str(`${module}.${entity}`) },
      { param: "ownerAssociation", value: str(`${module}.${entity}_User`) },
      { param: "attribute", value: str(attribute) },
      { param: "value", value },
    ],
  };
}

/**
 * The granted scope must not be wider than the requested one (RFC 6749 section 3.3: the server may
 * grant fewer scopes and then must say so in `scope`, section 5.1; RFC 9700 section 2.3, least
 * privilege). A response without `scope` grants what was requested. $GrantedScope is what is stored.
 */
function scopeGuard(module: string, stop: (text: string) => MicroflowStep[]): MicroflowStep[] {
  return [
    { kind: "declare", out: "GrantedScope", type: "String", value: v("RequestedScope") },
    {
      kind: "decision",
      caption: "Scope in the answer?",
      condition: typed(attr(TOKEN_ANSWER, "Scope")),
      then: [{ kind: "set", variable: "GrantedScope", value: attr(TOKEN_ANSWER, "Scope") }],
      else: [],
    },
    { kind: "callJava", out: "ScopeAllowed", action: `${module}.${SCOPE_WITHIN}`, args: [{ param: "granted", value: v("GrantedScope") }, { param: "requested", value: v("RequestedScope") }] },
    {
      kind: "decision",
      caption: "Granted more than requested?",
      condition: op(v("ScopeAllowed"), "!=", str("yes")),
      then: [
        { kind: "log", level: "Warning", node: module, message: { text: "The token endpoint granted scopes that were not requested; the token is not stored.", args: [] } },
        ...stop("The provider granted more access than this app asked for, so the connection was not stored. Ask your Administrator to check the provider's client settings."),
      ],
      else: [],
    },
  ];
}

/** The variable the token request's import mapping fills (a TokenResponse, never committed). */
const TOKEN_ANSWER = "TokenAnswer";

/** Not empty and not blank. */
const typed = (value: Expr): Expr => op(op(value, "!=", empty), "and", op(fn("trim", value), "!=", str("")));

/** The token request's default warning (cause and HTTP status, never a value), without its return. */
function logOnly(node: string, why: TokenFailure): MicroflowStep[] {
  return logTokenFailure(node)(why).filter((s) => s.kind === "log");
}

/**
 * After a successful exchange: both tokens encrypted into the current user's UserToken (created,
 * linked to the user, when they have none), with ExpiresAt from expires_in.
 */
function storeTokens(c: SchemeContext<"oauth-authorization-code">): MicroflowStep[] {
  const members = [
    { attribute: "EncryptedAccessToken", value: v("EncryptedAccessToken") },
    { attribute: "EncryptedRefreshToken", value: v("EncryptedRefreshToken") },
    { attribute: "ExpiresAt", value: fn("addSeconds", token("CurrentDateTime"), v("ExpiresIn")) },
    { attribute: "GrantedScope", value: v("GrantedScope") },
  ];
  return [
    ...expiresInSteps(TOKEN_ANSWER, "ExpiresIn"),
    encryptCall("EncryptedAccessToken", attr(TOKEN_ANSWER, "AccessToken")),
    // No refresh token issued: store none.
    ...encryptedRefreshToken("EncryptedRefreshToken", "Refresh token issued?", "EncryptedIssuedRefreshToken"),
    currentUsersToken(c),
    {
      kind: "decision",
      caption: "First connection?",
      condition: op(v(USER_TOKEN), "=", empty),
      then: [
        { kind: "create", out: "NewUserToken", entity: USER_TOKEN, members: [...members, { association: "UserToken_User", value: token("CurrentUser") }] },
        { kind: "commit", variable: "NewUserToken", events: true },
      ],
      else: [
        { kind: "change", variable: USER_TOKEN, members },
        { kind: "commit", variable: USER_TOKEN, events: true },
      ],
    },
  ];
}

/**
 * The Administrator's test: POST grant_type=authorization_code with an invalid code to TokenUrl,
 * authenticated as the real exchange is (Basic, RFC 6749 section 2.3.1), then judge the error
 * (RFC 6749 section 5.2): invalid_client or 401 refused, invalid_grant likely accepted. Runs where
 * $ConnectionDetails holds the committed object; the messages show the HTTP status at most.
 */
function clientTestSteps(c: SchemeContext<"oauth-authorization-code">): MicroflowStep[] {
  const content = attr("latestHttpResponse", "Content");
  const says = (code: string): Expr => op(fn("find", content, str(`"${code}"`)), ">=", int(0));
  const fail = (text: string, withStatus: boolean): MicroflowStep[] => [
    { kind: "showMessage", level: "Error", message: { text, args: withStatus ? [{ k: "httpStatus" }] : [] } },
    { kind: "return", value: bool(false) },
  ];
  const secret = v("ClientSecret");
  return [
    {
      kind: "callMicroflow",
      out: "ClientSecret",
      microflow: "SUB_ConnectionDetails_GetClientSecret",
      args: c.auth.secretStorage === "database" ? [{ param: CD, value: v(CD) }] : [],
    },
    {
      kind: "decision",
      caption: "No client secret?",
      condition: op(op(secret, "=", empty), "or", op(secret, "=", str(""))),
      then: fail("The client secret is not set, or was entered for other endpoints: enter it and save first.", false),
      else: [],
    },
    { kind: "callJava", out: "AppRootUrl", action: `${c.spec.module}.${GET_APPLICATION_ROOT_URL}`, args: [] },
    {
      kind: "rest",
      out: "TestAnswer",
      method: "POST",
      url: { text: "{1}", args: [attr(CD, "TokenUrl")] },
      headers: [
        { name: "Content-Type", value: str("application/x-www-form-urlencoded") },
        { name: "Accept", value: str("application/json") },
      ],
      basicAuth: { user: fn("urlEncode", attr(CD, "ClientId")), password: fn("urlEncode", secret) },
      body: {
        text: "grant_type=authorization_code&code={1}&redirect_uri={2}",
        args: [fn("urlEncode", str("mxsecure-connection-test")), fn("urlEncode", op(v("AppRootUrl"), "+", attr(CD, "RedirectPath")))],
      },
      onError: "continue",
    },
    {
      kind: "decision",
      caption: "No answer?",
      condition: op(v("latestHttpResponse"), "=", empty),
      then: fail("The token endpoint did not answer: check TokenUrl, the network and the certificate.", false),
      else: [],
    },
    {
      kind: "decision",
      caption: "Client refused?",
      condition: op(op(httpStatus, "=", int(401)), "or", says("invalid_client")),
      then: fail("The token endpoint refused the client id or the client secret (HTTP status {1}).", true),
      else: [],
    },
    {
      kind: "decision",
      caption: "Only the test code refused?",
      condition: says("invalid_grant"),
      then: [
        {
          kind: "showMessage",
          level: "Information",
          message: {
            text: "The client id and secret were likely accepted: the token endpoint refused only the deliberately invalid test code. Servers may check the code first, so connect as a user to be sure.",
            args: [],
          },
        },
        { kind: "return", value: bool(true) },
      ],
      else: [],
    },
    ...fail("The token endpoint answered with HTTP status {1}, not the error expected for an invalid code.", true),
  ];
}
