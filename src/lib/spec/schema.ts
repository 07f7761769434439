// The one source of truth for the answers-file format. From it come the TypeScript types
// (z.infer), the validation of prompt and file input, and the JSON Schema shipped in
// schema/mxsecure.schema.json (see write-schema.ts; a test keeps the file in sync).
import { z } from "zod";
import { MENDIX_NAME, NAME_RULE, isJavaKeyword, isReservedAttributeName } from "./names.js";
import { urlCredential } from "./secrets.js";

export const SCHEMES = [
  "basic",
  "api-token",
  "oauth-authorization-code",
  "oauth-client-credentials",
  "saml",
  "none",
] as const;
export type Scheme = (typeof SCHEMES)[number];

export const ATTRIBUTE_TYPES = ["string", "integer", "long", "decimal", "boolean", "datetime"] as const;
export const ROLE_KINDS = ["configuration", "data"] as const;
export const OWNERSHIPS = ["user", "shared"] as const;
export const ASSOCIATION_TYPES = ["reference", "reference-set"] as const;
export const SECRET_STORAGES = ["database", "constant"] as const;
export const REACHES = ["own", "all"] as const;

export const mendixName = z
  .string()
  .regex(MENDIX_NAME, { error: `must be ${NAME_RULE}` })
  .max(100, { error: "must be at most 100 characters" })
  .refine((name) => !isJavaKeyword(name), { error: "is a Java keyword; Mendix cannot generate Java code for it" });

export const attributeName = mendixName.refine((name) => !isReservedAttributeName(name), {
  error: "is reserved by Mendix as an attribute name (CE7247); choose another name",
});

// Not trimmed: user text is carried verbatim (leading and trailing newlines included); blank is refused.
const nonEmptyText = z
  .string()
  .min(1, { error: "must not be empty", abort: true })
  .refine((value) => value.trim() !== "", { error: "must not be empty" });

/** An absolute http(s) URL. Whether plain HTTP is allowed is decided with the whole spec in semantics.ts. */
export const url = z.string().regex(/^https?:\/\//, { error: 'must be an absolute HTTPS URL such as "https://api.example.com/v1"' }).refine(
  (value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.hostname !== "";
    } catch {
      return false;
    }
  },
  { error: 'must be an absolute HTTPS URL such as "https://api.example.com/v1"' },
).refine((value) => urlCredential(value) === undefined, {
  // A credential in a URL is a secret in the answers file (and in logs): refuse it like any other.
  error: (issue) =>
    `carries a credential (${urlCredential(String(issue.input))}); remove it: secrets are entered at run time or set per environment at deploy time, never in the answers file`,
});

export const serviceSchema = z
  .strictObject({
    name: nonEmptyText.describe("The external service's display name, e.g. Acme CRM."),
    baseUrl: url.describe("The service's base URL; HTTPS."),
    allowHttpLocalhost: z
      .boolean()
      .optional()
      .describe("Allow plain http:// for localhost URLs (local testing only; never for basic or api-token)."),
    timeoutSeconds: z.number().int().min(1).max(3600).default(30)
      .describe("How long each REST call waits for the service, in seconds (default 30); a call that takes longer fails."),
  })
  .describe("The external service the connector calls.");

const secretStorage = z
  .enum(SECRET_STORAGES)
  .default("database")
  .describe("Where secrets live: database (encrypted with the Encryption module) or constant (blank deploy-time constant).");
const scopes = z.array(nonEmptyText.regex(/^\S+$/, { error: "must be one scope without spaces" })).default([])
  .describe("OAuth scopes to request.");

