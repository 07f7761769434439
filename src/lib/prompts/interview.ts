// The interactive interview: which questions to ask, in which order, with the answers file's
// validation rules at every prompt. It only needs an `ask` function, so the Yeoman generator
// passes its prompt and tests pass a script. Questions already answered (by a file) are skipped.
import { z } from "zod";
import {
  ASSOCIATION_TYPES, ATTRIBUTE_TYPES, DEFAULT_STRING_LENGTH, OWNERSHIPS, ROLE_KINDS, SCHEMES,
  attributeName, authSchema, mendixName, url, type Scheme,
} from "../spec/schema.js";
import { GENERATED_ENTITY_NAMES, httpsProblem } from "../spec/semantics.js";
import { validateField } from "../spec/validate.js";
import { documentationProblem } from "../checks/rules/role-documented.js";

export interface Question {
  type: "input" | "select" | "confirm";
  name: string;
  message: string;
  default?: string | boolean;
  choices?: readonly string[];
  validate?: (value: string) => true | string;
}

/** Asks one question and returns the answer (a string, or a boolean for confirm). */
export type Ask = (question: Question) => Promise<string | boolean>;

type Answers = Record<string, unknown>;

const nonEmpty = (value: string) => (value.trim() ? true : "must not be empty");
const name = (value: string) => validateField(mendixName, value);

export async function interview(ask: Ask, given: Answers = {}): Promise<Answers> {
  const answers: Answers = { ...given };
  const { text, confirm, choose } = askers(ask);

  answers.module ??= await text({ name: "module", message: "Module name (e.g. AcmeCrmConnector)", validate: name });
  answers.description ??= await text({ name: "description", message: "What does the connector do?", validate: nonEmpty });

  const service = { ...(given.service as Answers | undefined) };
  service.name ??= await text({ name: "serviceName", message: "Name of the external service (e.g. Acme CRM)", validate: nonEmpty });
  const auth = { ...(given.auth as Answers | undefined) };
  auth.scheme ??= await choose({ name: "scheme", message: "How does the connector authenticate?", choices: SCHEMES, default: "oauth-authorization-code" });
  const scheme = auth.scheme as Scheme;
  const httpsUrl = (value: string) => {
    const valid = validateField(url, value);
    return valid === true ? (httpsProblem(value, scheme, Boolean(service.allowHttpLocalhost)) ?? true) : valid;
  };
  service.baseUrl ??= await text({ name: "baseUrl", message: "Base URL of the service (https://...)", validate: httpsUrl });
  answers.service = service;

  if (scheme === "api-token") {
    auth.headerName ??= await text({ name: "headerName", message: "HTTP header that carries the token", default: "Authorization", validate: apiTokenField("headerName") });
    if (auth.tokenPrefix === undefined) {
      // An empty answer takes the default (inquirer), so "none" stands for no prefix.
      const prefix = await text({
        name: "tokenPrefix",
        message: 'Text before the token in that header ("none" for no prefix)',
        default: "Bearer",
        validate: (v) => (v.trim().toLowerCase() === "none" ? true : apiTokenField("tokenPrefix")(v)),
      });
      auth.tokenPrefix = prefix.trim().toLowerCase() === "none" ? "" : prefix;
    }
  }
  if (scheme === "oauth-authorization-code") {
    auth.authorizationUrl ??= await text({ name: "authorizationUrl", message: "OAuth authorization URL (https://...)", validate: httpsUrl });
  }
  if (scheme === "oauth-authorization-code" || scheme === "oauth-client-credentials") {
    auth.tokenUrl ??= await text({ name: "tokenUrl", message: "OAuth token URL (https://...)", validate: httpsUrl });
    auth.scopes ??= splitList(await text({ name: "scopes", message: "OAuth scopes, separated by spaces (empty for none)", default: "" }));
  }
  if (scheme !== "saml" && scheme !== "none") {
    auth.secretStorage ??= await choose({
      name: "secretStorage",
      message: "Where should secrets live?",
      choices: ["database", "constant"],
      default: "database",
    });
  }
  answers.auth = auth;

  answers.roles ??= await askRoles(text, confirm, choose);
  answers.entities ??= await askEntities(String(answers.module), text, confirm, choose);
  return answers;
}

