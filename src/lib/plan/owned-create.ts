// A user creates their own objects of a user-owned entity the spec marks editable. The role's
// "allow create" lets a page make the object, but its owner link (Entity_User) is set by the
// connector only, never by a role (OwnerConstraint: a role that could set it could hand objects
// to itself or to others). So the object is made by ACT_<Entity>_New, which links it to the
// current user and returns it uncommitted for the page to fill and save; a "Create object"
// button without it makes an object nobody owns, which its creator no longer sees once saved.
import type { Spec } from "../spec/schema.js";
import { USE_ME } from "./folders.js";
import { token, v } from "./steps.js";
import type { PlanMicroflow, PlanRole } from "./types.js";

/** The entities a data role may create for its own user: user-owned, persistable, editable. */
export function ownedCreatable(spec: Spec): string[] {
  return spec.entities.filter((e) => e.ownership === "user" && e.persistable && e.editable).map((e) => e.name);
}

export function ownedCreateFlows(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  const writers = roles.filter((r) => r.kind === "data" && !r.readOnly).map((r) => r.name);
  return ownedCreatable(spec).map((entity): PlanMicroflow => ({
    name: `ACT_${entity}_New`,
    folder: USE_ME,
    documentation:
      `Makes a new ${entity} that belongs to the current user and returns it, not yet saved: use it for a "New ${entity}" button ` +
      `(its page saves it). Entity access is off only so it can set ${entity}_User, which no role may write; it sets nothing else.`,
    allowedRoles: writers,
    applyEntityAccess: false,
    parameters: [],
    returnType: entity,
    steps: [
      { kind: "create", out: `New${entity}`, entity, members: [{ association: `${entity}_User`, value: token("CurrentUser") }] },
      { kind: "return", value: v(`New${entity}`) },
    ],
  }));
}
