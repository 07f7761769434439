// Rules that need the whole spec: unique names, references between entities, HTTPS per scheme.
import type { Problem } from "./problems.js";
import type { Scheme, Spec } from "./schema.js";

/** Entities the plan generates itself; a user entity may not take their names. */
export const GENERATED_ENTITY_NAMES = ["ConnectionDetails", "SecretInput", "AccessToken", "UserToken", "AuthorizationRequest"];
export const BUILT_IN_ROLES = { Administrator: "configuration", User: "data" } as const;

const LOCALHOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkSemantics(spec: Spec): Problem[] {
  return checkSemanticsOfParts(spec);
}

type Parts = Partial<Pick<Spec, "module" | "service" | "auth" | "roles" | "entities">> & {
  /** The scheme named in the answers, when the auth block as a whole is invalid. */
  scheme?: Scheme;
};

/**
 * The rules whose parts of the spec are valid. When the schema refuses one part, the others are
 * still checked, so a user sees every problem of a file at once.
 */
export function checkSemanticsOfParts(parts: Parts): Problem[] {
  const { module, service, auth, roles, entities, scheme = "none" } = parts;
  return [
    // With an invalid auth block the base URL is still checked, under the scheme it names.
    ...(service ? checkUrls({ service, auth: auth ?? { scheme } }) : []),
    ...(auth ? checkScopes(auth) : []),
    ...(roles ? checkRoles({ roles }) : []),
    ...(module !== undefined && roles && entities ? checkEntities({ module, roles, entities }) : []),
  ];
}

/** Every service URL must be HTTPS; plain HTTP only for localhost, opted in, and never for basic or api-token. */
function checkUrls(spec: Pick<Spec, "service"> & { auth: Spec["auth"] | { scheme: Scheme } }): Problem[] {
  const urls: [string, string][] = [["service.baseUrl", spec.service.baseUrl]];
  if ("tokenUrl" in spec.auth) urls.push(["auth.tokenUrl", spec.auth.tokenUrl]);
  if ("authorizationUrl" in spec.auth) urls.push(["auth.authorizationUrl", spec.auth.authorizationUrl]);
  if ("revocationUrl" in spec.auth && spec.auth.revocationUrl !== undefined) urls.push(["auth.revocationUrl", spec.auth.revocationUrl]);
  return urls.flatMap(([path, value]) => {
    const message = httpsProblem(value, spec.auth.scheme, spec.service.allowHttpLocalhost ?? false);
    return message ? [{ path, message }] : [];
  });
}

/** Why a URL is not acceptable for this scheme, or undefined when it is. Shared with the prompts. */
export function httpsProblem(value: string, scheme: Scheme, allowHttpLocalhost: boolean): string | undefined {
  const parsed = new URL(value);
  if (parsed.protocol === "https:") return undefined;
  const local = LOCALHOSTS.has(parsed.hostname);
  const sendsCredentials = scheme === "basic" || scheme === "api-token";
  if (local && allowHttpLocalhost && !sendsCredentials) return undefined;
  let fix = "use an https:// URL";
  if (local && sendsCredentials) fix = `use https://; ${scheme} sends credentials with every request, so plain HTTP is never allowed for it`;
  else if (local) fix = "use https://, or set service.allowHttpLocalhost: true for local testing";
  return `is not HTTPS (${value}); ${fix}`;
}

/** A read-only role may request only scopes the connector requests at all. */
function checkScopes(auth: Spec["auth"]): Problem[] {
  if (!("readOnlyScopes" in auth)) return [];
  return auth.readOnlyScopes.flatMap((scope, index) =>
    auth.scopes.includes(scope)
      ? []
      : [{ path: `auth.readOnlyScopes[${index}]`, message: `${scope} is not in auth.scopes (${auth.scopes.join(" ") || "none"}); read-only scopes are a subset of the scopes` }],
  );
}

