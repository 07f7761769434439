// Snippets, the same widget trees the Model SDK script builds (templates/sdk/model/lib/pages.ts):
// one emitter per widget kind in WIDGETS. A test compares the two widget by widget.
//
// Rules (mendixlabs/mxcli): createStatement's createSnippetStatement branch (MDLParser.g4);
// createSnippetStatement, snippetHeaderV3, pageBodyV3, widgetV3, widgetTypeV3, widgetPropertiesV3,
// widgetPropertyV3, dataSourceExprV3, actionExprV3, microflowArgsV3, microflowArgV3,
// attributePathV3, stringExprV3, buttonStyleV3, propertyValueV3 (domains/MDLPage.g4 @01e78788: the
// index holds no MDLPage.g4 of the target commit 6f336073); tokens from MDLLexer.g4 (DATAVIEW,
// TEXTBOX, CHECKBOX, ACTIONBUTTON, FOOTER, DATASOURCE, CAPTION, LABEL, BUTTONSTYLE, EDITABLE,
// PRIMARY, DANGER, DEFAULT, PASSWORD). Transcribed, with their sources, in test/helpers/mdl-grammar.ts.
//
// What MDL may not carry, said where it is written (and in the kit README's manual steps):
//  - `password: true` is a generic widget property (widgetPropertyV3 `keyword COLON
//    propertyValueV3`). mendixlabs/mxcli@017f2063's page builder (mdl/executor/
//    cmd_pages_builder_v3_widgets.go, buildTextBoxV3) reads only Attribute and Label from a text
//    box, so it would write a plain text box; a later builder reads `Password` into
//    Forms$TextBox.IsPasswordBox (it cites ako/mxcli#550). Which one mxcli 0.24.0 has is not
//    verified, so the script says to check each secret box in Studio Pro.
//  - A button argument from the outer data view is written `$<data view name>` and one from the
//    enclosing data view `$currentObject`; the builder stores the text as the mapping's Variable
//    (buildClientActionV3, cmd_pages_builder_v3.go). How mxcli resolves a data view's name there
//    is not verified.
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { PlanSnippet } from "../../plan/types.js";
import type { ButtonStyle, Widget } from "../../plan/widgets.js";
import { remark, statement } from "./domain.js";

/** What the snippet statement cannot guarantee; each is also a remark above the statement. */
export const SNIPPET_MANUAL_STEPS: readonly string[] = [
  "Open each snippet in Studio Pro and check that every secret text box (txtNew...) has Password set to Yes. The script writes password: true, which only mxcli releases whose page builder reads it keep (mxcli check warns MDL-WIDGET07 where it is dropped).",
  // Issue 20: mxcli writes every text box with Autocomplete true and AutocompletePurpose "On", fixed
  // (mendixlabs/mxcli sdk/mpr/writer_widgets_input.go:20-21); MDL has no property for it.
  "Open each snippet in Studio Pro and set Autocomplete purpose to New password on every secret text box (txtNew...), so a browser does not fill a saved password in; the script cannot set it (mxcli writes On). The save still refuses to replace a stored secret unless Replace the stored secrets is ticked.",
  "Check that the Save button of each snippet passes the outer data view's object as ConnectionDetails (the script names it $dvConnectionDetails): how mxcli resolves a data view's name in a button argument is not verified.",
];

type Emitter<K extends Widget["kind"]> = (widget: Extract<Widget, { kind: K }>, module: string, dataViews: string[]) => string[];

const STYLES: Record<ButtonStyle, string> = { Default: "default", Primary: "primary", Danger: "danger" };

const WIDGETS: { [K in Widget["kind"]]: Emitter<K> } = {
  dataView: (w, module, dataViews) => {
    const inner = [...dataViews, w.name];
    const body = w.widgets.flatMap((child) => emit(child, module, inner));
    const footer = w.footer.length
      ? [`footer ${widgetName(`ft${w.name.replace(/^dv/, "")}`)} {`, ...w.footer.flatMap((child) => emit(child, module, inner)).map(indent), "}"]
      : [];
    return [`dataview ${widgetName(w.name)} (datasource: microflow ${mdlQualifiedName(module, w.source)}) {`, ...[...body, ...footer].map(indent), "}"];
  },
  textBox: (w) => [
    `textbox ${widgetName(w.name)} (label: ${mdlString(w.label)}, attribute: ${mdlIdentifier(w.attribute)}${w.password ? ", password: true" : ""})`,
  ],
  checkBox: (w) => [
    `checkbox ${widgetName(w.name)} (label: ${mdlString(w.label)}, attribute: ${mdlIdentifier(w.attribute)}${w.editable ? "" : ", editable: never"})`,
  ],
  actionButton: (w, module, dataViews) => {
    const args = w.args.map((a) => {
      if (!dataViews.includes(a.dataView)) throw new Error(`${w.name}: no data view ${a.dataView} around it`);
      return `${widgetName(a.parameter)}: ${a.dataView === dataViews.at(-1) ? "$currentObject" : `$${widgetName(a.dataView)}`}`;
    });
    return [
      `actionbutton ${widgetName(w.name)} (caption: ${mdlString(w.caption)}, action: microflow ${mdlQualifiedName(module, w.microflow)}` +
        `${args.length ? `(${args.join(", ")})` : ""}, buttonstyle: ${STYLES[w.style]})`,
    ];
  },
};

function emit(widget: Widget, module: string, dataViews: string[]): string[] {
  return (WIDGETS[widget.kind] as Emitter<typeof widget.kind>)(widget as never, module, dataViews);
}

// `or modify` (issue 18): the snippet is the kit's; mxcli builds the new one before it removes the old
// (ako/mxcli mdl/executor/cmd_pages_create_v3.go:125-139), and without `or modify` a re-run stops at
// "already exists" (:132-133).
export function snippetStatement(module: string, snippet: PlanSnippet): string {
  const body = snippet.widgets.flatMap((w) => emit(w, module, [])).map(indent);
  return [
    remark(`${snippet.name}: check in Studio Pro after applying (manual steps):`, ...SNIPPET_MANUAL_STEPS.map((step) => `  - ${step}`)),
    statement(
      snippet.documentation,
      `create or modify snippet ${mdlQualifiedName(module, snippet.name)} (folder: ${mdlString(snippet.folder)}) {\n${body.join("\n")}\n};`,
    ),
  ].join("\n");
}

/**
 * A widget or parameter name written bare (IDENTIFIER): the kit names its widgets with a type
 * prefix (dv, txt, cbx, btn, ft) and a Mendix name, which no lexer keyword matches. Older grammars
 * accept no quoted widget name (widgetV3's QUOTED_IDENTIFIER came with mxcli issue #619).
 */
function widgetName(name: string): string {
  mdlIdentifier(name); // refuses anything that is not a Mendix name
  return name;
}

function indent(line: string): string {
  return `  ${line}`;
}
