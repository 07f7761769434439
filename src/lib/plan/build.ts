// Spec → Plan: the security model of design.md as plain data. Pure; no I/O.
import type { Spec } from "../spec/schema.js";
import { CLEAR_SECRETS, completeModuleSecurity, connectionDetails, constants, endpointPolicy, endpoints, requirements, secretBinding, secretBindingAttribute, secretInput, secrets, tokenEntities, usesDatabaseSecrets } from "./connection.js";
import { PRIVATE, USE_ME } from "./folders.js";
import { schemeOf } from "./schemes/index.js";
import { createOnceJavaAction } from "./java-actions.js";
import { dataEntity } from "./entities.js";
import { buildMicroflows } from "./microflows.js";
import { ownedCreateFlows } from "./owned-create.js";
import { buildRoles } from "./roles.js";
import { connectionSnippet, secretInputFlow } from "./snippet.js";
import { STARTUP_CHECK, startupCheckFlow } from "./startup-check.js";
import type { MicroflowStep } from "./steps.js";
import type { Plan, PlanAuth, PlanEntity, PlanMicroflow, PlanRole } from "./types.js";

export function buildPlan(spec: Spec): Plan {
  const roles = buildRoles(spec);
  const entities: PlanEntity[] = completeModuleSecurity([
    connectionDetails(spec, roles),
    ...optional(secretInput(spec, roles)),
    ...tokenEntities(spec, roles),
    ...spec.entities.map((entity) => dataEntity(spec.module, entity, roles)),
  ], roles);
  const planSecrets = secrets(spec);
  const encryption = entities.some((e) => e.attributes.some((a) => a.encrypted));
  const microflows = withRestTimeout([...buildMicroflows(spec, roles), ...ownedCreateFlows(spec, roles), ...secretInputFlow(spec, roles), startupCheckFlow(spec, encryption)], spec.service.timeoutSeconds);
  return {
    module: spec.module,
    description: spec.description,
    service: { name: spec.service.name, baseUrl: spec.service.baseUrl, timeoutSeconds: spec.service.timeoutSeconds },
    auth: planAuth(spec, planSecrets.length > 0, roles),
    roles,
    folders: [USE_ME, PRIVATE],
    entities,
    constants: constants(spec),
    microflows,
    ...schemeOf(spec, roles).documents(),
    nanoflows: schemeOf(spec, roles).nanoflows(),
    javaActions: [...schemeOf(spec, roles).javaActions(), createOnceJavaAction(PRIVATE)],
    secrets: planSecrets,
    dependencies: [
      ...(encryption ? [{ module: "Encryption", why: "encrypts and decrypts every stored secret (AES-GCM); set its 32-character EncryptionKey per environment" }] : []),
      ...schemeOf(spec, roles).dependencies(),
    ],
    checklist: checklist(spec, roles, encryption),
    snippets: [connectionSnippet(spec, roles, microflows)],
  };
}

/**
 * Every REST call waits at most the spec's timeout (issue 18): one setting, applied here to every
 * call of every flow, so no scheme can leave one out. Without it mxcli writes 300 s
 * (ako/mxcli mdl/executor/cmd_microflows_builder_calls.go:1160-1166) and the SDK the model's default.
 */
function withRestTimeout(flows: PlanMicroflow[], seconds: number): PlanMicroflow[] {
  const timed = (steps: MicroflowStep[]): MicroflowStep[] =>
    steps.map((s) => (s.kind === "rest" ? { ...s, timeoutSeconds: seconds } : s.kind === "decision" ? { ...s, then: timed(s.then), else: timed(s.else) } : s));
  return flows.map((f) => ({ ...f, steps: timed(f.steps) }));
}

function planAuth(spec: Spec, hasSecrets: boolean, roles: PlanRole[]): PlanAuth {
  const auth = spec.auth;
  return {
    scheme: auth.scheme,
    secretStorage: "secretStorage" in auth && hasSecrets ? auth.secretStorage : "none",
    ...("headerName" in auth ? { headerName: auth.headerName, tokenPrefix: auth.tokenPrefix } : {}),
    ...("authorizationUrl" in auth ? { authorizationUrl: auth.authorizationUrl, redirectPath: auth.redirectPath, pkce: auth.pkce } : {}),
    ...("tokenUrl" in auth ? { tokenUrl: auth.tokenUrl } : {}),
    ...("revocationUrl" in auth && auth.revocationUrl !== undefined ? { revocationUrl: auth.revocationUrl } : {}),
    scopes: "scopes" in auth ? auth.scopes : [],
    requirements: requirements(spec, roles),
    endpoints: endpoints(spec),
    endpointPolicy: endpointPolicy(spec),
    secretsBoundTo: secretBinding(spec),
    ...(secretBinding(spec).length ? { bindingAttributes: secretBinding(spec).map(secretBindingAttribute) } : {}),
    readOnlyScopes: "readOnlyScopes" in auth ? auth.readOnlyScopes : [],
    connectionTest: schemeOf(spec).connectionTest().proves,
    sequenceDiagrams: schemeOf(spec, roles).sequenceDiagrams(),
  };
}

