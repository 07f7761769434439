// Every module role says what it is for and what it must not be combined with; a placeholder or a
// few words leave the app's administrator guessing when they map user roles.
import { defineRule, rolePlace } from "../places.js";
import type { Rule } from "../types.js";

export const MIN_ROLE_DOCUMENTATION = 20;

const PLACEHOLDER_WORDS = /\b(todo|tbd|tba|fixme|xxx|lorem ipsum|placeholder|to be (?:written|documented|defined))\b/i;
const PLACEHOLDER_WHOLE = /^(?:n\/?a|none|-+|\.+|\?+|description|documentation|role|test|temp|\w+ role)$/i;

/** Why a documentation text is not good enough, or undefined when it is. */
export function documentationProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "has no documentation";
  if (PLACEHOLDER_WHOLE.test(trimmed) || PLACEHOLDER_WORDS.test(trimmed)) return "has placeholder documentation";
  if (trimmed.length < MIN_ROLE_DOCUMENTATION) return `has documentation shorter than ${MIN_ROLE_DOCUMENTATION} characters`;
  return undefined;
}

export const roleDocumented: Rule = defineRule({
  name: "RoleDocumented",
  severity: "error",
  description: "Every module role has documentation that says what it is for and what it must not be combined with.",
  help:
    "Module roles carry a Documentation text (Model SDK: ModuleRole.description). Mendix's guidance asks for granular, " +
    "documented roles so the app's administrator can map user roles safely. The audit refuses empty text, placeholders " +
    `(TODO, TBD, n/a, ...) and text shorter than ${MIN_ROLE_DOCUMENTATION} characters. Fix: write one or two sentences in ` +
    "roles[].documentation. Related: mxcli lint QUAL002 MissingDocumentation; mxlint entity/page documentation rules.",
}, (spec, plan, found) => {
  return plan.roles.flatMap((role) => {
    const problem = documentationProblem(role.documentation);
    if (!problem) return [];
    return [found(rolePlace(spec, role.name, "documentation"),
      `module role ${role.name} ${problem}`,
      `describe what ${role.name} may do and which roles it must not be combined with, in a sentence or two`)];
  });
});
