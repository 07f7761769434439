// A read-only role documented for reporting, support or auditing usually needs every user's rows;
// with reach "own" it sees only its own, so its reports are silently incomplete.
import { defineRule, rolePlace } from "../places.js";

const REPORTING = /\b(report(?:s|ing)?|support|audit(?:s|ing|or|ors)?|analytics|dashboards?)\b/i;

export const reportingReach = defineRule({
  name: "ReportingReach",
  severity: "warning",
  description: "A read-only role documented for reporting or support says whether it sees every user's objects.",
  help:
    "On user-owned entities a data role sees only the current user's objects unless the spec gives it reach: all. A " +
    "read-only role whose documentation says it is for reporting, support or auditing but keeps reach: own sees only " +
    "the rows its own user owns, so its reports are incomplete without anyone noticing. Fix: set reach: all on the role " +
    "(SECURITY.md then says it sees every user's objects), or reword its documentation.",
}, (spec, plan, found) => {
  const owned = plan.entities.filter((e) => e.purpose === "data" && e.ownership === "user" && e.persistable).map((e) => e.name);
  if (owned.length === 0) return [];
  return plan.roles
    .filter((role) => role.kind === "data" && role.readOnly && role.reach === "own" && REPORTING.test(role.documentation))
    .map((role) => found(rolePlace(spec, role.name),
      `read-only role ${role.name} is documented for reporting or support but sees only its own ${owned.join(", ")} objects`,
      `set reach: all on ${role.name} if it must see every user's objects, or say in its documentation that it sees only its own`));
});
