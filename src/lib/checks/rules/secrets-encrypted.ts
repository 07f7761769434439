// Secrets are Encryption-module ciphertext that no role reads or writes (the save microflow encrypts,
// a private sub-microflow decrypts); and data that looks like a secret is at least marked sensitive.
import { accessRulePlace, attributePlace, AUTH_PLACE, defineRule, entityPlace, everyAccessRule } from "../places.js";
import type { Finding } from "../types.js";

/** Words that name a secret on their own (compared singular: Passwords -> password). */
const SECRET_WORDS = new Set([
  "password", "passwd", "pwd", "passphrase", "passcode", "secret", "token", "jwt", "key", "apikey", "credential", "otp", "totp",
  "pin", "cookie", "bearer",
]);
/** Secret words that also hide inside one lower-case compound ("clientsecrets", "apikeys", "refreshtoken"). */
const SECRET_STEMS = ["password", "passwd", "passphrase", "passcode", "secret", "token", "jwt", "apikey", "privatekey", "signingkey", "credential"];

function singular(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/**
 * True for attribute names such as ApiKey, refresh_token, UserPassword, Passwords, ClientSecrets,
 * SigningKeys, Passcode, Jwt, apikeys: word by word (camel case, underscores, digits), singular,
 * case-insensitive, and by a stem that ends a word written without separators (clientsecret, not secretive).
 */
export function isSecretLikeName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\d-]+/)
    .filter(Boolean)
    .map((w) => singular(w.toLowerCase()));
  // The name read as one word too, so a split that cuts a stem apart (PassWord, JWTs) still counts.
  const whole = singular(name.toLowerCase().replace(/[^a-z]/g, ""));
  return [...words, whole].some((w) => SECRET_WORDS.has(w) || SECRET_STEMS.some((stem) => w.endsWith(stem)));
}

export const secretsEncrypted = defineRule({
  name: "SecretsEncrypted",
  severity: "error",
  description: "No role reads or writes a secret; secret-like data attributes are marked sensitive; no secret value sits in the spec.",
  help:
    "Secrets (passwords, API tokens, client secrets, OAuth tokens) are stored as Encryption-module ciphertext that no " +
    "module role may read or write: the Administrator sets them through a save microflow that encrypts, the connector " +
    "reads them through a private sub-microflow that decrypts. A data attribute named like a secret (password, passcode, " +
    "secret, token, JWT, key, credential, in plural and compound forms such as Passwords, ClientSecrets, SigningKeys) must at least be `sensitive: true`, so read-only roles never see it; better, keep secrets out of data " +
    "entities. A secret value written into the answers file is refused: enter it at run time or deploy time. " +
    "Related: mxcli lint SEC006 PIIAttributesExposed; CLEVR ACR sensitiveconstant; mxlint ExposedConstants.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  for (const { entity, rule } of everyAccessRule(plan)) {
    for (const member of rule.members) {
      const attribute = entity.attributes.find((a) => a.name === member.member);
      if (!attribute?.encrypted || member.rights === "None") continue;
      findings.push(found(accessRulePlace(spec, entity.name, rule),
        `role ${rule.role} has ${member.rights} access to ${entity.name}.${attribute.name}, which holds an encrypted secret`,
        `set ${attribute.name} to None for ${rule.role}; secrets are written only by the save microflow and read only by private sub-microflows`));
    }
  }
  for (const secret of plan.secrets) {
    if (secret.storage !== "database" || !secret.entity || !secret.attribute) continue;
    const holder = plan.entities.find((e) => e.name === secret.entity);
    const attribute = holder?.attributes.find((a) => a.name === secret.attribute);
    if (!attribute?.encrypted) {
      findings.push(found(secret.entity === undefined ? AUTH_PLACE : entityPlace(spec, secret.entity),
        `secret ${secret.name} is stored in ${secret.entity}.${secret.attribute} without Encryption-module encryption`,
        "store the secret as an Encrypted... attribute written by the save microflow (Encryption.EncryptString)"));
    }
  }
  for (const entity of plan.entities) {
    if (entity.purpose !== "data") continue;
    for (const attribute of entity.attributes) {
      if (attribute.sensitive || attribute.encrypted || !isSecretLikeName(attribute.name)) continue;
      findings.push(found(attributePlace(spec, entity.name, attribute.name),
        `${entity.name}.${attribute.name} looks like a secret but is not marked sensitive`,
        `set sensitive: true on ${attribute.name} (read-only roles then never read it), or keep secrets out of data entities`));
    }
  }
  return findings;
});
