// The kit's own Java actions as plan data (issue 12): the PKCE pair whose sources are
// templates/java/actions/*.java (docs/notes/issue-12-pkce-java-action.md). The targets read the
// sources; the plan only names the actions, so data still flows spec -> plan -> targets.
import type { PlanJavaAction } from "./types.js";

export const GENERATE_RANDOM_TOKEN = "GenerateRandomToken";
export const PKCE_CHALLENGE_S256 = "PkceChallengeS256";

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
