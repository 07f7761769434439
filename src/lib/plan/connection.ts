// What the auth scheme adds: the ConnectionDetails entity, where each secret lives, the OAuth
// token entities, and the connector's private runtime state. No role ever reaches a secret.
import type { Spec } from "../spec/schema.js";
import { USE_ME } from "./folders.js";
import { encrypted, flag, text } from "./members.js";
import { schemeOf, type AdminSecret } from "./schemes/index.js";
import { attr, op, type Expr } from "./steps.js";
import type { PlanAccessRule, PlanAttribute, PlanAuth, PlanConstant, PlanEntity, PlanRole, PlanSecret } from "./types.js";

export { PRIVATE, USE_ME } from "./folders.js";
export type { AdminSecret } from "./schemes/index.js";

/** Issue 20: the SecretInput flag that must be ticked to replace a stored secret. */
export const REPLACE_STORED = "ReplaceStored";

/** The microflow a configuration writer runs to clear the stored secrets on purpose. */
export const CLEAR_SECRETS = "ACT_ConnectionDetails_ClearSecrets";

export function adminSecrets(spec: Spec): AdminSecret[] {
  return schemeOf(spec).adminSecrets();
}

export function usesDatabaseSecrets(spec: Spec): boolean {
  return "secretStorage" in spec.auth && spec.auth.secretStorage === "database" && adminSecrets(spec).length > 0;
}

/** Non-secret settings on ConnectionDetails: the base URL, then the scheme's own. */
function settings(spec: Spec): PlanAttribute[] {
  const baseUrl = text("BaseUrl", 2000, `Base URL of ${spec.service.name}; must start with https://.`, { defaultValue: spec.service.baseUrl });
  return [baseUrl, ...schemeOf(spec).settings()];
}

/** ConnectionDetails attributes that decide where a secret or token is sent. */
export function endpoints(spec: Spec): string[] {
  return ["BaseUrl", ...schemeOf(spec).endpoints];
}

/**
 * The system-set attributes recording the exact value of each endpoint the stored secrets were
 * entered for, one per endpoint (issue 20: compared one by one, never as one joined text). The
 * decrypt sub-microflows compare each with the current value before decrypting, so the binding
 * holds however ConnectionDetails was committed (a default Save button, mx.data.commit from the
 * browser console): a changed endpoint makes the connector stop sending the secret, never send it
 * elsewhere.
 */
export const SECRET_BINDING_PREFIX = "SecretsEntry";

/** SecretsEntryBaseUrl, SecretsEntryTokenUrl, ...: the attribute recording one bound endpoint. */
export function secretBindingAttribute(endpoint: string): string {
  return `${SECRET_BINDING_PREFIX}${endpoint}`;
}

/** The endpoints whose exact values the database secrets are bound to; none for constant secrets. */
export function secretBinding(spec: Spec): string[] {
  return usesDatabaseSecrets(spec) ? [...schemeOf(spec).secretsBoundTo] : [];
}

/**
 * $Recorded/<recorded(e)> != $Current/e or ...: some bound endpoint differs from the value recorded
 * for it. Each endpoint is compared on its own.
 */
export function endpointsDiffer(variable: string, bound: readonly string[], recorded: (endpoint: string) => string, recordedIn = variable): Expr {
  const [first, ...rest] = bound.map((name) => op(attr(recordedIn, recorded(name)), "!=", attr(variable, name)));
  if (!first) throw new Error("no endpoint to bind the secrets to");
  return rest.reduce((any, next) => op(any, "or", next), first);
}

/** The change members recording the current value of each bound endpoint in its own attribute. */
export function recordEndpoints(variable: string, bound: readonly string[], recorded: (endpoint: string) => string): { attribute: string; value: Expr }[] {
  return bound.map((name) => ({ attribute: recorded(name), value: attr(variable, name) }));
}

/**
 * What keeps an Administrator from sending a secret to a host they control. Database secrets are
 * bound to the exact endpoint values they were entered for: the decrypt sub-microflows refuse them
 * once any endpoint differs, and the save clears them (with every cached token) on any change to an
 * endpoint's value. Deploy-time constants cannot be cleared by a microflow, so their endpoints are
 * fixed in the model: no role writes them.
 */