type TextAsk = (q: Omit<Question, "type">) => Promise<string>;
type ConfirmAsk = (q: Omit<Question, "type">) => Promise<boolean>;

async function askRoles(text: TextAsk, confirm: ConfirmAsk, choose: TextAsk): Promise<Answers[]> {
  const roles: Answers[] = [];
  const taken = ["Administrator", "User"];
  while (await confirm({ name: "addRole", message: "Add a module role besides Administrator and User?", default: false })) {
    const role = await askRole(taken, text, confirm, choose);
    taken.push(String(role.name));
    roles.push(role);
  }
  return roles;
}

/** One module role; `given` holds answers already known (e.g. the name from the command line). */
async function askRole(taken: readonly string[], text: TextAsk, confirm: ConfirmAsk, choose: TextAsk, given: Answers = {}): Promise<Answers> {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const roleName = (given.name as string | undefined) ?? (await text({
    name: "roleName",
    message: "Role name (e.g. Viewer)",
    validate: (v) => (lower.has(v.toLowerCase()) ? `${v} exists already` : name(v)),
  }));
  const kind = (given.kind as string | undefined) ?? (await choose({ name: "roleKind", message: `Is ${roleName} a configuration or a data role?`, choices: ROLE_KINDS, default: "data" }));
  const readOnly = (given.readOnly as boolean | undefined) ?? (await confirm({ name: "roleReadOnly", message: `Is ${roleName} read-only?`, default: kind === "data" }));
  const documentation = (given.documentation as string | undefined) ?? (await text({
    name: "roleDocumentation",
    message: `What is ${roleName} for, and what must it not be combined with?`,
    // The RoleDocumented check's own rule, asked at the prompt: a short answer would otherwise
    // only fail after the whole interview, when the kit is built.
    validate: (v) => {
      const problem = documentationProblem(v);
      return problem ? `${roleName} ${problem}; say what it may do and what it must not be combined with` : true;
    },
  }));
  return { name: roleName, kind, readOnly, documentation };
}

async function askEntities(module: string, text: TextAsk, confirm: ConfirmAsk, choose: TextAsk): Promise<Answers[]> {
  const entities: Answers[] = [];
  while (await confirm({ name: "addEntity", message: entities.length ? "Add another entity?" : "Add a data entity?", default: entities.length === 0 })) {
    const existing = entities.map((e) => ({ name: String(e.name), persistable: e.persistable !== false }));
    entities.push(await askEntity(module, existing, text, confirm, choose));
  }
  return entities;
}

/** One entity; `existing` are the entities it may refer to; `given` holds answers already known. */
async function askEntity(
  module: string,
  existing: readonly { name: string; persistable: boolean }[],
  text: TextAsk,
  confirm: ConfirmAsk,
  choose: TextAsk,
  given: Answers = {},
): Promise<Answers> {
  const taken = new Set([module, ...GENERATED_ENTITY_NAMES, ...existing.map((e) => e.name)].map((n) => n.toLowerCase()));
  const entityName = (given.name as string | undefined) ?? (await text({
    name: "entityName",
    message: "Entity name (singular, e.g. Contact)",
    validate: (v) => (taken.has(v.toLowerCase()) ? `${v} is taken (by the module, mxsecure or another entity)` : name(v)),
  }));
  const documentation = (given.documentation as string | undefined) ?? (await text({ name: "entityDocumentation", message: `What is one ${entityName}?`, validate: nonEmpty }));
  const ownership = (given.ownership as string | undefined) ?? (await choose({
    name: "ownership",
    message: `Who sees a ${entityName}? user: only the user who owns it; shared: every data role`,
    choices: OWNERSHIPS,
    default: "shared",
  }));
  const persistable = (given.persistable as boolean | undefined) ?? (await confirm({ name: "persistable", message: `Is ${entityName} stored in the database (persistable)?`, default: true }));
  const attributes = (given.attributes as Answers[] | undefined) ?? (await askAttributes(entityName, text, confirm, choose));
  // A persistable entity may only refer to persistable ones.
  const targets = existing.filter((e) => e.name !== entityName && (e.persistable || !persistable)).map((e) => e.name);
  const associations: Answers[] = (given.associations as Answers[] | undefined) ?? [];
  while (!given.associations && targets.length && (await confirm({ name: "addAssociation", message: `Does ${entityName} refer to another entity?`, default: false }))) {
    const to = await choose({ name: "associationTo", message: `${entityName} refers to`, choices: targets });
    const type = await choose({ name: "associationType", message: "How many?", choices: ASSOCIATION_TYPES, default: "reference" });
    associations.push({ to, type });
    targets.splice(targets.indexOf(to), 1);
  }
  return { name: entityName, documentation, ownership, persistable, attributes, associations };
}

