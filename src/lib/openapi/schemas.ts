// Component schemas (OpenAPI components.schemas, Swagger definitions) → the entities a person picks:
// allOf merged, properties to attributes with Mendix types and lengths, references between chosen
// schemas to associations, names made valid Mendix names (the original kept in the documentation).
// Works on the dereferenced document: a $ref is then the named schema's own object (the
// dereferencer reuses it), or, where a cycle was left alone, a "#/components/schemas/X" $ref.
import { GENERATED_ENTITY_NAMES } from "../spec/semantics.js";
import { closest } from "../spec/names.js";
import { isSecretLikeName } from "../checks/rules/secrets-encrypted.js";
import { UserError } from "../spec/problems.js";
import { attributeNameFrom, entityNameFrom, freeName } from "./names.js";
import { pointer } from "./pointer.js";
import type { OpenApiDocument } from "./read.js";

type Json = Record<string, unknown>;

export interface CandidateSchema {
  /** As the document names it. */
  name: string;
  /** The Mendix entity name it becomes. */
  entityName: string;
  pointer: string;
  description: string;
  properties: number;
}

/** Longest documentation text taken from a schema's description. */
const MAX_DOCUMENTATION = 1000;

interface Named {
  byObject: Map<object, string>;
  byName: Map<string, Json>;
  base: string[];
}

function namedSchemas(doc: OpenApiDocument): Named {
  const base = doc.swagger !== undefined ? ["definitions"] : ["components", "schemas"];
  const schemas = obj(doc.swagger !== undefined ? doc.definitions : obj(doc.components).schemas);
  const byObject = new Map<object, string>();
  const byName = new Map<string, Json>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (typeof schema !== "object" || schema === null) continue;
    if (!byObject.has(schema)) byObject.set(schema, name);
    byName.set(name, schema as Json);
  }
  return { byObject, byName, base };
}

/** The component schema a value is (by identity, or by a $ref left in place by a cycle). */
function nameOf(value: unknown, named: Named): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const byObject = named.byObject.get(value);
  if (byObject !== undefined) return byObject;
  const ref = (value as Json).$ref;
  const prefix = `#/${named.base.join("/")}/`;
  if (typeof ref === "string" && ref.startsWith(prefix)) {
    const name = ref.slice(prefix.length).replace(/~1/g, "/").replace(/~0/g, "~");
    return named.byName.has(name) ? name : undefined;
  }
  return undefined;
}

function resolve(value: unknown, named: Named): Json {
  const name = nameOf(value, named);
  return name !== undefined ? named.byName.get(name)! : obj(value);
}

interface Property {
  name: string;
  schema: Json;
  /** Where it is declared, for messages. */
  at: string;
}

/** A schema's own and inherited (allOf) properties; each schema visited once, so cycles end. */
function properties(schema: Json, named: Named, at: string, seen = new Set<object>()): Property[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out: Property[] = [];
  const allOf = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]) : [];
  allOf.forEach((member, i) => {
    const name = nameOf(member, named);
    const memberAt = name !== undefined ? pointer([...named.base, name]) : `${at}/allOf/${i}`;
    out.push(...properties(resolve(member, named), named, memberAt, seen));
  });
  for (const [name, value] of Object.entries(obj(schema.properties))) {
    const index = out.findIndex((p) => p.name === name);
    const property = { name, schema: obj(value), at: `${at}/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` };
    // Keep the original object (not a resolved copy): its identity tells which component it is.
    (property as { raw?: unknown }).raw = value;
    if (index >= 0) out[index] = property;
    else out.push(property);
  }
  return out;
}

function isObjectLike(schema: Json): boolean {
  return schema.type === "object" || schema.properties !== undefined || Array.isArray(schema.allOf);
}

export function candidateSchemas(doc: OpenApiDocument): CandidateSchema[] {
  const named = namedSchemas(doc);
  const out: CandidateSchema[] = [];
  for (const [name, schema] of named.byName) {
    if (!isObjectLike(schema)) continue;
    const at = pointer([...named.base, name]);
    out.push({ name, entityName: entityNameFrom(name), pointer: at, description: text(schema.description) ?? text(schema.title) ?? "", properties: properties(schema, named, at).length });
  }
  return out;
}

export interface DraftEntities {
  entities: Json[];
  messages: string[];
  origins: Record<string, string>;
}

