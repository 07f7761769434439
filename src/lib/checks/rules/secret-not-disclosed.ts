// A decrypted secret or a token reaches only the request that needs it. The generator's own flows
// keep to this by construction (a log step cannot name a variable); this rule proves it for every
// flow, so a change to a scheme that shows, logs, stores in plain text or puts a secret in a URL is
// caught before a kit is written.
import { AUTH_PLACE, defineRule } from "../places.js";
import { secretDisclosures } from "../secret-flow.js";

export const secretNotDisclosed = defineRule({
  name: "SecretNotDisclosed",
  severity: "error",
  description: "A decrypted secret or a token goes only into a request's header, basic authentication or body: never a message, a log line, a URL, a plain attribute or a client-callable result.",
  help:
    "The connector's microflows decrypt a secret (or obtain a token) for one outgoing request. Shown in a message, written " +
    "to the log, put in a URL (servers and proxies log URLs), stored in an attribute without encryption or returned by a " +
    "microflow a page may call, it reaches people and places the security model keeps it from. Send it in the Authorization " +
    "header, HTTP basic authentication or the request body, and encrypt what is stored. Fix: regenerate. " +
    "Related: OWASP ASVS V7.1.1 (no credentials in logs); RFC 6750 section 5.3 (no bearer tokens in page URLs).",
}, (_spec, plan, found) =>
  secretDisclosures(plan).map((d) =>
    found(AUTH_PLACE, `${d.microflow} sends a secret or token to ${d.sink}`, "send it only in a request header, basic authentication or body; encrypt what is stored"),
  ),
);
