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
}

export interface PlanAssociation {
  /** Mendix name, Parent_Child. */
  name: string;
  /** The owning (parent) entity, in this module. */
  parent: string;
  /** The child entity: a name in this module. */
  child: string;
  type: "reference" | "reference-set";
  documentation: string;
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
export type EntityPurpose = "data" | "configuration" | "secret-input" | "token" | "authorization-request";

export interface PlanEntity {
  name: string;
  documentation: string;
  purpose: EntityPurpose;
  persistable: boolean;
  ownership: "user" | "shared";
  /** Mendix "Store owner" (System.owner). */
  storeOwner: boolean;
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
export type PlanMicroflowStep =
  | { kind: "encrypt"; secret: string; from: string; toEntity: string; toAttribute: string; isSetAttribute: string }
  | { kind: "decrypt"; secret: string; fromEntity: string; fromAttribute: string }
  | { kind: "readConstant"; secret: string; constant: string }
  | { kind: "note"; text: string };

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
}

export interface PlanAuth {
  scheme: Scheme;
  secretStorage: "database" | "constant" | "none";
  headerName?: string;
  tokenPrefix?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes: string[];
  redirectPath?: string;
  pkce?: boolean;
  /** Human summary of what the scheme requires (HTTPS, PKCE, ...), one item a requirement. */
  requirements: string[];
}

export interface Plan {
  module: string;
  description: string;
  service: { name: string; baseUrl: string };
  auth: PlanAuth;
  roles: PlanRole[];
  folders: string[];
  entities: PlanEntity[];
  constants: PlanConstant[];
  microflows: PlanMicroflow[];
  secrets: PlanSecret[];
  /** Modules the app needs besides this one (Encryption, SAML). */
  dependencies: { module: string; why: string }[];
}
