// The OpenAPI part of the terminal interview, kept as one seam: the document's draft becomes the
// interview's defaults, and the questions the document adds are asked here: which base URL (when it
// names several), which schemas become entities (a searchable list), and which scopes read-only
// roles may request. The rest is the ordinary interview (prompts/interview.ts).
import { inert } from "../audit/inert.js";
import type { Ask, Choice } from "../prompts/interview.js";
import type { OpenApiDraft } from "./draft.js";
import type { CandidateSchema } from "./schemas.js";

type Answers = Record<string, unknown>;

export const DONE = "";

/** Asks for schemas one at a time in a searchable list until the person picks "done". */
export async function pickSchemas(ask: Ask, schemas: readonly CandidateSchema[], preselected: readonly string[] = []): Promise<string[]> {
  const picked = [...preselected];
  if (!schemas.length) return picked;
  for (;;) {
    const remaining = schemas.filter((s) => !picked.includes(s.name));
    if (!remaining.length) return picked;
    const done: Choice = { value: DONE, name: picked.length ? `Done: ${picked.map(inert).join(", ")}` : "Done: no entities" };
    const answer = await ask({
      type: "search",
      name: "openapiSchema",
      message: picked.length ? "Another schema as an entity? (type to search; Done to finish)" : "Which schema becomes an entity? (type to search)",
      source: (term) => {
        const needle = (term ?? "").trim().toLowerCase();
        const matches = remaining.filter((s) => !needle || s.name.toLowerCase().includes(needle) || s.description.toLowerCase().includes(needle));
        const choices = matches.slice(0, 50).map((s): Choice => ({ value: s.name, name: schemaLine(s), short: inert(s.name) }));
        return needle ? choices : [done, ...choices];
      },
    });
    if (answer === DONE) return picked;
    picked.push(String(answer));
  }
}

function schemaLine(schema: CandidateSchema): string {
  const description = schema.description.split("\n")[0]!.slice(0, 70);
  const renamed = schema.entityName === schema.name ? "" : ` → ${schema.entityName}`;
  return inert(`${schema.name}${renamed} (${schema.properties} properties)${description ? `  ${description}` : ""}`);
}

/** The base URL, when the document names several; the drafted answers updated. */
export async function chooseBaseUrl(ask: Ask, draft: OpenApiDraft, defaults: Answers): Promise<void> {
  if (draft.baseUrls.length < 2) return;
  const url = await ask({
    type: "select",
    name: "openapiServer",
    message: "The document names several servers. Which is the base URL?",
    choices: draft.baseUrls.map((b) => ({ value: b.url, name: inert(b.url) })),
    default: draft.baseUrls[0]!.url,
  });
  defaults.service = { ...(defaults.service as Answers), baseUrl: String(url) };
}
