// The edge that cannot exist here, Mendix's model server, as a fake IModelServerClient passed
// through the SDK's `ISdkConfig.client` hook. Everything above it is the real mendixmodelsdk:
// model objects, per-version property checks, qualified-name lookup and delta creation.
//
// What the fake serves is modelled on how the SDK learns about an app: the model server sends
// unit interfaces (loadUnitInterfaces), and the SDK resolves qualified names only against the
// units it was sent or that were created since (mendixmodelsdk 4.111.0,
// src/sdk/internal/AbstractModel.js:96-107 fills the qualified-name cache from the served units,
// AbstractModel.js:340 adds created ones, src/sdk/internal/QualifiedNameCache.js:34-48 resolves).
// A real app's server sends no System module: it is not a unit of the model. So this fake serves
// only the project root, and no test may add a System module: findEntityByQualifiedName("System.User") is null
// here exactly as on a real app.
import { Model } from "mendixmodelsdk";
import type { IModel } from "mendixmodelsdk";
import type { Report } from "../../templates/sdk/model/lib/built.js";

export interface FakeServer {
  deltas: unknown[];
  exports: { moduleId: string; path: string }[];
  failExport?: Error;
}

export function fakeServer(): FakeServer {
  return { deltas: [], exports: [] };
}

const silentStream = () => ({ addEventListener() {}, removeEventListener() {}, close() {}, onerror: null, onmessage: null, onopen: null });

export interface OfflineApp {
  /** The app's Mendix (metamodel) version. */
  version?: string;
  /** Serve the Encryption module as the model server does: unit interfaces, not loaded. */
  encryption?: boolean;
  /** Serve NanoflowCommons' OpenURL the same way; by default whenever Encryption is served (an app with the kit's dependencies). */
  nanoflowCommons?: boolean;
}

/** Opens a model whose "server" is this fake. */
export async function openOfflineModel(server: FakeServer, app: OfflineApp = {}): Promise<IModel> {
  const version = app.version ?? "10.24.0";
  const units = [
    { $Type: "Projects$Project", $ID: "project-root", contents: {}, containerId: "", containmentName: "" },
    ...(app.encryption ? encryptionUnits() : []),
    ...((app.nanoflowCommons ?? app.encryption) ? nanoflowCommonsUnits() : []),
  ];
  const client = {
    loadWorkingCopyMetaData(id: string, ok: (wc: unknown) => void) {
      ok({
        id,
        metaData: { name: "Offline", description: "", avatarUrl: "", projectId: "app", metaModelVersion: version },
        members: [],
        mprFileName: "App.mpr",
        mprMetaData: { _ProductVersion: version, _BuildVersion: version, _SchemaHash: "" },
        mergeData: null,
        uploadDateTime: 0,
        changed: false,
        isCollaboration: false,
      });
    },
    // The project root and, if asked, the Encryption module: no System module, as on a real app.
    loadUnitInterfaces(_id: string, ok: (r: unknown) => void) {
      ok({ eventId: 0, units });
    },
    sendDeltas(_id: string, deltas: unknown[], ok: (r: unknown) => void) {
      server.deltas.push(...deltas);
      ok({ firstError: null, eventId: server.deltas.length });
    },
    exportModuleMpk(_id: string, moduleId: string, path: string, ok: () => void, fail: (e: Error) => void) {
      if (server.failExport) return fail(server.failExport);
      server.exports.push({ moduleId, path });
      ok();
    },
    getModelEventSource: silentStream,
    getWorkingCopyEventSource: silentStream,
  };
  // The client implements only what these runs call; the SDK's type lists every server call.
  const sdk = Model.createSdkClient({ client: client as never });
  return sdk.openWorkingCopy("offline-working-copy");
}

/**
 * The Encryption module's two Java actions with their real signatures: every parameter a String,
 * in this order, returning a String. Source: the Marketplace module's generated Java,
 * javasource/encryption/actions/EncryptString.java lines 25-30 and DecryptString.java lines 33-39
 * (as vendored in mendix/ai-bot-starter-app@4157377e8b728044ee41285c3c66d202dffe810c).
 */
