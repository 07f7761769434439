// Adds an entity or a role to a kit's spec file in place: the user's comments and layout stay,
// only the new item is appended to `entities` or `roles`.
import { existsSync } from "node:fs";
import { parseDocument, type Document } from "yaml";
import { MAX_ANSWERS_BYTES, readTextFile } from "../spec/load.js";
import { openKit, type KitMarker } from "./location.js";
import { specYamlText } from "./spec-yaml.js";
import { UserError } from "../spec/problems.js";

export type AddKind = "entity" | "role";
const LIST: Record<AddKind, "entities" | "roles"> = { entity: "entities", role: "roles" };

export interface SpecEdit {
  kit: KitMarker;
  /** The spec as data, with the item added (what the pipeline validates). */
  data: Record<string, unknown>;
  /** The spec file's new text. */
  text: string;
  /** Where the new item is, e.g. "entities[2]", to explain problems with it. */
  path: string;
}

/** The kit in `cwd`, locked for this run before its spec is read (one run per kit). */
export function requireKit(cwd: string, command: string): KitMarker {
  const kit = openKit(cwd);
  if (!kit) {
    throw new UserError(
      `mxsecure ${command} runs inside a kit folder (the one with .yo-rc.json and mxsecure.yaml, e.g. AcmeCrmConnector/). ` +
        "cd into the kit, or create one first with: npx generator-mxsecure --answers FILE",
    );
  }
  return kit;
}

export function readSpecDocument(kit: KitMarker): Document {
  if (!existsSync(kit.specFile)) throw new UserError(`The kit's spec ${kit.specFile} is missing; restore it from version control.`);
  const text = readTextFile(kit.specFile, MAX_ANSWERS_BYTES, "a kit's spec", "kit");
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new UserError(`${kit.specFile} is not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  return doc;
}

export function addToSpec(kit: KitMarker, kind: AddKind, item: Record<string, unknown>): SpecEdit {
  const doc = readSpecDocument(kit);
  const list = LIST[kind];
  const existing = doc.get(list);
  const index = existing && typeof existing === "object" && "items" in existing ? (existing.items as unknown[]).length : 0;
  if (index === 0) doc.set(list, doc.createNode([item]));
  else doc.addIn([list], doc.createNode(item));
  const text = specYamlText(doc);
  return { kit, data: doc.toJS() as Record<string, unknown>, text, path: `${list}[${index}]` };
}
