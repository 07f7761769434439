// The JSON Schema of the answers file, generated from the zod schema (the one source of truth).
import { z } from "zod";
import { specSchema } from "./schema.js";

export function answersJsonSchema(): Record<string, unknown> {
  // "input": what a person may write, so fields with defaults are optional.
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "generator-mxsecure answers file" };
}

export function answersJsonSchemaText(): string {
  return `${JSON.stringify(answersJsonSchema(), null, 2)}\n`;
}
