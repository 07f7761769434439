// A dereferenced OpenAPI/Swagger document → a draft of the answers (service, module, auth) and the
// list of component schemas a person may pick as entities. Pure: no files, no prompts. What the
// draft cannot take over is said in `messages`; `origins` maps an answers path to the document's
// JSON pointer, so a problem the spec finds later is reported where the document says it.
import { moduleNameFrom } from "./names.js";
import { pointer } from "./pointer.js";
import { readOnlyScopes } from "./scopes.js";
import { candidateSchemas, type CandidateSchema } from "./schemas.js";
import type { OpenApiDocument } from "./read.js";

type Json = Record<string, unknown>;

export interface OpenApiDraft {
  answers: Json;
  /** Every base URL the document offers (servers, variables at their defaults); the first is the default. */
  baseUrls: { url: string; origin: string }[];
  schemas: CandidateSchema[];
  /** Said to the person: choices made for them, and what was left out. */
  messages: string[];
  /** answers path ("service.baseUrl") → JSON pointer in the document. */
  origins: Record<string, string>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export function draftFromDocument(doc: OpenApiDocument): OpenApiDraft {
  const messages: string[] = [];
  const origins: Record<string, string> = {};
  const info = obj(doc.info);
  const title = typeof info.title === "string" && info.title.trim() ? info.title.trim() : "the service";
  const answers: Json = {
    module: moduleNameFrom(title),
    description: describe(title, info.description),
    service: { name: title },
  };
  origins["service.name"] = "#/info/title";
  origins.module = "#/info/title";
  origins.description = "#/info";

  const baseUrls = serverUrls(doc, messages);
  if (baseUrls[0]) {
    (answers.service as Json).baseUrl = baseUrls[0].url;
    origins["service.baseUrl"] = baseUrls[0].origin;
    if (baseUrls.length > 1) messages.push(`The document names ${baseUrls.length} servers; the first, ${baseUrls[0].url}, is the default (the others: ${baseUrls.slice(1).map((b) => b.url).join(", ")}).`);
  } else messages.push("The document names no absolute server URL; give service.baseUrl in --answers.");

  const auth = authFrom(doc, baseUrls[0]?.url, messages, origins);
  if (auth) answers.auth = auth;
  return { answers, baseUrls, schemas: candidateSchemas(doc), messages, origins };
}

function describe(title: string, description: unknown): string {
  const first = typeof description === "string" ? description.trim().split(/\n\s*\n|(?<=\.)\s/)[0]?.trim() : undefined;
  const summary = first && first.length <= 300 ? ` ${first}${/[.!?]$/.test(first) ? "" : "."}` : "";
  return `Connects a Mendix app to ${title}.${summary}`;
}

/** OpenAPI 3 servers (variables at their defaults) or Swagger 2.0 schemes + host + basePath; absolute only. */
function serverUrls(doc: OpenApiDocument, messages: string[]): { url: string; origin: string }[] {
  if (doc.swagger !== undefined) {
    if (typeof doc.host !== "string") return [];
    const schemes = Array.isArray(doc.schemes) && doc.schemes.length ? (doc.schemes as unknown[]).map(String) : ["https"];
    // HTTPS first when the document offers it.
    const ordered = [...schemes.filter((s) => s === "https"), ...schemes.filter((s) => s !== "https")];
    const basePath = typeof doc.basePath === "string" ? doc.basePath.replace(/\/$/, "") : "";
    return ordered.map((scheme) => ({ url: `${scheme}://${doc.host as string}${basePath}`, origin: "#/host" }));
  }
  let servers = Array.isArray(doc.servers) ? (doc.servers as unknown[]) : [];
  let at: (string | number)[] = ["servers"];
  if (!servers.length) {
    // No top-level servers: those of the first path that names some (Open-Meteo declares them per path).
    const path = Object.entries(obj(doc.paths)).find(([, item]) => Array.isArray(obj(item).servers) && (obj(item).servers as unknown[]).length);
    if (path) {
      servers = obj(path[1]).servers as unknown[];
      at = ["paths", path[0], "servers"];
    }
  }
  const urls: { url: string; origin: string }[] = [];
  servers.forEach((server, i) => {
    const s = obj(server);
    if (typeof s.url !== "string") return;
    const variables = obj(s.variables);
    const url = s.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const value = obj(variables[name]).default;
      return value === undefined ? whole : String(value);
    }).replace(/\/$/, "");
    if (!/^https?:\/\//.test(url)) {
      messages.push(`${pointer([...at, i, "url"])} (${url}) is not an absolute http(s) URL; left out.`);
      return;
    }
    urls.push({ url, origin: pointer([...at, i, "url"]) });
  });
  // HTTPS ones first, keeping the document's order otherwise.
  return [...urls.filter((u) => u.url.startsWith("https:")), ...urls.filter((u) => !u.url.startsWith("https:"))];
}

