// Typed steps (steps.ts) the ConnectionDetails microflows share: the Encryption module calls, the
// HTTPS guard, and the origin of a URL that the endpoint-change rule compares. What differs per
// scheme (its endpoints, secrets and token entities) comes in as arguments; nothing here asks
// which scheme it is.
import { PRIVATE } from "./folders.js";
import { attr, bool, constant, empty, fn, int, not, op, str, v, type Expr, type MicroflowStep } from "./steps.js";
import type { PlanMicroflow } from "./types.js";

export const CD = "ConnectionDetails";
/** The private sub-microflow that reduces a URL to what the endpoint rule compares. */
export const URL_ORIGIN = "SUB_Url_Origin";

const ENCRYPTION_KEY = constant("Encryption.EncryptionKey");

/** EncryptString(value, key, prefix), the Encryption module's parameter order (EncryptString.java). */
export function encryptCall(out: string, value: Expr): MicroflowStep {
  return {
    kind: "callJava",
    out,
    action: "Encryption.EncryptString",
    args: [
      { param: "value", value },
      { param: "key", value: ENCRYPTION_KEY },
      { param: "prefix", value: constant("Encryption.EncryptionPrefix") },
    ],
  };
}

/** DecryptString(value, key, prefix = empty, legacyKey): it throws unless prefix is empty (DecryptString.java:52-53). */
export function decryptCall(out: string, value: Expr): MicroflowStep {
  return {
    kind: "callJava",
    out,
    action: "Encryption.DecryptString",
    args: [
      { param: "value", value },
      { param: "key", value: ENCRYPTION_KEY },
      { param: "prefix", value: empty },
      { param: "legacyKey", value: constant("Encryption.LegacyEncryptionKey") },
    ],
  };
}

/**
 * Issue 20: a whitespace, control or invisible format character anywhere in a URL. No valid URL
 * holds one (RFC 3986 section 2: they must be percent-encoded), and the endpoint binding joins the
 * endpoints with a space, so one inside an endpoint could make two different endpoint lists join to
 * the same text. isMatch(value, regex) matches the whole value with a Java regular expression
 * (docs.mendix.com/refguide/string-function-calls/, isMatch); \p{Cc} controls, \p{Cf} invisible
 * format characters (zero-width, bidi), \p{Z} every Unicode space and separator. MDL writes it as a
 * plain call: mxcli's functionCall takes any IDENTIFIER as the name (mendixlabs/mxcli
 * mdl/grammar/domains/MDLSettings.g4:321-328, functionCall and functionName).
 */
export const URL_BLANK_PATTERN = "(?s).*[\\p{Cc}\\p{Cf}\\p{Z}].*";

export function urlHasBlank(variable: string, attribute: string): Expr {
  return fn("isMatch", attr(variable, attribute), str(URL_BLANK_PATTERN));
}

/** Endpoints that may stay empty (the feature is off): RevocationUrl (RFC 7009, optional). */
export const OPTIONAL_URLS: readonly string[] = ["RevocationUrl"];

/** Refuse a URL that does not start with https:// with feedback on its field, and stop; an optional URL may be empty. */
export function requireHttps(attribute: string): MicroflowStep {
  const notHttps = not(fn("startsWith", fn("toLowerCase", attr(CD, attribute)), str("https://")));
  return {
    kind: "decision",
    caption: `${attribute} is not HTTPS?`,
    condition: OPTIONAL_URLS.includes(attribute) ? op(op(attr(CD, attribute), "!=", empty), "and", notHttps) : notHttps,
    then: [
      { kind: "validationFeedback", variable: CD, entity: CD, attribute, text: "Use an https:// URL." },
      { kind: "return" },
    ],
    else: [],
  };
}

/** Refuse a URL holding a space or control character (see URL_BLANK_PATTERN) with feedback on its field, and stop. */
export function refuseBlankUrl(attribute: string): MicroflowStep {
  return {
    kind: "decision",
    caption: `${attribute} has a space or control character?`,
    condition: urlHasBlank(CD, attribute),
    then: [
      { kind: "validationFeedback", variable: CD, entity: CD, attribute, text: "Remove the spaces and control characters: a URL holds none (encode a space as %20)." },
      { kind: "return" },
    ],
    else: [],
  };
}

/** The save's and the explicit clear's URL checks: HTTPS, and no space or control character. */
export function urlChecks(urls: string[]): MicroflowStep[] {
  return urls.flatMap((url) => [requireHttps(url), refuseBlankUrl(url)]);
}

/** The typed value is not empty and not only blanks: only then is a secret replaced. */
export function secretTyped(input: string, secret: string): Expr {
  return op(op(attr(input, secret), "!=", empty), "and", op(fn("trim", attr(input, secret)), "!=", str("")));
}

