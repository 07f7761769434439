// The interactive interview: which questions to ask, in which order, with the answers file's
// validation rules at every prompt. It only needs an `ask` function, so the Yeoman generator
// passes its prompt and tests pass a script. Questions already answered (by a file) are skipped.
//
// Order: the connector (service, module, auth), roles, entities, then associations once every
// entity exists (so the first entity may refer to a later one), then a summary from which any part
// can be changed before the kit is written.
import {
  ASSOCIATION_TYPES, ATTRIBUTE_TYPES, DEFAULT_STRING_LENGTH, OWNERSHIPS, ROLE_KINDS, SCHEMES,
  attributeName, authSchema, mendixName, url, type Scheme,
} from "../spec/schema.js";
import { GENERATED_ENTITY_NAMES, httpsProblem } from "../spec/semantics.js";
import { validateField } from "../spec/validate.js";
import { documentationProblem } from "../checks/rules/role-documented.js";
import { inert } from "../audit/inert.js";
import { withArticle } from "../words.js";
import { SCHEME_CHOICES, SECRET_STORAGE_CHOICES, OWNERSHIP_CHOICES, REACH_CHOICES, ROLE_KIND_CHOICES, associationChoices, type Choice } from "./choices.js";
import { summarise } from "./summary.js";

export type { Choice } from "./choices.js";

export interface Question {
  type: "input" | "select" | "confirm" | "search";
  name: string;
  message: string;
  default?: string | boolean;
  choices?: readonly (string | Choice)[];
  validate?: (value: string) => true | string;
  /** A search question's choices for what is typed (inquirer's search prompt). */
  source?: (term: string | undefined) => readonly Choice[];
}

/** Asks one question and returns the answer (a string, or a boolean for confirm). */
export type Ask = (question: Question) => Promise<string | boolean>;

type Answers = Record<string, unknown>;
type Entity = Answers & { name: string };

/** The scheme most connectors need: one key for the app, sent in a header. */
export const DEFAULT_SCHEME: Scheme = "api-token";

const nonEmpty = (value: string) => (value.trim() ? true : "must not be empty");
const name = (value: string) => validateField(mendixName, value);

/** `defaults` pre-fill the connector questions (e.g. drafted from an OpenAPI document); `given` skips them. */
export async function interview(ask: Ask, given: Answers = {}, defaults: Answers = {}): Promise<Answers> {
  const q = askers(ask);
  let answers: Answers = await askConnector(q, given, defaults);
  answers.roles = given.roles ?? (await askRoles(q));
  const entities = (given.entities as Entity[] | undefined) ?? (await askEntities(String(answers.module), q));
  if (!given.entities) for (const entity of entities) entity.associations = await askAssociations(q, entity, entities);
  answers.entities = entities;
  answers = await reviewLoop(q, answers, knownNames(given));
  return answers;
}

type Askers = ReturnType<typeof askers>;
type Current = Answers;

