// Answers (from a file or from prompts) → a validated Spec, or every problem at once.
import { z } from "zod";
import { fileNameProblems } from "./file-names.js";
import { closest } from "./names.js";
import { didYouMean, enteredAtRunTime, likelyChoices } from "./suggest.js";
import { formatPath, type PathSegment, type Problem } from "./problems.js";
import { SCHEMES, specSchema, type Spec } from "./schema.js";
import { findSecretValues } from "./secrets.js";
import { checkSemantics, checkSemanticsOfParts } from "./semantics.js";

export type ValidationResult = { ok: true; spec: Spec } | { ok: false; problems: Problem[] };

export function validateSpec(data: unknown): ValidationResult {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    // A top-level list or a lone value is a common slip (e.g. "- module: X"): say what was found.
    const found = Array.isArray(data) ? "a list (lines starting with -)" : data === null ? "nothing" : `a single ${typeof data} value`;
    return { ok: false, problems: [{ path: "", message: `the answers must be a mapping of fields (module, service, auth, ...), not ${found} at the top level` }] };
  }
  const secretProblems = findSecretValues(data);
  const parsed = specSchema.safeParse(data);
  if (!parsed.success) {
    // A secret under an unknown key is reported once, as a secret.
    const secretPaths = new Set(secretProblems.map((p) => p.path));
    const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, data)).filter((p) => !secretPaths.has(p.path));
    // The parts the schema accepted still get the whole-spec rules (HTTPS, names, references).
    const semanticProblems = checkSemanticsOfParts(validParts(data as Record<string, unknown>));
    return { ok: false, problems: [...secretProblems, ...dedupe([...problems, ...semanticProblems])] };
  }
  const problems = [...secretProblems, ...checkSemantics(parsed.data), ...fileNameProblems(parsed.data)];
  return problems.length ? { ok: false, problems } : { ok: true, spec: parsed.data };
}

/** Each top-level part of the answers that its own schema accepts, defaults filled in. */
function validParts(data: Record<string, unknown>): Parameters<typeof checkSemanticsOfParts>[0] {
  const shape = specSchema.shape;
  const part = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  return {
    module: part(shape.module, data.module),
    service: part(shape.service, data.service),
    auth: part(shape.auth, data.auth),
    roles: part(shape.roles, data.roles),
    entities: part(shape.entities, data.entities),
    scheme: part(z.enum(SCHEMES), (data.auth as Record<string, unknown> | undefined)?.scheme),
  };
}

/** Validates one prompt answer with the same rule the file uses. Returns true or the message. */
export function validateField(schema: z.ZodType, value: unknown): true | string {
  const result = schema.safeParse(value);
  if (result.success) return true;
  return result.error.issues.map((issue) => issue.message).join("; ");
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): Problem[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(path, data);
    return issue.keys.map((key) => {
      const runtime = enteredAtRunTime(key);
      if (runtime) return { path: formatPath([...path, key]), message: runtime };
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${known.join(", ")}`;
      return { path: formatPath([...path, key]), message: `unknown field; ${hint}` };
    });
  }
  const value = valueAt(data, path);
  if (issue.code === "invalid_type" && value === undefined) {
    const about = schemaAt(path, data)?.description;
    return [{ path: formatPath(path), message: `is required${about ? `: ${lowerFirst(about)}` : ""}`, missing: true }];
  }
  if (issue.code === "invalid_union" && path.at(-1) !== "scheme" && isRecord(value) && "scheme" in value) {
    return [{ path: formatPath([...path, "scheme"]), message: withGuess(issue.message, value.scheme) }];
  }
  if (issue.code === "invalid_type") return [{ path: formatPath(path), message: wrongType(issue.expected, value) }];
  // Only zod's own wording is replaced: a message our schema wrote ("must not be empty") stays.
  if ((issue.code === "too_small" || issue.code === "too_big") && /^Too (small|big)/.test(issue.message)) {
    const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
    const unit = issue.origin === "string" ? " characters long" : issue.origin === "array" ? " items" : "";
    return [{ path: formatPath(path), message: `must be ${bound}${unit}, not ${describeValue(value)}` }];
  }
  return [{ path: formatPath(path), message: withGuess(tidy(issue.message, path, data, value), value) }];
}

/**
 * Our schema words its own messages; zod's defaults ("Invalid input", "Too small: ...") never
 * reach a user: what the field takes comes from the schema's description instead.
 */
function tidy(message: string, path: PathSegment[], data: unknown, value: unknown): string {
  if (!/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(message)) return message;
  if (path.at(-3) === "access" && (path.at(-1) === "read" || path.at(-1) === "write")) {
    return `must be all, none or a list of member names, not ${describeValue(value)}`;
  }
  const about = schemaAt(path, data)?.description;
  return about && /\|/.test(about) ? `must be ${about.replace(/ \| /g, ", ").replace(/, ([^,]*)$/, " or $1")}, not ${describeValue(value)}` : `is not a value this field takes (${describeValue(value)}); see schema/mxsecure.schema.json`;
}

/** "must be one of a | b | c" for a near miss (or a common other name) gains: did you mean "b"? */
function withGuess(message: string, value: unknown): string {
  const choices = /^must be one of (.+)$/.exec(message)?.[1]?.split(" | ") ?? /^must be ([\w-]+(?:, [\w-]+)* or [\w-]+)$/.exec(message)?.[1]?.split(/, | or /);
  const guesses = choices && typeof value === "string" ? likelyChoices(value, choices) : [];
  return guesses.length ? `${message}; ${didYouMean(guesses)}` : message;
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of fields",
};

/** Zod's "expected number, received string" in words: must be a number, not the text "abc". */
export function wrongType(expected: string, value: unknown): string {
  return `must be ${TYPE_WORDS[expected] ?? expected}, not ${describeValue(value)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty (null)";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === "number") return Number.isNaN(value) ? "a number" : `the number ${value}`;
  if (typeof value === "boolean") return `${value}`;
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The schema that governs a path, following the data to pick the auth variant. */
function schemaAt(path: readonly PathSegment[], data: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = specSchema;
  for (let i = 0; i < path.length && schema; i++) {
    schema = unwrap(schema, valueAt(data, path.slice(0, i)));
    const segment = path[i]!;
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[segment];
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return undefined;
  }
  return schema && unwrap(schema, valueAt(data, path));
}

function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDiscriminatedUnion) {
      const options = current.options as z.ZodType[];
      const scheme = isRecord(value) ? value.scheme : undefined;
      const match = options.find((o) => o instanceof z.ZodObject && (o.shape as { scheme?: z.ZodLiteral }).scheme?.value === scheme);
      if (!match) return current;
      current = match;
    } else return current;
  }
}

function knownKeysAt(path: readonly PathSegment[], data: unknown): string[] {
  const schema = schemaAt(path, data);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).filter((k) => k !== "$schema") : [];
}
