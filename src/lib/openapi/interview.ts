// `mxsecure --openapi FILE` in a terminal: the draft as the interview's defaults, the schemas the
// person picks as entities (given, so the entity questions are skipped; the summary can change
// them), then the ordinary interview.
import { interview, type Ask } from "../prompts/interview.js";
import { answersFromDocument, merge } from "./answers.js";
import { draftFromDocument } from "./draft.js";
import { chooseBaseUrl, pickSchemas } from "./picker.js";
import { readOpenApiFile, type OpenApiDocument } from "./read.js";

type Answers = Record<string, unknown>;

export async function interviewFromDocument(ask: Ask, doc: OpenApiDocument, given: Answers, entities: readonly string[], say: (line: string) => void): Promise<Answers> {
  const draft = draftFromDocument(doc);
  for (const message of draft.messages) say(message);
  const chosen = await pickSchemas(ask, draft.schemas, entities);
  const drafted = answersFromDocument(doc, chosen, given);
  for (const message of drafted.messages.slice(draft.messages.length)) say(message);
  // The connector's answers are defaults (the person confirms each); the entities are answers.
  const { entities: pickedEntities, ...connector } = drafted.answers;
  const defaults = merge(connector, {});
  await chooseBaseUrl(ask, draft, defaults);
  // The proposed read-only scopes are the default of the interview's own question (asked after
  // the scopes themselves are confirmed), so the person confirms them once, with Enter.
  return interview(ask, { ...given, entities: pickedEntities }, defaults);
}

/** The app generator's answers for --openapi FILE: the interview in a terminal (`ask`), else the draft as it is. */
export async function answersForOpenApi(file: string, entities: readonly string[], given: Answers, ask: Ask | undefined, say: (line: string) => void): Promise<Answers> {
  const doc = await readOpenApiFile(file);
  if (ask) return interviewFromDocument(ask, doc, given, entities, say);
  const drafted = answersFromDocument(doc, entities, given);
  for (const message of drafted.messages) say(message);
  return drafted.answers;
}

/** "--entities Pet,Order" → ["Pet", "Order"]. */
export function entityList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}