/** Module, description, service and auth. `given` answers skip their question; `current` answers are the defaults. */
async function askConnector(q: Askers, given: Answers, current: Current): Promise<Answers> {
  const answers: Answers = { ...given };
  const service = { ...(given.service as Answers | undefined) };
  const currentService = (current.service ?? {}) as Answers;
  const currentAuth = (current.auth ?? {}) as Answers;
  service.name ??= await q.text({ name: "serviceName", message: "Name of the external service (e.g. Acme CRM)", default: str(currentService.name), validate: nonEmpty });
  answers.module ??= await q.text({
    name: "module",
    message: "Module name",
    default: str(current.module) ?? moduleNameFor(String(service.name)),
    validate: name,
  });
  answers.description ??= await q.text({
    name: "description",
    message: "What does the connector do?",
    default: str(current.description) ?? `Connects a Mendix app to ${String(service.name)}.`,
    validate: nonEmpty,
  });
  const auth = { ...(given.auth as Answers | undefined) };
  auth.scheme ??= await q.choose({ name: "scheme", message: "How does the connector authenticate to the service?", choices: SCHEME_CHOICES, default: str(currentAuth.scheme) ?? DEFAULT_SCHEME });
  const scheme = auth.scheme as Scheme;
  // Settings of another scheme are not carried over when the scheme changed.
  const before = currentAuth.scheme === scheme ? currentAuth : {};
  const httpsUrl = (value: string) => {
    const valid = validateField(url, value);
    if (valid !== true) return valid;
    // Under the question, the message needs its subject ("> is not HTTPS" read as a fragment).
    const problem = httpsProblem(value, scheme, Boolean(service.allowHttpLocalhost));
    return problem ? `This URL ${problem}` : true;
  };
  service.baseUrl ??= await q.text({ name: "baseUrl", message: "Base URL of the service (https://...)", default: str(currentService.baseUrl), validate: httpsUrl });
  if (currentService.allowHttpLocalhost !== undefined) service.allowHttpLocalhost ??= currentService.allowHttpLocalhost;
  answers.service = service;

  if (scheme === "api-token") {
    auth.headerName ??= await q.text({ name: "headerName", message: "HTTP header that carries the token", default: str(before.headerName) ?? "Authorization", validate: apiTokenField("headerName") });
    if (auth.tokenPrefix === undefined) {
      // An empty answer takes the default (inquirer), so "none" stands for no prefix.
      const previous = str(before.tokenPrefix);
      const prefix = await q.text({
        name: "tokenPrefix",
        message: 'Text before the token in that header ("none" for no prefix)',
        default: previous === undefined ? "Bearer" : previous === "" ? "none" : previous,
        validate: (v) => (v.trim().toLowerCase() === "none" ? true : apiTokenField("tokenPrefix")(v)),
      });
      auth.tokenPrefix = prefix.trim().toLowerCase() === "none" ? "" : prefix;
    }
  }
  if (scheme === "oauth-authorization-code") {
    auth.authorizationUrl ??= await q.text({ name: "authorizationUrl", message: "OAuth authorization URL (https://...)", default: str(before.authorizationUrl), validate: httpsUrl });
  }
  if (scheme === "oauth-authorization-code" || scheme === "oauth-client-credentials") {
    auth.tokenUrl ??= await q.text({ name: "tokenUrl", message: "OAuth token URL (https://...)", default: str(before.tokenUrl), validate: httpsUrl });
    const scopes = Array.isArray(before.scopes) ? (before.scopes as string[]).join(" ") : "";
    auth.scopes ??= splitList(await q.text({ name: "scopes", message: "OAuth scopes, separated by spaces (empty for none)", default: scopes }));
  }
  if (scheme === "oauth-authorization-code") {
    auth.redirectPath ??= await q.text({
      name: "redirectPath",
      message: "Callback path (register <app root>/p + this path with the provider)",
      default: str(before.redirectPath) ?? "/oauth/callback",
      validate: redirectPathProblem,
    });
    const scopes = Array.isArray(auth.scopes) ? (auth.scopes as string[]) : [];
    if (auth.readOnlyScopes === undefined && scopes.length) {
      const previous = Array.isArray(before.readOnlyScopes) ? (before.readOnlyScopes as string[]).join(" ") : "";
      auth.readOnlyScopes = splitList(await q.text({
        name: "readOnlyScopes",
        message: "Scopes a user with only read-only roles may request (empty: read-only users cannot connect)",
        default: previous,
        validate: (v) => {
          const extra = splitList(v).filter((scope) => !scopes.includes(scope));
          return extra.length ? `${extra.join(", ")} is not one of the scopes (${scopes.join(" ")})` : true;
        },
      }));
    }
  }
  for (const key of ["redirectPath", "pkce", "readOnlyScopes"]) if (before[key] !== undefined) auth[key] ??= before[key];
  if (scheme !== "saml" && scheme !== "none") {
    auth.secretStorage ??= await q.choose({ name: "secretStorage", message: "Where should secrets live?", choices: SECRET_STORAGE_CHOICES, default: str(before.secretStorage) ?? "database" });
  }
  answers.auth = auth;
  // Fields the questions above do not cover (roles, entities, suppressions, ...) stay as they were.
  return { ...current, ...answers };
}

