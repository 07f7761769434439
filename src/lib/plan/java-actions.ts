// The kit's own Java actions as plan data (issues 12 and 20), whose sources are
// templates/java/user-code/*.java.txt (the code of executeAction(); issue 18). The targets read the
// sources; the plan only names the actions, so data still flows spec -> plan -> targets.
import type { PlanJavaAction } from "./types.js";

export const GENERATE_RANDOM_TOKEN = "GenerateRandomToken";
export const PKCE_CHALLENGE_S256 = "PkceChallengeS256";
export const GET_APPLICATION_ROOT_URL = "GetApplicationRootUrl";
/** Issue 20: delete the current user's object in a transaction of its own, only while it still holds a value. */
export const CONSUME_ONCE = "ConsumeOnce";
/** Issue 20: store a refresh's tokens in a transaction of its own, only while the refresh token is still the stored one. */
export const STORE_REFRESHED_TOKEN = "StoreRefreshedToken";
/** Issue 20: create the one ConnectionDetails object under a lock, in a transaction of its own. */
export const CREATE_ONCE = "CreateOnce";
/** Issue 20: every granted scope is one of the requested ones (RFC 6749 section 3.3). */
export const SCOPE_WITHIN = "ScopeWithin";

export function pkceJavaActions(folder: string): PlanJavaAction[] {
  return [
    {
      name: GENERATE_RANDOM_TOKEN,
      folder,
      documentation:
        "Returns 32 bytes from SecureRandom as base64url without padding (43 characters): a PKCE code verifier (RFC 7636 section 4.1) or a one-time OAuth state.",
      parameters: [],
    },
    {
      name: PKCE_CHALLENGE_S256,
      folder,
      documentation:
        "Returns the PKCE S256 code challenge of a code verifier: BASE64URL(SHA256(verifier)) without padding (RFC 7636 section 4.2). Refuses an invalid verifier without repeating it.",
      parameters: ["verifier"],
    },
  ];
}

/**
 * The authorization-code scheme's actions: the PKCE pair and GetApplicationRootUrl, which reads the
 * runtime's Application Root URL for the redirect URI. Mendix expressions have no documented way
 * to read it; Java has Core.getConfiguration().getApplicationRootUrl(), which Mendix's own SAML and
 * OIDC modules use for their callback URLs.
 */
export function oauthJavaActions(folder: string): PlanJavaAction[] {
  const [generate, challenge] = pkceJavaActions(folder);
  return [
    generate!,
    {
      name: GET_APPLICATION_ROOT_URL,
      folder,
      documentation: "Returns the runtime's Application Root URL without a trailing slash (empty when none is set): the base of the OAuth redirect URI.",
      parameters: [],
    },
    challenge!,
    ...tokenStoreJavaActions(folder),
  ];
}

/**
 * The actions that keep the token flows right under concurrency (issue 20). A microflow has no
 * transaction of its own: everything it commits is rolled back with its caller, and two requests
 * see each other's changes only once committed (docs.mendix.com/refguide/error-handling-in-microflows/, docs.mendix.com/refguide/error-event/: an error rolls back every database action of the microflow and, by default, of its callers).
 * Java can open one: Core.createSystemContext() and IContext.startTransaction()/endTransaction()
 * (apidocs.rnd.mendix.com/10/runtime, IContext), which is how these commit independently.
 */
export function tokenStoreJavaActions(folder: string): PlanJavaAction[] {
  return [
    {
      name: CONSUME_ONCE,
      folder,
      documentation:
        "Deletes the current user's object of an entity whose attribute still holds the given value, in a transaction of its own committed before it returns (a later rollback of the caller cannot restore it); " +
        "returns consumed when this call deleted it, empty otherwise. One call per user at a time on a runtime node. The one-time OAuth state, and a refused refresh token only while it is still the stored one.",
      parameters: ["entity", "ownerAssociation", "attribute", "value"],
    },
    {
      name: STORE_REFRESHED_TOKEN,
      folder,
      documentation:
        "Stores a refresh's new tokens in the current user's UserToken in a transaction of its own, only while it still holds the refresh token that was sent (compare and set); " +
        "returns stored, changed (another request rotated it first) or missing (disconnected). A rotated refresh token is never lost to the caller's rollback (RFC 9700 section 4.14.2).",
      parameters: ["entity", "ownerAssociation", "expectedRefreshToken", "encryptedAccessToken", "encryptedRefreshToken", "expiresInSeconds"],
    },
    {
      name: SCOPE_WITHIN,
      folder,
      documentation: "Returns yes when every space-delimited scope granted is one of those requested (RFC 6749 section 3.3; an empty grant is the requested scope, section 5.1), no otherwise.",
      parameters: ["granted", "requested"],
    },
  ];
}

/**
 * Issue 20: DS_ConnectionDetails_Get creates the one ConnectionDetails through this action, so two
 * Administrators opening the configuration page at once cannot each create one (a microflow's
 * retrieve-then-create is no lock: both see none and both create).
 */
export function createOnceJavaAction(folder: string): PlanJavaAction {
  return {
    name: CREATE_ONCE,
    folder,
    documentation:
      "Creates one object of the entity with its default values when none exists, under a lock and in a transaction of its own committed before it returns; returns created or exists. " +
      "Keeps ConnectionDetails single when two Administrators open the configuration page at once, and creates the one FullDataAccess object where the kit has one (one runtime node; see SECURITY.md).",
    parameters: ["entity"],
  };
}
