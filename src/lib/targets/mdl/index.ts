// MDL scripts for mxcli: they apply the plan's module to a local .mpr with Studio Pro closed.
//  - model/<Module>.mdl: module, roles, entities, associations, constants and entity access.
//    Every statement is `create or modify` or a grant, so it can run again at any time.
//  - model/<Module>.microflows.mdl: the microflows and their execute grants. Plain
//    `create microflow`, so it never overwrites a microflow someone has implemented: run once.
// Order: each statement refers only to what an earlier one (or the first script) created. Every
// string passes lib/escape/mdl.ts. The grammar they must satisfy: test/helpers/mdl-grammar.ts.
import type { KitFile } from "../../kit/types.js";
import type { Plan } from "../../plan/types.js";
import { associationStatement, constantStatement, entityStatement, moduleStatement, remark, roleStatement } from "./domain.js";
import { entityGrants, microflowGrant, nanoflowGrant } from "./grants.js";
import { importMappingStatement, jsonStructureStatement } from "./mappings.js";
import { javaUserCode } from "../java-actions.js";
import { javaActionStatement } from "./java-actions.js";
import { microflowStatement, nanoflowStatement } from "./microflows.js";
import { SNIPPET_MANUAL_STEPS, snippetStatement } from "./pages.js";
import { mdlRenamesPath, renderRenames } from "./renames.js";

/**
 * The oldest mxcli release whose grammar accepts every form these scripts use: `create or modify
 * module role`, quoted member names in grants, `string(unlimited)`, `@Module.Constant` in
 * expressions and `@applyentityaccess(...)`. Checked against mendixlabs/mxcli's grammar at
 * commit 6f336073, which its CHANGELOG places after 0.22.0; 0.24.0 (2026-09-24, CHANGELOG at
 * 036b1c05) is the first release after it that could be confirmed. A 0.23.x may work: unchecked.
 */
export const MIN_MXCLI_VERSION = "0.24.0";

export function renderMdl(plan: Plan): KitFile[] {
  const renames = renderRenames(plan, mdlScriptPath(plan));
  return [
    ...(renames === undefined ? [] : [{ path: mdlRenamesPath(plan), contents: renames }]),
    { path: mdlScriptPath(plan), contents: renderScript(plan) },
    { path: mdlMicroflowsPath(plan), contents: renderMicroflowsScript(plan) },
  ];
}

export function mdlScriptPath(plan: Plan): string {
  return `model/${plan.module}.mdl`;
}

export function mdlMicroflowsPath(plan: Plan): string {
  return `model/${plan.module}.microflows.mdl`;
}

/** What the scripts cannot do; each item is also a `Manual step` remark where it applies. */
export const MDL_MANUAL_STEPS: readonly string[] = [
  "Read access to System.owner on owner-constrained entities: MDL member lists name attributes and associations only.",
  "An access rule with no rights at all (on an entity no role may touch): MDL grants need at least one right, so add it in Studio Pro.",
  "Map the module roles to user roles in App Security, as SECURITY.md describes.",
  ...SNIPPET_MANUAL_STEPS,
];

/**
 * The manual steps of this kit: the general ones, and a microflow URL where the plan has one. The
 * grammar the kit targets (MDLMicroflow.g4 @6f336073, microflowOption: FOLDER STRING_LITERAL |
 * microflowExposedClause) has no URL clause; later grammars add microflowUrlClause (`url '...'`,
 * `url search parameters (...)`), which this kit does not write.
 */
export function mdlManualSteps(plan: Plan): string[] {
  const modules = plan.dependencies.map((d) => d.module);
  return [
    ...(modules.length
      ? [`Install the modules the kit depends on (${modules.join(", ")}) from the Marketplace first` +
          (modules.includes("Encryption") ? "; set Encryption.EncryptionKey per environment." : ".")]
      : []),
    ...MDL_MANUAL_STEPS,
    ...plan.microflows
      .filter((mf) => mf.url)
      .map((mf) => `The microflow URL of ${mf.name}: in Studio Pro 10.9 or later set its URL to ${mf.url!.path} with the query string parameters ${mf.url!.queryParameters.join(", ")} (the mxcli grammar this script targets has no URL clause; the Model SDK script sets it).`),
  ];
}

function renderScript(plan: Plan): string {
  const m = plan.module;
  return joinSections([
    [header(plan)],
    [remark("MARK: MODULE"), moduleStatement(plan)],
    [remark("MARK: MODULE ROLES"), ...plan.roles.map((role) => roleStatement(m, role))],
    [remark("MARK: ENUMERATIONS", "This module defines no enumerations.")],
    [remark("MARK: ENTITIES"), ...plan.entities.map((entity) => entityStatement(m, entity))],
    [remark("MARK: ASSOCIATIONS"), ...associations(plan)],
    [remark("MARK: CONSTANTS"), ...constants(plan)],
    [remark("MARK: ENTITY ACCESS"), ...plan.entities.flatMap((entity) => entityGrants(m, entity, plan.roles.map((role) => role.name)))],
  ]);
}

