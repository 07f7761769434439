// Spec → Plan: the security model of design.md as plain data. Pure; no I/O.
import type { Spec } from "../spec/schema.js";
import { connectionDetails, constants, requirements, secretInput, secrets, tokenEntities } from "./connection.js";
import { PRIVATE, USE_ME } from "./folders.js";
import { schemeOf } from "./schemes/index.js";
import { dataEntity } from "./entities.js";
import { buildMicroflows } from "./microflows.js";
import { buildRoles } from "./roles.js";
import type { Plan, PlanAuth, PlanEntity } from "./types.js";

export function buildPlan(spec: Spec): Plan {
  const roles = buildRoles(spec);
  const entities: PlanEntity[] = [
    connectionDetails(spec, roles),
    ...optional(secretInput(spec, roles)),
    ...tokenEntities(spec, roles),
    ...spec.entities.map((entity) => dataEntity(entity, roles)),
  ];
  const planSecrets = secrets(spec);
  const encryption = entities.some((e) => e.attributes.some((a) => a.encrypted));
  return {
    module: spec.module,
    description: spec.description,
    service: { name: spec.service.name, baseUrl: spec.service.baseUrl },
    auth: planAuth(spec, planSecrets.length > 0),
    roles,
    folders: [USE_ME, PRIVATE],
    entities,
    constants: constants(spec),
    microflows: buildMicroflows(spec, roles),
    secrets: planSecrets,
    dependencies: [
      ...(encryption ? [{ module: "Encryption", why: "encrypts and decrypts every stored secret (AES-GCM); set its 32-character EncryptionKey per environment" }] : []),
      ...schemeOf(spec, roles).dependencies(),
    ],
  };
}

function planAuth(spec: Spec, hasSecrets: boolean): PlanAuth {
  const auth = spec.auth;
  return {
    scheme: auth.scheme,
    secretStorage: "secretStorage" in auth && hasSecrets ? auth.secretStorage : "none",
    ...("headerName" in auth ? { headerName: auth.headerName, tokenPrefix: auth.tokenPrefix } : {}),
    ...("authorizationUrl" in auth ? { authorizationUrl: auth.authorizationUrl, redirectPath: auth.redirectPath, pkce: auth.pkce } : {}),
    ...("tokenUrl" in auth ? { tokenUrl: auth.tokenUrl } : {}),
    scopes: "scopes" in auth ? auth.scopes : [],
    requirements: requirements(spec),
  };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
