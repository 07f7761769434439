// `mxsecure --openapi FILE`: the answers drafted from a service's OpenAPI document. Script mode
// (--entities, --no-interactive) writes the kit as the fast path does; --draft writes only the
// pre-filled mxsecure.yaml for review. The terminal interview is the Yeoman generator's (app).
import { lstatSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document } from "yaml";
import { inert } from "../audit/inert.js";
import { prepareKitRun } from "../kit/prepare.js";
import { SPEC_FILE, specYamlText } from "../kit/spec-yaml.js";
import { answersFromDocument, pointProblems, type OpenApiAnswers } from "../openapi/answers.js";
import { readOpenApiFile } from "../openapi/read.js";
import { readAnswersFile } from "../spec/load.js";
import { problemsError, UserError } from "../spec/problems.js";
import { SCHEMA_MODELINE } from "../spec/schema-url.js";
import { validateSpec } from "../spec/validate.js";
import { textCredential } from "../spec/secrets.js";
import { writeRun, type Print } from "./generate.js";

export interface OpenApiOptions {
  cwd: string;
  openapi: string;
  entities: string[];
  answers?: string;
  draft: boolean;
  force: boolean;
  dryRun: boolean;
  interactive: boolean;
}

export { entityList } from "../openapi/interview.js";

/** The document's answers with the answers file over them. */
export async function openApiAnswers(file: string, entities: readonly string[], answersFile?: string): Promise<OpenApiAnswers> {
  const doc = await readOpenApiFile(file);
  const given = answersFile ? (readAnswersFile(answersFile).data as Record<string, unknown>) : {};
  if (typeof given !== "object" || given === null || Array.isArray(given)) throw new UserError(`${answersFile}: the answers must be a mapping of fields (module, service, auth, ...).`);
  return answersFromDocument(doc, entities, given);
}

/** "done", or "prompt" when a person must answer (the caller runs the Yeoman generator). */
export async function generateFromOpenApi(options: OpenApiOptions, print: Print): Promise<"done" | "prompt"> {
  // A terminal run without --entities picks them in the interview.
  if (options.interactive && !options.draft && !options.entities.length) return "prompt";
  const drafted = await openApiAnswers(options.openapi, options.entities, options.answers);
  for (const message of drafted.messages) print(inert(message));
  const none = noEntitiesNote(drafted);
  if (none) print(inert(none));
  if (options.draft) return writeDraft(options, drafted, print);
  const checked = validateSpec(drafted.answers);
  if (!checked.ok) {
    if (options.interactive && checked.problems.every((p) => p.missing)) return "prompt";
    throw problemsError(`The answers drafted from ${options.openapi} are not a valid spec yet; fix the document or add the answers with --answers FILE:`, pointProblems(checked.problems, drafted.origins));
  }
  const run = prepareKitRun(drafted.answers, { cwd: options.cwd, force: options.force });
  // A document over an existing kit with another spec: as with --answers (issue 21).
  return writeRun(run, options, options.openapi, print);
}

function writeDraft(options: OpenApiOptions, drafted: OpenApiAnswers, print: Print): "done" {
  const target = join(options.cwd, SPEC_FILE);
  let exists = false;
  try {
    const stat = lstatSync(target);
    exists = true;
    // Written through a link it would land elsewhere: never.
    if (stat.isSymbolicLink() || !stat.isFile()) throw new UserError(`${SPEC_FILE} here is a link or not a file; nothing was written. Remove it, or run in another folder.`);
  } catch (error) {
    if (error instanceof UserError) throw error;
  }
  if (exists && !options.force) throw new UserError(`${SPEC_FILE} exists here; nothing was written. Pass --force to replace it with the draft, or run in another folder.`);
  const header = [
    SCHEMA_MODELINE,
    `# Drafted by generator-mxsecure from an OpenAPI document (${JSON.stringify(options.openapi.slice(-200))}). Review it,`,
    "# then write the kit:  npx generator-mxsecure --answers mxsecure.yaml",
    "",
  ].map((line) => inert(line)).join("\n");
  // A credential the document carries (a live key in a description, a key in a server URL) is not
  // copied into a spec that goes to Git: the value is left out and the path said, never the value.
  for (const path of leaveOutCredentials(drafted.answers)) print(inert(`${path} is left out of the draft: the document's value carries a credential (not shown). Write it yourself, without the secret.`));
  const text = header + specYamlText(new Document(drafted.answers, { aliasDuplicateObjects: false }));
  if (options.dryRun) {
    print(`Dry run: ${SPEC_FILE} would be written; nothing was written.`);
    return "done";
  }
  writeFileSync(target, text, { flag: options.force ? "w" : "wx" });
  const checked = validateSpec(drafted.answers);
  print(`   create ${SPEC_FILE}`);
  print(checked.ok ? `Draft written to ${SPEC_FILE}; it is a complete spec. Review it, then: mxsecure --answers ${SPEC_FILE}` : `Draft written to ${SPEC_FILE}; it still lacks or breaks ${checked.problems.length} answer${checked.problems.length === 1 ? "" : "s"}: ${checked.problems.map((p) => p.path || "(file)").slice(0, 5).join(", ")}. Complete it, then: mxsecure --answers ${SPEC_FILE}`);
  return "done";
}

/** Removes every string that carries a credential from `value` (in place); returns their paths. */
function leaveOutCredentials(value: unknown, path = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  const removed: string[] = [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries.reverse()) {
    const at = typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (typeof child === "string" && textCredential(child) !== undefined) {
      if (Array.isArray(value)) value.splice(key as number, 1);
      else delete (value as Record<string, unknown>)[key];
      removed.unshift(at);
    } else removed.unshift(...leaveOutCredentials(child, at));
  }
  return removed;
}

/**
 * A script run without --entities (and no entities in --answers) drafts a kit without entities:
 * say so, with the schemas to choose from, rather than leave the person wondering where they went.
 */
export function noEntitiesNote(drafted: OpenApiAnswers): string | undefined {
  const entities = drafted.answers.entities;
  if (Array.isArray(entities) && entities.length) return undefined;
  const names = drafted.draft.schemas.map((s) => s.name);
  if (!names.length) return undefined;
  return `No entities: --entities was not given, so the kit has only the connection and its roles. The document's object schemas: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ` and ${names.length - 20} more` : ""}; run again with --entities NAME,NAME to make entities of some.`;
}