async function askAttributes(entity: string, text: TextAsk, confirm: ConfirmAsk, choose: TextAsk): Promise<Answers[]> {
  const attributes: Answers[] = [];
  const taken = new Set<string>();
  while (await confirm({ name: "addAttribute", message: `Add an attribute to ${entity}?`, default: attributes.length === 0 })) {
    const attributeNameAnswer = await text({
      name: "attributeName",
      message: "Attribute name",
      validate: (v) => (taken.has(v.toLowerCase()) ? `${v} exists already in ${entity}` : validateField(attributeName, v)),
    });
    taken.add(attributeNameAnswer.toLowerCase());
    const type = await choose({ name: "attributeType", message: `Type of ${attributeNameAnswer}`, choices: ATTRIBUTE_TYPES, default: "string" });
    const attribute: Answers = { name: attributeNameAnswer, type };
    if (type === "string") {
      const length = await text({
        name: "attributeLength",
        message: "Length (0 = unlimited)",
        default: String(DEFAULT_STRING_LENGTH),
        validate: (v) => validateField(z.coerce.number().int().min(0), v),
      });
      attribute.length = Number(length);
    }
    attribute.sensitive = await confirm({ name: "sensitive", message: `Is ${attributeNameAnswer} sensitive (hidden from read-only roles)?`, default: false });
    attributes.push(attribute);
  }
  return attributes;
}

/** One api-token setting checked by the answers file's own schema (the same rule, the same message). */
function apiTokenField(field: "headerName" | "tokenPrefix") {
  return (value: string): true | string => {
    const result = authSchema.safeParse({ scheme: "api-token", [field]: value });
    const issues = result.success ? [] : result.error.issues.filter((issue) => issue.path[0] === field);
    return issues.length ? issues.map((issue) => issue.message).join("; ") : true;
  };
}

function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

function askers(ask: Ask) {
  return {
    text: (q: Omit<Question, "type">) => ask({ type: "input", ...q }).then(String),
    confirm: (q: Omit<Question, "type">) => ask({ type: "confirm", ...q }).then(Boolean),
    choose: (q: Omit<Question, "type">) => ask({ type: "select", ...q }).then(String),
  };
}

/** The questions of `mxsecure entity`: one entity to add to an existing spec. */
export function interviewEntity(ask: Ask, spec: { module: string; entities: readonly { name: string; persistable: boolean }[] }, given: Answers = {}): Promise<Answers> {
  const { text, confirm, choose } = askers(ask);
  return askEntity(spec.module, spec.entities, text, confirm, choose, given);
}

/** The questions of `mxsecure role`: one module role to add to an existing spec. */
export function interviewRole(ask: Ask, taken: readonly string[], given: Answers = {}): Promise<Answers> {
  const { text, confirm, choose } = askers(ask);
  return askRole(taken, text, confirm, choose, given);
}
