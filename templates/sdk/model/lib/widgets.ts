// The page vocabulary this kit's script renders: a copy of the generator's src/lib/plan/widgets.ts
// (a kit cannot import from the generator; a test keeps the two identical from "One widget of a
// snippet" on). lib/pages.ts renders every kind.
//
/** One widget of a snippet. */
export type Widget =
  /** A data view whose object a microflow of this module returns (entity: that microflow's return type). */
  | { kind: "dataView"; name: string; entity: string; source: string; widgets: Widget[]; footer: Widget[] }
  /** A text box on an attribute of the enclosing data view's entity; a password box masks what is typed. */
  | { kind: "textBox"; name: string; label: string; attribute: string; password: boolean }
  /** A check box on a Boolean attribute of the enclosing data view's entity. */
  | { kind: "checkBox"; name: string; label: string; attribute: string; editable: boolean }
  /** A button that calls a microflow of this module, each parameter filled from a data view's object. */
  | { kind: "actionButton"; name: string; caption: string; style: ButtonStyle; microflow: string; args: ButtonArgument[] };

export type WidgetKind = Widget["kind"];

/** Mendix button styles the snippet uses (pages.ButtonStyle). */
export type ButtonStyle = "Default" | "Primary" | "Danger";

/** A microflow parameter filled with the object of a data view: the enclosing one, or an outer one by name. */
export interface ButtonArgument {
  parameter: string;
  dataView: string;
}

/** A snippet document: placed in a folder of the module, its widgets at the top level. */
export interface SnippetDescription {
  name: string;
  folder: string;
  documentation: string;
  widgets: Widget[];
}

/** Every widget of a tree, depth first, data view contents before its footer. */
export function allWidgets(widgets: readonly Widget[]): Widget[] {
  return widgets.flatMap((w) => (w.kind === "dataView" ? [w, ...allWidgets(w.widgets), ...allWidgets(w.footer)] : [w]));
}
