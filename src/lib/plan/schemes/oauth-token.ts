// The OAuth token request, declared once for every grant (client credentials here; authorization
// code and refresh token in oauth-authorization-code): the response entity, the JSON structure and
// import mapping that read the token endpoint's JSON answer into it, and the steps that POST the
// grant to TokenUrl. Sources:
//  - RFC 6749 section 2.3.1: the client authenticates with HTTP Basic, client id and secret each
//    application/x-www-form-urlencoded first; section 4.4.2: grant_type=client_credentials and
//    scope as form fields (application/x-www-form-urlencoded body); section 5.1: the answer is a
//    JSON object with access_token, token_type, expires_in (RECOMMENDED), refresh_token, scope;
//    section 5.2: an error answer, 400 or 401 with "error": "invalid_client" when the client
//    authentication failed.
//  - RFC 6750 section 4 / RFC 6749 section 7.1: only a token_type of "Bearer" (case-insensitive)
//    is sent as `Authorization: Bearer <token>`.
//  - The JSON structure's element paths, "(Object)" for the root object and "(Object)|<json key>"
//    for its members: mendixlabs/mxcli sdk/mpr/writer_json_structure.go @c5e33be0 (DeriveJsonElementsFromSnippet,
//    deriveElement; in ako/mxcli July 2026 mdl/types/json_utils.go BuildJsonElementsFromSnippet :69,
//    root "(Object)" :87, member path + "|" + key :198, called by cmd_jsonstructures.go:203) and the comment on jsonMemberPath in mdl/grammar MDLSettings.g4 ("Stored as
//    Mendix's own pipe-separated JsonPath"); see templates/sdk/model/lib/mappings.ts.
import { CD } from "../connection-steps.js";
import { PRIVATE } from "../folders.js";
import { text } from "../members.js";
import { attr, empty, fn, httpStatus, int, op, str, v, type Expr, type MicroflowStep } from "../steps.js";
import type { PlanEntity, PlanImportMapping, PlanJsonStructure } from "../types.js";

export const TOKEN_RESPONSE = "TokenResponse";
export const TOKEN_JSON = "JSON_TokenResponse";
export const TOKEN_MAPPING = "IMM_TokenResponse";
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
/** The variable the Call REST leaves after the call (docs.mendix.com/refguide/call-rest-action/). */
export const LATEST_RESPONSE = "latestHttpResponse";

/** The token endpoint's answer, member by member: JSON key, attribute, type (RFC 6749 section 5.1). */
const MEMBERS = [
  { key: "access_token", attribute: "AccessToken", example: "token", documentation: "access_token: the token itself." },
  { key: "token_type", attribute: "TokenType", example: "Bearer", documentation: "token_type: only Bearer is used." },
  { key: "expires_in", attribute: "ExpiresIn", example: 3600, documentation: "expires_in: seconds the token is valid; 0 when the answer has none." },
  { key: "refresh_token", attribute: "RefreshToken", example: "token", documentation: "refresh_token, when the grant issues one." },
  { key: "scope", attribute: "Scope", example: "scope", documentation: "scope: the scopes granted, when they differ from those requested." },
] as const;

/**
 * The non-persistable object the import mapping makes of a token answer. It lives only in the
 * microflow that requested it: no role has access, it is never committed, shown or logged, and
 * the connector encrypts what it keeps of it.
 */
export function tokenResponseEntity(): PlanEntity {
  return {
    name: TOKEN_RESPONSE,
    documentation:
      "Non-persistable: the token endpoint's answer, made by IMM_TokenResponse inside the private token microflows. Its values are secrets in transit: " +
      "no role has access, and the connector never shows, logs or commits it; what it keeps is encrypted into the token entity.",
    purpose: "token-response",
    persistable: false,
    ownership: "shared",
    storeOwner: false,
    attributes: MEMBERS.map((m) =>
      m.key === "expires_in"
        ? { name: m.attribute, type: "integer" as const, documentation: m.documentation, sensitive: false, encrypted: false, systemSet: true }
        : // scope names what a token may do, not the token: stored on UserToken as GrantedScope (issue 20), so not sensitive.
          text(m.attribute, m.key === "token_type" ? 200 : 0, m.documentation, { sensitive: m.key !== "scope", systemSet: true }),
    ),
    associations: [],
    accessRules: [],
  };
}

export function tokenJsonStructure(): PlanJsonStructure {
  return {
    name: TOKEN_JSON,
    folder: PRIVATE,
    documentation: "The OAuth token endpoint's JSON answer (RFC 6749 section 5.1), with placeholder values. Read by IMM_TokenResponse.",
    members: MEMBERS.map((m) => ({ key: m.key, example: m.example })),
  };
}

export function tokenImportMapping(): PlanImportMapping {
  return {
    name: TOKEN_MAPPING,
    folder: PRIVATE,
    documentation: "Makes one TokenResponse (not committed) of the token endpoint's JSON answer. Used only by the private token microflows.",
    jsonStructure: TOKEN_JSON,
    entity: TOKEN_RESPONSE,
    values: MEMBERS.map((m) => ({ attribute: m.attribute, key: m.key })),
  };
}

/** Why a token request gave no usable token; the caller decides what to do (log, or a message). */
export type TokenFailure = "no-secret" | "no-answer" | "refused" | "not-bearer";

