// Microflow skeletons by Mendix conventions (ACT_, DS_, SUB_): public API in _USE_ME, helpers
// that touch secrets in Private with no allowed roles, so a client can never call them. The
// scheme adds its own flows; bodies beyond encrypt/decrypt/readConstant are precise notes.
import type { Spec } from "../spec/schema.js";
import { adminSecrets, CLEAR_SECRETS, endpointPolicy, endpoints, usesDatabaseSecrets } from "./connection.js";
import { PRIVATE, USE_ME } from "./folders.js";
import { schemeOf } from "./schemes/index.js";
import type { PlanMicroflow, PlanMicroflowStep, PlanRole } from "./types.js";

export function buildMicroflows(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  const configuration = roles.filter((r) => r.kind === "configuration").map((r) => r.name);
  const configurationWriters = roles.filter((r) => r.kind === "configuration" && !r.readOnly).map((r) => r.name);
  const database = usesDatabaseSecrets(spec);
  const scheme = schemeOf(spec, roles);
  const secrets = adminSecrets(spec);
  const test = scheme.connectionTest();
  const guarded = endpointPolicy(spec) !== "no-secrets";

  const flows: PlanMicroflow[] = [
    {
      name: "DS_ConnectionDetails_Get",
      folder: USE_ME,
      documentation:
        "Returns the single ConnectionDetails object, creating it with the generated defaults when none exists. " +
        "Entity access is off because no role may create ConnectionDetails; it only ever returns that one object.",
      allowedRoles: [...configuration],
      applyEntityAccess: false,
      parameters: [],
      returnType: "ConnectionDetails",
      steps: [{ kind: "note", text: "Retrieve the first ConnectionDetails from the database; create and commit one if there is none." }],
    },
    saveFlow(spec, roles, configurationWriters),
    ...(database ? [clearSecretsFlow(spec, roles, configurationWriters)] : []),
    {
      name: "ACT_ConnectionDetails_Test",
      folder: USE_ME,
      documentation:
        `Tests the saved connection to ${spec.service.name} and shows the result: ${test.proves}${secrets.length ? " Never shows a secret." : ""}` +
        (guarded ? " It takes no object from the page: it tests what ACT_ConnectionDetails_Save committed, so an endpoint typed but not saved never receives a stored secret." : " It takes no object from the page: it tests what ACT_ConnectionDetails_Save committed."),
      allowedRoles: [...configuration],
      applyEntityAccess: true,
      parameters: [],
      returnType: "Boolean",
      steps: [
        {
          kind: "note",
          text:
            "Retrieve the committed ConnectionDetails from the database with an XPath retrieve (not by association or id, which return the page's changed object; docs.mendix.com/refguide/objects-and-caching/)." +
            (guarded ? " An endpoint changed on the page but not saved has not passed ACT_ConnectionDetails_Save, which clears the secrets when a host changes; testing it would send the stored secret there." : ""),
        },
        ...test.steps,
      ],
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
    ...scheme.flows(),
  ];
  return flows;
}

/** Cached tokens the connector keeps: cleared with the secrets, since they were obtained for the old host. */
function tokenEntityNames(spec: Spec, roles: PlanRole[]): string[] {
  return schemeOf(spec, roles).runtimeEntities().filter((e) => e.purpose === "token").map((e) => e.name);
}

function saveFlow(spec: Spec, roles: PlanRole[], writers: string[]): PlanMicroflow {
  const database = usesDatabaseSecrets(spec);
  const secrets = adminSecrets(spec);
  const policy = endpointPolicy(spec);
  const watched = endpoints(spec);
  const tokens = tokenEntityNames(spec, roles);
  const clearList = [
    ...secrets.map((s) => `clear Encrypted${s.name} (and set ${s.name}IsSet to false)`),
    ...tokens.map((t) => `delete every ${t}`),
  ];
  const endpointStep: PlanMicroflowStep[] =
    policy === "clear-secrets-on-host-change"
      ? [{
          kind: "note",
          text:
            `Retrieve the committed ConnectionDetails from the database and compare the host of ${watched.filter((e) => e.endsWith("Url")).join(", ")}` +
            `${watched.some((e) => !e.endsWith("Url")) ? ` and the value of ${watched.filter((e) => !e.endsWith("Url")).join(", ")}` : ""} with the values being saved. ` +
            `If any changed, ${clearList.join(" and ")}, so no stored secret or token is ever sent to the new host; the Administrator enters the secrets again for it.`,
        }]
      : policy === "fixed"
        ? [{ kind: "note", text: `${watched.join(", ")} are fixed in the model (read-only for every role): the deploy-time secrets are only ever sent there.` }]
        : [];
  const encryptSteps: PlanMicroflowStep[] = database
    ? secrets.flatMap((s): PlanMicroflowStep[] => [
        { kind: "note", text: `If SecretInput/${s.name} is empty, keep the stored Encrypted${s.name} and ${s.name}IsSet and skip the next step: saving without retyping a secret never erases it (clearing is ${CLEAR_SECRETS}).` },
        { kind: "encrypt", secret: s.name, from: `SecretInput/${s.name}`, toEntity: "ConnectionDetails", toAttribute: `Encrypted${s.name}`, isSetAttribute: `${s.name}IsSet` },
      ])
    : [];
  const reason = database
    ? "Entity access is off because the encrypted attributes are writable by no role; it writes only what it validated."
    : "Entity access is on: it writes only what the calling role may write.";
  return {
    name: "ACT_ConnectionDetails_Save",
    folder: USE_ME,
    documentation:
      "Validates and commits the connection settings" +
      (database
        ? ". It encrypts each newly entered secret with the Encryption module and sets its IsSet flag; an empty input keeps the stored secret. "
        : ". ") +
      (policy === "clear-secrets-on-host-change" ? "When an endpoint's host changes it clears the stored secrets and cached tokens, so they are never sent to a host they were not entered for. " : "") +
      reason,
    allowedRoles: [...writers],
    applyEntityAccess: !database,
    parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }, ...(database ? [{ name: "SecretInput", type: "SecretInput" }] : [])],
    returnType: "Nothing",
    steps: [
      { kind: "note", text: `Refuse ${endpoints(spec).filter((e) => e.endsWith("Url")).join(", ")} unless it starts with https://.` },
      ...endpointStep,
      ...encryptSteps,
      { kind: "note", text: database ? "Commit ConnectionDetails (and the deletions above); delete SecretInput." : "Commit ConnectionDetails." },
    ],
  };
}

function clearSecretsFlow(spec: Spec, roles: PlanRole[], writers: string[]): PlanMicroflow {
  const secrets = adminSecrets(spec);
  const tokens = tokenEntityNames(spec, roles);
  return {
    name: CLEAR_SECRETS,
    folder: USE_ME,
    documentation:
      "Clears every stored secret on purpose (and deletes the cached tokens obtained with them): the explicit way to remove a secret, since an empty input on save keeps it. " +
      "Use it before changing Encryption.EncryptionKey, which has no rotation for {AES3}. Entity access is off because the encrypted attributes are writable by no role.",
    allowedRoles: [...writers],
    applyEntityAccess: false,
    parameters: [{ name: "ConnectionDetails", type: "ConnectionDetails" }],
    returnType: "Nothing",
    steps: [
      { kind: "note", text: `Set ${secrets.map((s) => `Encrypted${s.name} to empty and ${s.name}IsSet to false`).join("; ")}.` },
      ...(tokens.length ? [{ kind: "note" as const, text: `Delete every ${tokens.join(" and every ")}: they were obtained with the cleared secrets.` }] : []),
      { kind: "note", text: "Commit ConnectionDetails and the deletions." },
    ],
  };
}