async function askRoles(q: Askers): Promise<Answers[]> {
  const roles: Answers[] = [];
  const taken = ["Administrator", "User"];
  while (await q.confirm({ name: "addRole", message: roles.length ? "Add another module role?" : "Add a module role besides Administrator and User?", default: false })) {
    const role = await askRole(taken, q);
    taken.push(String(role.name));
    roles.push(role);
  }
  return roles;
}

/** One module role; `given` holds answers already known (e.g. the name from the command line); `current` the defaults. */
async function askRole(taken: readonly string[], q: Askers, given: Answers = {}, current: Answers = {}): Promise<Answers> {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const roleName = (given.name as string | undefined) ?? (await q.text({
    name: "roleName",
    message: "Role name",
    default: str(current.name) ?? (lower.has("viewer") ? undefined : "Viewer"),
    validate: (v) => (lower.has(v.toLowerCase()) ? `${v} exists already` : name(v)),
  }));
  const kind = (given.kind as string | undefined) ?? (await q.choose({ name: "roleKind", message: `What kind of role is ${roleName}?`, choices: ROLE_KIND_CHOICES, default: str(current.kind) ?? "data" }));
  const readOnly = (given.readOnly as boolean | undefined) ?? (await q.confirm({ name: "roleReadOnly", message: `Is ${roleName} read-only?`, default: bool(current.readOnly) ?? kind === "data" }));
  // Reach only means something for data roles: which objects of per-user entities they see.
  const reach = kind !== "data" ? undefined : (given.reach as string | undefined) ?? (await q.choose({
    name: "roleReach",
    message: `Which objects of per-user entities does ${roleName} see?`,
    choices: REACH_CHOICES,
    default: str(current.reach) ?? "own",
  }));
  const documentation = (given.documentation as string | undefined) ?? (await q.text({
    name: "roleDocumentation",
    message: `What is ${roleName} for, and what must it not be combined with?`,
    default: str(current.documentation) ?? roleDocumentationDefault(kind, readOnly, reach ?? "own"),
    // The RoleDocumented check's own rule, asked at the prompt: a short answer would otherwise
    // only fail after the whole interview, when the kit is built.
    validate: (v) => {
      const problem = documentationProblem(v);
      return problem ? `${roleName} ${problem}; say what it may do and what it must not be combined with` : true;
    },
  }));
  const role: Answers = { ...current, name: roleName, kind, readOnly, documentation };
  if (reach === undefined) delete role.reach;
  else role.reach = reach;
  return role;
}

/**
 * The documentation a new role gets when the person just presses Enter. It must pass every rule:
 * a read-only role said to be "for reports" with reach own would trip ReportingReach, so only a
 * role that sees every user's objects is described as serving reports.
 */
export function roleDocumentationDefault(kind: string, readOnly: boolean, reach: string): string {
  if (kind === "configuration") return "Manages connection settings only; never sees the data. Do not combine with a data role.";
  const objects = reach === "all" ? "every user's objects" : "only its own user's objects of per-user entities";
  if (readOnly && reach === "all") return `Reads the connector's data (${objects}) for reports and support; changes nothing. Do not combine with Administrator.`;
  if (readOnly) return `Reads the connector's data (${objects}); changes nothing. Do not combine with Administrator.`;
  return `Works with the connector's data (${objects}). Do not combine with Administrator.`;
}

async function askEntities(module: string, q: Askers): Promise<Entity[]> {
  const entities: Entity[] = [];
  while (await q.confirm({ name: "addEntity", message: entities.length ? "Add another entity?" : "Add a data entity?", default: entities.length === 0 })) {
    entities.push(await askEntity(module, entities.map((e) => e.name), q));
  }
  return entities;
}

