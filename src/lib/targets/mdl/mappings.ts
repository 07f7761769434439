// JSON structures and import mappings (the OAuth token response) as MDL statements. mxcli derives a
// JSON structure's elements from its snippet, as Studio Pro does; the import mapping names each
// attribute's JSON member by its key. Rules: createJsonStructureStatement, createImportMappingStatement,
// importMappingWithClause, importMappingRootElement, importMappingChild, importMappingObjectHandling
// (mendixlabs/mxcli mdl/grammar; createStatement @6f336073 lists both statements, their bodies come
// from the two stored versions of the domain grammar): transcribed, with their sources, in
// test/helpers/mdl-grammar.ts. Both take a folder: the import mapping's FOLDER clause came with
// mxcli 0.19, below the kit's minimum (issue 18), so no manual move to Private is left.
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanImportMapping, PlanJsonStructure } from "../../plan/types.js";
import { statement } from "./domain.js";

/** The snippet: the members with their example values, one JSON object on one line (a string literal holds no line break). */
export function jsonSnippet(structure: PlanJsonStructure): string {
  return JSON.stringify(Object.fromEntries(structure.members.map((m) => [m.key, m.example])));
}

// `or modify` (issue 18): the kit owns these documents, and without it a re-run stops at "already
// exists" (ako/mxcli mdl/executor/cmd_jsonstructures.go:197-200, cmd_import_mappings.go:198-200;
// exec stops at the first error, mdl/executor/executor.go:358-361).
export function jsonStructureStatement(module: string, structure: PlanJsonStructure): string {
  return statement(
    structure.documentation,
    `create or modify json structure ${mdlQualifiedName(module, structure.name)} folder ${mdlString(structure.folder)}\n  snippet ${mdlString(jsonSnippet(structure))};`,
  );
}

/** A JSON key written bare (identifierOrKeyword): only keys that are Mendix-style names. */
function jsonKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`JSON key ${JSON.stringify(key)} cannot be written bare in an import mapping.`);
  return key;
}

export function importMappingStatement(module: string, mapping: PlanImportMapping): string {
  const values = mapping.values.map((v) => `    ${mdlIdentifier(v.attribute)} = ${jsonKey(v.key)}`);
  return statement(
    mapping.documentation,
    `create or modify import mapping ${mdlQualifiedName(module, mapping.name)}\n` +
      // FOLDER after the name (the later MDLSettings.g4, code index id 62547038755; mxcli 0.19+).
      `  folder ${mdlString(mapping.folder)}\n` +
      `  with json structure ${mdlQualifiedName(module, mapping.jsonStructure)}\n` +
      `{\n  create ${mdlQualifiedName(module, mapping.entity)} {\n${values.join(",\n")}\n  }\n};`,
  );
}
