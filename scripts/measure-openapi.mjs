#!/usr/bin/env node
// Measures the OpenAPI import on real documents (not run by npm test): every object schema of each
// document chosen as an entity, how properties map (types, what is left out, renames), whether the
// kit passes the checks; and the read-only proposal for every OAuth scope, to label by hand.
//   npm run build && node scripts/measure-openapi.mjs DOCUMENT...
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dereferenceDocument, parseDocumentText } from "../dist/lib/openapi/read.js";
import { answersFromDocument } from "../dist/lib/openapi/answers.js";
import { candidateSchemas } from "../dist/lib/openapi/schemas.js";
import { looksReadOnly } from "../dist/lib/openapi/scopes.js";
import { prepareKitRun } from "../dist/lib/kit/prepare.js";

const totals = { documents: 0, kitsPassingChecks: 0, entities: 0, attributes: 0, associations: 0, types: {}, leftOut: {}, renamedEntities: 0, renamedAttributes: 0, markedSensitive: 0, failures: [] };
const scopes = new Map();
for (const file of process.argv.slice(2)) {
  totals.documents++;
  try {
    const doc = await dereferenceDocument(parseDocumentText(readFileSync(file, "utf8"), file), file);
    const schemes = { ...(doc.components?.securitySchemes ?? {}), ...(doc.securityDefinitions ?? {}) };
    for (const scheme of Object.values(schemes)) {
      for (const flow of [scheme, ...Object.values(scheme.flows ?? {})]) for (const [name, text] of Object.entries(flow.scopes ?? {})) scopes.set(name, String(text));
    }
    const drafted = answersFromDocument(doc, candidateSchemas(doc).map((c) => c.name), {});
    for (const message of drafted.messages) {
      for (const [, why] of message.matchAll(/\(([a-z][^()]*?)\)(?=,|\s\(#)/g)) {
        const key = why.startsWith("a second reference") ? "a second reference to the same entity" : why;
        totals.leftOut[key] = (totals.leftOut[key] ?? 0) + 1;
      }
    }
    for (const entity of drafted.answers.entities) {
      totals.entities++;
      if (entity.documentation.includes("OpenAPI schema:")) totals.renamedEntities++;
      const renamed = /Attributes renamed from the document: (.*)\.$/.exec(entity.documentation);
      if (renamed) totals.renamedAttributes += renamed[1].split(", ").length;
      totals.associations += entity.associations.length;
      for (const attribute of entity.attributes) {
        totals.attributes++;
        totals.types[attribute.type] = (totals.types[attribute.type] ?? 0) + 1;
        if (attribute.sensitive) totals.markedSensitive++;
      }
    }
    const cwd = mkdtempSync(join(tmpdir(), "mxsecure-measure-"));
    try {
      prepareKitRun(drafted.answers, { cwd, force: false });
      totals.kitsPassingChecks++;
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  } catch (error) {
    totals.failures.push(`${file}: ${String(error.message).split("\n").slice(0, 3).join(" ")}`);
  }
}
console.log(JSON.stringify(totals, null, 1));
console.log("\nread-only proposal per scope (RO = proposed):");
for (const [name, text] of [...scopes].sort()) console.log(`${looksReadOnly(name, text) ? "RO" : "--"}\t${name}\t${text.slice(0, 100)}`);
