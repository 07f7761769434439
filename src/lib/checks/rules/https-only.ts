// Credentials and tokens travel with requests: TLS is their only protection. Every service, token
// and authorization URL is HTTPS; plain HTTP to localhost is tolerated (as a warning) only when the
// spec opts in for local testing and the scheme sends no credentials with every request.
import type { Scheme } from "../../spec/schema.js";
import { defineRule, type Found } from "../places.js";
import type { Finding, RuleInfo } from "../types.js";

export interface UrlAt {
  path: string;
  value: string;
}

const LOCALHOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const httpsOnlyInfo: RuleInfo = {
  name: "HttpsOnly",
  severity: "error",
  description: "Every service, token and authorization URL uses HTTPS.",
  help:
    "Basic credentials, API tokens, client secrets and OAuth tokens are protected in transit only by TLS; OAuth (RFC 9700) " +
    "requires HTTPS endpoints and exact HTTPS redirect URIs. Fix: use an https:// URL. For local testing of an OAuth, SAML " +
    "or unauthenticated connector, service.allowHttpLocalhost: true tolerates http://localhost (reported as a warning); " +
    "never for basic or api-token. Related: Mendix Marketplace security guidance (TLS for every scheme).",
};

/** HttpsOnly findings for a list of URLs; used on the plan and, by the audit, on a spec that failed validation. */
export function httpsFindings(urls: readonly UrlAt[], scheme: Scheme | undefined, allowHttpLocalhost: boolean, found: Found): Finding[] {
  const sendsCredentials = scheme === "basic" || scheme === "api-token";
  return urls.flatMap(({ path, value }): Finding[] => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return [found(path, `is not an absolute URL (${value})`, "use an https:// URL such as https://api.example.com/v1")];
    }
    if (parsed.protocol === "https:") return [];
    const local = LOCALHOSTS.has(parsed.hostname);
    if (local && allowHttpLocalhost && !sendsCredentials) {
      return [found(path, `uses plain HTTP to ${parsed.hostname} (${value}), allowed by service.allowHttpLocalhost for local testing`,
        "switch to https:// and remove service.allowHttpLocalhost before this connector leaves your machine", "warning")];
    }
    const why = local && sendsCredentials
      ? `; ${scheme} sends credentials with every request, so plain HTTP is never allowed for it`
      : local ? ", or set service.allowHttpLocalhost: true for local testing" : "";
    return [found(path, `is not HTTPS (${value})`, `use an https:// URL${why}`)];
  });
}

export const httpsOnly = defineRule(httpsOnlyInfo, (spec, plan, found) => {
  const urls: UrlAt[] = [{ path: "service.baseUrl", value: plan.service.baseUrl }];
  if (plan.auth.tokenUrl !== undefined) urls.push({ path: "auth.tokenUrl", value: plan.auth.tokenUrl });
  if (plan.auth.authorizationUrl !== undefined) urls.push({ path: "auth.authorizationUrl", value: plan.auth.authorizationUrl });
  if (plan.auth.revocationUrl !== undefined) urls.push({ path: "auth.revocationUrl", value: plan.auth.revocationUrl });
  return httpsFindings(urls, plan.auth.scheme, spec.service.allowHttpLocalhost === true, found);
});
