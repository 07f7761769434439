// api-token: an encrypted API token sent with every request in the header the answers file names.
// A Call REST header's name is fixed text in the model (SDK HttpHeaderEntry.key is a string, not an
// expression; MDL restCallHeaderClause `header 'Name' = expr`, mendixlabs/mxcli
// mdl/grammar/domains/MDLMicroflow.g4 @6f336073), so the header name is decided at generation from
// auth.headerName, never by a runtime setting. TokenPrefix stays a setting: it is part of the value.
import { CD } from "../connection-steps.js";
import { text } from "../members.js";
import { attr, empty, fn, op, str, v, type MicroflowStep } from "../steps.js";
import { authenticateFlow, headerFromAuthenticate, HTTPS_REQUIREMENT, requestTest } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const apiToken: AuthScheme<"api-token"> = {
  name: "api-token",
  adminSecrets: ({ spec }) => [{ name: "ApiToken", description: `the ${spec.service.name} API token` }],
  settings: ({ auth }) => [
    text("TokenPrefix", 200, "Text put before the token in the header (e.g. Bearer); empty for none.", { defaultValue: auth.tokenPrefix }),
  ],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: ({ auth, spec }) => {
    const warn = (text: string): MicroflowStep => ({ kind: "log", level: "Warning", node: spec.module, message: { text, args: [] } });
    return [
    authenticateFlow(`TokenPrefix and a space followed by the API token (the token alone when TokenPrefix is blank), for the ${auth.headerName} header (fixed at generation); empty, with a warning that names the cause, when the settings are not saved or no token can be used. Never logs or shows the token.`, [
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      // Issue 20: no settings saved yet: send no header rather than fail on $ConnectionDetails/... below.
      {
        kind: "decision",
        caption: "Not configured?",
        condition: op(v(CD), "=", empty),
        then: [warn("No API token sent: the connection settings are not saved yet."), { kind: "return", value: empty }],
        else: [],
      },
      {
        kind: "callMicroflow",
        out: "ApiToken",
        microflow: "SUB_ConnectionDetails_GetApiToken",
        // Database storage decrypts from ConnectionDetails; a deploy-time constant needs no argument.
        args: "secretStorage" in auth && auth.secretStorage === "database" ? [{ param: CD, value: v(CD) }] : [],
      },
      // Issue 20: no usable token (never entered, cleared, or refused for changed endpoints): send no
      // header at all rather than "Bearer " with nothing after it.
      {
        kind: "decision",
        caption: "No API token?",
        condition: op(op(v("ApiToken"), "=", empty), "or", op(fn("trim", v("ApiToken")), "=", str(""))),
        then: [warn("No API token sent: it is not set, or was entered for other endpoints. Enter it in the connection settings."), { kind: "return", value: empty }],
        else: [],
      },
      {
        kind: "decision",
        caption: "A token prefix set?",
        condition: op(op(attr(CD, "TokenPrefix"), "!=", empty), "and", op(fn("trim", attr(CD, "TokenPrefix")), "!=", str(""))),
        then: [{ kind: "return", value: op(op(fn("trim", attr(CD, "TokenPrefix")), "+", str(" ")), "+", v("ApiToken")) }],
        else: [],
      },
      { kind: "return", value: v("ApiToken") },
    ]),
    ];
  },
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The API token travels with every request: TLS is its only protection, so never call the service over plain HTTP.",
  ],
  // The header name is fixed in the model (see above), so only BaseUrl decides where the token goes.
  endpoints: [],
  secretsBoundTo: ["BaseUrl"],
  dependencies: () => [],
  connectionTest: ({ auth }) => requestTest("API token", headerFromAuthenticate(auth.headerName)),
  checklist: () => [],
  requestAuthentication: ({ auth }) => headerFromAuthenticate(auth.headerName),
  sequenceDiagrams: () => [],
};
