// What an access rule grants, in words a finding can carry. A finding about a rule's reach states
// the rights too, so its fingerprint changes when the rights grow: a suppression written for "reads
// CompanyName" never silences "creates, deletes and writes everything" at the same place.
import type { PlanAccessRule } from "../plan/types.js";

export function grantedRights(rule: PlanAccessRule): string {
  const read = rule.members.filter((m) => m.rights !== "None").map((m) => m.member);
  const written = rule.members.filter((m) => m.rights === "ReadWrite").map((m) => m.member);
  const parts = [
    rule.allowCreate ? "create" : "",
    rule.allowDelete ? "delete" : "",
    read.length ? `read ${read.join(", ")}` : "",
    written.length ? `write ${written.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "no rights";
}
