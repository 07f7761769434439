// Whether an attribute's name and type say it holds a secret. A compound name is judged by its
// head, the word that says what the value is (English compounds put it last): ClientSecret and
// RefreshToken are secrets; TokensUsed (a count), TokenCount, KeyId, SecretName and
// PasswordChangedAt are about a secret but are not one. Only text can hold a secret: an integer,
// long, decimal, boolean or date is never one by its name. Measured on the property names of
// public OpenAPI documents in test/fixtures/openapi-names (test/secret-names.test.ts).

/** Heads that are a secret on their own (compared singular and lower case). */
const SECRET_HEADS = new Set([
  "password", "passwd", "pwd", "passphrase", "passcode", "secret", "credential", "apikey", "jwt", "otp", "totp", "pin",
  "privatekey", "clientsecret", "accesstoken", "refreshtoken", "idtoken", "apitoken", "authtoken", "bearertoken", "bearer", "cookie",
]);
/** Secret heads written together with what comes before them ("clientsecrets", "maxtokens"): the longest first. */
const JOINED_STEMS = ["password", "passwd", "passphrase", "passcode", "secret", "credential", "apikey", "privatekey", "token"];
/** A token is a secret unless it is counted or is a position in a list (a page token, a continuation token). */
const NOT_SECRET_TOKEN = new Set([
  "max", "min", "total", "num", "number", "count", "used", "prompt", "completion", "input", "output", "remaining", "limit",
  "reasoning", "cached", "audio", "text", "image", "context", "billed", "logit", "top", "stop", "special", "per",
  "trained", "generated", "processed", "consumed",
  "page", "next", "previous", "prev", "continuation", "pagination", "sync", "cursor", "resume", "idempotency", "cancellation",
]);
/** Words that are a secret only as the whole name: an Authorization or Auth text is a header value or credential. */
const SECRET_ALONE = new Set(["authorization", "auth"]);
/** A key is a secret only as one of these kinds (a sort key, a primary key or an idempotency key is not). */
const SECRET_KEY_KINDS = new Set([
  "api", "private", "secret", "access", "signing", "encryption", "decryption", "shared", "client", "master", "auth",
  "authentication", "subscription", "license", "licence", "webhook", "hmac", "session", "app", "application", "consumer",
  "developer", "service", "ssh", "gpg", "pgp", "aes", "symmetric", "sas", "storage", "account", "root", "primary", "secondary",
]);
/** A code is a secret as one of these (a one-time code, an OAuth code); a country or status code is not. */
const SECRET_CODE_KINDS = new Set(["auth", "authorization", "verification", "security", "otp", "pin", "recovery", "backup", "pass", "mfa", "totp"]);
/** Words after the head that say how a secret is written, not what it is: PrivateKeyPem, TokenValue. */
const FORMAT_WORDS = new Set(["value", "pem", "der", "base64", "b64", "hex", "encoded", "raw", "plain", "plaintext", "text", "string", "bytes", "data", "content"]);

/** Types that can never hold a secret, whatever their name. */
const NEVER_SECRET_TYPES = new Set(["integer", "long", "decimal", "boolean", "datetime", "number", "date-time", "date"]);

/** Lower-case singular words of a name: ApiKey → api key; client_secrets → client secret; JWTs → jwt. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .flatMap((word) => splitJoined(singular(word.toLowerCase())));
}

function singular(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

/** "clientsecret" → client secret; "maxtoken" → max token: a stem at the end of a word written together. */
function splitJoined(word: string): string[] {
  if (SECRET_HEADS.has(word)) return [word];
  for (const stem of JOINED_STEMS) {
    if (word.length > stem.length && word.endsWith(stem)) return [word.slice(0, -stem.length), stem];
  }
  return [word];
}

/**
 * True when a data attribute of this name and type holds a secret. `type` is the spec's attribute
 * type; without one (a key in a file) the name alone decides.
 */
export function isSecretName(name: string, type?: string): boolean {
  if (type !== undefined && NEVER_SECRET_TYPES.has(type)) return false;
  const words = nameWords(name);
  while (words.length > 1 && FORMAT_WORDS.has(words.at(-1)!)) words.pop();
  const head = words.at(-1);
  if (head === undefined) return false;
  const before = words.at(-2);
  if (SECRET_HEADS.has(head)) return true;
  // A head cut apart by its capitals: PassWord, JWTs.
  if (before !== undefined && SECRET_HEADS.has(singular(before + head))) return true;
  if (words.length === 1 && SECRET_ALONE.has(head)) return true;
  // A counted token anywhere in the compound: total_candidate_tokens, batch_max_input_tokens.
  if (head === "token") return !words.slice(0, -1).some((w) => NOT_SECRET_TOKEN.has(w));
  if (head === "key") return before !== undefined && SECRET_KEY_KINDS.has(before);
  if (head === "code") return before !== undefined && SECRET_CODE_KINDS.has(before);
  return false;
}