export const ENCRYPTION_SIGNATURES: Record<string, string[]> = {
  EncryptString: ["value", "key", "prefix"],
  DecryptString: ["value", "key", "prefix", "legacyKey"],
};

/**
 * The Encryption module as the model server sends an app that has it: unit interfaces (shape:
 * { $ID, $Type, containerId, containmentName, contents }, read by mendixmodelsdk
 * src/sdk/internal/units.js:61 and instances.js:88-97), the module and its two Java actions with
 * their public properties. They arrive partial (not loaded), so the builder must manage with what
 * a real server's interfaces hold.
 */
function encryptionUnits(): unknown[] {
  let next = 0;
  const id = (what: string) => `encryption-${what}-${next++}`;
  const stringType = () => ({ $ID: id("type"), $Type: "CodeActions$StringType" });
  const module = {
    $ID: "encryption-module",
    $Type: "Projects$Module",
    containerId: "project-root",
    containmentName: "modules",
    contents: { $ID: "encryption-module", $Type: "Projects$Module", name: "Encryption", fromAppStore: true },
  };
  const actions = Object.entries(ENCRYPTION_SIGNATURES).map(([name, parameters]) => {
    const actionId = id(name);
    return {
      $ID: actionId,
      $Type: "JavaActions$JavaAction",
      containerId: "encryption-module",
      containmentName: "documents",
      contents: {
        $ID: actionId,
        $Type: "JavaActions$JavaAction",
        name,
        actionReturnType: stringType(),
        actionParameters: parameters.map((parameter) => ({
          $ID: id(parameter),
          $Type: "JavaActions$JavaActionParameter",
          name: parameter,
          actionParameterType: { $ID: id("parameter-type"), $Type: "CodeActions$BasicParameterType", type: stringType() },
        })),
      },
    };
  });
  return [module, ...actions];
}

/**
 * NanoflowCommons as the model server sends it, reduced to the one JavaScript action the kit calls:
 * OpenURL(url: String) returning Boolean. Source: the Marketplace module's generated JavaScript,
 * javascriptsource/nanoflowcommons/actions/OpenURL.js (mendix/ai-bot-starter-app@30e0bb74cc98fb15c8c68271ac61545c925bf520,
 * `export async function OpenURL(url)`, `@param {string} url`, `@returns {Promise.<boolean>}`).
 * Unit shape as for Encryption above, with the JavaScriptActions$ types of javascriptactions.d.ts.
 */
function nanoflowCommonsUnits(): unknown[] {
  return [
    {
      $ID: "nanoflowcommons-module",
      $Type: "Projects$Module",
      containerId: "project-root",
      containmentName: "modules",
      contents: { $ID: "nanoflowcommons-module", $Type: "Projects$Module", name: "NanoflowCommons", fromAppStore: true },
    },
    {
      $ID: "nanoflowcommons-openurl",
      $Type: "JavaScriptActions$JavaScriptAction",
      containerId: "nanoflowcommons-module",
      containmentName: "documents",
      contents: {
        $ID: "nanoflowcommons-openurl",
        $Type: "JavaScriptActions$JavaScriptAction",
        name: "OpenURL",
        actionReturnType: { $ID: "nanoflowcommons-openurl-returns", $Type: "CodeActions$BooleanType" },
        actionParameters: [
          {
            $ID: "nanoflowcommons-openurl-url",
            $Type: "JavaScriptActions$JavaScriptActionParameter",
            name: "url",
            actionParameterType: {
              $ID: "nanoflowcommons-openurl-url-type",
              $Type: "CodeActions$BasicParameterType",
              type: { $ID: "nanoflowcommons-openurl-url-string", $Type: "CodeActions$StringType" },
            },
          },
        ],
      },
    },
  ];
}

export function recorder(): Report & { steps: string[]; warnings: string[] } {
  const steps: string[] = [];
  const warnings: string[] = [];
  return { steps, warnings, step: (line) => steps.push(line), warn: (line) => warnings.push(line) };
}
