// Hand-built microflows in the typed step vocabulary (src/lib/plan/steps.ts) that use every step
// kind, on the billing-client-credentials example's plan (its entities, roles and folders; its
// own microflows replaced). Flows issue 12 will declare for real: ACT_ConnectionDetails_Save
// (HTTPS checks with validation feedback, encrypt only non-empty input, IsSet flag, commit),
// DS_ConnectionDetails_Get, the client-credentials token fetch with its decisions, the Test
// action, and the after-startup check. Until issue 10's plan carries these flows, the renderers
// are tested on these fixtures.
import {
  attr,
  bool,
  constant,
  empty,
  fn,
  httpStatus,
  int,
  not,
  op,
  str,
  token,
  v,
  type Expr,
  type MicroflowStep,
  type StepKind,
} from "../../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../../src/lib/plan/types.js";
import { planFor } from "./spec.js";

const CD = "ConnectionDetails";
const ENCRYPTION_KEY = constant("Encryption.EncryptionKey");

const encrypt = (out: string, value: Expr): MicroflowStep => ({
  kind: "callJava",
  out,
  action: "Encryption.EncryptString",
  args: [
    { param: "value", value },
    { param: "key", value: ENCRYPTION_KEY },
    { param: "prefix", value: constant("Encryption.EncryptionPrefix") },
  ],
});

const decrypt = (out: string, value: Expr): MicroflowStep => ({
  kind: "callJava",
  out,
  action: "Encryption.DecryptString",
  args: [
    { param: "value", value },
    { param: "key", value: ENCRYPTION_KEY },
    { param: "prefix", value: empty },
    { param: "legacyKey", value: constant("Encryption.LegacyEncryptionKey") },
  ],
});

/** Refuse a URL that is not https:// with feedback on its field, and stop. */
const requireHttps = (attribute: string): MicroflowStep => ({
  kind: "decision",
  caption: `${attribute} is not HTTPS?`,
  condition: not(fn("startsWith", fn("toLowerCase", attr(CD, attribute)), str("https://"))),
  then: [
    { kind: "validationFeedback", variable: CD, entity: CD, attribute, text: "Use an https:// URL." },
    { kind: "return" },
  ],
  else: [],
});

const flow = (name: string, returnType: string, parameters: { name: string; type: string }[], steps: MicroflowStep[]): PlanMicroflow => ({
  name,
  folder: name.startsWith("SUB_") ? "Private" : "_USE_ME",
  documentation: `Fixture ${name}.`,
  allowedRoles: [],
  applyEntityAccess: false,
  parameters,
  returnType,
  steps,
});

