// What SECURITY.md shows, computed from the plan so the template only lays it out.
import type { Plan, PlanAccessRule, PlanEntity, PlanRole } from "../plan/types.js";
import { allSteps } from "../plan/steps.js";

export interface MatrixRow {
  entity: string;
  purpose: string;
  cells: string[];
}

export interface RuleRow {
  role: string;
  create: string;
  delete: string;
  read: string;
  write: string;
  xpath: string;
}

const PURPOSE: Record<PlanEntity["purpose"], string> = {
  data: "data",
  configuration: "configuration",
  "secret-input": "secret input (not stored)",
  token: "token (private)",
  "authorization-request": "sign-in state (private)",
  "token-response": "token response (not stored)",
  "role-marker": "full data role marker (read by full data roles only)",
};

/** Role × entity overview: one compact cell per pair, "—" where the role has no access at all. */
export function accessMatrix(plan: Plan): { roles: string[]; rows: MatrixRow[] } {
  const roles = plan.roles.map((r) => r.name);
  const rows = plan.entities.map((entity) => ({
    entity: entity.name,
    purpose: PURPOSE[entity.purpose],
    cells: roles.map((role) => summarise(entity.accessRules.find((r) => r.role === role))),
  }));
  return { roles, rows };
}

function summarise(rule: PlanAccessRule | undefined): string {
  if (!rule) return "—";
  const reads = rule.members.some((m) => m.rights !== "None");
  const writes = rule.members.some((m) => m.rights === "ReadWrite");
  const letters = [rule.allowCreate ? "C" : "", reads ? "R" : "", writes ? "W" : "", rule.allowDelete ? "D" : ""].join("");
  return `${letters || "none"}${rule.xpath ? " (own)" : ""}`;
}

export function ruleRows(entity: PlanEntity): RuleRow[] {
  const names = (rule: PlanAccessRule, pick: (rights: string) => boolean) => {
    const chosen = rule.members.filter((m) => pick(m.rights)).map((m) => m.member);
    if (chosen.length === 0) return "none";
    return chosen.length === rule.members.length ? `all (${chosen.join(", ")})` : chosen.join(", ");
  };
  return entity.accessRules.map((rule) => ({
    role: rule.role,
    create: rule.allowCreate ? "yes" : "no",
    delete: rule.allowDelete ? "yes" : "no",
    read: names(rule, (r) => r !== "None"),
    write: names(rule, (r) => r === "ReadWrite"),
    xpath: rule.xpath ?? "",
  }));
}

/** What a role reaches on user-owned data, as SECURITY.md says it. */
export function reach(role: PlanRole): string {
  if (role.kind === "configuration") return "none (no data)";
  return role.reach === "all" ? "all users' objects" : "own objects only";
}

/** How the stored secrets are kept, cleared and tied to their endpoints, one paragraph each. */
export function secretHandling(plan: Plan): string[] {
  const lines: string[] = [];
  const admin = plan.secrets.filter((s) => s.source === "administrator");
  const clearedBy = admin.find((s) => s.clearedBy)?.clearedBy;
  if (admin.length > 0) {
    lines.push(
      "Saving the connection details without typing a secret keeps the stored one (an empty input never erases it). " +
        (clearedBy ? `Clearing the secrets is an explicit action: ${clearedBy}, for configuration roles that are not read-only.` : ""),
    );
  }
  if (plan.auth.endpointPolicy === "secrets-bound-to-endpoints") {
    lines.push(
      `A secret is only sent where it was entered for. Each stored secret is bound to the exact values of ${plan.auth.secretsBoundTo.join(", ")} ` +
        `when it was entered, each recorded in its own ConnectionDetails attribute (${(plan.auth.bindingAttributes ?? []).join(", ")}), which no role may write, and compared one by one. ` +
        "The private sub-microflow that decrypts a secret first compares the current values with the recorded ones; when any differs, it decrypts nothing, sends nothing and logs a warning (naming the settings, never a value) that the secret must be entered again. " +
        "The check sits where the secret is used, not only where it is saved, because an Administrator may write these settings and can commit them past ACT_ConnectionDetails_Save (a default Save button on a page, or mx.data.commit from the browser console). " +
        "Such a commit cannot redirect a secret: the worst it does is make the connector stop sending it until the Administrator enters it again. " +
        "ACT_ConnectionDetails_Save clears every stored secret and deletes every cached token when an endpoint's origin changes, and it records new endpoint values only when the secrets are typed in that save. " +
        "So any other difference, such as a URL that hides another host (https://api.example:443@other.example) or a path changed on a shared multi-tenant host, is caught by the exact comparison before decrypting, without relying on URL parsing. " +
        "Otherwise an Administrator could point the connector at an endpoint they control and receive the decrypted secret there.",
    );
  } else if (plan.auth.endpointPolicy === "fixed") {
    lines.push(
      `A secret is only sent where it was set for: the secrets are deploy-time constants, which no microflow can clear, so the endpoints (${plan.auth.endpoints.join(", ")}) are fixed in the model and no role may change them.`,
    );
  }
  return lines;
}

