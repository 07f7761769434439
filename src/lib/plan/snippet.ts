// The Administrator's configuration snippet SNIP_ConnectionDetails, described once as a widget tree
// (widgets.ts) that both appliers render, and the microflow its secret inputs come from.
//
// - The outer data view shows ConnectionDetails from DS_ConnectionDetails_Get: a text box per
//   non-secret setting and a read-only check box per IsSet flag. No widget is bound to an
//   Encrypted... attribute (the audit rule SecretNotOnPage fails otherwise).
// - With database secrets, a nested data view holds a fresh non-persistable SecretInput from
//   DS_SecretInput_New: one password text box per secret. It starts empty on every page load, so the
//   snippet never shows a secret; ACT_ConnectionDetails_Save encrypts what is typed.
// - Buttons call the existing microflows; each parameter is filled from the data view of its type
//   (the enclosing one, or the outer one by name). Allowed roles sit on those microflows: snippets
//   have none of their own.
import type { Spec } from "../spec/schema.js";
import { adminSecrets, CLEAR_SECRETS, connectionDetails, REPLACE_STORED, usesDatabaseSecrets } from "./connection.js";
import { CD } from "./connection-steps.js";
import { USE_ME } from "./folders.js";
import { v, type MicroflowStep } from "./steps.js";
import type { PlanMicroflow, PlanRole } from "./types.js";
import type { ButtonStyle, SnippetDescription, Widget } from "./widgets.js";

export const SNIPPET = "SNIP_ConnectionDetails";
export const GET_CONNECTION = "DS_ConnectionDetails_Get";
export const NEW_SECRET_INPUT = "DS_SecretInput_New";
export const SAVE_CONNECTION = "ACT_ConnectionDetails_Save";
export const TEST_CONNECTION = "ACT_ConnectionDetails_Test";
const SECRET_INPUT = "SecretInput";

/** DS_SecretInput_New: a fresh, empty SecretInput for the snippet's password boxes. Database secrets only. */
export function secretInputFlow(spec: Spec, roles: PlanRole[]): PlanMicroflow[] {
  if (!usesDatabaseSecrets(spec)) return [];
  const steps: MicroflowStep[] = [
    { kind: "create", out: `New${SECRET_INPUT}`, entity: SECRET_INPUT, members: [] },
    { kind: "return", value: v(`New${SECRET_INPUT}`) },
  ];
  return [
    {
      name: NEW_SECRET_INPUT,
      folder: USE_ME,
      documentation:
        `Returns a new, empty ${SECRET_INPUT} (non-persistable) for the password boxes of ${SNIPPET}: it reads no stored secret, so the page never shows one. ` +
        `${SAVE_CONNECTION} encrypts what is typed and discards the object. Allowed for every configuration role so the snippet opens for read-only roles too; ` +
        `their entity access gives them no rights on ${SECRET_INPUT}, so they cannot type into it. Entity access is off because the object is created empty and holds nothing.`,
      allowedRoles: roles.filter((r) => r.kind === "configuration").map((r) => r.name),
      applyEntityAccess: false,
      parameters: [],
      returnType: SECRET_INPUT,
      steps,
    },
  ];
}

/** The snippet as a widget tree; `flows` are the plan's microflows, whose parameters the buttons fill. */
export function connectionSnippet(spec: Spec, roles: PlanRole[], flows: PlanMicroflow[]): SnippetDescription {
  const database = usesDatabaseSecrets(spec);
  const entity = connectionDetails(spec, roles);
  const outer = "dvConnectionDetails";
  const inner = "dvSecretInput";
  const settings: Widget[] = entity.attributes
    .filter((a) => !a.encrypted && !a.systemSet)
    .map((a): Widget =>
      a.type === "boolean"
        ? { kind: "checkBox", name: `cbx${a.name}`, label: label(a.name), attribute: a.name, editable: true }
        : { kind: "textBox", name: `txt${a.name}`, label: label(a.name), attribute: a.name, password: false },
    );
  const flags: Widget[] = database
    ? adminSecrets(spec).map((s): Widget => ({
        kind: "checkBox",
        name: `cbx${s.name}IsSet`,
        label: `${label(s.name)} is set`,
        attribute: `${s.name}IsSet`,
        editable: false,
      }))
    : [];
  const scope = new Map<string, string>([[CD, outer]]);
  const button = (name: string, caption: string, style: ButtonStyle, microflow: string, dataViews: Map<string, string>): Widget => {
    const flow = flows.find((f) => f.name === microflow);
    if (!flow) throw new Error(`${SNIPPET}: no microflow ${microflow} in the plan`);
    return {
      kind: "actionButton",
      name,
      caption,
      style,
      microflow,
      args: flow.parameters.map((p) => {
        const dataView = dataViews.get(p.type);
        if (!dataView) throw new Error(`${SNIPPET}: ${microflow} takes ${p.name} (${p.type}), which no enclosing data view holds`);
        return { parameter: p.name, dataView };
      }),
    };
  };
  const innerScope = new Map([...scope, [SECRET_INPUT, inner]]);
  const secretView: Widget[] = database
    ? [
        {
          kind: "dataView",
          name: inner,
          entity: SECRET_INPUT,
          source: NEW_SECRET_INPUT,
          widgets: [
            ...adminSecrets(spec).map((s): Widget => ({
              kind: "textBox",
              name: `txtNew${s.name}`,
              label: `New ${label(s.name).toLowerCase()} (leave empty to keep the stored one)`,
              attribute: s.name,
              password: true,
            })),
            // Issue 20: an explicit choice, so a browser's autofill cannot replace a stored secret unseen.
            { kind: "checkBox", name: `cbx${REPLACE_STORED}`, label: "Replace the stored secrets", attribute: REPLACE_STORED, editable: true },
          ],
          footer: [button("btnSave", "Save", "Primary", SAVE_CONNECTION, innerScope)],
        },
      ]
    : [];
  const footer: Widget[] = [
    ...(database ? [] : [button("btnSave", "Save", "Primary", SAVE_CONNECTION, scope)]),
    button("btnTest", "Test saved connection", "Default", TEST_CONNECTION, scope),
    ...(database ? [button("btnClearSecrets", "Clear stored secrets", "Danger", CLEAR_SECRETS, scope)] : []),
  ];
  return {
    name: SNIPPET,
    folder: USE_ME,
    documentation:
      `Connection settings for ${spec.service.name}, for the Administrator: place it on a page that only configuration roles can open. ` +
      "It shows the non-secret settings" +
      (database ? ", whether each secret is set, and one write-only password box per secret (empty on every load; an empty box keeps the stored secret)" : "") +
      `. Save validates and commits (${SAVE_CONNECTION}); Test tests what was saved (${TEST_CONNECTION})` +
      (database ? `; Clear stored secrets removes them (${CLEAR_SECRETS})` : "") +
      ". It never shows a secret: no widget is bound to an encrypted attribute.",
    widgets: [{ kind: "dataView", name: outer, entity: CD, source: GET_CONNECTION, widgets: [...settings, ...flags, ...secretView], footer }],
  };
}

/** "BaseUrl" -> "Base URL", "ClientId" -> "Client ID": a label from a Mendix name (fixed text, never user input). */
export function label(name: string): string {
  return name
    .split(/(?<=[a-z0-9])(?=[A-Z])/)
    .map((word, i) => (word === "Url" || word === "Id" ? word.toUpperCase() : i === 0 ? word : word.toLowerCase()))
    .join(" ");
}