function checkRoles(spec: Pick<Spec, "roles">): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  spec.roles.forEach((role, index) => {
    const key = role.name.toLowerCase();
    if (seen.has(key)) {
      problems.push({ path: `roles[${index}].name`, message: `duplicates roles[${seen.get(key)}].name (${role.name}); role names must be unique` });
    } else seen.set(key, index);
    // Built-in names are matched ignoring case: "administrator" would be a second, unchecked Administrator.
    const builtInName = (Object.keys(BUILT_IN_ROLES) as (keyof typeof BUILT_IN_ROLES)[]).find((b) => b.toLowerCase() === key);
    if (builtInName && builtInName !== role.name) {
      problems.push({
        path: `roles[${index}].name`,
        message: `${role.name} differs from the built-in role ${builtInName} only by case; write ${builtInName} to change its documentation, or choose another name`,
      });
      return;
    }
    const builtIn = builtInName && BUILT_IN_ROLES[builtInName];
    if (builtIn && (role.kind !== builtIn || role.readOnly || role.reach !== "own")) {
      problems.push({
        path: `roles[${index}]`,
        message: `${role.name} is built in as a ${builtIn} role that is not read-only and reaches only its own objects; only its documentation may be changed`,
      });
    } else if (role.kind === "configuration" && role.reach !== "own") {
      problems.push({ path: `roles[${index}].reach`, message: `${role.name} is a configuration role, which never reaches data; remove reach` });
    }
  });
  return problems;
}

function checkEntities(spec: Pick<Spec, "module" | "roles" | "entities">): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map<string, { index: number; persistable: boolean }>();
  spec.entities.forEach((entity, index) => {
    const at = `entities[${index}]`;
    const key = entity.name.toLowerCase();
    if (key === spec.module.toLowerCase()) {
      problems.push({ path: `${at}.name`, message: `equals the module name ${spec.module} ignoring case, which breaks the Java build; rename the entity` });
    }
    const generated = GENERATED_ENTITY_NAMES.find((g) => g.toLowerCase() === key);
    if (generated) {
      problems.push({ path: `${at}.name`, message: `${generated} is generated by mxsecure for the auth scheme; choose another name` });
    }
    const earlier = byName.get(key);
    if (earlier) problems.push({ path: `${at}.name`, message: `duplicates entities[${earlier.index}].name (${entity.name}); entity names must be unique` });
    else byName.set(key, { index, persistable: entity.persistable });

    const members = new Map<string, number>();
    entity.attributes.forEach((attribute, a) => {
      const name = attribute.name.toLowerCase();
      if (members.has(name)) {
        problems.push({ path: `${at}.attributes[${a}].name`, message: `duplicates attributes[${members.get(name)}].name (${attribute.name}) in ${entity.name}` });
      } else members.set(name, a);
      if (attribute.length !== undefined && attribute.type !== "string") {
        problems.push({ path: `${at}.attributes[${a}].length`, message: `only string attributes have a length; remove it or set type: string` });
      }
    });
    problems.push(...checkRenames(entity.attributes, `${at}.attributes`, `attribute of ${entity.name}`));
  });
  problems.push(...checkRenames(spec.entities, "entities", "entity"));

  spec.entities.forEach((entity, index) => {
    const targets = new Set<string>();
    entity.associations.forEach((association, a) => {
      const path = `entities[${index}].associations[${a}]`;
      const target = byName.get(association.to.toLowerCase());
      const targetEntity = target && spec.entities[target.index];
      if (!targetEntity || targetEntity.name !== association.to) {
        const names = spec.entities.map((e) => e.name).join(", ");
        problems.push({ path: `${path}.to`, message: `no entity named ${association.to} in this spec; expected one of: ${names}` });
        return;
      }
      if (entity.ownership === "user" && entity.persistable && association.to === "User") {
        problems.push({ path: `${path}.to`, message: `${entity.name}_User is the name of the link from ${entity.name} to its owner (System.User); rename the entity User` });
      }
      if (targets.has(association.to)) {
        problems.push({ path: `${path}.to`, message: `${entity.name} already has an association to ${association.to}; the generated names would clash` });
      }
      targets.add(association.to);
      if (entity.persistable && !targetEntity.persistable) {
        problems.push({ path: `${path}.to`, message: `a persistable entity cannot refer to the non-persistable ${association.to}; point the association from ${association.to} instead` });
      }
    });
  });

  problems.push(...associationNameClashes(spec.entities));

  const roleNames = new Set(["Administrator", "User", ...spec.roles.map((r) => r.name)]);
  spec.entities.forEach((entity, index) => {
    const memberNames = new Set([
      ...entity.attributes.map((a) => a.name),
      ...entity.associations.map((a) => `${entity.name}_${a.to}`),
      // The owner link the plan adds to user-owned persistable entities (read-only for every role).
      ...(entity.ownership === "user" && entity.persistable ? [`${entity.name}_User`] : []),
    ]);
    for (const [role, override] of Object.entries(entity.access ?? {})) {
      const path = `entities[${index}].access.${role}`;
      if (!roleNames.has(role)) problems.push({ path, message: `no role named ${role}; expected one of: ${[...roleNames].join(", ")}` });
      for (const field of ["read", "write"] as const) {
        const selection = override[field];
        if (!Array.isArray(selection)) continue;
        for (const member of selection) {
          if (!memberNames.has(member)) {
            problems.push({ path: `${path}.${field}`, message: `${entity.name} has no member ${member}; expected one of: ${[...memberNames].join(", ") || "(none)"}` });
          }
        }
      }
    }
  });
  return problems;
}