export function endpointPolicy(spec: Spec): PlanAuth["endpointPolicy"] {
  const scheme = schemeOf(spec);
  if (scheme.adminSecrets().length === 0 && scheme.runtimeSecrets().length === 0) return "no-secrets";
  return "secretStorage" in spec.auth && spec.auth.secretStorage === "constant" ? "fixed" : "secrets-bound-to-endpoints";
}

export function connectionDetails(spec: Spec, roles: PlanRole[]): PlanEntity {
  const secretAttributes = usesDatabaseSecrets(spec)
    ? adminSecrets(spec).flatMap((s) => [
        encrypted(`Encrypted${s.name}`, `Holds ${s.description}.`),
        flag(`${s.name}IsSet`, `True when ${s.description} has been entered; tells the Administrator a value exists without revealing it.`, {
          systemSet: true,
        }),
      ])
    : [];
  const bound = secretBinding(spec);
  const bindingAttributes = bound.map((endpoint) =>
    text(
      secretBindingAttribute(endpoint),
      0,
      `The exact value of ${endpoint} that the stored secrets were entered for; set only by ACT_ConnectionDetails_Save. ` +
        `The private decrypt sub-microflows compare it with the current ${endpoint} (each bound endpoint on its own) and send no secret when they differ, so a change committed past the save (a default Save button, mx.data.commit) stops the secrets instead of redirecting them. ` +
        "Read-only for configuration roles: it holds no secret, only an endpoint value they already read, and shows why a secret must be entered again.",
      { systemSet: true },
    ),
  );
  const policy = endpointPolicy(spec);
  const fixed = new Set(policy === "fixed" ? endpoints(spec) : []);
  const attributes = [...settings(spec), ...secretAttributes, ...bindingAttributes].map((a) =>
    fixed.has(a.name)
      ? { ...a, documentation: `${a.documentation} Fixed in the model: the deploy-time secrets are only ever sent here.` }
      : a,
  );
  const hasSecrets = adminSecrets(spec).length > 0;
  const accessRules = roles
    .filter((r) => r.kind === "configuration")
    .map((role): PlanAccessRule => ({
      role: role.name,
      allowCreate: false,
      allowDelete: false,
      defaultMemberAccessRights: "None",
      members: attributes.map((a) => ({
        member: a.name,
        kind: "attribute",
        rights: a.encrypted ? "None" : a.systemSet || role.readOnly || fixed.has(a.name) ? "ReadOnly" : "ReadWrite",
      })),
      documentation:
        `${role.name} ${role.readOnly ? "reads" : "reads and writes"} the ${hasSecrets ? "non-secret " : ""}connection settings` +
        (policy === "fixed" ? ", except the endpoints, which are fixed in the model" : "") +
        (hasSecrets && usesDatabaseSecrets(spec) ? "; secrets are set only through ACT_ConnectionDetails_Save." : "."),
      overridden: false,
    }));
  return {
    name: "ConnectionDetails",
    documentation: `The connection to ${spec.service.name}: one object holding the base URL${attributes.length > 1 ? ` and the ${spec.auth.scheme} settings` : ""}. Configuration roles only; data roles have no access.`,
    purpose: "configuration",
    persistable: true,
    ownership: "shared",
    storeOwner: false,
    attributes,
    associations: [],
    accessRules,
  };
}

/**
 * Module security is complete only when every persistable entity has an access rule (mxcli lint
 * SEC001; mendix/CommunityCommons PR 41). An entity only the connector's microflows touch gets one
 * rule that grants nothing, listed on the first configuration role.
 */