/**
 * SUB_Url_Origin(Url): 'https://' + the lower-cased text between 'https://' and the first '/', or
 * the whole value when it is empty or not HTTPS. Mendix expressions cannot parse a URL, so the
 * endpoint rule compares this instead of the host. It errs only towards clearing: when two origins
 * are equal, the texts up to the first '/' are equal, and every URL parser ends the authority (user
 * info, host, port) at or before that '/', so the host is the same. A change of port, user info,
 * query without a path, or letter case of the user info also counts as a change and clears the secrets.
 * substring(text, start, length) and find(text, part) as in docs.mendix.com/refguide/string-function-calls.
 */
export function urlOriginFlow(): PlanMicroflow {
  const url = v("Url");
  const slash = fn("find", v("Authority"), str("/"));
  return {
    name: URL_ORIGIN,
    folder: PRIVATE,
    documentation:
      "Returns 'https://' and the lower-cased authority (host, and port or user info when present) of an https:// URL, or the value itself when it is empty or not HTTPS. " +
      "ACT_ConnectionDetails_Save compares it for the committed and the new endpoint: a different origin clears the stored secrets. " +
      "It errs towards clearing: a changed port or user info counts as a changed host. Private: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [{ name: "Url", type: "String" }],
    returnType: "String",
    steps: [
      { kind: "decision", caption: "No URL?", condition: op(url, "=", empty), then: [{ kind: "return", value: empty }], else: [] },
      { kind: "decision", caption: "Not HTTPS?", condition: not(fn("startsWith", fn("toLowerCase", url), str("https://"))), then: [{ kind: "return", value: url }], else: [] },
      { kind: "declare", out: "Authority", type: "String", value: fn("substring", url, int("https://".length)) },
      {
        kind: "decision",
        caption: "A path after the host?",
        condition: op(slash, ">=", int(0)),
        then: [{ kind: "set", variable: "Authority", value: fn("substring", v("Authority"), int(0), slash) }],
        else: [],
      },
      { kind: "return", value: op(str("https://"), "+", fn("toLowerCase", v("Authority"))) },
    ],
  };
}

/** What the endpoint rule watches, and what it clears. */
export interface EndpointRule {
  /** Endpoints compared by origin (the *Url settings). */
  urls: string[];
  /** Endpoints compared by value (e.g. the api-token header name). */
  values: string[];
  /** Administrator secrets stored encrypted on ConnectionDetails. */
  secrets: string[];
  /** Entities of cached tokens, deleted with the secrets. */
  tokenEntities: string[];
}

/**
 * The endpoint-change rule of the save: compare each endpoint of the committed ConnectionDetails
 * (a database retrieve returns the committed values, not the changed object of this request:
 * docs.mendix.com/refguide/objects-and-caching, "Actions That Return Tracked Objects" lists only
 * retrieve by association and by id) with the one being saved. When one changed, clear each stored
 * secret and its IsSet flag and delete every cached token, so none is sent to a host it was not
 * entered for. Runs before the new secrets are encrypted, so a secret typed with the new host stays.
 */
export function endpointRule(rule: EndpointRule): MicroflowStep[] {
  const committed = "Committed";
  const origin = (variable: string, url: string) => `${variable === CD ? "New" : "Committed"}${url}Origin`;
  const calls = rule.urls.flatMap((url): MicroflowStep[] =>
    [committed, CD].map((variable) => ({
      kind: "callMicroflow",
      out: origin(variable, url),
      microflow: URL_ORIGIN,
      args: [{ param: "Url", value: attr(variable, url) }],
    })),
  );
  const changes: Expr[] = [
    ...rule.urls.map((url) => op(v(origin(committed, url)), "!=", v(origin(CD, url)))),
    ...rule.values.map((name) => op(attr(committed, name), "!=", attr(CD, name))),
  ];
  const anyChange = changes.reduce((all, one) => op(all, "or", one));
  const clear = clearSecretsSteps(rule.secrets, rule.tokenEntities);
  return [
    { kind: "retrieve", out: committed, entity: CD, where: [], first: true },
    {
      kind: "decision",
      caption: "Saved before?",
      condition: op(v(committed), "!=", empty),
      then: [
        ...calls,
        { kind: "decision", caption: "An endpoint changed?", condition: anyChange, then: clear, else: [] },
      ],
      else: [],
    },
  ];
}

/** Clear each stored secret and its IsSet flag, and delete every cached token (the explicit clear, and the endpoint rule). */
export function clearSecretsSteps(secrets: string[], tokenEntities: string[]): MicroflowStep[] {
  return [
    ...(secrets.length
      ? [{
          kind: "change" as const,
          variable: CD,
          members: secrets.flatMap((s) => [
            { attribute: `Encrypted${s}`, value: empty },
            { attribute: `${s}IsSet`, value: bool(false) },
          ]),
        }]
      : []),
    ...tokenEntities.flatMap((entity): MicroflowStep[] => [
      { kind: "retrieve", out: `Old${entity}List`, entity, where: [], first: false },
      { kind: "delete", variable: `Old${entity}List` },
    ]),
  ];
}
