// Names from an OpenAPI document made valid Mendix names; a valid name is kept as the document
// spells it, so the two stay recognisable. The original goes into the entity's documentation.
import { isJavaKeyword, isReservedAttributeName, MENDIX_NAME } from "../spec/names.js";

const MAX = 100;

/** "chat.v3.channel" → "ChatV3Channel", "first-name" → "FirstName", "400" → `${fallback}400`. */
export function mendixNameFrom(original: string, fallback: string): string {
  if (MENDIX_NAME.test(original) && original.length <= MAX) return original;
  const words = original.match(/[A-Za-z0-9]+/g) ?? [];
  let name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  if (!/^[A-Za-z]/.test(name)) name = `${fallback}${name}`;
  return name.slice(0, MAX);
}

/** A free name: one not taken (case-insensitive), with 2, 3, ... appended when it is. */
export function freeName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, MAX - String(n).length)}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** An attribute name Mendix accepts: reserved ones (id, type, owner, Java keywords) get the entity's name before them. */
export function attributeNameFrom(original: string, entity: string): string {
  const name = mendixNameFrom(original, "Attribute");
  return isReservedAttributeName(name) ? `${entity}${name.charAt(0).toUpperCase()}${name.slice(1)}`.slice(0, MAX) : name;
}

export function entityNameFrom(original: string): string {
  const name = mendixNameFrom(original, "Schema");
  return isJavaKeyword(name) ? `${name}Object` : name;
}

/** "Xero Assets API" → "XeroAssetsApiConnector". */
export function moduleNameFrom(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? [];
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
  const name = /^[A-Za-z]/.test(pascal) ? `${pascal}Connector` : `Service${pascal}Connector`;
  return name.slice(0, MAX);
}