/** One entity without its associations; `others` are the names it must not take. */
async function askEntity(module: string, others: readonly string[], q: Askers, given: Answers = {}, current: Answers = {}, previous?: Previous): Promise<Entity> {
  const taken = new Set([module, ...GENERATED_ENTITY_NAMES, ...others].map((n) => n.toLowerCase()));
  const entityName = (given.name as string | undefined) ?? (await q.text({
    name: "entityName",
    message: current.name === undefined ? "Entity name (singular, e.g. Contact)" : "Entity name",
    default: str(current.name),
    validate: (v) => (taken.has(v.toLowerCase()) ? `${v} is taken (by the module, mxsecure or another entity)` : name(v)),
  }));
  const documentation = (given.documentation as string | undefined) ?? (await q.text({
    name: "entityDocumentation",
    message: `What is one ${entityName}?`,
    default: str(current.documentation),
    validate: nonEmpty,
  }));
  const ownership = (given.ownership as string | undefined) ?? (await q.choose({
    name: "ownership",
    message: `Who sees ${withArticle(entityName)}?`,
    choices: OWNERSHIP_CHOICES,
    default: str(current.ownership) ?? "shared",
  }));
  const persistable = (given.persistable as boolean | undefined) ?? (await q.confirm({
    name: "persistable",
    message: `Is ${entityName} stored in the database (persistable)?`,
    default: bool(current.persistable) ?? true,
  }));
  const editable = (given.editable as boolean | undefined) ?? (await q.confirm({
    name: "entityEditable",
    message: ownership === "user"
      ? `Do users create, change and delete their own ${entityName} objects? (no: read-only, except attributes you let them change)`
      : `Do users create, change and delete ${entityName} objects? (no: read-only, except attributes you let them change)`,
    default: bool(current.editable) ?? false,
  }));
  const attributes = (given.attributes as Answers[] | undefined) ?? (await askAttributes(entityName, q, (current.attributes as Answers[] | undefined) ?? [], editable, previous));
  return { ...current, name: entityName, documentation, ownership, persistable, editable, attributes, associations: (given.associations as Answers[] | undefined) ?? (current.associations as Answers[] | undefined) ?? [] };
}

/** The attributes of an entity: each existing one kept, changed or removed, then new ones added. */
async function askAttributes(entity: string, q: Askers, existing: readonly Answers[], entityEditable = false, previous?: Previous): Promise<Answers[]> {
  const attributes: Answers[] = [];
  for (const attribute of existing) {
    const action = await q.choose({
      name: "attributeAction",
      message: `${entity}.${String(attribute.name)} (${describeAttribute(attribute)})`,
      choices: [
        { value: "keep", name: "keep it" },
        { value: "change", name: "change it" },
        { value: "remove", name: "remove it" },
      ],
      default: "keep",
    });
    if (action === "keep") attributes.push(attribute);
    else if (action === "change") {
      const asked = await askAttribute(entity, attributes, q, attribute, entityEditable);
      attributes.push(previous?.known.has(`${previous.entity}.${String(attribute.name)}`) ? recordRename(attribute, asked) : asked);
    }
  }
  // The same default every time (no): Enter never flips from adding to stopping half-way through,
  // and an attribute forgotten is added from the summary.
  while (await q.confirm({ name: "addAttribute", message: attributes.length ? `Add another attribute to ${entity}?` : `Add an attribute to ${entity}?`, default: false })) {
    attributes.push(await askAttribute(entity, attributes, q, {}, entityEditable));
  }
  return attributes;
}

