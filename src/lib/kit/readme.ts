import { allSteps } from "../plan/steps.js";
import { STARTUP_CHECK } from "../plan/startup-check.js";
import type { Plan } from "../plan/types.js";
import { CLEANUP } from "../plan/schemes/oauth-authorization-code.js";
import { plural } from "../words.js";
import { requirementLines } from "./requirements.js";
import { renderMarkdownTemplate } from "./templates.js";
import type { KitFile } from "./types.js";

/** What each kit file is, for the kit README's table: our own Markdown, inserted as it is. */
const ABOUT: Record<string, string> = {
  "mxsecure.yaml": "The resolved spec: edit it and regenerate; `npx generator-mxsecure audit` checks it.",
  "SECURITY.md": "Roles, access matrix, secrets, scheme requirements, deployment checklist, diagrams.",
  "README.md": "This file.",
  ".yo-rc.json": "Marks this folder as a kit, so the generator regenerates it in place.",
};

export function describeFile(path: string): string {
  if (ABOUT[path]) return ABOUT[path];
  if (path.endsWith(".renames.mdl")) return "MDL script for mxcli: renames entities and attributes in place, keeping their data (run once, before the others).";
  if (path.endsWith(".microflows.mdl")) return "MDL script for mxcli: the microflows, Java actions, mappings, snippet and their access (re-runnable).";
  if (path.endsWith(".mdl")) return "MDL script for mxcli: applies the module to a local .mpr (re-runnable).";
  if (path === "model/apply.ts") return "Model SDK script: builds the module in a Team Server app and exports an .mpk.";
  if (path.startsWith("model/")) return "Part of the Model SDK script's project.";
  if (path.startsWith("javasource/") && path.endsWith(".java"))
    return "Source of one of the module's Java actions, byte for byte the file `mxcli exec` writes from the microflows script: on the Model SDK route copy `javasource/` into the app folder after applying the model (Studio Pro keeps the code between the USER CODE markers).";
  return "";
}

export interface ReadmeSections {
  sdkSection: string;
  mdlSection: string;
}

/**
 * The rows of the README's file table: one row per file a person opens, and one row each for the
 * Model SDK script's own project files and for the Java sources, which are used together (a row
 * per file repeated the same words a dozen times).
 */
export function fileRows(paths: readonly string[]): { path: string; about: string }[] {
  const all = ["README.md", ...paths].sort();
  const isProject = (p: string) => p.startsWith("model/") && p !== "model/apply.ts" && !p.endsWith(".mdl");
  const isJava = (p: string) => p.startsWith("javasource/") && p.endsWith(".java");
  const rows = all.filter((p) => !isProject(p) && !isJava(p)).map((path) => ({ path, about: describeFile(path) }));
  const project = all.filter(isProject);
  if (project.length) {
    const lib = project.filter((p) => p.startsWith("model/lib/"));
    const rest = project.filter((p) => !p.startsWith("model/lib/"));
    rows.push({
      path: [...rest, ...(lib.length ? [`model/lib/ (${plural(lib.length, "file")})`] : [])].join(", "),
      about: "The Model SDK script's project: `module.ts` is the module as plain data, `lib/` one renderer per step kind.",
    });
  }
  const java = all.filter(isJava);
  if (java.length) {
    const folder = java[0]!.slice(0, java[0]!.lastIndexOf("/") + 1);
    const names = java.map((p) => p.slice(p.lastIndexOf("/") + 1, -".java".length));
    rows.push({
      path: `${folder} (${plural(java.length, "file")})`,
      about: `The module's Java actions (${names.join(", ")}): on the Model SDK route copy \`javasource/\` into the app folder after applying the model (Studio Pro keeps the code between the USER CODE markers); \`mxcli exec\` writes the same files.`,
    });
  }
  // Ignoring case, as localeCompare orders these ASCII paths, without its collator: the collator's
  // first use costs ~5 ms of ICU set-up, a fortieth of an audit (which renders this README).
  const key = (path: string) => path.toLowerCase();
  return rows.sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}

export function renderKitReadme(plan: Plan, paths: string[], sections: ReadmeSections): KitFile {
  const files = fileRows(paths);
  return {
    path: "README.md",
    contents: renderMarkdownTemplate("kit/README.md.ejs", { plan, files, requirements: requirementLines(plan), contents: moduleContents(plan), annotations: annotations(plan), startupCheck: STARTUP_CHECK, cleanup: plan.microflows.find((m) => m.name === CLEANUP)?.name, ...sections }),
  };
}

/** "3 module roles, 1 entity with its access rules, 12 microflows, 1 constant". */
export function moduleContents(plan: Plan): string {
  const entities = plan.entities.length === 1 ? "1 entity with its access rules" : `${plan.entities.length} entities with their access rules`;
  const parts = [plural(plan.roles.length, "module role"), entities, plural(plan.microflows.length, "microflow")];
  if (plan.constants.length) parts.push(plural(plan.constants.length, "constant"));
  return parts.join(", ");
}

/** Every annotation (note step) left in a microflow for the developer's judgement, in plan order. */
export function annotations(plan: Plan): { microflow: string; text: string }[] {
  return plan.microflows.flatMap((m) => allSteps(m.steps).flatMap((s) => (s.kind === "note" ? [{ microflow: m.name, text: s.text }] : [])));
}
