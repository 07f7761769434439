// Small constructors for plan members, so the scheme and entity builders read as declarations.
import type { PlanAttribute } from "./types.js";

export const OWNER_XPATH = "[System.owner='[%CurrentUser%]']";

type Extra = Partial<Omit<PlanAttribute, "name" | "type" | "documentation">>;

export function text(name: string, length: number, documentation: string, extra: Extra = {}): PlanAttribute {
  return { name, type: "string", length, documentation, sensitive: false, encrypted: false, systemSet: false, ...extra };
}

export function flag(name: string, documentation: string, extra: Extra = {}): PlanAttribute {
  return { name, type: "boolean", documentation, sensitive: false, encrypted: false, systemSet: false, defaultValue: "false", ...extra };
}

export function moment(name: string, documentation: string, extra: Extra = {}): PlanAttribute {
  return { name, type: "datetime", documentation, sensitive: false, encrypted: false, systemSet: false, ...extra };
}

/** Encryption-module ciphertext. Unlimited length: {AES3}<iv>;<ciphertext> grows with the value. */
export function encrypted(name: string, documentation: string): PlanAttribute {
  return text(name, 0, `${documentation} Encryption-module ciphertext ({AES3}...); no role may read or write it.`, {
    encrypted: true,
    sensitive: true,
    systemSet: true,
  });
}