export function fixtureFlows(module: string, hostileText: string): PlanMicroflow[] {
  return [
    flow("DS_ConnectionDetails_Get", CD, [], [
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      {
        kind: "decision",
        caption: "None yet?",
        condition: op(v(CD), "=", empty),
        then: [
          { kind: "create", out: "NewConnectionDetails", entity: CD, members: [{ attribute: "BaseUrl", value: str("https://billing.example.com") }] },
          { kind: "commit", variable: "NewConnectionDetails", events: true },
          { kind: "return", value: v("NewConnectionDetails") },
        ],
        else: [{ kind: "return", value: v(CD) }],
      },
    ]),
    flow("ACT_ConnectionDetails_Save", "Nothing", [{ name: CD, type: CD }, { name: "SecretInput", type: "SecretInput" }], [
      requireHttps("BaseUrl"),
      requireHttps("TokenUrl"),
      {
        kind: "decision",
        caption: "New client secret entered?",
        condition: op(op(attr("SecretInput", "ClientSecret"), "!=", empty), "and", op(fn("trim", attr("SecretInput", "ClientSecret")), "!=", str(""))),
        then: [
          encrypt("EncryptedClientSecret", attr("SecretInput", "ClientSecret")),
          {
            kind: "change",
            variable: CD,
            members: [
              { attribute: "EncryptedClientSecret", value: v("EncryptedClientSecret") },
              { attribute: "ClientSecretIsSet", value: bool(true) },
            ],
          },
        ],
        else: [],
      },
      { kind: "commit", variable: CD, events: true },
      { kind: "return" },
    ]),
    flow("SUB_ConnectionDetails_GetClientSecret", "String", [{ name: CD, type: CD }], [
      { kind: "decrypt", secret: "ClientSecret", fromEntity: CD, fromAttribute: "EncryptedClientSecret" },
    ]),
    // A step left to the developer's judgement: an annotation (the note kind).
    flow("SUB_Service_Path", "String", [], [
      { kind: "note", text: "Which read endpoint of the service the connection test calls is the developer's choice." },
      { kind: "return", value: str("/") },
    ]),
    flow("SUB_AccessToken_GetValid", "String", [], [
      { kind: "retrieve", out: "AccessToken", entity: "AccessToken", where: [], first: true },
      {
        kind: "decision",
        caption: "Cached token valid for another minute?",
        condition: op(op(v("AccessToken"), "!=", empty), "and", op(attr("AccessToken", "ExpiresAt"), ">", fn("addSeconds", token("CurrentDateTime"), int(60)))),
        then: [decrypt("CachedToken", attr("AccessToken", "EncryptedValue")), { kind: "return", value: v("CachedToken") }],
        else: [],
      },
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      { kind: "callMicroflow", out: "ClientSecret", microflow: "SUB_ConnectionDetails_GetClientSecret", args: [{ param: CD, value: v(CD) }] },
      {
        kind: "rest",
        out: "Response",
        method: "POST",
        url: { text: "{1}", args: [attr(CD, "TokenUrl")] },
        headers: [{ name: "Content-Type", value: str("application/x-www-form-urlencoded") }],
        basicAuth: { user: attr(CD, "ClientId"), password: v("ClientSecret") },
        body: { text: "grant_type=client_credentials&scope={1}", args: [fn("urlEncode", attr(CD, "Scopes"))] },
        onError: "continue",
        // The token answer through the example's import mapping (src/lib/plan/schemes/oauth-token.ts).
        result: { kind: "mapping", mapping: "IMM_TokenResponse", entity: "TokenResponse" },
      },
      {
        kind: "decision",
        caption: "Token request failed?",
        condition: op(httpStatus, "!=", int(200)),
        then: [
          { kind: "log", level: "Warning", node: module, message: { text: "Token request failed with HTTP status {1}.", args: [{ k: "httpStatus" }] } },
          { kind: "return", value: empty },
        ],
        else: [],
      },
      encrypt("EncryptedToken", attr("Response", "AccessToken")),
      // Replace the cached token: both branches go on, so they meet in a merge.
      { kind: "decision", caption: "Old token cached?", condition: op(v("AccessToken"), "!=", empty), then: [{ kind: "delete", variable: "AccessToken" }], else: [] },
      {
        kind: "create",
        out: "NewAccessToken",
        entity: "AccessToken",
        members: [
          { attribute: "EncryptedValue", value: v("EncryptedToken") },
          { attribute: "ExpiresAt", value: fn("addSeconds", token("CurrentDateTime"), int(3600)) },
        ],
      },
      { kind: "commit", variable: "NewAccessToken", events: false },
      { kind: "return", value: attr("Response", "AccessToken") },
    ]),
    flow("SUB_Header_Build", "String", [{ name: "Scheme", type: "String" }, { name: "Credentials", type: "String" }], [
      { kind: "return", value: op(op(v("Scheme"), "+", str(" ")), "+", v("Credentials")) },
    ]),
    flow("SUB_Request_Authenticate", "String", [], [
      { kind: "callMicroflow", out: "Token", microflow: "SUB_AccessToken_GetValid", args: [] },
      { kind: "declare", out: "Scheme", type: "String", value: str("Bearer") },
      {
        kind: "callMicroflow",
        out: "Header",
        microflow: "SUB_Header_Build",
        args: [
          { param: "Scheme", value: v("Scheme") },
          { param: "Credentials", value: v("Token") },
        ],
      },
      { kind: "return", value: v("Header") },
    ]),
    flow("ACT_ConnectionDetails_Test", "Boolean", [{ name: CD, type: CD }], [
      { kind: "callMicroflow", out: "Authorization", microflow: "SUB_Request_Authenticate", args: [] },
      {
        kind: "rest",
        out: "Body",
        method: "GET",
        url: { text: "{1}/status", args: [attr(CD, "BaseUrl")] },
        headers: [{ name: "Authorization", value: v("Authorization") }],
        onError: "continue",
      },
      {
        kind: "decision",
        caption: "Answered 2xx?",
        condition: op(op(httpStatus, ">=", int(200)), "and", op(httpStatus, "<", int(300))),
        then: [
          { kind: "showMessage", level: "Information", message: { text: "Connected to {1}.", args: [attr(CD, "BaseUrl")] } },
          { kind: "return", value: bool(true) },
        ],
        else: [
          { kind: "showMessage", level: "Error", message: { text: "The service answered with HTTP status {1}.", args: [httpStatus] } },
          { kind: "return", value: bool(false) },
        ],
      },
    ]),
    flow("ASU_ConnectionDetails_Check", "Boolean", [], [
      {
        kind: "decision",
        caption: "Encryption key missing or not 32 characters?",
        condition: op(op(ENCRYPTION_KEY, "=", empty), "or", op(fn("length", ENCRYPTION_KEY), "!=", int(32))),
        then: [{ kind: "log", level: "Warning", node: module, message: { text: "Encryption.EncryptionKey is missing or not 32 characters.", args: [] } }],
        else: [{ kind: "log", level: "Info", node: module, message: { text: "Encryption key present.", args: [] } }],
      },
      { kind: "return", value: bool(true) },
    ]),
    flow("SUB_Invoice_CountLines", "String", [{ name: "Invoice", type: "Invoice" }], [
      { kind: "retrieveByAssociation", out: "Line", from: "Invoice", association: "Invoice_InvoiceLine" },
      { kind: "retrieve", out: "Owned", entity: "Invoice", where: [
          { path: "InvoiceNumber", value: attr("Invoice", "InvoiceNumber") },
          { path: "BillingConnector.Invoice_User", value: token("CurrentUser") },
        ],
        first: false,
      },
      { kind: "declare", out: "Count", type: "Integer", value: int(0) },
      { kind: "set", variable: "Count", value: op(v("Count"), "+", int(1)) },
      { kind: "readConstant", secret: "Unused", constant: "Encryption.EncryptionPrefix" },
      { kind: "return", value: fn("toString", v("Count")) },
    ]),
    flow("ACT_SecretInput_Store", "Nothing", [{ name: CD, type: CD }, { name: "SecretInput", type: "SecretInput" }], [
      { kind: "encrypt", secret: "ClientSecret", from: "SecretInput/ClientSecret", toEntity: CD, toAttribute: "EncryptedClientSecret", isSetAttribute: "ClientSecretIsSet" },
    ]),
    flow("ACT_Hostile_Show", "Nothing", [{ name: CD, type: CD }], [
      { kind: "showMessage", level: "Warning", message: { text: hostileText.replace(/\{/g, "("), args: [str(hostileText)] } },
      { kind: "validationFeedback", variable: CD, entity: CD, attribute: "BaseUrl", text: hostileText },
      { kind: "log", level: "Error", node: hostileText, message: { text: "Value {1}", args: [{ k: "str", value: hostileText }] } },
      { kind: "declare", out: "Text", type: "String", value: str(hostileText) },
      { kind: "change", variable: CD, members: [{ attribute: "ClientId", value: v("Text") }] },
    ]),
  ];
}

/** Text meant to break out of strings, comments and templates in either target. */
export const HOSTILE_TEXT = "x'); delete $ConnectionDetails; -- */ /* \\' \\\\ '' \r\n\t{1} $latestHttpResponse \u202e\u200b end if; return;";

/** billing-client-credentials with the fixture microflows instead of its own. */
export function stepFixturePlan(): Plan {
  const plan = structuredClone(planFor("billing-client-credentials"));
  plan.microflows = fixtureFlows(plan.module, HOSTILE_TEXT);
  // The snippet calls the example's microflows, which the fixtures replace.
  plan.snippets = [];
  // A nanoflow: asks a microflow for a URL and opens it (the authorize button's client side).
  plan.nanoflows = [
    {
      name: "NAV_Fixture_OpenUrl",
      folder: plan.folders[0]!,
      documentation: "Opens the URL a microflow returns.",
      allowedRoles: [],
      steps: [
        { kind: "callMicroflow", out: "Url", microflow: "SUB_Header_Build", args: [{ param: "Scheme", value: str("https://example.com/") }, { param: "Credentials", value: str("x") }] },
        { kind: "callJavaScript", out: "Opened", action: "NanoflowCommons.OpenURL", args: [{ param: "url", value: v("Url") }] },
        { kind: "return" },
      ],
    },
  ];
  return plan;
}

/** Every step kind the fixtures use (nested ones included). */
export function kindsUsed(steps: MicroflowStep[]): Set<StepKind> {
  const kinds = new Set<StepKind>();
  const walk = (list: MicroflowStep[]) =>
    list.forEach((step) => {
      kinds.add(step.kind);
      if (step.kind === "decision") {
        walk(step.then);
        walk(step.else);
      }
    });
  walk(steps);
  return kinds;
}

/** The fixtures plus a flow that calls the kit's PKCE Java actions (they must be defined first). */
export function pkceFixturePlan(): Plan {
  const plan = stepFixturePlan();
  plan.microflows.push(
    flow("SUB_Pkce_Start", "String", [], [
      { kind: "callJava", out: "State", action: `${plan.module}.GenerateRandomToken`, args: [] },
      { kind: "callJava", out: "Verifier", action: `${plan.module}.GenerateRandomToken`, args: [] },
      { kind: "callJava", out: "Challenge", action: `${plan.module}.PkceChallengeS256`, args: [{ param: "verifier", value: v("Verifier") }] },
      { kind: "return", value: op(op(v("State"), "+", str(" ")), "+", v("Challenge")) },
    ]),
  );
  return plan;
}