function renderMicroflowsScript(plan: Plan): string {
  const m = plan.module;
  return joinSections([
    [microflowsHeader(plan)],
    // What the REST calls read their JSON answers with (OAuth token response), before the microflows that use it.
    ...(plan.jsonStructures.length ? [[remark("MARK: JSON STRUCTURES"), ...plan.jsonStructures.map((js) => jsonStructureStatement(m, js))]] : []),
    ...(plan.importMappings.length
      ? [[remark("MARK: IMPORT MAPPINGS", "Created at the module's root: move them to Private in Studio Pro (see README.md)."), ...plan.importMappings.map((im) => importMappingStatement(m, im))]]
      : []),
    // The module's own Java actions come first: the microflows below call them.
    ...(plan.javaActions.length ? [[remark("MARK: JAVA ACTIONS"), ...plan.javaActions.map((a) => javaActionStatement(m, a, javaUserCode(a.name)))]] : []),
    [remark("MARK: MICROFLOWS"), ...(plan.microflows.length ? plan.microflows.map((mf) => microflowStatement(m, mf)) : [remark("No microflows.")])],
    ...(plan.nanoflows.length ? [[remark("MARK: NANOFLOWS"), ...plan.nanoflows.map((nf) => nanoflowStatement(m, nf))]] : []),
    [remark("MARK: MICROFLOW ACCESS"), ...plan.microflows.map((mf) => microflowGrant(m, mf, plan.roles.map((r) => r.name)))],
    ...(plan.nanoflows.length ? [[remark("MARK: NANOFLOW ACCESS"), ...plan.nanoflows.map((nf) => nanoflowGrant(m, nf, plan.roles.map((r) => r.name)))]] : []),
    // After the microflows and their grants: the snippet's data sources and buttons refer to them.
    [remark("MARK: SNIPPETS"), ...(plan.snippets.length ? plan.snippets.map((s) => snippetStatement(m, s)) : [remark("No snippets.")])],
  ]);
}

function joinSections(sections: string[][]): string {
  return `${sections.map((section) => section.join("\n\n")).join("\n\n")}\n`;
}

function header(plan: Plan): string {
  return remark(
    `${plan.module}: module generated by generator-mxsecure from mxsecure.yaml. Do not edit; regenerate.`,
    "",
    `Needs mxcli ${MIN_MXCLI_VERSION} or later: older grammars reject parts of it, and mxcli applies nothing from a script`,
    "that does not parse. Apply with Studio Pro closed (commit or back up the app first):",
    `  mxcli check ${mdlScriptPath(plan)} -p App.mpr --references`,
    `  mxcli exec ${mdlScriptPath(plan)} -p App.mpr`,
    `then, once, the microflows: mxcli exec ${mdlMicroflowsPath(plan)} -p App.mpr`,
    "",
    "Re-runnable: every statement is `create or modify`, a revoke or a grant. Running it again (after a partial failure,",
    "or after `mxsecure entity` / `mxsecure role` regenerated it) creates what is missing and sets the module",
    "documentation, role descriptions, entities, associations and constants to what this script says. A grant only adds",
    "rights, so each entity's grants follow a revoke of the module roles' access: a re-run leaves exactly the rules listed",
    "here, also where they became narrower. It never drops a role, entity or association that the script no longer lists;",
    "remove those in Studio Pro. How `or modify` treats an attribute the script no longer lists is mxcli's behaviour: not",
    "verified.",
    "",
    "Manual steps MDL cannot express (also listed in README.md):",
    ...mdlManualSteps(plan).map((step) => `  - ${step}`),
  );
}

function microflowsHeader(plan: Plan): string {
  return remark(
    `${plan.module}: microflows generated by generator-mxsecure. Do not edit; regenerate.`,
    "",
    `Needs mxcli ${MIN_MXCLI_VERSION} or later. Run once, after ${mdlScriptPath(plan)}:`,
    `  mxcli exec ${mdlMicroflowsPath(plan)} -p App.mpr`,
    "Plain `create microflow`: it never overwrites a microflow that exists, so a microflow you have implemented is",
    "safe. A second run stops at the first microflow that exists; to add a new microflow later, run its statement and",
    "its grant on their own. \"Apply entity access\" is set per microflow with @applyentityaccess(true|false);",
    "a mxcli release that predates the annotation ignores it, so check the setting in Studio Pro (not verified).",
    "Every microflow is built step by step with the same activities, arguments and order as the Model SDK script",
    "builds; the kit README lists what to check in Studio Pro.",
  );
}

function associations(plan: Plan): string[] {
  const all = plan.entities.flatMap((entity) => entity.associations);
  return all.length === 0 ? [remark("No associations.")] : all.map((a) => associationStatement(plan.module, a));
}

function constants(plan: Plan): string[] {
  return plan.constants.length === 0
    ? [remark(plan.auth.secretStorage === "database" ? "No constants: secrets live encrypted in the database." : "No constants.")]
    : plan.constants.map((c) => constantStatement(plan.module, c));
}
