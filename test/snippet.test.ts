// The configuration snippet SNIP_ConnectionDetails and the after-startup check (issue 12): the plan
// describes the snippet once (src/lib/plan/widgets.ts); the Model SDK script builds it with the real
// mendixmodelsdk offline and the MDL script writes it; the two agree widget by widget for every
// example. The audit rule SecretNotOnPage catches a widget on an encrypted attribute, a plain text
// box on a secret input, and a snippet microflow allowed for a data role.
import { readFileSync } from "node:fs";
import { microflows, pages, type IModel } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/lib/checks/index.js";
import { allWidgets, type Widget } from "../src/lib/plan/widgets.js";
import { STARTUP_CHECK } from "../src/lib/plan/startup-check.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { buildPlan } from "../src/lib/plan/build.js";
import { mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { compile } from "./checks-helpers.js";
import { hostileAnswers, NASTY, plainAnswers } from "./hostile-corpus.js";
import { contractPlan } from "./helpers/contract-plan.js";
import { parseMdl, type MdlWidget } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { EXAMPLES, planFor, specForExample } from "./helpers/spec.js";

/** A widget as both appliers can show it: the plan's shape without the data view's entity. */
type Shape =
  | { kind: "dataView"; name: string; source: string; widgets: Shape[]; footer: Shape[] }
  | { kind: "textBox"; name: string; label: string; attribute: string; password: boolean }
  | { kind: "checkBox"; name: string; label: string; attribute: string; editable: boolean }
  | { kind: "actionButton"; name: string; caption: string; style: string; microflow: string; args: [string, string][] };

function planShape(widgets: Widget[]): Shape[] {
  return widgets.map((w): Shape => {
    switch (w.kind) {
      case "dataView":
        return { kind: w.kind, name: w.name, source: w.source, widgets: planShape(w.widgets), footer: planShape(w.footer) };
      case "textBox":
        return { kind: w.kind, name: w.name, label: w.label, attribute: w.attribute, password: w.password };
      case "checkBox":
        return { kind: w.kind, name: w.name, label: w.label, attribute: w.attribute, editable: w.editable };
      case "actionButton":
        return { kind: w.kind, name: w.name, caption: w.caption, style: w.style, microflow: w.microflow, args: w.args.map((a) => [a.parameter, a.dataView]) };
    }
  });
}

const last = (qualifiedName: string | null) => (qualifiedName ?? "").split(".").at(-1)!;
const english = (text: { translations: { languageCode: string; text: string }[] }) => text.translations.find((t) => t.languageCode === "en_US")?.text ?? "";

/** The snippet as the real SDK model holds it. */
function sdkShape(widgets: readonly pages.Widget[]): Shape[] {
  return widgets.map((w): Shape => {
    if (w instanceof pages.DataView) {
      const source = w.dataSource as pages.MicroflowSource;
      return { kind: "dataView", name: w.name, source: last(source.microflowSettings.microflowQualifiedName), widgets: sdkShape(w.widgets), footer: sdkShape(w.footerWidgets) };
    }
    if (w instanceof pages.TextBox) {
      return { kind: "textBox", name: w.name, label: english(w.labelTemplate!.template), attribute: last(w.attributeRef!.attributeQualifiedName), password: w.isPasswordBox };
    }
    if (w instanceof pages.CheckBox) {
      return { kind: "checkBox", name: w.name, label: english(w.labelTemplate!.template), attribute: last(w.attributeRef!.attributeQualifiedName), editable: w.editable !== pages.EditableEnum.Never };
    }
    if (w instanceof pages.ActionButton) {
      const action = w.action as pages.MicroflowClientAction;
      return {
        kind: "actionButton",
        name: w.name,
        caption: english(w.caption.template),
        style: w.buttonStyle.name,
        microflow: last(action.microflowSettings.microflowQualifiedName),
        args: action.microflowSettings.parameterMappings.map((m) => [last(m.parameterQualifiedName), m.variable!.widget!.name]),
      };
    }
    throw new Error(`unexpected widget ${w.structureTypeName}`);
  });
}

/** The snippet as the MDL script writes it, through the transcribed grammar. */
function mdlShape(widgets: MdlWidget[], dataViews: string[] = []): Shape[] {
  return widgets.map((w): Shape => {
    switch (w.type) {
      case "dataview": {
        const inner = [...dataViews, w.name];
        const footer = w.children.filter((c) => c.type === "footer");
        return {
          kind: "dataView",
          name: w.name,
          source: w.props.datasource!.split(".").at(-1)!,
          widgets: mdlShape(w.children.filter((c) => c.type !== "footer"), inner),
          footer: footer.flatMap((f) => mdlShape(f.children, inner)),
        };
      }
      case "textbox":
        return { kind: "textBox", name: w.name, label: w.props.label!, attribute: w.props.attribute!, password: w.props.password === "true" };
      case "checkbox":
        return { kind: "checkBox", name: w.name, label: w.props.label!, attribute: w.props.attribute!, editable: w.props.editable !== "never" };
      case "actionbutton": {
        const [, target = "", args = ""] = /^([^(]+)(?:\((.*)\))?$/.exec(w.props.action!) ?? [];
        return {
          kind: "actionButton",
          name: w.name,
          caption: w.props.caption!,
          style: { primary: "Primary", default: "Default", danger: "Danger" }[w.props.buttonstyle!] ?? w.props.buttonstyle!,
          microflow: target.split(".").at(-1)!,
          args: args
            ? args.split(", ").map((a): [string, string] => {
                const [param = "", value = ""] = a.split(" = ");
                return [param, value === "$currentObject" ? dataViews.at(-1)! : value.replace(/^\$/, "")];
              })
            : [],
        };
      }
      default:
        throw new Error(`unexpected widget ${w.type}`);
    }
  });
}

async function sdkModel(plan: Plan, version?: string): Promise<IModel> {
  const model = await openOfflineModel(fakeServer(), { encryption: true, ...(version ? { version } : {}) });
  buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
  return model;
}

function sdkSnippet(model: IModel, plan: Plan): pages.Snippet {
  const found = model.allSnippets().find((s) => s.qualifiedName === `${plan.module}.${plan.snippets[0]!.name}`);
  if (!found) throw new Error("no snippet in the model");
  return found as pages.Snippet;
}

function mdlSnippets(plan: Plan) {
  return parseMdl(renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents).snippets;
}

describe("the page vocabulary", () => {
  it("is the same in the generator and in the kit (the kit cannot import the generator)", () => {
    const from = (path: string) => {
      const text = readFileSync(path, "utf8");
      return text.slice(text.indexOf("/** One widget of a snippet. */"));
    };
    expect(from("templates/sdk/model/lib/widgets.ts")).toBe(from("src/lib/plan/widgets.ts"));
  });
});

describe.each(EXAMPLES)("SNIP_ConnectionDetails of %s", (example) => {
  const plan = planFor(example);
  const snippet = plan.snippets[0]!;
  const widgets = allWidgets(snippet.widgets);
  const secretInput = plan.entities.find((e) => e.purpose === "secret-input");

  it("the Model SDK script and the MDL script build the same snippet, widget by widget", async () => {
    const model = await sdkModel(plan);
    const built = sdkSnippet(model, plan);
    expect(built.documentation).toBe(snippet.documentation);
    expect((built.container as unknown as { name: string }).name).toBe(snippet.folder);
    const fromSdk = sdkShape(built.widgets);
    const [written] = mdlSnippets(plan);
    expect(written?.name).toEqual([plan.module, snippet.name]);
    const fromMdl = mdlShape(written!.widgets);
    expect(fromSdk).toEqual(planShape(snippet.widgets));
    expect(fromMdl).toEqual(fromSdk);
  });

  it("reads data only from microflows of the plan, each returning its data view's entity, allowed for configuration roles only", () => {
    const configuration = new Set(plan.roles.filter((r) => r.kind === "configuration").map((r) => r.name));
    for (const w of widgets) {
      if (w.kind !== "dataView" && w.kind !== "actionButton") continue;
      const flow = plan.microflows.find((m) => m.name === (w.kind === "dataView" ? w.source : w.microflow));
      expect(flow, w.name).toBeDefined();
      if (w.kind === "dataView") expect(flow!.returnType).toBe(w.entity);
      expect(flow!.allowedRoles.length, flow!.name).toBeGreaterThan(0);
      expect(flow!.allowedRoles.filter((r) => !configuration.has(r)), flow!.name).toEqual([]);
    }
  });

  it("never shows a secret: no widget on an encrypted attribute, one password box per secret on the secret input", () => {
    const entities = new Map(plan.entities.map((e) => [e.name, e]));
    const bound = (list: Widget[], entity?: string): [Widget, string][] =>
      list.flatMap((w) => (w.kind === "dataView" ? bound([...w.widgets, ...w.footer], w.entity) : w.kind === "actionButton" ? [] : [[w, entity!] as [Widget, string]]));
    for (const [w, entity] of bound(snippet.widgets)) {
      const attribute = entities.get(entity)!.attributes.find((a) => a.name === ("attribute" in w ? w.attribute : ""));
      expect(attribute, `${w.name} on ${entity}`).toBeDefined();
      expect(attribute!.encrypted, w.name).toBe(false);
    }
    const passwords = widgets.filter((w) => w.kind === "textBox" && w.password);
    // Every sensitive attribute of the secret input (each secret) is a password box; ReplaceStored (issue 20) is a check box.
    expect(passwords.map((w) => ("attribute" in w ? w.attribute : ""))).toEqual(secretInput?.attributes.filter((a) => a.sensitive).map((a) => a.name) ?? []);
    // Each stored secret shows only whether it is set.
    const flags = widgets.filter((w) => w.kind === "checkBox" && !w.editable).map((w) => ("attribute" in w ? w.attribute : ""));
    expect(flags).toEqual(plan.secrets.filter((s) => s.isSetAttribute && s.source === "administrator").map((s) => s.isSetAttribute));
    expect(runChecks(specForExample(example), plan).filter((f) => f.rule === "SecretNotOnPage")).toEqual([]);
  });
});


describe("the snippet on other Mendix versions and on the contract plan", () => {
  it.each(["9.24.0", "10.24.0", "11.6.0"])("builds on a Mendix %s model (every property it sets exists there)", async (version) => {
    const plan = planFor("acme-crm-oauth");
    const model = await sdkModel(plan, version);
    expect(sdkShape(sdkSnippet(model, plan).widgets)).toEqual(planShape(plan.snippets[0]!.widgets));
  });

  it("names each button parameter by its qualified name (a by-name reference, as the SDK serializer writes it)", async () => {
    const plan = contractPlan(planFor("billing-client-credentials"));
    const model = await sdkModel(plan);
    const save = allPagesWidgets(sdkSnippet(model, plan).widgets).find((w) => w instanceof pages.ActionButton && w.name === "btnSave") as pages.ActionButton;
    const settings = (save.action as pages.MicroflowClientAction).microflowSettings;
    expect(settings.parameterMappings.map((m) => m.parameterQualifiedName)).toEqual([
      `${plan.module}.ACT_ConnectionDetails_Save.ConnectionDetails`,
      `${plan.module}.ACT_ConnectionDetails_Save.SecretInput`,
    ]);
    // The outer data view for ConnectionDetails, the enclosing one for SecretInput.
    expect(settings.parameterMappings.map((m) => m.variable!.widget!.name)).toEqual(["dvConnectionDetails", "dvSecretInput"]);
  });
});

function allPagesWidgets(widgets: readonly pages.Widget[]): pages.Widget[] {
  return widgets.flatMap((w) => (w instanceof pages.DataView ? [w, ...allPagesWidgets(w.widgets), ...allPagesWidgets(w.footerWidgets)] : [w]));
}

describe("hostile text in the snippet", () => {
  const plain = buildPlan(specOf(plainAnswers()));
  it.each(Object.keys(NASTY))("%s: labels and captions are fixed texts; the documentation stays whole in both appliers", async (name) => {
    const text = NASTY[name]!;
    const plan = buildPlan(specOf(hostileAnswers(text)));
    const snippet = plan.snippets[0]!;
    // The widget tree does not depend on user text at all.
    expect(planShape(snippet.widgets)).toEqual(planShape(plain.snippets[0]!.widgets));
    const [written] = mdlSnippets(plan);
    expect(mdlShape(written!.widgets)).toEqual(planShape(snippet.widgets));
    const model = await sdkModel(plan);
    expect(sdkSnippet(model, plan).documentation).toBe(snippet.documentation);
  });
});

function specOf(answers: unknown) {
  const result = validateSpec(answers);
  if (!result.ok) throw new Error(JSON.stringify(result.problems).slice(0, 500));
  return result.spec;
}

describe("SecretNotOnPage", () => {
  const input = () => ({
    module: "ErpConnector",
    description: "Reads orders.",
    service: { name: "ERP", baseUrl: "https://erp.example.com" },
    auth: { scheme: "api-token" as const, secretStorage: "database" as const },
    roles: [
      { name: "Administrator", kind: "configuration" as const, readOnly: false, documentation: "Configures the connection to the ERP service." },
      { name: "Clerk", kind: "data" as const, readOnly: false, documentation: "Reads and edits orders from the ERP service." },
    ],
  });
  const hits = (mutate: (plan: Plan) => void) => {
    const { spec, plan } = compile(input());
    mutate(plan);
    return runChecks(spec, plan).filter((f) => f.rule === "SecretNotOnPage");
  };
  const outer = (plan: Plan) => plan.snippets[0]!.widgets[0] as Extract<Widget, { kind: "dataView" }>;
  const inner = (plan: Plan) => outer(plan).widgets.find((w) => w.kind === "dataView") as Extract<Widget, { kind: "dataView" }>;

  it("passes the plan as built", () => {
    expect(hits(() => {})).toEqual([]);
  });

  it("fails a widget bound to an encrypted attribute", () => {
    const found = hits((plan) => outer(plan).widgets.push({ kind: "textBox", name: "txtLeak", label: "Token", attribute: "EncryptedApiToken", password: true }));
    expect(found.map((f) => f.message)).toEqual(["ErpConnector.SNIP_ConnectionDetails: txtLeak is bound to the encrypted attribute ConnectionDetails.EncryptedApiToken"]);
  });

  it("fails a plain text box on the secret input", () => {
    const found = hits((plan) => {
      const box = inner(plan).widgets[0] as Extract<Widget, { kind: "textBox" }>;
      box.password = false;
    });
    expect(found.map((f) => f.message)).toEqual([
      "ErpConnector.SNIP_ConnectionDetails: txtNewApiToken on the secret input SecretInput.ApiToken is not a password box, so the secret shows while it is typed",
    ]);
  });

  it("fails a snippet microflow allowed for a data role (data source or button)", () => {
    const found = hits((plan) => {
      plan.microflows.find((m) => m.name === "DS_ConnectionDetails_Get")!.allowedRoles.push("Clerk");
      plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!.allowedRoles.push("Clerk");
    });
    expect(found.map((f) => f.message)).toEqual([
      "ErpConnector.SNIP_ConnectionDetails calls DS_ConnectionDetails_Get, which is allowed for Clerk: not configuration roles",
      "ErpConnector.SNIP_ConnectionDetails calls ACT_ConnectionDetails_Save, which is allowed for Clerk: not configuration roles",
    ]);
    expect(found.every((f) => f.severity === "error")).toBe(true);
  });
});

describe(`${STARTUP_CHECK}, the after-startup check`, () => {
  const flowOf = (plan: Plan) => plan.microflows.find((m) => m.name === STARTUP_CHECK)!;
  const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));

  it.each(EXAMPLES)("%s: private, returns true, logs warnings with fixed texts only", (example) => {
    const plan = planFor(example);
    const flow = flowOf(plan);
    expect(flow.allowedRoles).toEqual([]);
    expect(flow.returnType).toBe("Boolean");
    expect(flow.steps.at(-1)).toEqual({ kind: "return", value: { k: "bool", value: true } });
    const logs = all(flow.steps).filter((s) => s.kind === "log");
    expect(logs.length).toBeGreaterThan(0);
    // A log line takes no variable (LogArgument): these take no argument at all.
    for (const log of logs) expect(log.kind === "log" && log.message.args).toEqual([]);
    expect(all(flow.steps).some((s) => s.kind === "note")).toBe(false);
    // SECURITY.md's checklist says how to call it.
    expect(plan.checklist.some((item) => item.includes(`${plan.module}.${STARTUP_CHECK}`) && item.includes("after-startup"))).toBe(true);
  });

  it("checks the Encryption key's length only where the kit stores encrypted secrets, and every deploy-time constant", () => {
    const text = (plan: Plan) => JSON.stringify(flowOf(plan).steps);
    const database = planFor("billing-client-credentials");
    expect(text(database)).toContain('"name":"Encryption.EncryptionKey"');
    expect(text(database)).toContain('"fn":"length"');
    const none = planFor("open-data-none");
    expect(text(none)).not.toContain("Encryption.EncryptionKey");
    const constants = planFor("weather-api-token");
    expect(constants.constants.length).toBeGreaterThan(0);
    for (const c of constants.constants) expect(text(constants)).toContain(`"name":"${constants.module}.${c.name}"`);
    // Every URL endpoint is checked for https://.
    for (const plan of [database, none, constants]) {
      for (const url of plan.auth.endpoints.filter((e) => e.endsWith("Url"))) expect(text(plan)).toContain(`${url} does not start with https://`);
    }
  });

  it("builds in both appliers with the same activities (the SDK model's log messages hold no variable)", async () => {
    const plan = planFor("weather-api-token");
    const model = await sdkModel(plan);
    const made = model.findMicroflowByQualifiedName(`${plan.module}.${STARTUP_CHECK}`) as microflows.Microflow;
    const logs = made.objectCollection.objects
      .filter((o): o is microflows.ActionActivity => o instanceof microflows.ActionActivity && o.action instanceof microflows.LogMessageAction)
      .map((o) => o.action as microflows.LogMessageAction);
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      expect(log.level).toBe(microflows.LogLevel.Warning);
      expect(log.messageTemplate.arguments.length).toBe(0);
    }
  });
});
