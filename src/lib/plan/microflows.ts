// Microflow skeletons by Mendix conventions (ACT_, DS_, SUB_): public API in _USE_ME, helpers
// that touch secrets in Private with no allowed roles, so a client can never call them.
import type { Spec } from "../spec/schema.js";
import { adminSecrets, usesDatabaseSecrets } from "./connection.js";
import { PRIVATE, USE_ME } from "./folders.js";
import { schemeOf } from "./schemes/index.js";
import type { PlanMicroflow, PlanMicroflowStep, PlanRole } from "./types.js";

export function buildMicroflows(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  const configuration = roles.filter((r) => r.kind === "configuration").map((r) => r.name);
  const configurationWriters = roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name);
  const database = usesDatabaseSecrets(spec);
  const secrets = adminSecrets(spec);

  const flows: PlanMicroflow[] = [
    {
      name: "DS_ConnectionDetails_Get",
      folder: USE_ME,
      documentation:
        "Returns the single ConnectionDetails object, creating it with the generated defaults when none exists. " +
        "Entity access is off because no role may create ConnectionDetails; it only ever returns that one object.",
      allowedRoles: configuration,
      applyEntityAccess: false,
      parameters: [],
      returnType: "ConnectionDetails",
      steps: [{ kind: "note", text: "Retrieve the first ConnectionDetails from the database; create and commit one if there is none." }],
    },
    {
      name: "ACT_ConnectionDetails_Save",
      folder: USE_ME,
      documentation:
        "Validates and commits the connection settings" +
        (database ? " and encrypts each newly entered secret with the Encryption module (then sets its IsSet flag). " : ". ") +
        "Entity access is off because the encrypted attributes are writable by no role; it writes only what it validated.",
      allowedRoles: configurationWriters,
      applyEntityAccess: false,
      parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }, ...(database ? [{ name: "SecretInput", type: "SecretInput" }] : [])],
      returnType: "Nothing",
      steps: [
        { kind: "note", text: "Refuse a BaseUrl (and token or authorization URL) that does not start with https://." },
        ...(database
          ? secrets.map((s): PlanMicroflowStep => ({
              kind: "encrypt",
              secret: s.name,
              from: `SecretInput/${s.name}`,
              toEntity: "ConnectionDetails",
              toAttribute: `Encrypted${s.name}`,
              isSetAttribute: `${s.name}IsSet`,
            }))
          : []),
        { kind: "note", text: "Commit ConnectionDetails; delete SecretInput." },
      ],
    },
    {
      name: "ACT_ConnectionDetails_Test",
      folder: USE_ME,
      documentation: `Calls ${spec.service.name} once with the saved settings and shows whether the connection works. Never shows a secret.`,
      allowedRoles: configuration,
      applyEntityAccess: true,
      parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }],
      returnType: "Boolean",
      steps: [{ kind: "note", text: "Call a cheap endpoint of the service through SUB_Request_Authenticate; report success or the HTTP status." }],
    },
    ...secrets.map((s): PlanMicroflow => ({
      name: `SUB_ConnectionDetails_Get${s.name}`,
      folder: PRIVATE,
      documentation: `Returns ${s.description} in plain text for one outgoing request. Private: no allowed roles, never call it from a page; never log or show its result.`,
      allowedRoles: [],
      applyEntityAccess: false,
      parameters: database ? [{ name: "ConnectionDetails", type: "ConnectionDetails" }] : [],
      returnType: "String",
      steps: [
        database
          ? { kind: "decrypt", secret: s.name, fromEntity: "ConnectionDetails", fromAttribute: `Encrypted${s.name}` }
          : { kind: "readConstant", secret: s.name, constant: `${spec.module}.${s.name}` },
      ],
    })),
    ...schemeOf(spec, roles).flows(),
  ];
  return flows;
}