async function askAttribute(entity: string, others: readonly Answers[], q: Askers, current: Answers = {}, entityEditable = false): Promise<Answers> {
  const taken = new Set(others.map((a) => String(a.name).toLowerCase()));
  const attributeNameAnswer = await q.text({
    name: "attributeName",
    message: "Attribute name",
    default: str(current.name),
    validate: (v) => (taken.has(v.toLowerCase()) ? `${v} exists already in ${entity}` : validateField(attributeName, v)),
  });
  const type = await q.choose({ name: "attributeType", message: `Type of ${attributeNameAnswer}`, choices: ATTRIBUTE_TYPES, default: str(current.type) ?? "string" });
  const attribute: Answers = { name: attributeNameAnswer, type };
  if (type === "string") {
    const length = await q.text({
      name: "attributeLength",
      message: "Length (0 = unlimited)",
      default: String(typeof current.length === "number" ? current.length : DEFAULT_STRING_LENGTH),
      validate: stringLength,
    });
    attribute.length = Number(length.trim());
  }
  attribute.sensitive = await q.confirm({ name: "sensitive", message: `Is ${attributeNameAnswer} sensitive (hidden from read-only roles)?`, default: bool(current.sensitive) ?? false });
  // On an editable entity every attribute is editable already; otherwise one attribute may be.
  if (!entityEditable) {
    attribute.editable = await q.confirm({ name: "attributeEditable", message: `Do users change ${attributeNameAnswer} themselves? (no: only the connector writes it)`, default: bool(current.editable) ?? false });
  }
  return attribute;
}

/** A string attribute's length as typed: a whole number, 0 for unlimited. */
export function stringLength(value: string): true | string {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return "must be a whole number of characters, such as 200 (0 = unlimited)";
  return Number(text) <= 1_000_000 ? true : "must be at most 1000000 characters (0 = unlimited)";
}

/** The associations from one entity, asked once every entity exists. */
async function askAssociations(q: Askers, entity: Entity, entities: readonly Entity[], current: readonly Answers[] = []): Promise<Answers[]> {
  // A persistable entity may only refer to persistable ones.
  const persistable = entity.persistable !== false;
  const targets = entities.filter((e) => e.name !== entity.name && (e.persistable !== false || !persistable)).map((e) => e.name);
  const associations: Answers[] = [];
  for (const association of current) {
    if (!targets.includes(String(association.to))) continue;
    const keep = await q.confirm({ name: "keepAssociation", message: `Keep ${entity.name} → ${String(association.to)} (${String(association.type)})?`, default: true });
    if (keep) {
      associations.push(association);
      targets.splice(targets.indexOf(String(association.to)), 1);
    }
  }
  while (targets.length && (await q.confirm({ name: "addAssociation", message: associations.length ? `Does ${entity.name} refer to another entity as well?` : `Does ${entity.name} refer to another entity?`, default: false }))) {
    const to = await q.choose({ name: "associationTo", message: `${entity.name} refers to`, choices: [...targets] });
    const type = await q.choose({ name: "associationType", message: `How many ${to} objects does one ${entity.name} refer to?`, choices: associationChoices(entity.name, to), default: "reference" });
    associations.push({ to, type });
    targets.splice(targets.indexOf(to), 1);
  }
  return associations;
}

/** The summary, and the changes a person asks for from it, until they choose to write. */
async function reviewLoop(q: Askers, start: Answers, known: ReadonlySet<string>): Promise<Answers> {
  let answers = start;
  for (;;) {
    const roles = (answers.roles ?? []) as Answers[];
    const entities = (answers.entities ?? []) as Entity[];
    const choices: Choice[] = [
      { value: "write", name: "Write the kit" },
      { value: "connector", name: "Change the module, service or authentication" },
      ...roles.map((r, i) => ({ value: `role:${i}`, name: `Change or remove role ${inert(String(r.name))}` })),
      { value: "addRole", name: "Add a role" },
      ...entities.map((e, i) => ({ value: `entity:${i}`, name: `Change or remove entity ${inert(e.name)} (its attributes and associations too)` })),
      { value: "addEntity", name: "Add an entity" },
    ];
    const action = await q.choose({ name: "review", message: `${summarise(answers)}\nWrite the kit, or change something?`, choices, default: "write" });
    if (action === "write") return answers;
    answers = await change(q, answers, action, known);
  }
}

