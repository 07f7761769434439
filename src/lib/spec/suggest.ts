// Suggestions for near misses that edit distance does not catch, and for fields that are not part
// of a spec because a person enters them per environment: the words a message uses to say what to
// type instead.
import { closest } from "./names.js";

/** Other common names for the auth schemes and attribute types, normalised (lower case, letters and digits only). */
const ALIASES: Record<string, string[]> = {
  oauth: ["oauth-authorization-code", "oauth-client-credentials"],
  oauth2: ["oauth-authorization-code", "oauth-client-credentials"],
  oauth20: ["oauth-authorization-code", "oauth-client-credentials"],
  authorizationcode: ["oauth-authorization-code"],
  authcode: ["oauth-authorization-code"],
  pkce: ["oauth-authorization-code"],
  clientcredentials: ["oauth-client-credentials"],
  apikey: ["api-token"],
  token: ["api-token"],
  bearer: ["api-token"],
  bearertoken: ["api-token"],
  basicauth: ["basic"],
  password: ["basic"],
  usernamepassword: ["basic"],
  saml2: ["saml"],
  anonymous: ["none"],
  public: ["none"],
  // Attribute types by their names in other languages.
  text: ["string"],
  str: ["string"],
  int: ["integer"],
  number: ["integer", "decimal"],
  float: ["decimal"],
  double: ["decimal"],
  bigint: ["long"],
  bool: ["boolean"],
  date: ["datetime"],
  timestamp: ["datetime"],
};

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The choices a mistyped value most likely meant: close in spelling, or a common other name. */
export function likelyChoices(value: string, choices: readonly string[]): string[] {
  const near = closest(value, choices);
  if (near) return [near];
  const aliased = (ALIASES[normalise(value)] ?? []).filter((c) => choices.includes(c));
  if (aliased.length) return aliased;
  // A choice that starts like the value: "oauth" → both OAuth schemes.
  const start = normalise(value);
  return start.length >= 3 ? choices.filter((c) => normalise(c).startsWith(start)) : [];
}

/** 'did you mean "a"?' or 'did you mean "a" or "b"?'. */
export function didYouMean(options: readonly string[]): string {
  return `did you mean ${options.map((o) => `"${o}"`).join(" or ")}?`;
}

/**
 * Settings an Administrator enters per environment on the configuration page (they are
 * ConnectionDetails attributes, not spec fields), by normalised key: a file that names one gets
 * told where it goes instead of "unknown field".
 */
const ENTERED_AT_RUN_TIME: Record<string, string> = {
  clientid: "the OAuth client ID",
  username: "the username",
  user: "the username",
};

export function enteredAtRunTime(key: string): string | undefined {
  const what = ENTERED_AT_RUN_TIME[normalise(key)];
  return what && `${what} is not part of the spec: an Administrator enters it per environment on the configuration page (SNIP_ConnectionDetails), which stores it in ConnectionDetails; delete it from the file`;
}
