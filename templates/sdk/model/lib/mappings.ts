// JSON structures and import mappings (the OAuth token response). Studio Pro and mxcli derive a
// JSON structure's elements from its snippet; the Model SDK has no call that does (JsonStructure
// holds jsonSnippet and elements only: jsonstructures.d.ts), so this builds them the way mxcli's
// writer does for a flat object, which it documents as Studio Pro's own output:
//   mendixlabs/mxcli sdk/mpr/writer_json_structure.go @c5e33be0 (DeriveJsonElementsFromSnippet, deriveElement;
//   the executor's copy in ako/mxcli July 2026: mdl/types/json_utils.go BuildJsonElementsFromSnippet :69-204):
//   the root object: ExposedName "Root", Path "(Object)", ElementType Object, PrimitiveType Unknown,
//   MinOccurs 1, MaxOccurs 1, Nillable true, MaxLength -1; each member: ExposedName = its key with
//   the first letter upper-cased, Path "(Object)|<key>" (the raw JSON key), ElementType Value,
//   PrimitiveType String (MaxLength 0) or Integer (MaxLength -1), MinOccurs 0, MaxOccurs 1,
//   Nillable true, FractionDigits and TotalDigits -1, OriginalValue the example as JSON text.
//   The import mapping's elements carry the same paths as JsonPath (writer_import_mapping.go:
//   ObjectMappingElement JsonPath "(Object)", ValueMappingElement JsonPath "(Object)|<key>"), and
//   the ObjectHandling "Create" (mxcli's default there, and the SDK's: mappings.js
//   ObjectMappingElement._initializeDefaultProperties).
// None of this was checked against Studio Pro: the kit README lists it as a manual check.
import { datatypes, importmappings, jsonstructures, mappings, Version, xmlschemas } from "mendixmodelsdk";
import type { IModel } from "mendixmodelsdk";
import { required, type Built } from "./built.js";
import type { ImportMappingDefinition, JsonStructureDefinition } from "./definition.js";

/** The JsonPath of the root object, and of one of its members. */
export const ROOT_PATH = "(Object)";
export const memberPath = (key: string): string => `${ROOT_PATH}|${key}`;
/** The ExposedName Studio Pro gives a member: its key with the first letter upper-cased. */
export const exposedName = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

type Kind = "String" | "Integer";
const kindOf = (example: string | number): Kind => (typeof example === "number" ? "Integer" : "String");

/** The snippet Studio Pro would show: the members with their example values, as one JSON object. */
export function jsonSnippet(def: JsonStructureDefinition): string {
  return JSON.stringify(Object.fromEntries(def.members.map((m) => [m.key, m.example])), null, 2);
}

export function buildJsonStructure(def: JsonStructureDefinition, built: Built): jsonstructures.JsonStructure {
  const structure = jsonstructures.JsonStructure.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
  structure.name = def.name;
  structure.documentation = def.documentation;
  structure.jsonSnippet = jsonSnippet(def);
  const root = jsonstructures.JsonElement.createInJsonStructureUnderElements(structure);
  shape(root, { exposedName: "Root", path: ROOT_PATH, type: "Object", minOccurs: 1 });
  for (const member of def.members) {
    const element = jsonstructures.JsonElement.createInElementUnderChildren(root);
    shape(element, { exposedName: exposedName(member.key), path: memberPath(member.key), type: kindOf(member.example), minOccurs: 0 });
    element.originalValue = JSON.stringify(member.example);
  }
  return structure;
}

function shape(element: mappings.Element, with_: { exposedName: string; path: string; type: "Object" | Kind; minOccurs: number }): void {
  element.exposedName = with_.exposedName;
  element.path = with_.path;
  element.elementType = with_.type === "Object" ? mappings.ElementType.Object : mappings.ElementType.Value;
  element.primitiveType = with_.type === "Object" ? xmlschemas.XmlPrimitiveType.Unknown : xmlschemas.XmlPrimitiveType[with_.type];
  element.minOccurs = with_.minOccurs;
  element.maxOccurs = 1;
  element.nillable = true;
  element.maxLength = with_.type === "String" ? 0 : -1;
  element.fractionDigits = -1;
  element.totalDigits = -1;
}

export function buildImportMapping(model: IModel, module: string, def: ImportMappingDefinition, structures: JsonStructureDefinition[], built: Built): importmappings.ImportMapping {
  const source = required(structures.find((s) => s.name === def.jsonStructure), `JSON structure ${def.jsonStructure}`);
  const mapping = importmappings.ImportMapping.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
  mapping.name = def.name;
  mapping.documentation = def.documentation;
  mapping.jsonStructure = required(model.findJsonStructureByQualifiedName(`${module}.${def.jsonStructure}`), `JSON structure ${module}.${def.jsonStructure}`);
  const root = importmappings.ImportObjectMappingElement.createInMappingDocumentUnderRootMappingElements(mapping);
  root.entity = required(built.entities.get(def.entity), `entity ${def.entity}`);
  root.objectHandling = mappings.ObjectHandlingEnum.Create;
  root.exposedName = "Root";
  root.jsonPath = ROOT_PATH;
  root.elementType = mappings.ElementType.Object;
  root.minOccurs = 1;
  root.maxOccurs = 1;
  root.nillable = true;
  for (const value of def.values) {
    const member = required(source.members.find((m) => m.key === value.key), `member ${value.key} of ${def.jsonStructure}`);
    const element = importmappings.ImportValueMappingElement.createIn(root);
    element.attribute = required(built.attributes.get(`${def.entity}.${value.attribute}`), `attribute ${def.entity}.${value.attribute}`);
    element.exposedName = exposedName(member.key);
    element.jsonPath = memberPath(member.key);
    element.elementType = mappings.ElementType.Value;
    element.minOccurs = 0;
    element.maxOccurs = 1;
    element.nillable = true;
    element.maxLength = kindOf(member.example) === "String" ? 0 : -1;
    element.xmlPrimitiveType = xmlschemas.XmlPrimitiveType[kindOf(member.example)];
    // ValueMappingElement.originalValue: introduced in 10.3.0 (mappings.d.ts); older models lack it.
    if (model.metaModelVersion.isAfterOrEqual(Version.parse("10.3.0"))) element.originalValue = JSON.stringify(member.example);
    if (kindOf(member.example) === "Integer") datatypes.IntegerType.createInValueMappingElementUnderType(element);
    else datatypes.StringType.createInValueMappingElementUnderType(element);
  }
  return mapping;
}
