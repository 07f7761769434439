// The plan's size is bounded before it is built: every entity gets an access rule per role, each
// listing every member, and every file of the kit repeats them, so the kit grows with entities ×
// members × roles. A valid 2 MB spec (many roles over many entities) made a 494 MB kit and used
// 3.3 GB of memory. The bound is far above any real connector (a large one: 50 entities of 10
// attributes and 5 roles, about 4,200) and about 3 times the 2,600-entity benchmark (about 94,000);
// measured: 144,000 entries make a 24 MB kit in 9 s and 290 MB of memory, so the bound keeps a kit
// near 50 MB.
import { UserError } from "../spec/problems.js";
import type { Spec } from "../spec/schema.js";

export const MAX_PLAN_ENTRIES = 300_000;

/** Access-rule entries the plan would hold: per entity, (the entity + its members) × (its roles + Administrator + User). */
export function planEntries(spec: Pick<Spec, "entities" | "roles">): number {
  const roles = spec.roles.length + 2;
  return spec.entities.reduce((sum, entity) => sum + (1 + (entity.attributes?.length ?? 0) + (entity.associations?.length ?? 0)) * roles, 0);
}

export function assertPlanSize(spec: Pick<Spec, "entities" | "roles">): void {
  const entries = planEntries(spec);
  if (entries <= MAX_PLAN_ENTRIES) return;
  throw new UserError(
    `The spec is too large to generate: its ${spec.entities.length.toLocaleString("en")} entities with their members, ` +
      `times ${spec.roles.length + 2} roles (yours, Administrator and User), make ${entries.toLocaleString("en")} access-rule entries; ` +
      `mxsecure generates at most ${MAX_PLAN_ENTRIES.toLocaleString("en")}. Nothing was written. Split the connector into smaller modules, or use fewer roles.`,
  );
}
