// Secrets are Encryption-module ciphertext that no role reads or writes (the save microflow encrypts,
// a private sub-microflow decrypts); and data that looks like a secret is at least marked sensitive.
import { accessRulePlace, attributePlace, AUTH_PLACE, defineRule, entityPlace, everyAccessRule } from "../places.js";
import { isSecretName } from "../../spec/secret-names.js";
import type { Finding } from "../types.js";

/** Kept for callers that judge a name alone (no type): see spec/secret-names.ts. */
export function isSecretLikeName(name: string): boolean {
  return isSecretName(name);
}

export const secretsEncrypted = defineRule({
  name: "SecretsEncrypted",
  severity: "error",
  description: "No role reads or writes a secret; secret-like data attributes are marked sensitive; no secret value sits in the spec.",
  help:
    "Secrets (passwords, API tokens, client secrets, OAuth tokens) are stored as Encryption-module ciphertext that no " +
    "module role may read or write: the Administrator sets them through a save microflow that encrypts, the connector " +
    "reads them through a private sub-microflow that decrypts. A text attribute whose name says it holds a secret " +
    "(judged by the head of the compound name: ClientSecrets, ApiKey, RefreshToken, Passcode, PrivateKeyPem; not TokensUsed, " +
    "MaxTokens, KeyId, SecretName or PasswordChangedAt; never an integer, boolean, date or decimal) must at least be `sensitive: true`, so read-only roles never see it; better, keep secrets out of data " +
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
      if (attribute.sensitive || attribute.encrypted || !isSecretName(attribute.name, attribute.type)) continue;
      findings.push(found(attributePlace(spec, entity.name, attribute.name),
        `${entity.name}.${attribute.name} looks like a secret but is not marked sensitive`,
        `set sensitive: true on ${attribute.name} (read-only roles then never read it), or keep secrets out of data entities`));
    }
  }
  return findings;
});