const basicAuth = z.strictObject({
  scheme: z.literal("basic"),
  secretStorage,
});
const apiTokenAuth = z.strictObject({
  scheme: z.literal("api-token"),
  secretStorage,
  headerName: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, { error: "must be an HTTP header name (letters, digits, hyphens)" })
    .default("Authorization")
    .describe("HTTP header that carries the token; fixed in the module at generation (regenerate to change it)."),
  tokenPrefix: z
    .string()
    .regex(/^[\x21-\x7e]*$/, { error: "must be printable ASCII without spaces (or empty)" })
    .default("Bearer")
    .describe("Text put before the token in the header, e.g. Bearer; empty for none."),
});
const oauthClientCredentialsAuth = z.strictObject({
  scheme: z.literal("oauth-client-credentials"),
  secretStorage,
  tokenUrl: url.describe("The OAuth token endpoint; HTTPS."),
  scopes,
});
const oauthAuthorizationCodeAuth = z.strictObject({
  scheme: z.literal("oauth-authorization-code"),
  secretStorage,
  authorizationUrl: url.describe("The OAuth authorization endpoint; HTTPS."),
  tokenUrl: url.describe("The OAuth token endpoint; HTTPS."),
  revocationUrl: url.optional().describe("The OAuth token revocation endpoint (RFC 7009); HTTPS. When set, Disconnect revokes the user's refresh token there before it deletes it."),
  scopes,
  redirectPath: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*$/, { error: 'must be a path such as "/oauth/callback"' })
    .default("/oauth/callback")
    .describe("Path of the app's OAuth callback; registered exactly with the provider."),
  pkce: z
    .boolean()
    .default(true)
    .describe("PKCE with S256; always on (RFC 9700). The audit refuses false."),
  readOnlyScopes: z.array(nonEmptyText.regex(/^\S+$/, { error: "must be one scope without spaces" })).default([])
    .describe("The scopes a user with only read-only data roles may request (a subset of scopes). Empty: read-only roles cannot authorize."),
});
const samlAuth = z.strictObject({ scheme: z.literal("saml") });
const noAuth = z.strictObject({ scheme: z.literal("none") });

export const authSchema = z
  .discriminatedUnion(
    "scheme",
    [basicAuth, apiTokenAuth, oauthAuthorizationCodeAuth, oauthClientCredentialsAuth, samlAuth, noAuth],
    { error: `must be one of ${SCHEMES.join(" | ")}` },
  )
  .describe("How the connector authenticates to the service.");

export const roleSchema = z.strictObject({
  name: mendixName.describe("Module role name, e.g. Viewer."),
  kind: z.enum(ROLE_KINDS, { error: "must be configuration or data (a role is never both)" })
    .describe("configuration: manages connection details; data: works with the connector's data."),
  readOnly: z.boolean().default(false).describe("Read-only data role: reads non-sensitive members only."),
  reach: z.enum(REACHES, { error: "must be own or all" }).default("own")
    .describe("Data roles, on user-owned entities: own (only the current user's objects) or all (every user's: reporting, support)."),
  // The audit reports a missing or blank text under the rule RoleDocumented (audit/validation.ts).
  documentation: nonEmptyText.describe("What the role is for and what it must not be combined with."),
});

export const attributeSchema = z.strictObject({
  name: attributeName.describe("Attribute name."),
  type: z.enum(ATTRIBUTE_TYPES, { error: `must be one of ${ATTRIBUTE_TYPES.join(" | ")}` }).describe("Attribute type."),
  length: z.number().int().min(0).max(1_000_000).optional()
    .describe("String length; 0 = unlimited; default 200. Strings only."),
  sensitive: z.boolean().default(false).describe("Sensitive: never readable by read-only roles."),
  editable: z.boolean().default(false)
    .describe("Users may change this attribute. By default the connector's microflows write data from the service and roles only read it."),
  renamedFrom: attributeName.optional()
    .describe("The attribute's previous name, when it was renamed: the scripts rename it in place and keep its values (without it a rename deletes the old attribute with its data)."),
});

export const associationSchema = z.strictObject({
  to: mendixName.describe("Name of the target entity in this module."),
  type: z.enum(ASSOCIATION_TYPES, { error: "must be reference or reference-set" }).default("reference")
    .describe("reference (many-to-one) or reference-set (many-to-many)."),
});

