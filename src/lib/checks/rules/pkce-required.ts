// OAuth authorization code without PKCE lets a stolen code be exchanged by someone else (RFC 9700).
import { defineRule } from "../places.js";

export const pkceRequired = defineRule({
  name: "PkceRequired",
  severity: "error",
  description: "The OAuth authorization code flow uses PKCE with S256.",
  help:
    "RFC 9700 (OAuth 2.0 Security Best Current Practice) requires PKCE for the authorization code grant: without it an " +
    "intercepted authorization code can be redeemed by an attacker. mxsecure always generates S256. Fix: remove " +
    "auth.pkce: false (the default is true). Related: RFC 9700 section 2.1.1; no implicit or password grant.",
}, (spec, plan, found) =>
  plan.auth.scheme === "oauth-authorization-code" && plan.auth.pkce !== true
    ? [found("auth.pkce", "the authorization code flow is configured without PKCE",
        "remove pkce: false; PKCE with S256 is required for the authorization code flow")]
    : [],
);