/** The chosen schemas (by the document's name, or the entity name; any case) → entity answers. */
export function entitiesFromSchemas(doc: OpenApiDocument, chosen: readonly string[], module: string, service: string): DraftEntities {
  const named = namedSchemas(doc);
  const candidates = candidateSchemas(doc);
  const picked: CandidateSchema[] = [];
  for (const wanted of chosen) {
    const match =
      candidates.find((c) => c.name === wanted) ??
      candidates.find((c) => c.name.toLowerCase() === wanted.toLowerCase() || c.entityName.toLowerCase() === wanted.toLowerCase());
    if (!match) {
      const guess = closest(wanted, candidates.map((c) => c.name));
      if (!candidates.length) throw new UserError(`--entities: the document has no object schemas (components.schemas or definitions with properties) to make entities of; leave --entities out.`);
      const known = named.byName.has(wanted) ? ` ${wanted} is not an object schema (it has no properties).` : "";
      throw new UserError(`--entities: the document has no object schema ${JSON.stringify(wanted)}.${known}${guess ? ` Did you mean ${guess}?` : ""} Its schemas: ${candidates.slice(0, 20).map((c) => c.name).join(", ")}${candidates.length > 20 ? ` and ${candidates.length - 20} more` : ""}.`);
    }
    if (!picked.includes(match)) picked.push(match);
  }
  const taken = new Set([module, ...GENERATED_ENTITY_NAMES].map((n) => n.toLowerCase()));
  const entityNames = new Map(picked.map((c) => [c.name, freeName(c.entityName, taken)]));
  const messages: string[] = [];
  const origins: Record<string, string> = {};
  const entities = picked.map((candidate, index) => {
    const entityName = entityNames.get(candidate.name)!;
    origins[`entities[${index}]`] = candidate.pointer;
    const schema = named.byName.get(candidate.name)!;
    const attributes: Json[] = [];
    const associations: Json[] = [];
    const leftOut: string[] = [];
    const renamed: string[] = [];
    const sensitive: string[] = [];
    const attributeNames = new Set<string>();
    for (const property of properties(schema, named, candidate.pointer)) {
      const raw = (property as { raw?: unknown }).raw;
      const target = nameOf(raw, named);
      const resolved = resolve(raw, named);
      if (target !== undefined && isObjectLike(resolved)) {
        addAssociation(target, "reference", property.name);
        continue;
      }
      if (resolved.type === "array" || typeOf(resolved) === "array") {
        const itemTarget = nameOf(resolved.items, named);
        if (itemTarget !== undefined && isObjectLike(resolve(resolved.items, named))) addAssociation(itemTarget, "reference-set", property.name);
        else leftOut.push(`${property.name} (a list)`);
        continue;
      }
      const attribute = attributeFrom(resolved);
      if (typeof attribute === "string") {
        leftOut.push(`${property.name} (${attribute})`);
        continue;
      }
      const name = freeName(attributeNameFrom(property.name, entityName), attributeNames);
      if (name !== property.name) renamed.push(`${property.name} → ${name}`);
      origins[`entities[${index}].attributes[${attributes.length}]`] = property.at;
      // What the audit reads as a secret is kept from read-only roles (SecretsEncrypted's own test).
      if (isSecretLikeName(name) && attribute.sensitive !== true) {
        attribute.sensitive = true;
        sensitive.push(name);
      }
      attributes.push({ name, ...attribute });
    }

    function addAssociation(target: string, type: "reference" | "reference-set", property: string): void {
      const to = entityNames.get(target);
      if (to === undefined || target === candidate.name) leftOut.push(`${property} (schema ${target}, not chosen)`);
      else if (associations.some((a) => a.to === to)) leftOut.push(`${property} (a second reference to ${to})`);
      else associations.push({ to, type });
    }

    if (leftOut.length) messages.push(`${entityName}: left out ${leftOut.join(", ")} (${candidate.pointer}).`);
    if (sensitive.length) messages.push(`${entityName}: ${sensitive.join(", ")} look${sensitive.length === 1 ? "s" : ""} like a secret: marked sensitive (read-only roles never read it).`);
    const origin = entityName === candidate.name ? "" : ` OpenAPI schema: ${candidate.name}.`;
    const renames = renamed.length ? ` Attributes renamed from the document: ${renamed.join(", ")}.` : "";
    const base = candidate.description ? candidate.description.slice(0, MAX_DOCUMENTATION) : `One ${candidate.name} from ${service}.`;
    return { name: entityName, documentation: `${base}${origin}${renames}`, attributes, associations };
  });
  return { entities, messages, origins };
}

/** A property's schema → an attribute's type and length, or why it is left out. */
function attributeFrom(schema: Json): Json | string {
  const type = typeOf(schema);
  const format = typeof schema.format === "string" ? schema.format.toLowerCase() : "";
  const sensitive = format === "password" || schema.writeOnly === true ? { sensitive: true } : {};
  switch (type) {
    case "boolean":
      return { type: "boolean" };
    case "integer":
      // Mendix Integer is 32-bit; an integer without int32 may not fit, so it becomes a Long.
      return { type: format === "int32" ? "integer" : "long" };
    case "number":
      return { type: "decimal" };
    case "string": {
      if (format === "date-time" || format === "date") return { type: "datetime" };
      if (format === "binary" || format === "byte") return "binary content";
      const max = typeof schema.maxLength === "number" && Number.isInteger(schema.maxLength) && schema.maxLength > 0 ? schema.maxLength : undefined;
      const length = max !== undefined ? Math.min(max, 1_000_000) : format === "uuid" ? 36 : format === "email" ? 254 : format === "uri" || format === "url" ? 2000 : undefined;
      return { type: "string", ...(length !== undefined ? { length } : {}), ...sensitive };
    }
    case "object":
      return "a nested object";
    default:
      return schema.oneOf || schema.anyOf ? "one of several types" : "no type";
  }
}

/** The type, for OpenAPI 3.1's type lists (["string", "null"]) too. */
function typeOf(schema: Json): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return (schema.type as unknown[]).map(String).find((t) => t !== "null");
  if (schema.properties) return "object";
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) return "string";
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