/**
 * What someone does by hand per environment. The Encryption facts come from the module's source
 * (javasource/encryption/actions/EncryptString.java and DecryptString.java): the prefix must be
 * {AES3}, the key exactly 32 characters used as key.getBytes(), and {AES3} values decrypt only with
 * EncryptionKey (LegacyEncryptionKey serves {AES}/{AES2} only), so there is no key rotation.
 */
function checklist(spec: Spec, roles: PlanRole[], encryption: boolean): string[] {
  const policy = endpointPolicy(spec);
  return [
    ...(encryption
      ? [
          "Set Encryption.EncryptionKey in every environment to 32 random printable ASCII characters (EncryptString and DecryptString refuse any other length and use the characters as the AES-256 key bytes). Never commit it; use a different key per environment.",
          "Keep Encryption.EncryptionPrefix at {AES3}: EncryptString refuses any other prefix ({AES} and {AES2} are legacy, decrypt-only).",
          "There is no key rotation for {AES3}: values decrypt only with the current EncryptionKey. To change the key, run " +
            (usesDatabaseSecrets(spec) ? `${CLEAR_SECRETS} (it also deletes cached tokens), ` : "delete the connector's stored tokens, ") +
            "change the key, then enter the secrets again; users connect again where they had tokens.",
        ]
      : []),
    ...constants(spec).map((c) => `Set the constant ${spec.module}.${c.name} in every environment (it is blank in the model).`),
    ...(policy === "fixed"
      ? [`The endpoints (${endpoints(spec).join(", ")}) are fixed in the model because the secrets are deploy-time constants: an Administrator cannot point them elsewhere. To change them, change mxsecure.yaml and apply the kit again.`]
      : []),
    "Every URL in ConnectionDetails starts with https:// in every environment.",
    `Call ${spec.module}.${STARTUP_CHECK} from the app's after-startup microflow (App Settings > Runtime > After startup; create one that returns true if the app has none): a module cannot register its own, and neither applier sets it. It logs a warning, never a value, for each problem: ${[...(encryption ? ["Encryption.EncryptionKey missing or not 32 characters"] : []), "a saved URL that does not start with https:// or holds a space or control character", ...(constants(spec).length ? ["a blank deploy-time constant"] : []), ...(spec.auth.scheme === "oauth-authorization-code" ? ["an Application Root URL that is not https://"] : [])].join("; ")}.`,
    ...schemeOf(spec, roles).checklist(),
    ...cannotEnforce(spec),
  ];
}

/**
 * Issue 20: what the kit cannot enforce from inside the module, said as checklist items. Each is a
 * setting or a habit of the app around it; the startup check warns where a microflow can see it.
 */
function cannotEnforce(spec: Spec): string[] {
  const secrets = endpointPolicy(spec) !== "no-secrets";
  return [
    ...(secrets
      ? [
          "Call REST follows HTTP redirects and the connector cannot switch that off per call: keep BaseUrl (and the token URLs) pointing at the final https:// address, and make sure the service never redirects to another host, or the credential header may follow it.",
          "Never set the REST Consume log node (and HTTP-related nodes) to TRACE in production: at TRACE the runtime may log outgoing requests, headers included, so a credential the connector never logs could end up in the log.",
        ]
      : []),
    "Give the connector's data roles to no anonymous (guest) user role and to no demo user in production: the module roles decide what the connector does for a user, and an anonymous or demo user holding them acts with them.",
    "Set the Application Root URL of every environment to its https:// address: OAuth redirect URIs and links built from it must be HTTPS." +
      (spec.auth.scheme === "oauth-authorization-code" ? ` ${STARTUP_CHECK} warns when it is not.` : ""),
  ];
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
