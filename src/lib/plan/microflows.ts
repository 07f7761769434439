// The microflows by Mendix conventions (ACT_, DS_, SUB_): public API in _USE_ME, helpers that
// touch secrets in Private with no allowed roles, so a client can never call them. Each body is a
// list of typed steps (steps.ts); the scheme adds its own flows and answers what differs per scheme.
import type { Spec } from "../spec/schema.js";
import { adminSecrets, CLEAR_SECRETS, endpointPolicy, endpoints, endpointsDiffer, recordEndpoints, REPLACE_STORED, secretBinding, secretBindingAttribute, usesDatabaseSecrets } from "./connection.js";
import { CD, clearSecretsSteps, decryptCall, encryptCall, endpointRule, secretTyped, urlChecks, urlHasBlank, urlOriginFlow } from "./connection-steps.js";
import { PRIVATE, USE_ME } from "./folders.js";
import { CREATE_ONCE } from "./java-actions.js";
import { schemeOf } from "./schemes/index.js";
import { attr, bool, constant, empty, not, op, str, v, type Expr, type MicroflowStep } from "./steps.js";
import type { PlanMicroflow, PlanMicroflowStep, PlanRole } from "./types.js";

export function buildMicroflows(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  const configuration = roles.filter((r) => r.kind === "configuration").map((r) => r.name);
  const configurationWriters = roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name);
  const database = usesDatabaseSecrets(spec);
  const scheme = schemeOf(spec, roles);
  const secrets = adminSecrets(spec);
  const test = scheme.connectionTest();
  const guarded = endpointPolicy(spec) !== "no-secrets";

  const flows: PlanMicroflow[] = [
    {
      name: "DS_ConnectionDetails_Get",
      folder: USE_ME,
      documentation:
        "Returns the single ConnectionDetails object, creating it with the generated defaults when none exists: CreateOnce creates it under a lock in a transaction of its own, so two Administrators opening the page at once do not create two. " +
        "Entity access is off because no role may create ConnectionDetails; it only ever returns that one object.",
      allowedRoles: [...configuration],
      applyEntityAccess: false,
      parameters: [],
      returnType: "ConnectionDetails",
      steps: getSteps(spec),
    },
    saveFlow(spec, roles, configurationWriters),
    ...(database ? [clearSecretsFlow(spec, roles, configurationWriters)] : []),
    {
      name: "ACT_ConnectionDetails_Test",
      folder: USE_ME,
      documentation:
        `Tests the saved connection to ${spec.service.name} and shows the result: ${test.proves}${secrets.length ? " Never shows or logs a secret or a header value: the messages show the HTTP status only." : ""}` +
        (guarded ? " It takes no object from the page: it tests what ACT_ConnectionDetails_Save committed, so an endpoint typed but not saved never receives a stored secret." : " It takes no object from the page: it tests what ACT_ConnectionDetails_Save committed.") +
        " Entity access is off so its private sub-microflows read what they need; it changes nothing.",
      allowedRoles: [...configuration],
      applyEntityAccess: false,
      parameters: [],
      returnType: "Boolean",
      steps: [...committedConnectionDetails(), ...test.steps],
    },
    ...secrets.map((s): PlanMicroflow => ({
      name: `SUB_ConnectionDetails_Get${s.name}`,
      folder: PRIVATE,
      documentation:
        `Returns ${s.description} in plain text for one outgoing request. Private: no allowed roles, never call it from a page; never log or show its result.` +
        (database ? ` It first compares ${secretBinding(spec).join(", ")} with the values recorded for each in ${secretBinding(spec).map(secretBindingAttribute).join(", ")} when the secret was entered, and returns empty without decrypting when they differ: a secret is only sent where it was entered for, however ConnectionDetails was committed.` : ""),
      allowedRoles: [],
      applyEntityAccess: false,
      parameters: database ? [{ name: "ConnectionDetails", type: "ConnectionDetails" }] : [],
      returnType: "String",
      steps: database
        ? [bindingGuard(spec, s.name), decryptCall(s.name, attr(CD, `Encrypted${s.name}`)), { kind: "return", value: v(s.name) }]
        : [{ kind: "return", value: constant(`${spec.module}.${s.name}`) }],
    })),
    ...(endpointPolicy(spec) === "secrets-bound-to-endpoints" ? [urlOriginFlow()] : []),
    ...scheme.flows(),
  ];
  return flows;
}

/**
 * The committed ConnectionDetails, by a database retrieve: a retrieve by association or id would
 * return the page's changed object (docs.mendix.com/refguide/objects-and-caching/), and an endpoint
 * changed on the page but not saved has not passed ACT_ConnectionDetails_Save, which clears the
 * secrets when an endpoint changes. Nothing saved yet: say so and stop.
 */
