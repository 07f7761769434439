// MDL scripts for mxcli: they apply the plan's module to a local .mpr with Studio Pro closed.
//  - model/<Module>.renames.mdl (only when the kit renames something): run once, first.
//  - model/<Module>.mdl: module, roles, entities, associations, constants and entity access.
//  - model/<Module>.microflows.mdl: Java actions, JSON structures, import mappings, microflows,
//    nanoflows, their execute access, and the snippet.
// Both of the last two can run again at any time and converge (issue 18): every create is
// `create or modify` (the kit owns what it creates), access is revoked then granted. The
// executor's "already exists" rule for each statement kind, with file and line, is in
// test/helpers/mxcli-rerun.ts, which a test applies to a second run of every example.
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
import { mdlRenamesPath, planRenames, renderRenames } from "./renames.js";

/**
 * The oldest mxcli release the scripts are safe with, and why (issue 18). Data safety: before
 * 0.24.0, ordinary edits re-minted elements' storage GUIDs, and the runtime keys a table's columns
 * on them, so the next deploy dropped and recreated the columns with their values ("28 attributes
 * of 607 rows emptied by one edit": mendixlabs/mxcli#1119, CHANGELOG.md [0.24.0] - 2026-09-24,
 * "Storage GUIDs were re-minted by ordinary edits", read at commit 036b1c05). These scripts are
 * meant to be run again on an app holding data, so they need that fix. 0.24.0 also has the
 * clauses they use: `url` / `url search parameters` on a microflow (CHANGELOG.md [0.23.0] -
 * 2026-09-21, "A microflow's URL, export level and concurrency settings are authorable") and
 * `folder` on an import mapping (0.19 per issue 18; that CHANGELOG entry was not found). 0.23.0 also
 * deleted the legacy sdk/mpr engine ("The legacy `sdk/mpr` engine is deleted"), so from the minimum
 * on only the codec engine (mdl/backend/modelsdk) applies the scripts.
 * Not verified: that 0.24.0 accepts `create or modify module role` on an existing role, which a
 * re-run needs. ako/mxcli's July 2026 executor refuses it (mdl/executor/cmd_security_write.go:38-62
 * never reads `or modify`); later mendixlabs/mxcli code accepts it (code index ids 67146244776,
 * 62453327416). The README says so.
 */
export const MIN_MXCLI_VERSION = "0.24.0";

