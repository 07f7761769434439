// The kit's own Java actions as plan data (issue 12): the PKCE pair whose sources are
// templates/java/user-code/*.java.txt (the code of executeAction(); issue 18). The targets read the
// sources; the plan only names the actions, so data still flows spec -> plan -> targets.
import type { PlanJavaAction } from "./types.js";

export const GENERATE_RANDOM_TOKEN = "GenerateRandomToken";
export const PKCE_CHALLENGE_S256 = "PkceChallengeS256";
export const GET_APPLICATION_ROOT_URL = "GetApplicationRootUrl";

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
  ];
}
