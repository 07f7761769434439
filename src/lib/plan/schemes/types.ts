// One module per auth scheme (the way Auth.js keeps one file per provider): each declares its
// settings, secrets, runtime entities, microflows, requirements and dependencies. The rest of the
// plan asks the scheme through this interface and never switches on the scheme name.
import type { Auth, Scheme, Spec } from "../../spec/schema.js";
import type { Expr, MicroflowStep } from "../steps.js";
import type { PlanAttribute, PlanEntity, PlanImportMapping, PlanJavaAction, PlanJsonStructure, PlanMicroflow, PlanMicroflowStep, PlanNanoflow, PlanRole, PlanSecret } from "../types.js";

/** A secret the Administrator provides (password, API token, client secret). */
export interface AdminSecret {
  name: string;
  description: string;
}

/**
 * How one Call REST to the service authenticates. The prepare steps run just before the `rest`
 * step, in a microflow where $ConnectionDetails holds the committed ConnectionDetails; headers and
 * basicAuth are what that `rest` step gets. A header's name is fixed text in the model (SDK
 * HttpHeaderEntry.key, MDL `header 'Name' = expr`), so it is decided at generation.
 */
export interface RequestAuthentication {
  prepare: MicroflowStep[];
  headers: { name: string; value: Expr }[];
  /** Call REST's built-in HTTP authentication (SDK HttpConfiguration.useAuthentication; MDL `auth basic ... password ...`). */
  basicAuth?: { user: Expr; password: Expr };
}

/** A Mermaid sequence diagram of a scheme's flow for SECURITY.md: fixed labels only, never user text. */
export interface SequenceDiagram {
  title: string;
  mermaid: string;
}

/** What a scheme's declarations may read: the whole spec, its own auth block, and the roles. */
export interface SchemeContext<S extends Scheme = Scheme> {
  spec: Spec;
  auth: Extract<Auth, { scheme: S }>;
  roles: PlanRole[];
}

export interface AuthScheme<S extends Scheme = Scheme> {
  name: S;
  /** Secrets the Administrator enters (or sets per environment as constants). */
  adminSecrets(c: SchemeContext<S>): AdminSecret[];
  /** Non-secret settings on ConnectionDetails besides BaseUrl. */
  settings(c: SchemeContext<S>): PlanAttribute[];
  /** Settings besides BaseUrl that decide where a secret or token is sent (TokenUrl, AuthorizationUrl, ...). */
  endpoints: readonly string[];
  /**
   * The endpoint settings (BaseUrl included) whose exact values the stored secrets are bound to:
   * the decrypt sub-microflows refuse a secret once any of them differs from the values recorded
   * when the secret was entered. Every endpoint belongs here, since each one decides where a secret
   * or a token obtained with it is sent.
   */
  secretsBoundTo: readonly string[];
  /** Entities the scheme keeps at run time (cached tokens, pending authorizations). */
  runtimeEntities(c: SchemeContext<S>): PlanEntity[];
  /** Secrets obtained at run time (tokens, verifiers). */
  runtimeSecrets(c: SchemeContext<S>): PlanSecret[];
  /** The scheme's own microflows (token fetch, authorize, request authentication, ...). */
  flows(c: SchemeContext<S>): PlanMicroflow[];
  /** What the scheme requires, one requirement an item. */
  requirements(c: SchemeContext<S>): string[];
  /** Modules the app needs for this scheme besides Encryption. */
  dependencies(c: SchemeContext<S>): { module: string; why: string }[];
  /** What the Administrator's connection test does, and what a success proves for this scheme. */
  connectionTest(c: SchemeContext<S>): { proves: string; steps: PlanMicroflowStep[] };
  /** Deployment steps this scheme adds to SECURITY.md's checklist. */
  checklist(c: SchemeContext<S>): string[];
  /** How a Call REST to BaseUrl authenticates (the connection test and the API calls use it). */
  requestAuthentication(c: SchemeContext<S>): RequestAuthentication;
  /** SECURITY.md's sequence diagrams of the scheme's flows (the OAuth grants); none for the others. */
  sequenceDiagrams(c: SchemeContext<S>): SequenceDiagram[];
  /** JSON structures and import mappings its REST calls use (OAuth: the token response); none when absent. */
  documents?(c: SchemeContext<S>): SchemeDocuments;
  /** The module's own Java actions the scheme's flows call (the PKCE pair); none when absent. */
  javaActions?(c: SchemeContext<S>): PlanJavaAction[];
  /** The scheme's nanoflows (the authorize button's client side); none when absent. */
  nanoflows?(c: SchemeContext<S>): PlanNanoflow[];
}

export interface SchemeDocuments {
  jsonStructures: PlanJsonStructure[];
  importMappings: PlanImportMapping[];
}
