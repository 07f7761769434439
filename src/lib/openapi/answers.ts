// The answers from an OpenAPI document: its draft, the chosen schemas as entities, and what an
// answers file adds or overrides (entities and roles matched by name, so a file may set just
// `ownership: user` on one drafted entity). Problems the spec finds are pointed at the document.
import type { Problem } from "../spec/problems.js";
import { draftFromDocument, type OpenApiDraft } from "./draft.js";
import { entitiesFromSchemas } from "./schemas.js";
import type { OpenApiDocument } from "./read.js";

type Json = Record<string, unknown>;

export interface OpenApiAnswers {
  answers: Json;
  draft: OpenApiDraft;
  messages: string[];
  origins: Record<string, string>;
}

export function answersFromDocument(doc: OpenApiDocument, chosen: readonly string[], given: Json = {}): OpenApiAnswers {
  const draft = draftFromDocument(doc);
  const module = typeof given.module === "string" ? given.module : String(draft.answers.module);
  const service = String((draft.answers.service as Json).name);
  const drafted = entitiesFromSchemas(doc, chosen, module, service);
  const answers = merge({ ...draft.answers, entities: drafted.entities }, given);
  // A value the answers file gave is the file's, not the document's: no pointer into the document for it.
  const origins = Object.fromEntries(Object.entries({ ...draft.origins, ...drafted.origins }).filter(([path]) => !givenAt(given, path)));
  return { answers, draft, messages: [...draft.messages, ...drafted.messages], origins };
}

/** True when a dotted path ("service.baseUrl") is set in the answers file. */
function givenAt(given: Json, path: string): boolean {
  if (path.includes("[")) return false;
  let at: unknown = given;
  for (const key of path.split(".")) {
    if (!isPlain(at) || !(key in at)) return false;
    at = at[key];
  }
  return true;
}

/** `given` over `base`: objects merged key by key; lists of named things merged by name; other lists replaced. */
export function merge(base: Json, given: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(given)) {
    const current = out[key];
    if (isNamedList(current) && isNamedList(value)) out[key] = mergeByName(current, value);
    else if (isPlain(current) && isPlain(value)) out[key] = mergeAuth(key, current, value);
    else out[key] = value;
  }
  return out;
}

/** A different scheme in the answers file replaces the drafted auth block instead of mixing settings. */
function mergeAuth(key: string, current: Json, value: Json): Json {
  if (key === "auth" && value.scheme !== undefined && value.scheme !== current.scheme) return value;
  return merge(current, value);
}

function mergeByName(base: Json[], given: Json[]): Json[] {
  const out = base.map((item) => ({ ...item }));
  for (const item of given) {
    const at = out.findIndex((b) => b.name === item.name);
    if (at >= 0) out[at] = merge(out[at]!, item);
    else out.push(item);
  }
  return out;
}

function isNamedList(value: unknown): value is Json[] {
  return Array.isArray(value) && value.every((v) => isPlain(v) && typeof v.name === "string");
}

function isPlain(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Each problem at an answers path the document filled in names that place in the document. */
export function pointProblems(problems: readonly Problem[], origins: Record<string, string>): Problem[] {
  const keys = Object.keys(origins).sort((a, b) => b.length - a.length);
  return problems.map((problem) => {
    const key = keys.find((k) => problem.path === k || problem.path.startsWith(`${k}.`) || problem.path.startsWith(`${k}[`));
    return key ? { ...problem, message: `${problem.message} (from the OpenAPI document at ${origins[key]})` } : problem;
  });
}
