// The shape of ../module.ts: the module this script builds, as plain data. Every name and text
// in module.ts is a string literal; nothing in it is executed.
import type { MicroflowStep } from "./steps.js";
import type { SnippetDescription } from "./widgets.js";

export type MemberRights = "None" | "ReadOnly" | "ReadWrite";
export type AttributeType = "string" | "integer" | "long" | "decimal" | "boolean" | "datetime";

export interface ModuleDefinition {
  name: string;
  roles: RoleDefinition[];
  folders: string[];
  entities: EntityDefinition[];
  constants: ConstantDefinition[];
  microflows: MicroflowDefinition[];
  /** The module's own Java actions (e.g. the PKCE pair), defined before the microflows that call them. */
  javaActions?: JavaActionDefinition[];
  /** Nanoflows (the client side of the OAuth authorize), built after the microflows they call. */
  nanoflows?: NanoflowDefinition[];
  /** Snippets (the Administrator's configuration snippet), built after the microflows they call. */
  snippets?: SnippetDefinition[];
  /** Marketplace modules the app must contain before this module is built. */
  dependencies: { module: string; why: string }[];
  /** JSON structures the import mappings read (the OAuth token response), built before them. */
  jsonStructures?: JsonStructureDefinition[];
  /** Import mappings the microflows' REST calls use, built before the microflows. */
  importMappings?: ImportMappingDefinition[];
}

/** A JSON structure of one flat JSON object: its members, in snippet order, with an example value each. */
export interface JsonStructureDefinition {
  name: string;
  folder: string;
  documentation: string;
  members: { key: string; example: string | number }[];
}

/** An import mapping that makes one (uncommitted) object of `entity` from a JSON structure's root object. */
export interface ImportMappingDefinition {
  name: string;
  folder: string;
  documentation: string;
  jsonStructure: string;
  entity: string;
  /** attribute <- the root object's member `key`. */
  values: { attribute: string; key: string }[];
}

export interface RoleDefinition {
  name: string;
  /** Shown as the role's Documentation in Studio Pro (ModuleRole.description in the SDK). */
  documentation: string;
}

export interface EntityDefinition {
  name: string;
  documentation: string;
  persistable: boolean;
  /** Mendix "Store owner" (System.owner), needed by [System.owner='[%CurrentUser%]']. */
  storeOwner: boolean;
  attributes: AttributeDefinition[];
  /** Associations this entity owns (it is the parent). */
  associations: AssociationDefinition[];
  /** One per module role with any access; a role without a rule has no access at all. */
  accessRules: AccessRuleDefinition[];
  /** The entity's previous name: an update renames it in place (existing.ts). */
  renamedFrom?: string;
}

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  /** Strings only: 0 = unlimited. */
  length?: number;
  /** Default value as Mendix stores it ("true", "https://..."). */
  defaultValue?: string;
  documentation: string;
  /** The attribute's previous name: an update renames it in place (existing.ts). */
  renamedFrom?: string;
}

export interface AssociationDefinition {
  name: string;
  /** An entity in this module, or Module.Entity in another module (e.g. System.User). */
  child: string;
  type: "reference" | "reference-set";
  documentation: string;
  /** Deleting the child object deletes this entity's objects that refer to it (a user's rows go with the user). */
  deleteWithChild?: boolean;
}

export interface AccessRuleDefinition {
  role: string;
  allowCreate: boolean;
  allowDelete: boolean;
  /** Always None: a member added later gets no rights until someone decides. */
  defaultMemberAccessRights: "None";
  /** Every member of the entity, listed explicitly. */
  members: MemberAccessDefinition[];
  /** XPath constraint; empty for none. */
  xpath: string;
  documentation: string;
}

export interface MemberAccessDefinition {
  /** Attribute name, name of an association this entity owns, or System.owner (kind "system"). */
  member: string;
  kind: "attribute" | "association" | "system";
  rights: MemberRights;
}

export interface ConstantDefinition {
  name: string;
  folder: string;
  documentation: string;
  /** Blank on purpose: the value is set per environment at deploy time. */
  defaultValue: "";
  exposedToClient: false;
}

export interface MicroflowDefinition {
  name: string;
  folder: string;
  documentation: string;
  /** Module roles that may call it from the client; empty = server-side calls only. */
  allowedRoles: string[];
  applyEntityAccess: boolean;
  parameters: { name: string; type: string }[];
  /** "Nothing", "String", "Boolean", or an entity of this module. */
  returnType: string;
  steps: StepDefinition[];
  /** A microflow URL (served at <app root>/p/<path>) whose parameters come from the query string. */
  url?: { path: string; queryParameters: string[] };
}

export interface NanoflowDefinition {
  name: string;
  folder: string;
  documentation: string;
  allowedRoles: string[];
  steps: StepDefinition[];
}

/** One step of a microflow: the typed vocabulary in steps.ts. */
export type StepDefinition = MicroflowStep;

/** A Java action of this module: String parameters, a String result. */
export interface JavaActionDefinition {
  name: string;
  folder: string;
  documentation: string;
  /** Parameter names, each a String, in order. */
  parameters: string[];
}

/** A snippet: the widget tree in widgets.ts. */
export type SnippetDefinition = SnippetDescription;
