// A file given as answers that is no answers file at all (a wrong path: /etc/shadow, a key file, a
// README): said in one sentence, without echoing any of its lines, so a mistyped path never prints
// a secret file's contents as "unknown fields".
import { UserError } from "./problems.js";
import { entitySchema, roleSchema, specSchema } from "./schema.js";

export type AnswersKind = "spec" | "entity" | "role";

const KNOWN: Record<AnswersKind, readonly string[]> = {
  spec: Object.keys(specSchema.shape),
  entity: Object.keys(entitySchema.shape),
  role: Object.keys(roleSchema.shape),
};
const NAMES: Record<AnswersKind, string> = { spec: "an answers file", entity: "an entity file", role: "a role file" };

/**
 * Refuses a mapping with none of the fields its kind has. (A list or a lone value gets validation's
 * own message, which names what was found and quotes nothing.)
 */
export function refuseForeignFile(data: unknown, file: string, kind: AnswersKind): void {
  const known = KNOWN[kind];
  if (typeof data !== "object" || data === null || Array.isArray(data)) return;
  const keys = Object.keys(data);
  if (keys.length === 0 || keys.some((key) => known.includes(key))) return;
  throw new UserError(
    `${file} is not ${NAMES[kind]}: it has none of its fields (${known.join(", ")}), so nothing of it is shown here. ` +
      "Check the path given to --answers. Nothing was written.",
  );
}
