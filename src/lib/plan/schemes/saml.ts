// saml: users sign in through the SAML module; the connector holds no credentials of its own.
import { HTTPS_REQUIREMENT } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const saml: AuthScheme<"saml"> = {
  name: "saml",
  adminSecrets: () => [],
  settings: () => [],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: () => [],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "Users sign in through the SAML module (Marketplace); the connector holds no credentials of its own.",
    "Map the user roles that SAML provisions to this module's data roles; never to Administrator by default.",
  ],
  dependencies: () => [{ module: "SAML", why: "signs users in; the connector holds no credentials of its own" }],
};
