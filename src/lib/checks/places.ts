// Where a plan item came from in the spec, as a path a user can find in the file (and locate to a
// line). Generated parts (ConnectionDetails, tokens, constants) come from the auth scheme.
import type { PlanAccessRule, PlanEntity, Plan } from "../plan/types.js";
import { formatPath } from "../spec/problems.js";
import { own } from "../spec/own.js";
import type { Spec } from "../spec/schema.js";
import type { Finding, Rule, RuleInfo, Severity } from "./types.js";

export const AUTH_PLACE = "auth";

// Rules ask for places entity by entity: an index per spec keeps that linear in the entity count.
const entityIndexes = new WeakMap<Spec, Map<string, number>>();

function entityIndex(spec: Spec, entityName: string): number {
  let indexes = entityIndexes.get(spec);
  if (!indexes) {
    indexes = new Map();
    for (const [index, entity] of spec.entities.entries()) if (!indexes.has(entity.name)) indexes.set(entity.name, index);
    entityIndexes.set(spec, indexes);
  }
  return indexes.get(entityName) ?? -1;
}

export function entityPlace(spec: Spec, entityName: string): string {
  const index = entityIndex(spec, entityName);
  return index >= 0 ? formatPath(["entities", index]) : AUTH_PLACE;
}

/** An override is reported where it is written; a derived rule at its entity. */
export function accessRulePlace(spec: Spec, entityName: string, rule: PlanAccessRule): string {
  const index = entityIndex(spec, entityName);
  if (index < 0) return AUTH_PLACE;
  if (own(spec.entities[index]!.access, rule.role)) return formatPath(["entities", index, "access", rule.role]);
  return formatPath(["entities", index]);
}

export function attributePlace(spec: Spec, entityName: string, attributeName: string): string {
  const index = entityIndex(spec, entityName);
  if (index < 0) return AUTH_PLACE;
  const attribute = spec.entities[index]!.attributes.findIndex((a) => a.name === attributeName);
  return attribute >= 0 ? formatPath(["entities", index, "attributes", attribute]) : formatPath(["entities", index]);
}

/** A role written in the spec is reported there; a built-in role that is not, at `roles`. */
export function rolePlace(spec: Spec, roleName: string, field?: string): string {
  const index = spec.roles.findIndex((r) => r.name === roleName);
  if (index < 0) return "roles";
  return formatPath(field ? ["roles", index, field] : ["roles", index]);
}

export interface AccessRuleAt {
  entity: PlanEntity;
  rule: PlanAccessRule;
}

export function everyAccessRule(plan: Plan): AccessRuleAt[] {
  return plan.entities.flatMap((entity) => entity.accessRules.map((rule) => ({ entity, rule })));
}

/** Makes a finding of one rule; its severity defaults to the rule's. */
export type Found = (path: string, message: string, fix: string, severity?: Severity) => Finding;

/** A rule from its description and its check; the check gets a `found` bound to the rule. */
export function defineRule(info: RuleInfo, check: (spec: Spec, plan: Plan, found: Found) => Finding[]): Rule {
  const found = founder(info);
  return { ...info, check: (spec, plan) => check(spec, plan, found) };
}

export function founder(info: RuleInfo): Found {
  return (path, message, fix, severity = info.severity) => ({ rule: info.name, severity, path, message, fix });
}
