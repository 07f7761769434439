// What the auth scheme adds: the ConnectionDetails entity, where each secret lives, the OAuth
// token entities, and the connector's private runtime state. No role ever reaches a secret.
import type { Spec } from "../spec/schema.js";
import { encrypted, flag, moment, OWNER_XPATH, text } from "./members.js";
import type { PlanAccessRule, PlanAttribute, PlanConstant, PlanEntity, PlanRole, PlanSecret } from "./types.js";

export const USE_ME = "_USE_ME";
export const PRIVATE = "Private";

/** A secret the Administrator provides (password, API token, client secret). */
export interface AdminSecret {
  name: string;
  description: string;
}

export function adminSecrets(spec: Spec): AdminSecret[] {
  switch (spec.auth.scheme) {
    case "basic":
      return [{ name: "Password", description: `the password of the ${spec.service.name} account` }];
    case "api-token":
      return [{ name: "ApiToken", description: `the ${spec.service.name} API token` }];
    case "oauth-client-credentials":
    case "oauth-authorization-code":
      return [{ name: "ClientSecret", description: `the OAuth client secret registered with ${spec.service.name}` }];
    default:
      return [];
  }
}

export function usesDatabaseSecrets(spec: Spec): boolean {
  return "secretStorage" in spec.auth && spec.auth.secretStorage === "database" && adminSecrets(spec).length > 0;
}

/** Non-secret settings on ConnectionDetails, for the scheme. */
function settings(spec: Spec): PlanAttribute[] {
  const baseUrl = text("BaseUrl", 2000, `Base URL of ${spec.service.name}; must start with https://.`, { defaultValue: spec.service.baseUrl });
  const auth = spec.auth;
  switch (auth.scheme) {
    case "basic":
      return [baseUrl, text("Username", 200, `User name of the ${spec.service.name} account the connector signs in with.`)];
    case "api-token":
      return [
        baseUrl,
        text("HeaderName", 200, "HTTP header that carries the API token.", { defaultValue: auth.headerName }),
        text("TokenPrefix", 200, "Text put before the token in the header (e.g. Bearer); empty for none.", { defaultValue: auth.tokenPrefix }),
      ];
    case "oauth-client-credentials":
      return [
        baseUrl,
        text("TokenUrl", 2000, "OAuth token endpoint; HTTPS.", { defaultValue: auth.tokenUrl }),
        text("ClientId", 200, "OAuth client id registered with the provider."),
        text("Scopes", 2000, "Space-separated OAuth scopes to request.", { defaultValue: auth.scopes.join(" ") }),
      ];
    case "oauth-authorization-code":
      return [
        baseUrl,
        text("AuthorizationUrl", 2000, "OAuth authorization endpoint; HTTPS.", { defaultValue: auth.authorizationUrl }),
        text("TokenUrl", 2000, "OAuth token endpoint; HTTPS.", { defaultValue: auth.tokenUrl }),
        text("ClientId", 200, "OAuth client id registered with the provider."),
        text("Scopes", 2000, "Space-separated OAuth scopes to request.", { defaultValue: auth.scopes.join(" ") }),
        text("RedirectPath", 200, "Path of the OAuth callback; registered exactly with the provider, served over HTTPS.", {
          defaultValue: auth.redirectPath,
        }),
      ];
    default:
      return [baseUrl];
  }
}

export function connectionDetails(spec: Spec, roles: PlanRole[]): PlanEntity {
  const secretAttributes = usesDatabaseSecrets(spec)
    ? adminSecrets(spec).flatMap((s) => [
        encrypted(`Encrypted${s.name}`, `Holds ${s.description}.`),
        flag(`${s.name}IsSet`, `True when ${s.description} has been entered; tells the Administrator a value exists without revealing it.`, {
          systemSet: true,
        }),
      ])
    : [];
  const attributes = [...settings(spec), ...secretAttributes];
  const accessRules = roles
    .filter((r) => r.kind === "configuration")
    .map((role): PlanAccessRule => ({
      role: role.name,
      allowCreate: false,
      allowDelete: false,
      defaultMemberAccessRights: "None",
      members: attributes.map((a) => ({
        member: a.name,
        kind: "attribute",
        rights: a.encrypted ? "None" : a.systemSet || role.readOnly ? "ReadOnly" : "ReadWrite",
      })),
      documentation: `${role.name} ${role.readOnly ? "reads" : "reads and writes"} the non-secret connection settings; secrets are set only through ACT_ConnectionDetails_Save.`,
      overridden: false,
    }));
  return {
    name: "ConnectionDetails",
    documentation: `The connection to ${spec.service.name}: one object holding the base URL and the ${spec.auth.scheme} settings. Configuration roles only; data roles have no access.`,
    purpose: "configuration",
    persistable: true,
    ownership: "shared",
    storeOwner: false,
    attributes,
    associations: [],
    accessRules,
  };
}

