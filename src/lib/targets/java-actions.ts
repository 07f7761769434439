// The kit's own Java actions (issue 12): the PKCE pair in templates/java/actions/. One definition
// each, read by both appliers (the Model SDK script's javaActions, the MDL `create java action`),
// and the source file the kit ships, in the module's Java package. The plan lists them
// (Plan.javaActions; the authorization-code scheme adds the PKCE pair, plan/java-actions.ts).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pkceJavaActions } from "../plan/java-actions.js";
import type { Plan, PlanJavaAction } from "../plan/types.js";
import type { KitFile } from "../kit/types.js";
import { sdkTemplateDir } from "./sdk/assets.js";

/** A Java action of this module: String parameters, a String result (kit lib/definition.ts). */
export type JavaActionDefinition = PlanJavaAction;

export { pkceJavaActions };

/** The package line every template carries (docs/notes/issue-12-pkce-java-action.md). */
const TEMPLATE_PACKAGE = "package kitmodule.actions;";

/** Where Mendix keeps a module's Java action: javasource/<module lower case>/actions/<Name>.java. */
export function javaSourcePath(module: string, action: string): string {
  return `javasource/${module.toLowerCase()}/actions/${action}.java`;
}

/** The action's source, in the module's Java package (`Encryption` -> `encryption.actions`). */
export function javaSource(module: string, action: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(module) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(action)) {
    throw new Error(`Not a Mendix name: ${JSON.stringify(module)}.${JSON.stringify(action)}`);
  }
  const template = readFileSync(join(javaTemplateDir(), `${action}.java`), "utf8");
  if (!template.includes(TEMPLATE_PACKAGE)) throw new Error(`templates/java/actions/${action}.java lacks "${TEMPLATE_PACKAGE}".`);
  return template.replace(TEMPLATE_PACKAGE, `package ${module.toLowerCase()}.actions;`);
}

/** templates/java/actions, beside templates/sdk/model. */
function javaTemplateDir(): string {
  return join(dirname(dirname(sdkTemplateDir())), "java", "actions");
}

/** The source files of the plan's Java actions, where Mendix keeps them in the app folder. */
export function javaSourceFiles(plan: Plan): KitFile[] {
  return plan.javaActions.map((a) => ({ path: javaSourcePath(plan.module, a.name), contents: javaSource(plan.module, a.name) }));
}