/**
 * Association names are <Parent>_<Child> in one module namespace, so two different pairs can
 * produce one name: entity P_Foo's owner link P_Foo_User and P's association to an entity Foo_User.
 * Mendix refuses the second, and an access rule written for one would land on the other.
 */
function associationNameClashes(entities: Spec["entities"]): Problem[] {
  const problems: Problem[] = [];
  const taken = new Map<string, string>();
  const claim = (name: string, what: string, path: string) => {
    const earlier = taken.get(name.toLowerCase());
    if (earlier === undefined) taken.set(name.toLowerCase(), what);
    else if (earlier !== what) {
      problems.push({ path, message: `generates the association ${name}, which ${earlier} generates too; rename one of the entities so the names <Entity>_<Target> differ` });
    }
  };
  entities.forEach((entity, index) => {
    if (entity.ownership === "user" && entity.persistable) {
      claim(`${entity.name}_User`, `the owner link of ${entity.name}`, `entities[${index}].ownership`);
    }
    entity.associations.forEach((association, a) => {
      // An owned entity's association to an entity named User is reported above already.
      if (association.to === "User" && entity.ownership === "user" && entity.persistable) return;
      claim(`${entity.name}_${association.to}`, `the association from ${entity.name} to ${association.to}`, `entities[${index}].associations[${a}].to`);
    });
  });
  return problems;
}

/**
 * A rename (renamedFrom) names a previous name that no current item has, and no two items claim
 * the same previous name: the scripts rename in place, so each old name must lead to one new one.
 */
function checkRenames(items: readonly { name: string; renamedFrom?: string | undefined }[], at: string, what: string): Problem[] {
  const problems: Problem[] = [];
  const current = new Set(items.map((i) => i.name.toLowerCase()));
  const claimed = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.renamedFrom === undefined) return;
    const from = item.renamedFrom.toLowerCase();
    const path = `${at}[${index}].renamedFrom`;
    if (current.has(from)) {
      problems.push({ path, message: `${item.renamedFrom} is still the name of an ${what}; renamedFrom names the previous name, which no ${what} may keep` });
    } else if (claimed.has(from)) {
      problems.push({ path, message: `${at}[${claimed.get(from)}] is already renamed from ${item.renamedFrom}; one previous name leads to one new name` });
    } else claimed.set(from, index);
  });
  return problems;
}
