// ASu_ConnectionDetails_Check: the after-startup check. ASu_ is the prefix Mendix's naming
// conventions give a sub-microflow of the app's after-startup microflow (docs.mendix.com/refguide/
// dev-best-practices, microflow prefixes; CLEVR ACR rule "After startup project microflow should be
// named properly": the app's own is AfterStartUp, and ASu_ marks the microflows it calls). It logs a warning, never a value, when the
// Encryption key is missing or not 32 characters, a stored URL is not HTTPS, or a deploy-time
// constant is blank. A module cannot register itself as the app's after-startup microflow (the app
// has one, settings.RuntimeSettings.afterStartupMicroflow): the app's own after-startup microflow
// calls this one (kit README, SECURITY.md checklist). It returns true, so a failing check never
// stops the app from starting: the warnings say what to fix.
//
// The key rule is the Encryption module's: EncryptString and DecryptString refuse a key whose
// length is not 32 (javasource/encryption/actions/EncryptString.java, DecryptString.java).
import type { Spec } from "../spec/schema.js";
import { constants, endpoints } from "./connection.js";
import { CD, urlHasBlank } from "./connection-steps.js";
import { USE_ME } from "./folders.js";
import { GET_APPLICATION_ROOT_URL } from "./java-actions.js";
import { attr, bool, constant, empty, fn, int, not, op, str, v, type Expr, type MicroflowStep } from "./steps.js";
import type { PlanMicroflow } from "./types.js";

export const STARTUP_CHECK = "ASu_ConnectionDetails_Check";
const KEY = "Encryption.EncryptionKey";

function warning(spec: Spec, text: string): MicroflowStep {
  return { kind: "log", level: "Warning", node: spec.module, message: { text, args: [] } };
}

function blank(value: Expr): Expr {
  return op(op(value, "=", empty), "or", op(fn("trim", value), "=", str("")));
}

export function startupCheckFlow(spec: Spec, encryption: boolean): PlanMicroflow {
  const key = constant(KEY);
  const keyCheck: MicroflowStep[] = encryption
    ? [{
        kind: "decision",
        caption: "Encryption key missing or not 32 characters?",
        condition: op(op(key, "=", empty), "or", op(fn("length", key), "!=", int(32))),
        then: [warning(spec, `${KEY} is missing or not 32 characters: the connector cannot encrypt or decrypt its secrets. Set it in this environment to 32 random printable ASCII characters.`)],
        else: [],
      }]
    : [];
  const urls = endpoints(spec).filter((e) => e.endsWith("Url"));
  const urlChecks: MicroflowStep[] = urls.flatMap((url): MicroflowStep[] => [
    {
      kind: "decision",
      caption: `${url} not HTTPS?`,
      condition: op(op(attr(CD, url), "!=", empty), "and", not(fn("startsWith", fn("toLowerCase", attr(CD, url)), str("https://")))),
      then: [warning(spec, `${CD}.${url} does not start with https://. Enter an https:// URL in the connection settings and save.`)],
      else: [],
    },
    // Issue 20: the save refuses these; one committed past it is refused at use, and named here.
    {
      kind: "decision",
      caption: `${url} has a space or control character?`,
      condition: op(op(attr(CD, url), "!=", empty), "and", urlHasBlank(CD, url)),
      then: [warning(spec, `${CD}.${url} holds a space or control character: the connector does not use it. Enter the URL again in the connection settings and save.`)],
      else: [],
    },
  ]);
  const constantChecks: MicroflowStep[] = constants(spec).map((c) => ({
    kind: "decision",
    caption: `${c.name} blank?`,
    condition: blank(constant(`${spec.module}.${c.name}`)),
    then: [warning(spec, `The constant ${spec.module}.${c.name} is blank: set it for this environment at deploy time.`)],
    else: [],
  }));
  // Issue 20: the redirect URI is built from the Application Root URL (GetApplicationRootUrl), which
  // only the authorization-code kit ships; an http:// root would make every redirect URI plain HTTP.
  const rootCheck: MicroflowStep[] = spec.auth.scheme === "oauth-authorization-code"
    ? [
        { kind: "callJava", out: "AppRootUrl", action: `${spec.module}.${GET_APPLICATION_ROOT_URL}`, args: [] },
        {
          kind: "decision",
          caption: "Application Root URL not HTTPS?",
          condition: not(fn("startsWith", fn("toLowerCase", v("AppRootUrl")), str("https://"))),
          then: [warning(spec, "The Application Root URL is not an https:// URL (or not set): users cannot connect, because the OAuth redirect URI would not be HTTPS. Set it in this environment's runtime settings.")],
          else: [],
        },
      ]
    : [];
  return {
    name: STARTUP_CHECK,
    folder: USE_ME,
    documentation:
      `Checks the connector's configuration when the app starts and logs a warning on the ${spec.module} log node for each problem, never a value: ` +
      (encryption ? `${KEY} missing or not 32 characters; ` : "") +
      `a saved ${urls.join(", ")} that does not start with https:// or holds a space or control character` +
      (constants(spec).length ? "; a deploy-time constant that is blank" : "") +
      (spec.auth.scheme === "oauth-authorization-code" ? "; an Application Root URL that is not https://" : "") +
      ". Call it from the app's after-startup microflow (App Settings > Runtime): a module cannot register its own. " +
      "Returns true, so the app always starts. Private to server-side calls: no allowed roles.",
    allowedRoles: [],
    applyEntityAccess: false,
    parameters: [],
    returnType: "Boolean",
    steps: [
      ...keyCheck,
      { kind: "retrieve", out: CD, entity: CD, where: [], first: true },
      { kind: "decision", caption: "Settings saved?", condition: op(v(CD), "!=", empty), then: urlChecks, else: [] },
      ...constantChecks,
      ...rootCheck,
      { kind: "return", value: bool(true) },
    ],
  };
}