async function change(q: Askers, answers: Answers, action: string, known: ReadonlySet<string>): Promise<Answers> {
  const roles = [...((answers.roles ?? []) as Answers[])];
  const entities = [...((answers.entities ?? []) as Entity[])];
  const module = String(answers.module);
  if (action === "connector") return askConnector(q, {}, answers);
  if (action === "addRole") return { ...answers, roles: [...roles, await askRole(["Administrator", "User", ...roles.map((r) => String(r.name))], q)] };
  if (action === "addEntity") {
    const entity = await askEntity(module, entities.map((e) => e.name), q);
    const all = [...entities, entity];
    entity.associations = await askAssociations(q, entity, all);
    return { ...answers, entities: all };
  }
  const [kind, index] = action.split(":") as ["role" | "entity", string];
  const at = Number(index);
  if (kind === "role") {
    const role = roles[at]!;
    if (await removeIt(q, `role ${String(role.name)}`)) return { ...answers, roles: roles.filter((_, i) => i !== at) };
    const taken = ["Administrator", "User", ...roles.filter((_, i) => i !== at).map((r) => String(r.name))];
    roles[at] = await askRole(taken, q, {}, role);
    return { ...answers, roles: rename(answers, "roles", String(role.name), String(roles[at]!.name), roles) };
  }
  const entity = entities[at]!;
  if (await removeIt(q, `entity ${entity.name}`)) {
    // Associations to a removed entity go with it.
    const rest = entities.filter((_, i) => i !== at).map((e) => ({ ...e, associations: ((e.associations ?? []) as Answers[]).filter((a) => a.to !== entity.name) }));
    return { ...answers, entities: rest };
  }
  const previous = { known, entity: entity.name };
  const asked = await askEntity(module, entities.filter((_, i) => i !== at).map((e) => e.name), q, {}, entity, previous);
  const changed = (known.has(entity.name) ? recordRename(entity, asked) : asked) as Entity;
  // A renamed entity: associations that pointed to it follow the new name.
  const renamed = entities.map((e, i) =>
    i === at ? changed : { ...e, associations: ((e.associations ?? []) as Answers[]).map((a) => (a.to === entity.name ? { ...a, to: changed.name } : a)) },
  );
  changed.associations = await askAssociations(q, changed, renamed, (entity.associations ?? []) as Answers[]);
  return { ...answers, entities: renamed };
}

/**
 * The entities and attributes the interview started with (an existing kit's spec, an answers
 * file): only those can be in an app already, so only their renames are recorded.
 */
interface Previous {
  known: ReadonlySet<string>;
  /** The entity's name when the interview started. */
  entity: string;
}

function knownNames(given: Answers): Set<string> {
  const entities = (given.entities as Answers[] | undefined) ?? [];
  return new Set(entities.flatMap((e) => [String(e.name), ...((e.attributes as Answers[] | undefined) ?? []).map((a) => `${String(e.name)}.${String(a.name)}`)]));
}

/**
 * A renamed attribute or entity records its previous name (renamedFrom), so the scripts rename it
 * in place and keep its data (issue 18); the earliest previous name is kept across several
 * renames, and renaming back drops it.
 */
function recordRename<T extends Answers>(before: Answers, after: T): T {
  const from = (before.renamedFrom as string | undefined) ?? String(before.name);
  const { renamedFrom: _dropped, ...rest } = after;
  return (after.name === from ? rest : { ...rest, renamedFrom: from }) as T;
}

async function removeIt(q: Askers, what: string): Promise<boolean> {
  const action = await q.choose({ name: "changeOrRemove", message: `Change or remove ${inert(what)}?`, choices: [{ value: "change", name: "change it" }, { value: "remove", name: "remove it" }], default: "change" });
  return action === "remove";
}

