// The answers as a person reads them back before the kit is written. User text is made inert
// (lib/audit/inert.ts): it is printed to a terminal.
import { inert } from "../audit/inert.js";
import { DEFAULT_STRING_LENGTH } from "../spec/schema.js";

type Answers = Record<string, unknown>;

export function summarise(answers: Answers): string {
  const service = (answers.service ?? {}) as Answers;
  const auth = (answers.auth ?? {}) as Answers;
  const roles = (answers.roles ?? []) as Answers[];
  const entities = (answers.entities ?? []) as Answers[];
  const t = (value: unknown) => inert(String(value ?? ""));
  const authDetails = [
    auth.headerName !== undefined ? `header ${t(auth.headerName)}${auth.tokenPrefix ? ` "${t(auth.tokenPrefix)} ..."` : ""}` : "",
    auth.authorizationUrl ? `authorize at ${t(auth.authorizationUrl)}` : "",
    auth.tokenUrl ? `tokens from ${t(auth.tokenUrl)}` : "",
    Array.isArray(auth.scopes) && auth.scopes.length ? `scopes ${auth.scopes.map(t).join(" ")}` : "",
    Array.isArray(auth.readOnlyScopes) && auth.readOnlyScopes.length ? `read-only scopes ${auth.readOnlyScopes.map(t).join(" ")}` : "",
    auth.redirectPath ? `callback ${t(auth.redirectPath)}` : "",
    auth.secretStorage === "constant" ? "secrets in deploy-time constants" : auth.secretStorage ? "secrets encrypted in the database" : "",
  ].filter(Boolean);
  const lines = [
    "Summary:",
    `  Module     ${t(answers.module)}: ${firstLine(answers.description)}`,
    `  Service    ${t(service.name)} at ${t(service.baseUrl)}`,
    `  Auth       ${t(auth.scheme)}${authDetails.length ? ` (${authDetails.join("; ")})` : ""}`,
    "  Roles      Administrator (configuration), User (data)",
    // One role a line: a line stays within an 80-column terminal, which inquirer would break mid-word.
    ...roles.map((r) => `             ${t(r.name)} (${t(r.kind)}${r.readOnly ? ", read-only" : ""}${r.reach === "all" ? ", sees every user's objects" : ""})`),
  ];
  if (!entities.length) lines.push("  Entities   none");
  entities.forEach((entity, index) => {
    lines.push(`  ${index === 0 ? "Entities" : "        "}   ${t(entity.name)} (${t(entity.ownership ?? "shared")}${entity.persistable === false ? ", not stored" : ""}${entity.editable ? ", editable by users" : ""})`);
    const attributes = ((entity.attributes ?? []) as Answers[]).map(describeAttribute);
    lines.push(`               attributes: ${attributes.length ? attributes.join(", ") : "none"}`);
    const associations = ((entity.associations ?? []) as Answers[]).map((a) => `${t(a.to)} (${t(a.type ?? "reference")})`);
    if (associations.length) lines.push(`               refers to: ${associations.join(", ")}`);
  });
  return lines.join("\n");
}

function describeAttribute(attribute: Answers): string {
  const name = inert(String(attribute.name));
  const type = attribute.type === "string" ? `string(${String(attribute.length ?? DEFAULT_STRING_LENGTH)})` : inert(String(attribute.type ?? "string"));
  return `${name} ${type}${attribute.sensitive ? " sensitive" : ""}${attribute.editable ? " editable" : ""}`;
}

/** The first line of a text, with "..." when more follows. */
function firstLine(value: unknown): string {
  const [first = "", ...rest] = String(value ?? "").trim().split("\n");
  return inert(first) + (rest.length ? " ..." : "");
}
