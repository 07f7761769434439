// Secrets are entered at run time or deploy time, never at scaffolding time: a value under a
// secret-like key anywhere in the answers is refused, so it never lands in a kit or in Git.
import { knownCredential } from "./credentials.js";
import { formatPath, type PathSegment, type Problem } from "./problems.js";

// Compared after lower-casing and dropping "-", "_" and ".": "client_secret" is "clientsecret".
const SECRET_KEYS = new Set([
  "password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "token", "accesstoken",
  "refreshtoken", "idtoken", "bearertoken", "apikey", "apitoken", "authtoken", "privatekey",
  "credential", "credentials", "encryptionkey", "sharedkey", "signingkey",
]);
const SECRET_SUFFIXES = ["password", "secret", "apikey", "accesstoken", "refreshtoken", "privatekey"];

export function isSecretLikeKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_.\s]/g, "");
  return SECRET_KEYS.has(normal) || SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix));
}

export function findSecretValues(data: unknown, path: PathSegment[] = []): Problem[] {
  if (Array.isArray(data)) return data.flatMap((item, index) => findSecretValues(item, [...path, index]));
  if (typeof data === "string") {
    // Free text (a description, a name, $schema, a URL) may carry a credential too.
    const why = textCredential(data);
    return why === undefined ? [] : [{ path: formatPath(path), message: `carries a credential (${why}); ${SECRET_ADVICE}` }];
  }
  if (data === null || typeof data !== "object") return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const here = [...path, key];
    if (isSecretLikeKey(key) && value !== null && value !== undefined && value !== "") {
      return [{ path: formatPath(here), message: SECRET_MESSAGE }];
    }
    return findSecretValues(value, here);
  });
}

// The value itself is never quoted: it is the secret.
const SECRET_ADVICE =
  "secrets never go in an answers file. Remove it: the Administrator enters it at run time " +
  "(secretStorage: database) or it is set per environment at deploy time (secretStorage: constant).";
const SECRET_MESSAGE = `looks like a secret; ${SECRET_ADVICE}`;

/**
 * Query and fragment parameters that carry a credential in the URLs of common services: API keys
 * (key, api_key), AWS SigV4 presigned URLs (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token),
 * Azure SAS (sig), OAuth implicit-flow fragments (access_token, id_token), and auth=.
 * Compared like keys: lower case, without "-", "_" and ".".
 */
const URL_SECRET_PARAMS = new Set([
  "key", "accesskey", "accesskeyid", "secretkey", "sig", "signature", "xamzsignature", "xamzcredential", "xamzsecuritytoken",
  "auth", "authorization", "sessiontoken", "code", "jwt", "pass",
]);

function isSecretParam(name: string): boolean {
  return isSecretLikeKey(name) || URL_SECRET_PARAMS.has(name.toLowerCase().replace(/[-_.\s]/g, ""));
}

/** Why a URL carries a credential (user:password@host, or a secret-like query or fragment parameter), or undefined. */
export function urlCredential(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if (parsed.username !== "" || parsed.password !== "") return "user name or password before the host";
  const query = [...parsed.searchParams.keys()].find(isSecretParam);
  if (query !== undefined) return `the query parameter ${query}`;
  // A fragment such as #access_token=...&token_type=bearer, or #/path?key=...
  const fragment = parsed.hash.slice(1);
  const params = new URLSearchParams(fragment.includes("?") ? fragment.slice(fragment.indexOf("?") + 1) : fragment);
  const inFragment = [...params.keys()].find(isSecretParam);
  return inFragment === undefined ? undefined : `the fragment parameter ${inFragment}`;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** "password: hunter2", "api_key=abc", "token = 'x1'": a secret-like word, then ":" or "=", then a value. */
const ASSIGNED_SECRET =
  /\b(pass(?:word|wd|phrase)?|pwd|secret|client[_ -]?secret|api[_ -]?key|access[_ -]?key|(?:access|refresh|auth|id|bearer)?[_ -]?token|private[_ -]?key)\s*([:=])\s*["']?([^\s"',;)\]}]+)/gi;
/** Names with digits that prose about tokens uses ("token: OAuth2", "signature: HS256"), not secrets. */
const WORD_WITH_DIGITS = /^(oauth|oidc|sha|hs|rs|es|ps|aes|tls|ssl|s|x|base|utf|v)[-.]?\d+(\.\d+)*$/i;
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/;
/** What every ASSIGNED_SECRET match holds (same flags): one of its words, or part of one. */
const SECRET_WORD = /pass|pwd|secret|key|token/i;

/**
 * Why free text carries a credential, or undefined. After ":" only a value with a digit or a
 * symbol counts ("password: hunter2", not "password: encrypted"), so prose about secrets passes.
 */
export function textCredential(text: string): string | undefined {
  // Each pattern is tried only when the text holds what every match of it must hold (a URL "://",
  // a secret-like word, "Bearer"): the same answers, without running the costly patterns over every
  // name and type in a large spec.
  if (text.includes("://")) {
    for (const [url] of text.matchAll(URL_IN_TEXT)) {
      const why = urlCredential(url.replace(/[.,;:!?)]+$/, ""));
      if (why !== undefined) return url === text ? why : `a URL with ${why}`;
    }
  }
  if (SECRET_WORD.test(text)) {
    for (const match of text.matchAll(ASSIGNED_SECRET)) {
      const [, word, separator, value] = match as unknown as [string, string, string, string];
      const trimmed = value.replace(/[.!?]+$/, "");
      if (trimmed.length < 3) continue;
      if (separator === "=" || (/[^A-Za-z]/.test(trimmed) && !WORD_WITH_DIGITS.test(trimmed))) return `a value given to ${word.trim()}`;
    }
  }
  if (text.includes("Bearer") && BEARER.test(text)) return "a bearer token";
  if (text.includes("Basic") && basicCredential(text)) return "a Basic authorization header value (user:password in base64)";
  // Known formats (gitleaks' rules): named by the rule, never quoted.
  const known = knownCredential(text);
  return known === undefined ? undefined : `a credential in a known format, gitleaks rule ${known}`;
}

const BASIC = /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;
/** "Basic dXNlcjpwYXNzd29yZA==": base64 that decodes to printable "user:password". */
function basicCredential(text: string): boolean {
  for (const [, encoded] of text.matchAll(BASIC)) {
    const decoded = Buffer.from(encoded!, "base64").toString("latin1");
    if (/^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded)) return true;
  }
  return false;
}