export function renderMdl(plan: Plan): KitFile[] {
  const renames = renderRenames(plan, mdlScriptPath(plan), versionLines());
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

/** What the scripts cannot do, in every kit. */
export const MDL_MANUAL_STEPS: readonly string[] = [
  "Map the module roles to user roles in App Security, as SECURITY.md describes.",
];

/**
 * The manual steps this kit needs, and only those (issue 18): the modules it depends on, System.owner
 * access where a rule grants any (MDL member lists name attributes and associations only), a rule
 * with no rights on an entity without members (the script makes the others itself: grants.ts), and
 * the snippet checks when the kit has a snippet.
 */
export function mdlManualSteps(plan: Plan): string[] {
  const modules = plan.dependencies.map((d) => d.module);
  const rules = plan.entities.flatMap((e) => e.accessRules.map((r) => ({ e, r })));
  const ownerAccess = rules.some(({ r }) => r.members.some((m) => m.kind === "system" && m.rights !== "None"));
  const memberless = rules.some(({ r }) => !(r.allowCreate || r.allowDelete || r.members.some((m) => m.kind !== "system" && m.rights !== "None")) && !r.members.some((m) => m.kind !== "system"));
  return [
    ...(modules.length
      ? [`Install the modules the kit depends on (${modules.join(", ")}) from the Marketplace first` +
          (modules.includes("Encryption") ? "; set Encryption.EncryptionKey per environment." : ".")]
      : []),
    ...(ownerAccess ? ["Read access to System.owner on owner-constrained entities: MDL member lists name attributes and associations only."] : []),
    ...(memberless ? ["An access rule with no rights on an entity with no attribute or association: add it in Studio Pro so module security is complete."] : []),
    ...MDL_MANUAL_STEPS,
    ...applyEntityAccessStep(plan),
    ...(plan.snippets.length ? SNIPPET_MANUAL_STEPS : []),
  ];
}

/**
 * `@applyentityaccess(true)` is what the script asks for, but ako/mxcli's July 2026 source never
 * reads it: the visitor takes only `@excluded` from a create statement's annotations
 * (mdl/visitor/visitor_microflow.go:53-58) and the writer stores Apply entity access = No on every
 * microflow (mdl/backend/modelsdk/microflow_write.go:186). Later mendixlabs/mxcli reads it
 * (documentAnnotations "microflow": {"excluded", "applyentityaccess"}, code index id 67112627065;
 * MDL059 reports an annotation a document does not read), from a release not established here
 * (0.22 per facts.md, no CHANGELOG entry found). A microflow meant to apply entity access that runs
 * without it writes past the caller's access rules, so the kit asks for a look where it matters.
 */
function applyEntityAccessStep(plan: Plan): string[] {
  const names = plan.microflows.filter((mf) => mf.applyEntityAccess).map((mf) => mf.name);
  if (names.length === 0) return [];
  return [
    `Check that ${names.join(", ")} ${names.length === 1 ? "has" : "have"} Apply entity access set to Yes (microflow properties). ` +
      "The script asks for it with @applyentityaccess(true); an mxcli release that ignores the annotation writes No (the July 2026 source does).",
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
    ...(plan.importMappings.length ? [[remark("MARK: IMPORT MAPPINGS"), ...plan.importMappings.map((im) => importMappingStatement(m, im))]] : []),
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

/** The version check and the data-safety reason, the same in every script header. */
function versionLines(): string[] {
  return [
    `Needs mxcli ${MIN_MXCLI_VERSION} or later, for data safety: older releases re-mint elements' storage GUIDs on`,
    "ordinary edits, and the next deploy then empties those columns (mendixlabs/mxcli#1119). Check first:",
    `  mxcli --version        (must print ${MIN_MXCLI_VERSION} or later)`,
  ];
}

function header(plan: Plan): string {
  const renames = planRenames(plan).length > 0;
  return remark(
    `${plan.module}: module generated by generator-mxsecure from mxsecure.yaml. Do not edit; regenerate.`,
    "",
    ...versionLines(),
    "Apply with Studio Pro closed (commit or back up the app first), from the kit folder:",
    ...(renames ? [`  mxcli exec ${mdlRenamesPath(plan)} -p App.mpr      (once, first: this kit renames; see that file)`] : []),
    `  mxcli check ${mdlScriptPath(plan)} -p App.mpr --references`,
    `  mxcli exec ${mdlScriptPath(plan)} -p App.mpr`,
    `  mxcli exec ${mdlMicroflowsPath(plan)} -p App.mpr`,
    "",
    "Re-runnable, and how a changed kit reaches an app that has the module: run this script and the microflows script",
    "again (after a partial failure, or after `mxsecure entity` / `mxsecure role` regenerated them). Every create is",
    "`create or modify`; each entity's access is revoked for the module roles and granted again, so the app ends with",
    "exactly the rules listed here, also where they became narrower. Roles, entities and associations the script no",
    "longer lists are left in the app: remove them in Studio Pro.",
    // MDL087, a warning (exec still applies the script): mendixlabs/mxcli CHANGELOG.md [0.24.0], "A script
    // that silently removes a member is now reported (MDL087)" (ako/mxcli#562); its output, code index id 70817782315.
    "DATA LOSS: `create or modify entity` rebuilds the entity from the statement, so an attribute this script no longer",
    "lists is deleted with its values in every object (mxcli check warns MDL087 and names it). To rename one, give it",
    "renamedFrom in mxsecure.yaml: the renames script then renames it in place.",
    "",
    "Manual steps MDL cannot express (also listed in README.md):",
    ...mdlManualSteps(plan).map((step) => `  - ${step}`),
  );
}

function microflowsHeader(plan: Plan): string {
  // `or modify` keeps the ID of a java action (cmd_javaactions.go:335-336), microflow
  // (cmd_microflows_create.go:86-87), nanoflow (cmd_nanoflows_create.go:71-72), JSON structure
  // (cmd_jsonstructures.go:221-222) and import mapping (cmd_import_mappings.go:237-238); a snippet is
  // built anew and the old one deleted (cmd_pages_create_v3.go:125-137, :158-161; ako/mxcli July 2026).
  return remark(
    `${plan.module}: microflows generated by generator-mxsecure. Do not edit; regenerate.`,
    "",
    ...versionLines(),
    `Run after ${mdlScriptPath(plan)}, and again after every change to the kit:`,
    `  mxcli exec ${mdlMicroflowsPath(plan)} -p App.mpr`,
    "Re-runnable: the Java actions, JSON structures, import mappings, microflows, nanoflows and the snippet are the kit's",
    "and are created with `create or modify`, which replaces their content under the same name (each keeps its ID, except",
    "the snippet, which mxcli deletes and creates again), so calls to them, which name them, stay valid. Changes you make",
    "to them in Studio Pro are replaced on the next run. Each microflow's execute access is",
    "revoked from the module roles and granted again. \"Apply entity access\" is set per microflow with",
    "@applyentityaccess(true|false). Every microflow is built step by step with the same activities, arguments and",
    "order as the Model SDK script builds; the kit README lists what to check in Studio Pro.",
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
