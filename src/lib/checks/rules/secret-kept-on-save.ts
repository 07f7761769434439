// Saving the connection details without retyping a secret must keep it, and clearing is an explicit
// action. The Encryption module's EncryptString returns null for null and encrypts "" to a
// non-empty ciphertext (javasource/encryption/actions/EncryptString.java), so an unguarded save
// either erases the secret or stores an encrypted empty value, and sets IsSet anyway.
import { AUTH_PLACE, defineRule } from "../places.js";
import { encryptionsOf, SAVE } from "../save-flow.js";
import type { Finding } from "../types.js";

export const secretKeptOnSave = defineRule({
  name: "SecretKeptOnSave",
  severity: "error",
  description: "An empty secret input on save keeps the stored secret; clearing is a separate microflow for configuration writers.",
  help:
    "An Administrator who saves the connection details without retyping the password must not erase it (or replace it " +
    "with an encrypted empty value flagged as set). The save skips the encryption of an empty input; " +
    "ACT_ConnectionDetails_ClearSecrets clears on purpose and is allowed only to configuration roles that are not read-only. " +
    "The save encrypts a secret only inside a decision on \"typed and not blank\". Fix: regenerate.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const writers = new Set(plan.roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name));
  const save = plan.microflows.find((m) => m.name === SAVE);
  for (const secret of plan.secrets.filter((s) => s.source === "administrator" && s.storage === "database")) {
    if (save && encryptionsOf(save, secret.name).some((e) => !e.guarded)) {
      findings.push(found(AUTH_PLACE, `${SAVE} encrypts ${secret.name} even when nothing was typed, which erases the stored secret`,
        `skip the encryption of ${secret.name} when the input is empty`));
    }
    const clearer = plan.microflows.find((m) => m.name === secret.clearedBy);
    if (!clearer) {
      findings.push(found(AUTH_PLACE, `${secret.name} has no explicit way to be cleared`, "add ACT_ConnectionDetails_ClearSecrets for configuration writers"));
    } else {
      const others = clearer.allowedRoles.filter((r) => !writers.has(r));
      if (others.length > 0 || clearer.allowedRoles.length === 0) {
        findings.push(found(AUTH_PLACE, `${clearer.name} is allowed to ${others.length ? others.join(", ") : "no role"}; only configuration roles that are not read-only may clear secrets`,
          `allow ${clearer.name} to ${[...writers].join(", ")} only`));
      }
    }
  }
  return findings;
});
