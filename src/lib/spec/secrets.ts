// Secrets are entered at run time or deploy time, never at scaffolding time: a value under a
// secret-like key anywhere in the answers is refused, so it never lands in a kit or in Git.
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
  if (data === null || typeof data !== "object") return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const here = [...path, key];
    if (isSecretLikeKey(key) && value !== null && value !== undefined && value !== "") {
      return [{
        path: formatPath(here),
        message:
          "looks like a secret; secrets never go in an answers file. Remove it: the Administrator enters it at run time " +
          "(secretStorage: database) or it is set per environment at deploy time (secretStorage: constant).",
      }];
    }
    return findSecretValues(value, here);
  });
}

/** Why a URL carries a credential (user:password@host, or a secret-like query parameter), or undefined. */
export function urlCredential(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if (parsed.username !== "" || parsed.password !== "") return "user name or password before the host";
  const key = [...parsed.searchParams.keys()].find(isSecretLikeKey);
  return key === undefined ? undefined : `the query parameter ${key}`;
}
