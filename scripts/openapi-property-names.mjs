#!/usr/bin/env node
// Extracts the property names of public OpenAPI documents, with their schema type, as test data
// for the secret-name heuristic (test/secret-names.test.ts): every key of every `properties` map.
// Usage: node scripts/openapi-property-names.mjs FILE_OR_DIR... > test/fixtures/openapi-names/<service>.tsv
// Output: one "name<TAB>type" line per distinct pair (type: string, integer, number, boolean,
// date-time, object, array, or "" when the schema names none), sorted.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const pairs = new Set();
function typeOf(schema) {
  if (!schema || typeof schema !== "object") return "";
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string" && (schema.format === "date-time" || schema.format === "date")) return "date-time";
  return typeof type === "string" ? type : "";
}
function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [name, schema] of Object.entries(value)) if (/^[A-Za-z_$][\w$.-]*$/.test(name)) pairs.add(`${name}\t${typeOf(schema)}`);
    }
    walk(value);
  }
}
function files(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
  return /\.(ya?ml|json)$/.test(path) ? [path] : [];
}
for (const file of process.argv.slice(2).flatMap(files)) {
  const text = readFileSync(file, "utf8");
  walk(file.endsWith(".json") ? JSON.parse(text) : parse(text, { maxAliasCount: -1, uniqueKeys: false }));
}
process.stdout.write([...pairs].sort().map((p) => `${p}\n`).join(""));
