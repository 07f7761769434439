// The security model as a plain typed object: what every output (SECURITY.md, the Model SDK
// script, the MDL script, the audit) reads. Built from a Spec by build.ts; never from templates.
import type { Scheme } from "../spec/schema.js";

export type RoleKind = "configuration" | "data";
export type MemberRights = "None" | "ReadOnly" | "ReadWrite";
export type PlanAttributeType = "string" | "integer" | "long" | "decimal" | "boolean" | "datetime";

export interface PlanRole {
  name: string;
  kind: RoleKind;
  readOnly: boolean;
  /** The role's Documentation text (Model SDK: ModuleRole.description). */
  documentation: string;
  builtIn: boolean;
  /** On user-owned data: only the current user's objects (own) or every user's (all: reporting, support). */
  reach: "own" | "all";
}

export interface PlanAttribute {
  name: string;
  type: PlanAttributeType;
  /** Strings only: 0 = unlimited. */
  length?: number;
  documentation: string;
  /** Readable only by roles that are not read-only. */
  sensitive: boolean;
  /** Holds Encryption-module ciphertext ({AES3}...): no role may read or write it. */
  encrypted: boolean;
  /** Set by microflows, never by a role (IsSet flags, expiry, one-time state): at most ReadOnly. */
  systemSet: boolean;
  /** Default value as Mendix stores it ("true", "Authorization"); absent for none. */
  defaultValue?: string;
  /** Data entities: the spec marks this attribute as edited by users (else the connector's microflows write it). */
  editable?: boolean;
  /** The attribute's previous name: both appliers rename it in place, keeping its values (issue 18). */
  renamedFrom?: string;
}

export interface PlanAssociation {
  /** Mendix name, Parent_Child. */
  name: string;
  /** The owning (parent) entity, in this module. */
  parent: string;
  /** A name in this module, or a qualified name in another module: "System.User". */
  child: string;
  type: "reference" | "reference-set";
  documentation: string;
  /** Set only by the connector's microflows; no role may write it (the owner link). */
  systemSet?: boolean;
  /** Deleting the child object deletes the parent's objects too (a user's rows go with the user). */
  deleteWithChild?: boolean;
}

export interface PlanMemberAccess {
  /** Attribute name, association name, or "System.owner" for the owner member of a user-owned entity. */
  member: string;
  kind: "attribute" | "association" | "system";
  rights: MemberRights;
}

export interface PlanAccessRule {
  role: string;
  allowCreate: boolean;
  allowDelete: boolean;
  /** Always None: new members get no rights until someone decides (mxlint AvoidDefaultReadWriteAccess). */
  defaultMemberAccessRights: "None";
  /** Every member of the entity, listed explicitly. */
  members: PlanMemberAccess[];
  /** XPath constraint, e.g. [System.owner='[%CurrentUser%]']; absent for none. */
  xpath?: string;
  documentation: string;
  /** True when an `access` override in the spec replaced the derived rule. */
  overridden: boolean;
}

/** What an entity is for: user data, configuration, or the connector's private runtime state. */
export type EntityPurpose = "data" | "configuration" | "secret-input" | "token" | "authorization-request" | "token-response" | "role-marker";

export interface PlanEntity {
  name: string;
  documentation: string;
  purpose: EntityPurpose;
  persistable: boolean;
  ownership: "user" | "shared";
  /** Mendix "Store owner" (System.owner). */
  storeOwner: boolean;
  /** The association to System.User that links a user-owned row to its user (see PlanAssociation). */
  ownerAssociation?: string;
  /** Data entities: users may create (shared entities only), change and delete objects; else the connector writes. */
  editable?: boolean;
  /** The entity's previous name: both appliers rename it in place, keeping its objects (issue 18). */
  renamedFrom?: string;
  attributes: PlanAttribute[];
  /** Associations this entity owns (it is the parent). */
  associations: PlanAssociation[];
  /** One per role that has any access; roles without a rule have no access at all. */
  accessRules: PlanAccessRule[];
}

export interface PlanConstant {
  name: string;
  folder: string;
  type: "String";
  /** Always blank: the value is set per environment at deploy time. */
  defaultValue: "";
  exposedToClient: false;
  documentation: string;
}

export interface PlanParameter {
  name: string;
  /** "String", "Boolean", or an entity name in this module. */
  type: string;
}

/** One step a microflow skeleton performs; outputs render what they can and annotate the rest. */
export type PlanMicroflowStep = import("./steps.js").MicroflowStep;

export interface PlanMicroflow {
  name: string;
  folder: string;
  documentation: string;
  /** Module roles allowed to call it from the client; empty = private (server-side calls only). */
  allowedRoles: string[];
  applyEntityAccess: boolean;
  parameters: PlanParameter[];
  /** "Nothing", "String", "Boolean", or an entity name. */
  returnType: string;
  steps: PlanMicroflowStep[];
  /** A microflow URL (Studio Pro 10.9+): served at <app root>/p/<path>; the parameters come from the query string. */
  url?: { path: string; queryParameters: string[] };
}

/**
 * A JSON structure of one flat JSON object (the OAuth token response), described by its members:
 * the snippet both appliers write is derived from them, and so are the elements the Model SDK
 * script builds (Studio Pro and mxcli derive them from the snippet).
 */
