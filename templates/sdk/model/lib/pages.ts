// Snippets: the widget tree of widgets.ts, one renderer per widget kind in WIDGETS. Built after the
// microflows, which the data sources and buttons refer to.
//
// SDK classes (mendixmodelsdk 4.111.0, src/gen/pages.d.ts): Snippet.createIn(folder) (:27667,
// widgets from 7.15); DataView.createInSnippetUnderWidgets / createInDataViewUnderWidgets (:5906,
// :5663) with a MicroflowSource data source (:18511, createInEntityWidgetUnderDataSource; its
// MicroflowSettings is created with it, pages.js MicroflowSource._initializeDefaultProperties);
// TextBox / CheckBox createInDataViewUnderWidgets (:31940, :3334) with an AttributeRef
// (domainmodels.d.ts:728) and a label ClientTemplate (:3841); TextBox.isPasswordBox (:31813);
// ActionButton.createInDataViewUnderFooterWidgets (:866) whose caption ClientTemplate is created
// with it from 7.13 (pages.js Button._initializeDefaultProperties), MicroflowClientAction (:18210),
// MicroflowParameterMapping (:18344) filled from a PageVariable naming the data view (:21890,
// 8.4+). No snippet parameters: they are version-bound (Snippet.entity up to 9.20, parameters from
// 9.21), so the data comes from microflow data sources instead.
import { domainmodels, pages, texts } from "mendixmodelsdk";
import type { IModel, microflows } from "mendixmodelsdk";
import { required, type Built, type Report } from "./built.js";
import { setPageParameterByName } from "./by-name.js";
import type { SnippetDefinition } from "./definition.js";
import { snippetLines } from "./describe.js";
import type { ButtonStyle, Widget } from "./widgets.js";

/** Where a widget is placed: a snippet's widgets, a data view's widgets, or its footer. */
type Place = { snippet: pages.Snippet } | { dataView: pages.DataView; footer: boolean };

interface Context {
  model: IModel;
  module: string;
  built: Built;
  snippet: string;
  /** The data views around the widget being built, by name, innermost last, with their entity. */
  dataViews: Map<string, { view: pages.DataView; entity: string }>;
}

type WidgetRenderer<K extends Widget["kind"]> = (widget: Extract<Widget, { kind: K }>, place: Place, context: Context) => void;

export function buildSnippets(model: IModel, module: string, snippets: SnippetDefinition[], built: Built, report: Report): void {
  for (const def of snippets) {
    const snippet = pages.Snippet.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
    snippet.name = def.name;
    snippet.documentation = def.documentation;
    const context: Context = { model, module, built, snippet: def.name, dataViews: new Map() };
    for (const widget of def.widgets) render(widget, { snippet }, context);
    snippetLines(module, def).forEach((line) => report.step(line));
  }
}

function render(widget: Widget, place: Place, context: Context): void {
  (WIDGETS[widget.kind] as WidgetRenderer<typeof widget.kind>)(widget as never, place, context);
}

