// The fixed choices of the interview, each with one line on what it means and when to pick it.
// The line is part of the choice's name, short enough for an 80-column terminal; `short` is what
// stays on screen once it is chosen.
import type { Scheme } from "../spec/schema.js";

export interface Choice {
  value: string;
  name: string;
  /** Shown after the question once chosen (inquirer's select); the value when absent. */
  short?: string;
}

const explained = (value: string, text: string, width: number): Choice => ({ value, name: `${value.padEnd(width)}  ${text}`, short: value });

const SCHEME_TEXT: Record<Scheme, string> = {
  basic: "username and password on every request",
  "api-token": "one key for the whole app, in a header; most APIs",
  "oauth-authorization-code": "each user signs in at the service (OAuth, PKCE)",
  "oauth-client-credentials": "the app gets tokens with a client secret (OAuth)",
  saml: "sign-in to your app via the SAML module only",
  none: "no credentials (public data)",
};

export const SCHEME_CHOICES: Choice[] = Object.entries(SCHEME_TEXT).map(([value, text]) => explained(value, text, 24));

export const SECRET_STORAGE_CHOICES: Choice[] = [
  explained("database", "encrypted (Encryption module); an Administrator enters them", 8),
  explained("constant", "a blank constant, set per environment at deploy time", 8),
];

export const OWNERSHIP_CHOICES: Choice[] = [
  explained("shared", "every data role sees every object", 6),
  explained("user", "each user sees only the objects they own", 6),
];

export const ROLE_KIND_CHOICES: Choice[] = [
  explained("configuration", "manages the connection settings; never sees the data", 13),
  explained("data", "works with the connector's data; never sees the settings", 13),
];

export function associationChoices(from: string, to: string): Choice[] {
  return [
    explained("reference", `one ${to} (many ${from} objects may share it)`, 13),
    explained("reference-set", `several ${to} objects`, 13),
  ];
}

export const REACH_CHOICES: Choice[] = [
  explained("own", "only the objects its user owns (per-user entities)", 3),
  explained("all", "every user's objects: reporting, support", 3),
];