interface SchemeUse {
  name: string;
  operations: number;
}

/** The security scheme most operations use, mapped to ours; undefined when none maps. */
function authFrom(doc: OpenApiDocument, baseUrl: string | undefined, messages: string[], origins: Record<string, string>): Json | undefined {
  const swagger = doc.swagger !== undefined;
  const schemesAt = swagger ? ["securityDefinitions"] : ["components", "securitySchemes"];
  const schemes = obj(swagger ? doc.securityDefinitions : obj(doc.components).securitySchemes);
  const uses = new Map<string, number>();
  let open = 0;
  let total = 0;
  for (const item of Object.values(obj(doc.paths))) {
    for (const method of METHODS) {
      const operation = obj(obj(item)[method]);
      if (!Object.keys(operation).length) continue;
      total++;
      const requirements = (Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : []) as unknown[];
      const names = new Set(requirements.flatMap((r) => Object.keys(obj(r))));
      if (!names.size) open++;
      for (const name of names) uses.set(name, (uses.get(name) ?? 0) + 1);
    }
  }
  const ranked: SchemeUse[] = [...uses].map(([name, operations]) => ({ name, operations })).sort((a, b) => b.operations - a.operations);
  if (open >= (ranked[0]?.operations ?? 0) && (open > 0 || !ranked.length)) {
    if (ranked.length) messages.push(`${open} of ${total} operations need no authentication, more than use any security scheme: auth.scheme none (the document also declares ${ranked.map((r) => r.name).join(", ")}).`);
    return { scheme: "none" };
  }
  const skipped: string[] = [];
  for (const use of ranked) {
    const definition = obj(schemes[use.name]);
    const at = [...schemesAt, use.name];
    const mapped = mapScheme(definition, at, swagger, baseUrl, origins, messages);
    if (typeof mapped === "string") {
      skipped.push(`${use.name} (${mapped}, ${pointer(at)})`);
      continue;
    }
    if (skipped.length || ranked.length > 1) {
      const others = ranked.filter((r) => r.name !== use.name).map((r) => `${r.name} (${r.operations})`).join(", ");
      messages.push(`Security scheme ${use.name} is used by ${use.operations} of ${total} operations: auth.scheme ${String(mapped.scheme)}${others ? `; the document also uses ${others}` : ""}${skipped.length ? `; not supported: ${skipped.join("; ")}` : ""}.`);
    }
    // A guess from the scopes' words decides what read-only users may request: say it, so a
    // script run (which asks nothing) does not take it unseen.
    if (Array.isArray(mapped.readOnlyScopes) && Array.isArray(mapped.scopes) && mapped.scopes.length) {
      const proposed = mapped.readOnlyScopes as string[];
      messages.push(`auth.readOnlyScopes proposed from the scopes' names and descriptions: ${proposed.length ? proposed.join(" ") : "none"} (of ${(mapped.scopes as string[]).join(" ")}); a user with only read-only roles may request only these: check them.`);
    }
    return mapped;
  }
  messages.push(`No security scheme the operations use maps to one mxsecure supports (${skipped.join("; ")}); give auth in --answers.`);
  return undefined;
}

