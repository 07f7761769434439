// Small constructors for plan members, so the scheme and entity builders read as declarations.
import type { PlanAssociation, PlanAttribute } from "./types.js";

/**
 * The explicit link from a user-owned row to its user, as Mendix's OIDC module links OIDC.Token to
 * System.User (OIDC.Token_User). Unlike System.owner it is set by the connector, so rows a
 * scheduled sync creates belong to the right user too; deleting the user deletes the rows.
 */
export function ownerAssociation(entity: string, rows: string): PlanAssociation {
  return {
    name: `${entity}_User`,
    parent: entity,
    child: "System.User",
    type: "reference",
    documentation: `The user ${rows} belong to. Set only by the connector's microflows, never by a role; deleting the user deletes ${rows}.`,
    systemSet: true,
    deleteWithChild: true,
  };
}

/** The XPath that limits a role to the current user's rows, module-qualified as Mendix writes it. */
export function ownerXPath(module: string, entity: string): string {
  return `[${module}.${entity}_User='[%CurrentUser%]']`;
}

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