/** Roles that must not share a user role with this one (configuration vs data). */
export function incompatibleRoles(plan: Plan, role: PlanRole): string[] {
  return plan.roles.filter((other) => other.kind !== role.kind).map((other) => other.name);
}

export function mermaidEntities(plan: Plan): string {
  const lines = ["erDiagram"];
  for (const entity of plan.entities) {
    lines.push(`  ${entity.name} {`);
    for (const a of entity.attributes) lines.push(`    ${a.type} ${a.name}${a.encrypted ? ' "encrypted"' : ""}`);
    lines.push("  }");
  }
  for (const entity of plan.entities) {
    for (const a of entity.associations) {
      // Mermaid names cannot hold a dot: System.User is drawn as System_User.
      lines.push(`  ${a.parent} ${a.type === "reference-set" ? "}o--o{" : "}o--o|"} ${a.child.replace(".", "_")} : ${a.name}`);
    }
    if (entity.storeOwner) lines.push(`  ${entity.name} }o--|| System_User : owner`);
  }
  return lines.join("\n");
}

export function mermaidAccess(plan: Plan): string {
  const lines = ["flowchart LR"];
  for (const role of plan.roles) lines.push(`  role_${role.name}(["${role.name} (${role.kind}${role.readOnly ? ", read-only" : ""})"])`);
  for (const entity of plan.entities) lines.push(`  entity_${entity.name}[${entity.name}]`);
  for (const entity of plan.entities) {
    for (const rule of entity.accessRules) lines.push(`  role_${rule.role} -->|"${summarise(rule)}"| entity_${entity.name}`);
  }
  return lines.join("\n");
}

export interface FlowSummary {
  name: string;
  access: string;
  documentation: string;
  /** Microflows and Java actions its typed steps call, derived from the plan. */
  calls: string[];
  /** The HTTP requests its typed steps send: method, target setting and how they authenticate. */
  requests: string[];
}

/**
 * One short description per microflow for SECURITY.md, read from the plan (its documentation and
 * its typed steps), so it stays true whenever a flow changes.
 */
export function flowSummaries(plan: Plan): FlowSummary[] {
  return plan.microflows.map((flow) => {
    const steps = allSteps(flow.steps);
    const unique = (items: string[]) => [...new Set(items)];
    const calls = unique(steps.flatMap((s) => (s.kind === "callMicroflow" ? [s.microflow] : s.kind === "callJava" ? [s.action] : [])));
    const requests = unique(steps.flatMap((s) => {
      if (s.kind !== "rest") return [];
      const targets = s.url.args.flatMap((a) => (a.k === "attr" ? [a.attribute] : []));
      const auth = [...s.headers.map((h) => `header ${h.name}`), ...(s.basicAuth ? ["HTTP basic authentication"] : [])];
      return [`${s.method} to ${targets.join(", ") || "a fixed URL"}${auth.length ? ` with ${auth.join(" and ")}` : " without credentials"}`];
    }));
    return {
      name: flow.name,
      access: flow.allowedRoles.length ? `allowed for ${flow.allowedRoles.join(", ")}` : "private (no allowed roles)",
      documentation: flow.documentation,
      calls,
      requests,
    };
  });
}