/** Non-persistable holder of a secret the Administrator types in, encrypted by the save microflow and never stored. */
export function secretInput(spec: Spec, roles: PlanRole[]): PlanEntity | undefined {
  if (!usesDatabaseSecrets(spec)) return undefined;
  const attributes = adminSecrets(spec).map((s) =>
    text(s.name, 0, `Plain text of ${s.description} as typed; lives only in the Administrator's session until ACT_ConnectionDetails_Save encrypts it.`, {
      sensitive: true,
    }),
  );
  return {
    name: "SecretInput",
    documentation: "Non-persistable: carries a secret from the configuration page to ACT_ConnectionDetails_Save, which encrypts it into ConnectionDetails. Never stored.",
    purpose: "secret-input",
    persistable: false,
    ownership: "shared",
    storeOwner: false,
    attributes,
    associations: [],
    accessRules: roles
      .filter((r) => r.kind === "configuration" && !r.readOnly)
      .map((role) => ({
        role: role.name,
        allowCreate: true,
        allowDelete: true,
        defaultMemberAccessRights: "None",
        members: attributes.map((a) => ({ member: a.name, kind: "attribute", rights: "ReadWrite" })),
        documentation: `${role.name} types a new secret value; it is encrypted on save and this object is discarded.`,
        overridden: false,
      })),
  };
}

/** Runtime state of OAuth flows: cached tokens and pending authorization requests. */
export function tokenEntities(spec: Spec, roles: PlanRole[]): PlanEntity[] {
  if (spec.auth.scheme === "oauth-client-credentials") {
    return [
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
    ];
  }
  if (spec.auth.scheme !== "oauth-authorization-code") return [];
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
}

export function secrets(spec: Spec): PlanSecret[] {
  const storage = "secretStorage" in spec.auth ? spec.auth.secretStorage : "database";
  const admin = adminSecrets(spec).map((s): PlanSecret =>
    storage === "constant"
      ? { name: s.name, description: s.description, storage, constant: `${spec.module}.${s.name}`, source: "deployment" }
      : {
          name: s.name,
          description: s.description,
          storage,
          entity: "ConnectionDetails",
          attribute: `Encrypted${s.name}`,
          isSetAttribute: `${s.name}IsSet`,
          source: "administrator",
        },
  );
  const runtime: PlanSecret[] = [];
  if (spec.auth.scheme === "oauth-client-credentials") {
    runtime.push({ name: "AccessToken", description: "the cached access token", storage: "database", entity: "AccessToken", attribute: "EncryptedValue", source: "runtime" });
  }
  if (spec.auth.scheme === "oauth-authorization-code") {
    runtime.push(
      { name: "UserAccessToken", description: "each user's access token", storage: "database", entity: "UserToken", attribute: "EncryptedAccessToken", source: "runtime" },
      { name: "UserRefreshToken", description: "each user's refresh token", storage: "database", entity: "UserToken", attribute: "EncryptedRefreshToken", source: "runtime" },
      { name: "CodeVerifier", description: "the PKCE code verifier of a pending sign-in", storage: "database", entity: "AuthorizationRequest", attribute: "EncryptedCodeVerifier", source: "runtime" },
    );
  }
  return [...admin, ...runtime];
}

export function constants(spec: Spec): PlanConstant[] {
  if (!("secretStorage" in spec.auth) || spec.auth.secretStorage !== "constant") return [];
  return adminSecrets(spec).map((s) => ({
    name: s.name,
    folder: USE_ME,
    type: "String",
    defaultValue: "",
    exposedToClient: false,
    documentation: `Holds ${s.description}. Blank on purpose: set it per environment at deploy time (Cloud Portal > Environments > Model Options), never in the model or in Git. Not exposed to the client.`,
  }));
}

export function requirements(spec: Spec): string[] {
  const https = "Every URL (service base URL, and token and authorization URLs where present) uses HTTPS.";
  switch (spec.auth.scheme) {
    case "basic":
      return [https, "The user name and password travel with every request: TLS is their only protection, so never call the service over plain HTTP."];
    case "api-token":
      return [https, "The API token travels with every request: TLS is its only protection, so never call the service over plain HTTP."];
    case "oauth-client-credentials":
      return [
        https,
        "The client secret stays on the server and is sent only to the token endpoint, never with API requests.",
        "Access tokens are cached encrypted and requested again shortly before they expire.",
        "No implicit or password grant.",
      ];
    case "oauth-authorization-code":
      return [
        https,
        "PKCE with S256 on every authorization request (RFC 9700).",
        "A one-time random state per authorization request, checked once on the callback and then deleted.",
        `The redirect URI (app root URL + ${spec.auth.redirectPath}) is registered exactly, over HTTPS, with the provider.`,
        "Tokens are stored per user, encrypted; users may disconnect (delete their token) but never read token values.",
        "No implicit or password grant.",
      ];
    case "saml":
      return [
        https,
        "Users sign in through the SAML module (Marketplace); the connector holds no credentials of its own.",
        "Map the user roles that SAML provisions to this module's data roles; never to Administrator by default.",
      ];
    case "none":
      return [https, "The service needs no credentials; anything it returns is visible to the data roles as configured."];
  }
}