export interface TokenRequest {
  /** The grant_type form field (RFC 6749 sections 4.1.3, 4.4.2, 6). */
  grantType: "client_credentials" | "authorization_code" | "refresh_token";
  /** The other form fields, each value urlEncode'd into the body. Names are fixed by the grant. */
  fields: { name: string; value: Expr }[];
  /** The variable that receives the TokenResponse object. */
  out: string;
  /** Log node of the default failure steps (the module name). */
  node: string;
  /** ClientSecret stored in the database (decrypted from ConnectionDetails) or a deploy-time constant. */
  databaseSecret: boolean;
  /**
   * What runs when there is no usable token, ending in a return. Default: a warning in the log
   * that names the cause and, for a refusal, the HTTP status (never a value), then return empty.
   */
  onFailure?: (why: TokenFailure) => MicroflowStep[];
}

/** The variable holding the decrypted client secret inside a token request. */
export const CLIENT_SECRET = "ClientSecret";

const FAILURE_LOG: Record<TokenFailure, string> = {
  "no-secret": "No OAuth token requested: the client secret is not set, or was entered for other endpoints. Enter it again in the connection settings.",
  "no-answer": "The OAuth token request got no answer (network or TLS error).",
  refused: "The OAuth token request failed with HTTP status {1}, or the answer held no access token.",
  "not-bearer": "The token endpoint issued a token that is not a Bearer token; it is not used.",
};

/** The default failure: one warning line (the status at most, never a value), then return empty. */
export function logTokenFailure(node: string): (why: TokenFailure) => MicroflowStep[] {
  return (why) => [
    { kind: "log", level: "Warning", node, message: { text: FAILURE_LOG[why], args: why === "refused" ? [{ k: "httpStatus" }] : [] } },
    { kind: "return", value: empty },
  ];
}

/**
 * The token request as steps, for a microflow that has $ConnectionDetails (the committed object):
 * get the client secret from its private sub (which refuses it for changed endpoints), POST the
 * grant to TokenUrl with HTTP Basic client authentication and a form body, read the answer with
 * IMM_TokenResponse into `out`, and stop through onFailure when there is no Bearer access token.
 * The steps stay in the caller's microflow because $latestHttpResponse belongs to the microflow
 * that made the call.
 */
export function tokenRequestSteps(request: TokenRequest): MicroflowStep[] {
  const failure = request.onFailure ?? logTokenFailure(request.node);
  const secret = v(CLIENT_SECRET);
  const response = v(request.out);
  const body = [`grant_type=${request.grantType}`, ...request.fields.map((f, i) => `${f.name}={${i + 1}}`)].join("&");
  return [
    {
      kind: "callMicroflow",
      out: CLIENT_SECRET,
      microflow: "SUB_ConnectionDetails_GetClientSecret",
      args: request.databaseSecret ? [{ param: CD, value: v(CD) }] : [],
    },
    {
      kind: "decision",
      caption: "No client secret?",
      condition: op(op(secret, "=", empty), "or", op(secret, "=", str(""))),
      then: failure("no-secret"),
      else: [],
    },
    {
      kind: "rest",
      out: request.out,
      method: "POST",
      url: { text: "{1}", args: [attr(CD, "TokenUrl")] },
      headers: [
        { name: "Content-Type", value: str(FORM_CONTENT_TYPE) },
        { name: "Accept", value: str("application/json") },
      ],
      // RFC 6749 section 2.3.1: both form-urlencoded before they go into the Basic credentials.
      basicAuth: { user: fn("urlEncode", attr(CD, "ClientId")), password: fn("urlEncode", secret) },
      body: { text: body, args: request.fields.map((f) => fn("urlEncode", f.value)) },
      onError: "continue",
      result: { kind: "mapping", mapping: TOKEN_MAPPING, entity: TOKEN_RESPONSE },
    },
    {
      kind: "decision",
      caption: "No answer from the token endpoint?",
      condition: op(v(LATEST_RESPONSE), "=", empty),
      then: failure("no-answer"),
      else: [],
    },
    {
      kind: "decision",
      caption: "Refused, or no access token?",
      condition: op(op(op(httpStatus, "!=", int(200)), "or", op(response, "=", empty)), "or", op(attr(request.out, "AccessToken"), "=", empty)),
      then: failure("refused"),
      else: [],
    },
    {
      kind: "decision",
      caption: "Not a Bearer token?",
      // token_type is REQUIRED (RFC 6749 section 5.1); without one the token is refused too.
      condition: op(op(attr(request.out, "TokenType"), "=", empty), "or", op(fn("toLowerCase", attr(request.out, "TokenType")), "!=", str("bearer"))),
      then: failure("not-bearer"),
      else: [],
    },
  ];
}

/** Seconds a token is kept when the answer has no expires_in (RFC 6749 section 5.1: RECOMMENDED, not required). */
export const DEFAULT_EXPIRES_IN = 300;

/**
 * $<out> = the token's lifetime in seconds: expires_in when the answer has a positive one, else
 * DEFAULT_EXPIRES_IN (short, so an unannounced expiry costs at most a few minutes).
 */
export function expiresInSteps(response: string, out: string): MicroflowStep[] {
  const given = attr(response, "ExpiresIn");
  return [
    { kind: "declare", out, type: "Integer", value: int(DEFAULT_EXPIRES_IN) },
    {
      kind: "decision",
      caption: "expires_in given?",
      condition: op(op(given, "!=", empty), "and", op(given, ">", int(0))),
      then: [{ kind: "set", variable: out, value: given }],
      else: [],
    },
  ];
}

/** `Bearer <token>`, the Authorization header value for an access token (RFC 6750 section 2.1). */
export function bearer(token: Expr): Expr {
  return op(str("Bearer "), "+", token);
}

