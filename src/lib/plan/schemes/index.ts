// The scheme registry: the one place that maps a scheme name to its module.
import type { Scheme, Spec } from "../../spec/schema.js";
import type { PlanJavaAction, PlanNanoflow, PlanRole } from "../types.js";
import { apiToken } from "./api-token.js";
import { basic } from "./basic.js";
import { none } from "./none.js";
import { oauthAuthorizationCode } from "./oauth-authorization-code.js";
import { oauthClientCredentials } from "./oauth-client-credentials.js";
import { saml } from "./saml.js";
import type { AuthScheme, SchemeContext, SchemeDocuments } from "./types.js";

export type { AdminSecret, AuthScheme, RequestAuthentication, SchemeContext, SchemeDocuments, SequenceDiagram } from "./types.js";

const SCHEMES: { [S in Scheme]: AuthScheme<S> } = {
  basic,
  "api-token": apiToken,
  "oauth-client-credentials": oauthClientCredentials,
  "oauth-authorization-code": oauthAuthorizationCode,
  saml,
  none,
};

/** The spec's scheme, bound to the spec and roles: every method answers for this connector. */
export type BoundScheme = { name: Scheme; endpoints: readonly string[]; secretsBoundTo: readonly string[]; documents: () => SchemeDocuments; javaActions: () => PlanJavaAction[]; nanoflows: () => PlanNanoflow[] } & {
  [K in Exclude<keyof AuthScheme, "name" | "endpoints" | "secretsBoundTo" | "documents" | "javaActions" | "nanoflows">]: () => ReturnType<AuthScheme[K]>;
};

export function schemeOf(spec: Spec, roles: PlanRole[] = []): BoundScheme {
  // The registry is keyed by the same discriminant as spec.auth, so the pairing is sound.
  const scheme = SCHEMES[spec.auth.scheme] as unknown as AuthScheme;
  const context: SchemeContext = { spec, auth: spec.auth, roles };
  return {
    name: scheme.name,
    endpoints: scheme.endpoints,
    secretsBoundTo: scheme.secretsBoundTo,
    adminSecrets: () => scheme.adminSecrets(context),
    settings: () => scheme.settings(context),
    runtimeEntities: () => scheme.runtimeEntities(context),
    runtimeSecrets: () => scheme.runtimeSecrets(context),
    flows: () => scheme.flows(context),
    requirements: () => scheme.requirements(context),
    dependencies: () => scheme.dependencies(context),
    connectionTest: () => scheme.connectionTest(context),
    checklist: () => scheme.checklist(context),
    requestAuthentication: () => scheme.requestAuthentication(context),
    sequenceDiagrams: () => scheme.sequenceDiagrams(context),
    documents: () => scheme.documents?.(context) ?? { jsonStructures: [], importMappings: [] },
    javaActions: () => scheme.javaActions?.(context) ?? [],
    nanoflows: () => scheme.nanoflows?.(context) ?? [],
  };
}
