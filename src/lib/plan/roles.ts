// Module roles: Administrator (configuration) and User (data) always, plus the spec's own roles.
import { listWords } from "../words.js";
import type { Spec } from "../spec/schema.js";
import { schemeOf } from "./schemes/index.js";
import type { PlanRole } from "./types.js";

export function buildRoles(spec: Spec): PlanRole[] {
  // A built-in role listed without documentation keeps its default text.
  const override = (name: string) => spec.roles.find((r) => r.name === name)?.documentation || undefined;
  const dataRoles = ["User", ...spec.roles.filter((r) => r.kind === "data" && r.name !== "User").map((r) => r.name)];
  const builtIn: PlanRole[] = [
    {
      name: "Administrator",
      kind: "configuration",
      readOnly: false,
      builtIn: true,
      reach: "own",
      documentation: override("Administrator") ?? administratorDocumentation(spec, dataRoles),
    },
    {
      name: "User",
      kind: "data",
      readOnly: false,
      builtIn: true,
      reach: "own",
      documentation: override("User") ?? userDocumentation(spec),
    },
  ];
  const custom = spec.roles
    .filter((r) => r.name !== "Administrator" && r.name !== "User")
    .map((r): PlanRole => ({ name: r.name, kind: r.kind, readOnly: r.readOnly, documentation: r.documentation, builtIn: false, reach: r.reach }));
  return [...builtIn, ...custom];
}

function administratorDocumentation(spec: Spec, dataRoles: string[]): string {
  const storage = "secretStorage" in spec.auth ? spec.auth.secretStorage : "database";
  const secrets = schemeOf(spec).adminSecrets().length === 0
    ? ""
    : storage === "constant"
      ? " Secrets are deploy-time constants and are not managed here."
      : " Enters secrets once; they are stored encrypted and can never be read back.";
  return (
    `Configuration role: manages the connection to ${spec.service.name} (base URL and ${spec.auth.scheme} settings).${secrets} ` +
    `Has no access to the connector's data. Do not combine with ${listWords(dataRoles)} in one user role ` +
    `unless your organisation decides administrators may see the data.`
  );
}

function userDocumentation(spec: Spec): string {
  const owned = spec.entities.filter((e) => e.ownership === "user" && e.persistable).map((e) => e.name);
  const scope = owned.length ? ` For ${owned.join(", ")} only the objects the user owns.` : "";
  return (
    `Data role: works with the connector's data from ${spec.service.name}.${scope} ` +
    `Has no access to connection details or secrets. Do not combine with Administrator in one user role ` +
    `unless your organisation decides so.`
  );
}