function committedConnectionDetails(): MicroflowStep[] {
  return [
    { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
    {
      kind: "decision",
      caption: "Nothing saved yet?",
      condition: op(v(CD), "=", empty),
      then: [
        { kind: "showMessage", level: "Error", message: { text: "Save the connection settings first.", args: [] } },
        { kind: "return", value: bool(false) },
      ],
      else: [],
    },
  ];
}

/**
 * DS_ConnectionDetails_Get: the one object, created with the generated defaults (the domain model's
 * default values) when absent. Issue 20: a retrieve-then-create in a microflow is no lock, so two
 * Administrators opening the page at once could each create one; CreateOnce creates it under a
 * lock in a transaction of its own, and the retrieve after it finds the one object.
 */
function getSteps(spec: Spec): MicroflowStep[] {
  return [
    { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
    {
      kind: "decision",
      caption: "None yet?",
      condition: op(v(CD), "=", empty),
      then: [
        { kind: "callJava", out: "Created", action: `${spec.module}.${CREATE_ONCE}`, args: [{ param: "entity", value: str(`${spec.module}.${CD}`) }] },
        { kind: "retrieve", out: `Single${CD}`, entity: CD, where: [], first: true },
        { kind: "return", value: v(`Single${CD}`) },
      ],
      else: [],
    },
    { kind: "return", value: v(CD) },
  ];
}

/**
 * The first step of a database secret's decrypt sub: when the current endpoint values differ from
 * the ones recorded when the secret was entered, log why (no value, only names) and return empty.
 */
export function bindingGuard(spec: Spec, secret: string): MicroflowStep {
  const bound = secretBinding(spec);
  return {
    kind: "decision",
    caption: "Endpoints changed since the secret was entered?",
    // Issue 20: an endpoint committed past the save with a space or control character is refused at use too,
    // (connection-steps.ts, URL_BLANK_PATTERN); each bound endpoint is compared with its own recorded value.
    condition: bound
      .filter((e) => e.endsWith("Url"))
      .reduce((any, url) => op(any, "or", urlHasBlank("ConnectionDetails", url)), endpointsDiffer("ConnectionDetails", bound, secretBindingAttribute)),
    then: [
      {
        kind: "log",
        level: "Warning",
        node: spec.module,
        message: {
          text: `${secret} is not sent: ${bound.join(", ")} changed since it was entered, or holds a space or control character. Enter it again in the connection settings.`,
          args: [],
        },
      },
      { kind: "return", value: empty },
    ],
    else: [],
  };
}

/**
 * Cached tokens the connector keeps, and pending authorizations: cleared with the secrets, since
 * they were obtained for (or would be exchanged at) the old host.
 */
function tokenEntityNames(spec: Spec, roles: PlanRole[]): string[] {
  return schemeOf(spec, roles).runtimeEntities().filter((e) => e.purpose === "token" || e.purpose === "authorization-request").map((e) => e.name);
}

function saveFlow(spec: Spec, roles: PlanRole[], writers: string[]): PlanMicroflow {
  const database = usesDatabaseSecrets(spec);
  const secrets = adminSecrets(spec);
  const policy = endpointPolicy(spec);
  const watched = endpoints(spec);
  const urls = watched.filter((e) => e.endsWith("Url"));
  const tokens = tokenEntityNames(spec, roles);
  const endpointSteps: PlanMicroflowStep[] =
    policy === "secrets-bound-to-endpoints"
      ? endpointRule({
          urls,
          values: watched.filter((e) => !e.endsWith("Url")),
          secrets: database ? secrets.map((s) => s.name) : [],
          tokenEntities: tokens,
        })
      : [];
  // Issue 20: a stored secret is replaced only when the Administrator ticked ReplaceStored, so a
  // browser's password autofill (which can fill a password box unseen) cannot replace it silently.
  const replaceGuards: PlanMicroflowStep[] = database
    ? secrets.map((s): PlanMicroflowStep => ({
        kind: "decision",
        caption: `${s.name} typed over a stored one without Replace ticked?`,
        condition: op(op(secretTyped("SecretInput", s.name), "and", attr(CD, `${s.name}IsSet`)), "and", not(attr("SecretInput", REPLACE_STORED))),
        then: [
          { kind: "validationFeedback", variable: "SecretInput", entity: "SecretInput", attribute: s.name, text: "A secret is already stored. Tick \"Replace the stored secrets\" to replace it, or empty this box to keep it (a browser may have filled it in)." },
          { kind: "return" },
        ],
        else: [],
      }))
    : [];
  // EncryptString encrypts "" to a non-empty ciphertext (EncryptString.java): only a typed value replaces a secret.
  const encryptSteps: PlanMicroflowStep[] = database
    ? secrets.map((s): PlanMicroflowStep => ({
        kind: "decision",
        caption: `New ${s.name} typed?`,
        condition: secretTyped("SecretInput", s.name),
        then: [
          encryptCall(`Encrypted${s.name}`, attr("SecretInput", s.name)),
          {
            kind: "change",
            variable: CD,
            members: [
              { attribute: `Encrypted${s.name}`, value: v(`Encrypted${s.name}`) },
              { attribute: `${s.name}IsSet`, value: bool(true) },
            ],
          },
        ],
        else: [],
      }))
    : [];
  // The endpoints are recorded only when the secrets were typed in this very save: whoever binds a
  // secret to new endpoints must know it. Recording on every save would hand the stored secret to
  // endpoints an Administrator just typed, should the clear above ever miss a change.
  const bound = secretBinding(spec);
  const typed = secrets.map((s): Expr => secretTyped("SecretInput", s.name));
  const recordBinding: PlanMicroflowStep[] = bound.length && typed.length
    ? [{
        kind: "decision",
        caption: "Secrets entered in this save?",
        condition: typed.slice(1).reduce((all, next) => op(all, "and", next), typed[0]!),
        then: [
          ...(tokens.length
            ? [{
                kind: "decision" as const,
                caption: "Bound to other endpoints now?",
                // No role writes the SecretsEntry* attributes, so the page's object holds the committed values. Tokens
                // were obtained for the old binding: endpoints committed around this flow (a direct
                // commit) and then bound here would otherwise inherit every user's tokens.
                condition: endpointsDiffer(CD, bound, secretBindingAttribute),
                then: tokens.flatMap((entity): PlanMicroflowStep[] => [
                  { kind: "retrieve", out: `Stale${entity}List`, entity, where: [], first: false },
                  { kind: "delete", variable: `Stale${entity}List` },
                ]),
                else: [],
              }]
            : []),
          { kind: "change", variable: CD, members: recordEndpoints(CD, bound, secretBindingAttribute) },
        ],
        else: [],
      }]
    : [];
  const reason = database
    ? "Entity access is off because the encrypted attributes are writable by no role; it writes only what it validated."
    : "Entity access is on: it writes only what the calling role may write.";
  return {
    name: "ACT_ConnectionDetails_Save",
    folder: USE_ME,
    documentation:
      `Validates and commits the connection settings: ${urls.join(", ")} must start with https://, or the field shows why and nothing is saved` +
      (database
        ? `. It encrypts each newly entered secret with the Encryption module and sets its IsSet flag; an empty input keeps the stored secret (clearing is ${CLEAR_SECRETS}), and a secret typed over a stored one is refused unless ${REPLACE_STORED} is ticked, so a browser's password autofill cannot replace it unseen. `
        : ". ") +
      (policy === "secrets-bound-to-endpoints"
        ? `When an endpoint's origin changes it clears the stored secrets and deletes the cached tokens before it encrypts what was typed; it records each endpoint value in its own attribute (${bound.map(secretBindingAttribute).join(", ")}) only when the secrets are typed in this save, deletes every token obtained under other recorded values, and each decrypt sub refuses a secret whose endpoints differ from them in any way, so a secret is never sent to an endpoint it was not entered for. `
        : "") +
      (policy === "fixed" ? `${watched.join(", ")} ${watched.length === 1 ? "is" : "are"} fixed in the model (read-only for every role): the deploy-time secrets are only ever sent there. ` : "") +
      (database ? "The typed secrets are discarded after the commit. " : "") +
      reason,
    allowedRoles: [...writers],
    applyEntityAccess: !database,
    parameters: [{ name: CD, type: CD }, ...(database ? [{ name: "SecretInput", type: "SecretInput" }] : [])],
    returnType: "Nothing",
    steps: [
      ...urlChecks(urls),
      ...endpointSteps,
      ...replaceGuards,
      ...encryptSteps,
      ...recordBinding,
      { kind: "commit", variable: CD, events: true },
      ...(database ? [{ kind: "delete" as const, variable: "SecretInput" }] : []),
      { kind: "return" },
    ],
  };
}

function clearSecretsFlow(spec: Spec, roles: PlanRole[], writers: string[]): PlanMicroflow {
  const secrets = adminSecrets(spec);
  const tokens = tokenEntityNames(spec, roles);
  const urls = endpoints(spec).filter((e) => e.endsWith("Url"));
  return {
    name: CLEAR_SECRETS,
    folder: USE_ME,
    documentation:
      "Clears every stored secret on purpose (and deletes the cached tokens obtained with them): the explicit way to remove a secret, since an empty input on save keeps it. " +
      "Use it before changing Encryption.EncryptionKey, which has no rotation for {AES3}. " +
      `It commits the object the page shows, so it first checks ${urls.join(", ")} as ACT_ConnectionDetails_Save does: an unsaved http:// URL typed on the page is never committed through it. ` +
      "Entity access is off because the encrypted attributes are writable by no role.",
    allowedRoles: [...writers],
    applyEntityAccess: false,
    parameters: [{ name: CD, type: CD }],
    returnType: "Nothing",
    steps: [
      ...urlChecks(urls),
      ...clearSecretsSteps(secrets.map((s) => s.name), tokens),
      { kind: "commit", variable: CD, events: true },
      { kind: "return" },
    ],
  };
}