/** One security scheme → our auth answers, or why it cannot be one. */
function mapScheme(definition: Json, at: string[], swagger: boolean, baseUrl: string | undefined, origins: Record<string, string>, messages: string[]): Json | string {
  const type = definition.type;
  if (type === "apiKey") {
    if (definition.in !== "header") return `an API key in the ${String(definition.in)}, not a header`;
    origins["auth.headerName"] = pointer([...at, "name"]);
    // An API key is sent as it is: no prefix.
    return { scheme: "api-token", headerName: String(definition.name), tokenPrefix: "" };
  }
  if (type === "basic" || (type === "http" && String(definition.scheme).toLowerCase() === "basic")) return { scheme: "basic" };
  if (type === "http" && String(definition.scheme).toLowerCase() === "bearer") return { scheme: "api-token", headerName: "Authorization", tokenPrefix: "Bearer" };
  if (type === "http") return `http ${String(definition.scheme)}`;
  if (type === "openIdConnect") return "OpenID Connect discovery";
  if (type !== "oauth2") return `type ${String(type)}`;
  const flows: [string, Json, string[]][] = swagger
    ? [[String(definition.flow), definition, at]]
    : Object.entries(obj(definition.flows)).map(([name, flow]) => [name, obj(flow), [...at, "flows", name]]);
  // Per-user authorization first: the connector then acts as the signed-in user.
  const code = flows.find(([name]) => name === "authorizationCode" || name === "accessCode");
  const client = flows.find(([name]) => name === "clientCredentials" || name === "application");
  const chosen = code ?? client;
  if (!chosen) return `OAuth flow ${flows.map(([name]) => name).join(", ") || "none"}`;
  const [, flow, flowAt] = chosen;
  const scopes = Object.fromEntries(Object.entries(obj(flow.scopes)).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const absolute = (value: unknown, field: "tokenUrl" | "authorizationUrl") => {
    if (typeof value !== "string") return undefined;
    const url = absoluteUrl(value, baseUrl);
    // "//other.example/token" reads as a path beside the server, yet resolves to another host: the
    // client secret (or the user's sign-in) would go there. Said, so the person checks it.
    const base = hostOf(baseUrl);
    if (!ABSOLUTE.test(value) && base !== undefined && hostOf(url) !== base) {
      messages.push(`${pointer([...flowAt, field])} (${value}) is relative, yet auth.${field} resolves to ${url}, another host than the server ${base}: check it is the service's own sign-in server before an Administrator enters a secret.`);
    }
    return url;
  };
  origins["auth.tokenUrl"] = pointer([...flowAt, "tokenUrl"]);
  origins["auth.scopes"] = pointer([...flowAt, "scopes"]);
  if (code) {
    origins["auth.authorizationUrl"] = pointer([...flowAt, "authorizationUrl"]);
    return {
      scheme: "oauth-authorization-code",
      authorizationUrl: absolute(flow.authorizationUrl, "authorizationUrl"),
      tokenUrl: absolute(flow.tokenUrl, "tokenUrl"),
      scopes: Object.keys(scopes),
      readOnlyScopes: readOnlyScopes(scopes),
    };
  }
  return { scheme: "oauth-client-credentials", tokenUrl: absolute(flow.tokenUrl, "tokenUrl"), scopes: Object.keys(scopes) };
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

function hostOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).host;
  } catch {
    return undefined;
  }
}

/** OpenAPI allows OAuth URLs relative to the server: resolved against the base URL. */
function absoluteUrl(value: string, baseUrl: string | undefined): string {
  if (ABSOLUTE.test(value) || !baseUrl) return value;
  try {
    return new URL(value, baseUrl).href;
  } catch {
    return value;
  }
}

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
