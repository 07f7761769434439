// What mxcli's executor does with each statement the kit writes when the element it names already
// exists: the "already exists" rules, read from the executor (ako/mxcli, July 2026, unless noted).
// `mxcli exec` stops at the first statement that fails and applies nothing after it
// (mdl/executor/executor.go:350-361, ExecuteProgram returns on the first error), so a second run of
// a script is safe only if no statement fails on an app that already holds what the first run made.
import type { ParsedStatement } from "./mdl-grammar.js";

export type OnSecondRun = "updates" | "fails";

interface Rule {
  /** With `create or modify` (or no create at all). */
  orModify: OnSecondRun;
  /** Plain `create`. */
  plain: OnSecondRun;
  source: string;
}

export const SECOND_RUN: Record<string, Rule> = {
  // "Module '%s' already exists" is printed and nil returned, with or without `or modify`.
  createModuleStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_modules.go:24-33" },
  // ako/mxcli HEAD errors even with `or modify` (cmd_security_write.go:38-62 never reads it); later
  // mendixlabs/mxcli accepts `create or modify module role` on an existing role (executor test
  // "CREATE OR MODIFY succeeds on an existing role", code index id 67146244776; security skill
  // "`or modify` updates an existing role's description instead of failing", id 62453327416).
  // The kit needs that later behaviour: see MIN_MXCLI_VERSION.
  createModuleRoleStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_security_write.go:62 (plain); index ids 67146244776, 62453327416 (or modify)" },
  createEntityStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_entities.go:75-76, update :300-313" },
  createAssociationStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_associations.go:95-140 (or modify: updated in place), :143-183 (plain)" },
  createConstantStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_constants.go:298-306" },
  createJsonStructureStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_jsonstructures.go:197-200" },
  createImportMappingStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_import_mappings.go:198-200" },
  createJavaActionStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_javaactions.go:326-336" },
  createMicroflowStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_microflows_create.go:70-91" },
  createNanoflowStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_nanoflows_create.go:55-58" },
  // `or modify` deletes the old snippet and creates a new one under the same name (:158-161).
  createSnippetStatement: { orModify: "updates", plain: "fails", source: "mdl/executor/cmd_pages_create_v3.go:125-137" },
  // A grant on an existing rule never fails: microflow grants merge roles (cmd_security_write.go:605-619);
  // an entity grant upserts the rule with the same role set (default codec engine,
  // mdl/backend/modelsdk/domainmodel_security_write.go:39-75, which rewrites the matched rule's rights;
  // later mendixlabs/mxcli merges them additively and keys on role set and XPath, #936, code index id
  // 62702065440). Revokes print "No access rules found" / "None of the specified roles" and return nil
  // when there is nothing to take away (:541-542, :556-557, :681-682).
  grantEntityAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:306 execGrantEntityAccess" },
  revokeEntityAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:541-557" },
  grantMicroflowAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:605-629" },
  revokeMicroflowAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:660-686" },
  grantNanoflowAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:693 execGrantNanoflowAccess" },
  revokeNanoflowAccessStatement: { orModify: "updates", plain: "updates", source: "mdl/executor/cmd_security_write.go:757-806 (nil when no role had access, :799-803)" },
  // A rename names what the first run already renamed: "attribute '%s' not found" / entity not
  // found (cmd_entities.go:650-651, cmd_rename.go:69-70). Never part of a re-runnable script.
  alterEntityRenameAttribute: { orModify: "fails", plain: "fails", source: "mdl/executor/cmd_entities.go:641-651" },
  renameEntityStatement: { orModify: "fails", plain: "fails", source: "mdl/executor/cmd_rename.go:48-70" },
  renameAssociationStatement: { orModify: "fails", plain: "fails", source: "mdl/executor/cmd_rename.go:343-367" },
};

/** The statements a second run of the script would fail at, with the rule each hits (empty: the second run completes). */
export function secondRunFailures(statements: ParsedStatement[]): string[] {
  const failures: string[] = [];
  for (const s of statements) {
    const rule = SECOND_RUN[s.rule];
    if (!rule) {
      failures.push(`${s.rule} ${s.name.join(".")}: no second-run rule known for this statement`);
      continue;
    }
    const text = s.text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "").replace(/^(@\w+\([^)]*\)\s*)*/, "");
    const orModify = !text.startsWith("create ") || text.startsWith("create or modify ");
    if ((orModify ? rule.orModify : rule.plain) === "fails") failures.push(`${s.rule} ${s.name.join(".")} (${rule.source})`);
  }
  return failures;
}
