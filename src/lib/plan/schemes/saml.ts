// saml: users sign in to the app through Mendix's SAML module (SAML20 in an app). SAML signs users
// in; it does not authenticate the connector's outbound calls. So this scheme means "sign-in, and
// no outbound credential": the connector calls the service like `none`. A service that needs a
// credential takes the scheme it uses (basic, api-token, OAuth), with SAML20 added to the app for
// sign-in separately; that keeps one outbound scheme per connector and one meaning per name.
import { HTTPS_REQUIREMENT, noAuthentication, reachabilityTest } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const saml: AuthScheme<"saml"> = {
  name: "saml",
  adminSecrets: () => [],
  settings: () => [],
  endpoints: [],
  secretsBoundTo: [],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: () => [],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "Users sign in to the app through the SAML module (SAML20). SAML does not authenticate outbound calls: the connector calls the service without a credential.",
    "If the service needs a credential, choose the scheme it uses (basic, api-token, OAuth) instead, and add SAML20 to the app for sign-in separately.",
    "Map the user roles that SAML provisions to this module's data roles; never to Administrator by default.",
  ],
  dependencies: () => [{ module: "SAML20", why: "signs users in to the app (SAML 2.0 single sign-on); it does not authenticate the connector's calls to the service" }],
  connectionTest: () => reachabilityTest(),
  requestAuthentication: () => noAuthentication(),
  sequenceDiagrams: () => [],
  checklist: () => ["Configure SAML20 with your identity provider and decide which user roles it provisions; map those to this module's data roles only, never to Administrator."],
};