const memberSelection = z.union([z.literal("all"), z.literal("none"), z.array(mendixName)]);
export const accessOverrideSchema = z.strictObject({
  create: z.boolean().optional(),
  delete: z.boolean().optional(),
  read: memberSelection.optional().describe("all | none | [member names]"),
  write: memberSelection.optional().describe("all | none | [member names]"),
  xpath: z.string().optional().describe("XPath constraint, e.g. [System.owner='[%CurrentUser%]']"),
});

export const entitySchema = z.strictObject({
  name: mendixName.describe("Entity name, singular UpperCamelCase, e.g. Contact."),
  documentation: nonEmptyText.describe("What one object of this entity is."),
  ownership: z.enum(OWNERSHIPS, { error: "must be user or shared" }).default("shared")
    .describe("user: each user sees only their own objects; shared: no owner constraint."),
  persistable: z.boolean().default(true).describe("Stored in the database."),
  editable: z.boolean().default(false)
    .describe("Users may change and delete objects (and create them, for shared entities). By default data roles only read."),
  renamedFrom: mendixName.optional()
    .describe("The entity's previous name, when it was renamed: the scripts rename it in place and keep its objects."),
  attributes: z.array(attributeSchema).default([]),
  associations: z.array(associationSchema).default([]),
  access: z.record(mendixName, accessOverrideSchema).optional()
    .describe("Per-role overrides of the derived access rule (checked by the audit)."),
});

export const suppressionSchema = z.strictObject({
  rule: mendixName.describe("Audit rule name, e.g. ConfigurationAndDataSeparated."),
  path: nonEmptyText.describe("Where the finding is, e.g. entities[0].access.Administrator."),
  // Optional so that a new suppression can be written before its fingerprint is known: without one it
  // suppresses nothing, and the audit names the fingerprint to copy (checks/suppressions.ts).
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, { error: "must be the 16-character fingerprint the audit prints for the finding" }).optional()
    .describe("The finding's fingerprint from the audit output: the suppression matches only that exact finding."),
  reason: nonEmptyText.describe("Why this finding is accepted."),
});

export const acceptedChangeSchema = z.strictObject({
  change: z.string().regex(/^[0-9a-f]{16}$/, { error: "must be the 16-character fingerprint audit --baseline prints for the change" })
    .describe("The fingerprint of a SecurityWidened change from audit --baseline: the entry accepts only that exact change."),
  reason: nonEmptyText.describe("Why this widening of access is accepted, and who reviewed it."),
});

export const specSchema = z
  .strictObject({
    $schema: z.string().optional(),
    module: mendixName.describe("Module name, e.g. AcmeCrmConnector."),
    description: nonEmptyText.describe("What the connector does, one or more sentences."),
    service: serviceSchema,
    auth: authSchema,
    roles: z.array(roleSchema).default([]).describe("Extra module roles; Administrator and User always exist."),
    entities: z.array(entitySchema).default([]).describe("The connector's data entities."),
    suppressions: z.array(suppressionSchema).default([]).describe("Accepted audit findings, each with a reason."),
    accepted: z.array(acceptedChangeSchema).optional()
      .describe("Reviewed widenings of access against the audit's --baseline, each bound to the change's fingerprint, with a reason."),
  })
  .describe("generator-mxsecure answers file");

/** A spec after validation, defaults filled in. */
export type Spec = z.output<typeof specSchema>;
/** What a user writes: defaults may be left out. */
export type SpecInput = z.input<typeof specSchema>;
export type Auth = Spec["auth"];
export type RoleSpec = Spec["roles"][number];
export type EntitySpec = Spec["entities"][number];
export type AttributeSpec = EntitySpec["attributes"][number];
export type AssociationSpec = EntitySpec["associations"][number];
export type AccessOverride = z.output<typeof accessOverrideSchema>;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const DEFAULT_STRING_LENGTH = 200;