export function completeModuleSecurity(entities: PlanEntity[], roles: PlanRole[]): PlanEntity[] {
  const holder = roles.find((r) => r.kind === "configuration");
  if (!holder) return entities;
  return entities.map((entity) =>
    !entity.persistable || entity.accessRules.length > 0
      ? entity
      : {
          ...entity,
          accessRules: [
            {
              role: holder.name,
              allowCreate: false,
              allowDelete: false,
              defaultMemberAccessRights: "None",
              members: [
                ...entity.attributes.map((a) => ({ member: a.name, kind: "attribute" as const, rights: "None" as const })),
                ...entity.associations.map((a) => ({ member: a.name, kind: "association" as const, rights: "None" as const })),
              ],
              documentation:
                `No rights at all: this rule exists only so module security is complete. Only the connector's private microflows use ${entity.name}; ` +
                `${holder.name} can neither see nor change it.`,
              overridden: false,
            },
          ],
        },
  );
}

/** Non-persistable holder of a secret the Administrator types in, encrypted by the save microflow and never stored. */
export function secretInput(spec: Spec, roles: PlanRole[]): PlanEntity | undefined {
  if (!usesDatabaseSecrets(spec)) return undefined;
  const attributes = [
    ...adminSecrets(spec).map((s) =>
      text(s.name, 0, `Plain text of ${s.description} as typed; lives only in the Administrator's session until ACT_ConnectionDetails_Save encrypts it.`, {
        sensitive: true,
      }),
    ),
    // Issue 20: a browser's password autofill can fill a secret box unseen; a stored secret is only
    // replaced when the Administrator ticks this too.
    flag(REPLACE_STORED, "Ticked by the Administrator to replace a stored secret with what they typed; without it ACT_ConnectionDetails_Save refuses to overwrite a secret that is set (a browser's autofill cannot replace it silently)."),
  ];
  return {
    name: "SecretInput",
    documentation: "Non-persistable: carries a secret from the configuration page to ACT_ConnectionDetails_Save, which encrypts it into ConnectionDetails. Never stored.",
    purpose: "secret-input",
    persistable: false,
    ownership: "shared",
    storeOwner: false,
    attributes,
    associations: [],
    accessRules: roles
      .filter((r) => r.kind === "configuration" && !r.readOnly)
      .map((role) => ({
        role: role.name,
        allowCreate: true,
        allowDelete: true,
        defaultMemberAccessRights: "None",
        members: attributes.map((a) => ({ member: a.name, kind: "attribute", rights: "ReadWrite" })),
        documentation: `${role.name} types a new secret value; it is encrypted on save and this object is discarded.`,
        overridden: false,
      })),
  };
}

/** Runtime state of the scheme: cached tokens and pending authorization requests. */
export function tokenEntities(spec: Spec, roles: PlanRole[]): PlanEntity[] {
  return schemeOf(spec, roles).runtimeEntities();
}

export function secrets(spec: Spec): PlanSecret[] {
  const storage = "secretStorage" in spec.auth ? spec.auth.secretStorage : "database";
  const admin = adminSecrets(spec).map((s): PlanSecret =>
    storage === "constant"
      ? { name: s.name, description: s.description, storage, constant: `${spec.module}.${s.name}`, source: "deployment" }
      : {
          name: s.name,
          description: s.description,
          storage,
          entity: "ConnectionDetails",
          attribute: `Encrypted${s.name}`,
          isSetAttribute: `${s.name}IsSet`,
          source: "administrator",
          clearedBy: CLEAR_SECRETS,
        },
  );
  const runtime = schemeOf(spec).runtimeSecrets();
  return [...admin, ...runtime];
}

export function constants(spec: Spec): PlanConstant[] {
  if (!("secretStorage" in spec.auth) || spec.auth.secretStorage !== "constant") return [];
  return adminSecrets(spec).map((s) => ({
    name: s.name,
    folder: USE_ME,
    type: "String",
    defaultValue: "",
    exposedToClient: false,
    documentation: `Holds ${s.description}. Blank on purpose: set it per environment at deploy time (Cloud Portal > Environments > Model Options), never in the model or in Git. Not exposed to the client.`,
  }));
}

export function requirements(spec: Spec, roles: PlanRole[] = []): string[] {
  return schemeOf(spec, roles).requirements();
}