/** A renamed role is renamed in the entities' access overrides too. */
function rename(answers: Answers, _field: "roles", from: string, to: string, roles: Answers[]): Answers[] {
  if (from === to) return roles;
  for (const entity of (answers.entities ?? []) as Answers[]) {
    const access = entity.access as Record<string, unknown> | undefined;
    if (access && Object.hasOwn(access, from)) {
      access[to] = access[from];
      delete access[from];
    }
  }
  return roles;
}

function describeAttribute(attribute: Answers): string {
  const type = attribute.type === "string" ? `string, length ${String(attribute.length ?? DEFAULT_STRING_LENGTH)}` : String(attribute.type);
  return [type, attribute.sensitive ? "sensitive" : "", attribute.editable ? "editable" : ""].filter(Boolean).join(", ");
}

/** The callback path as the answers file's schema checks it. */
function redirectPathProblem(value: string): true | string {
  const result = authSchema.safeParse({ scheme: "oauth-authorization-code", authorizationUrl: "https://a.example", tokenUrl: "https://a.example", redirectPath: value });
  const issues = result.success ? [] : result.error.issues.filter((issue) => issue.path[0] === "redirectPath");
  return issues.length ? issues.map((issue) => issue.message).join("; ") : true;
}

/** "Acme CRM" → "AcmeCrmConnector": the obvious module name for a service, when it is a Mendix name. */
export function moduleNameFor(service: string): string | undefined {
  const words = service.match(/[A-Za-z0-9]+/g) ?? [];
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
  const candidate = `${pascal}Connector`;
  return validateField(mendixName, candidate) === true && /^[A-Za-z]/.test(candidate) ? candidate : undefined;
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

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function askers(ask: Ask) {
  // A question without a default carries none (inquirer would show "undefined").
  const clean = (q: Omit<Question, "type">): Omit<Question, "type"> => (q.default === undefined ? (({ default: _, ...rest }) => rest)(q) : q);
  return {
    text: (q: Omit<Question, "type">) => {
      // A default from a document or a handed-over kit may carry escapes (a title with ESC[2J or an
      // OSC 8 link): inquirer prints a default as it is, so such a default is shown inert in the
      // message instead, and Enter (an empty answer) still keeps it unchanged.
      const kept = q.default;
      if (typeof kept !== "string" || inert(kept) === kept) return ask({ type: "input", ...clean(q) }).then(String);
      const validate = q.validate;
      const { default: _, ...rest } = q;
      return ask({
        type: "input",
        ...rest,
        message: `${q.message} (Enter keeps: ${inert(kept)})`,
        ...(validate ? { validate: (v: string) => validate(v === "" ? kept : v) } : {}),
      }).then((v) => (v === undefined || v === "" ? kept : String(v)));
    },
    confirm: (q: Omit<Question, "type">) => ask({ type: "confirm", ...clean(q) }).then(Boolean),
    choose: (q: Omit<Question, "type">) => ask({ type: "select", ...clean(q) }).then(String),
  };
}

/** The questions of `mxsecure entity`: one entity to add to an existing spec. */
export async function interviewEntity(ask: Ask, spec: { module: string; entities: readonly { name: string; persistable: boolean }[] }, given: Answers = {}): Promise<Answers> {
  const q = askers(ask);
  const entity = await askEntity(spec.module, spec.entities.map((e) => e.name), q, given);
  if (!given.associations) {
    const all = [...spec.entities.map((e) => ({ ...e }) as Entity), entity];
    entity.associations = await askAssociations(q, entity, all);
  }
  return entity;
}

/** The questions of `mxsecure role`: one module role to add to an existing spec. */
export function interviewRole(ask: Ask, taken: readonly string[], given: Answers = {}): Promise<Answers> {
  return askRole(taken, askers(ask), given);
}