const WIDGETS: { [K in Widget["kind"]]: WidgetRenderer<K> } = {
  dataView: (widget, place, context) => {
    const view = "snippet" in place ? pages.DataView.createInSnippetUnderWidgets(place.snippet) : inDataView(place, pages.DataView);
    view.name = widget.name;
    view.showFooter = true;
    const source = pages.MicroflowSource.createInEntityWidgetUnderDataSource(view);
    source.microflowSettings.microflow = microflow(context, widget.source);
    const inner = { ...context, dataViews: new Map([...context.dataViews, [widget.name, { view, entity: widget.entity }]]) };
    for (const child of widget.widgets) render(child, { dataView: view, footer: false }, inner);
    for (const child of widget.footer) render(child, { dataView: view, footer: true }, inner);
  },
  textBox: (widget, place, context) => {
    const box = inDataView(place, pages.TextBox, context, widget.kind);
    box.name = widget.name;
    bindAttribute(box, widget.attribute, context);
    setText(pages.ClientTemplate.createInInputWidgetUnderLabelTemplate(box).template, widget.label);
    box.isPasswordBox = widget.password;
    // Issue 20: a secret box asks browsers not to fill in a saved password (autocomplete="new-password").
    // TextBox.autocompletePurpose, AutocompletePurposeType.NewPassword (mendixmodelsdk pages.d.ts, TextBox,
    // "In version 8.12.0: introduced"); TextBox.autocomplete stays true, its default, so the purpose is written.
    if (widget.password) box.autocompletePurpose = pages.AutocompletePurposeType.NewPassword;
  },
  checkBox: (widget, place, context) => {
    const box = inDataView(place, pages.CheckBox, context, widget.kind);
    box.name = widget.name;
    bindAttribute(box, widget.attribute, context);
    setText(pages.ClientTemplate.createInInputWidgetUnderLabelTemplate(box).template, widget.label);
    box.editable = widget.editable ? pages.EditableEnum.Always : pages.EditableEnum.Never;
  },
  actionButton: (widget, place, context) => {
    const button = inDataView(place, pages.ActionButton, context, widget.kind);
    button.name = widget.name;
    setText(button.caption.template, widget.caption);
    button.buttonStyle = BUTTON_STYLES[widget.style];
    const action = pages.MicroflowClientAction.createInActionButtonUnderAction(button);
    action.microflowSettings.microflow = microflow(context, widget.microflow);
    for (const arg of widget.args) {
      const mapping = pages.MicroflowParameterMapping.createIn(action.microflowSettings);
      setPageParameterByName(mapping, `${context.module}.${widget.microflow}.${arg.parameter}`);
      const variable = pages.PageVariable.createInMicroflowParameterMappingUnderVariable(mapping);
      variable.widget = required(context.dataViews.get(arg.dataView), `${context.snippet}: data view ${arg.dataView} around ${widget.name}`).view;
    }
  },
};

const BUTTON_STYLES: Record<ButtonStyle, pages.ButtonStyle> = {
  Default: pages.ButtonStyle.Default,
  Primary: pages.ButtonStyle.Primary,
  Danger: pages.ButtonStyle.Danger,
};

interface InDataView<T> {
  createInDataViewUnderWidgets(container: pages.DataView): T;
  createInDataViewUnderFooterWidgets(container: pages.DataView): T;
}

/** A widget in a data view's body or footer; only data views sit directly in a snippet. */
function inDataView<T>(place: Place, kind: InDataView<T>, context?: Context, name?: string): T {
  if ("snippet" in place) throw new Error(`${context?.snippet ?? "snippet"}: a ${name ?? "widget"} must sit in a data view.`);
  return place.footer ? kind.createInDataViewUnderFooterWidgets(place.dataView) : kind.createInDataViewUnderWidgets(place.dataView);
}

/** The attribute of the innermost data view's entity. */
function bindAttribute(widget: pages.MemberWidget, attribute: string, context: Context): void {
  const around = [...context.dataViews.values()].at(-1);
  if (!around) throw new Error(`${context.snippet}: an input widget outside any data view.`);
  const ref = domainmodels.AttributeRef.createInMemberWidgetUnderAttributeRef(widget);
  ref.attribute = required(context.built.attributes.get(`${around.entity}.${attribute}`), `attribute ${around.entity}.${attribute}`);
}

function microflow(context: Context, name: string): microflows.Microflow {
  // Created by buildMicroflows in this run: created units are in the model's name cache.
  return required(context.model.findMicroflowByQualifiedName(`${context.module}.${name}`), `microflow ${context.module}.${name}`) as microflows.Microflow;
}

/** A fixed text in the language the kit writes (en_US), as the microflow messages are. */
function setText(text: texts.Text, value: string): void {
  const translation = texts.Translation.createIn(text);
  translation.languageCode = "en_US";
  translation.text = value;
}