export interface PlanJsonStructure {
  name: string;
  folder: string;
  documentation: string;
  /** The root object's members, in snippet order: the JSON key and an example value of its type. */
  members: { key: string; example: string | number }[];
}

/** An import mapping that makes one object of `entity` from a JSON structure's root object. */
export interface PlanImportMapping {
  name: string;
  folder: string;
  documentation: string;
  jsonStructure: string;
  entity: string;
  /** attribute <- the root object's member `key`, one per mapped member. */
  values: { attribute: string; key: string }[];
}

/**
 * A Java action of this module that the kit ships (the PKCE pair): String parameters, a String
 * result. Both appliers define it before the microflows that call it; the kit writes its source.
 */
export interface PlanJavaAction {
  name: string;
  folder: string;
  documentation: string;
  /** Parameter names, each a String, in order. */
  parameters: string[];
}

/**
 * A nanoflow of this module: runs in the browser, so it holds no secret; it calls a microflow for
 * what the server decides and a JavaScript action for what only the client can do (open a URL).
 */
export interface PlanNanoflow {
  name: string;
  folder: string;
  documentation: string;
  /** Module roles allowed to run it. */
  allowedRoles: string[];
  /** callMicroflow, callJavaScript, decision and return steps. */
  steps: PlanMicroflowStep[];
}

/** Where one secret lives and how it is protected. */
export interface PlanSecret {
  /** e.g. ClientSecret, Password, ApiToken, AccessToken. */
  name: string;
  description: string;
  storage: "database" | "constant";
  entity?: string;
  attribute?: string;
  isSetAttribute?: string;
  constant?: string;
  /** Set by the Administrator (configuration) or obtained at run time (tokens). */
  source: "administrator" | "deployment" | "runtime";
  /** The microflow that clears it on purpose (an empty input on save keeps it). */
  clearedBy?: string;
}

export interface PlanAuth {
  scheme: Scheme;
  secretStorage: "database" | "constant" | "none";
  headerName?: string;
  tokenPrefix?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  /** Issue 20: the OAuth revocation endpoint (RFC 7009), when the spec names one. */
  revocationUrl?: string;
  scopes: string[];
  redirectPath?: string;
  pkce?: boolean;
  /** Human summary of what the scheme requires (HTTPS, PKCE, ...), one item a requirement. */
  requirements: string[];
  /** ConnectionDetails attributes that decide where a secret or token is sent (BaseUrl, TokenUrl, ...). */
  endpoints: string[];
  /**
   * Database secrets: the endpoints whose exact values the stored secrets are bound to, recorded in
   * ConnectionDetails.<bindingAttributes[i]> (one attribute per endpoint, issue 20) when a secret is
   * entered. Empty for constant secrets and for schemes without secrets.
   */
  secretsBoundTo: string[];
  /** The attribute recording each endpoint of secretsBoundTo, in the same order. */
  bindingAttributes?: string[];
  /**
   * What keeps a secret from being sent elsewhere: the secrets are bound to the endpoint values
   * they were entered for (the decrypt sub-microflows refuse them when an endpoint differs; the
   * save clears them on any change); or the endpoints are fixed (no role writes them); or there
   * is no secret to protect.
   */
  endpointPolicy: "secrets-bound-to-endpoints" | "fixed" | "no-secrets";
  /** Scopes a user with only read-only data roles may request; empty: read-only roles cannot authorize. */
  readOnlyScopes: string[];
  /** What ACT_ConnectionDetails_Test proves for this scheme. */
  connectionTest: string;
  /** SECURITY.md's Mermaid sequence diagrams of the scheme's flows (OAuth); fixed labels only, never user text. */
  sequenceDiagrams: { title: string; mermaid: string }[];
}

export interface Plan {
  module: string;
  description: string;
  /** timeoutSeconds: how long each REST call waits (spec service.timeoutSeconds, default 30). */
  service: { name: string; baseUrl: string; timeoutSeconds: number };
  auth: PlanAuth;
  roles: PlanRole[];
  folders: string[];
  entities: PlanEntity[];
  constants: PlanConstant[];
  microflows: PlanMicroflow[];
  /** JSON structures and import mappings the microflows' REST calls use (the OAuth token response). */
  jsonStructures: PlanJsonStructure[];
  importMappings: PlanImportMapping[];
  /** Nanoflows (the client side of the OAuth authorize: open the provider's URL). */
  nanoflows: PlanNanoflow[];
  /** The module's own Java actions (their executeAction() code in templates/java/user-code), defined before the microflows. */
  javaActions: PlanJavaAction[];
  secrets: PlanSecret[];
  /** Modules the app needs besides this one (Encryption, SAML20). */
  dependencies: { module: string; why: string }[];
  /** Deployment steps someone must do by hand, in order (SECURITY.md's checklist). */
  checklist: string[];
  /** Pages the kit builds: the Administrator's configuration snippet (widgets.ts), rendered by both appliers. */
  snippets: PlanSnippet[];
}

/** A snippet described once as a widget tree (widgets.ts). */
export type PlanSnippet = import("./widgets.js").SnippetDescription;
