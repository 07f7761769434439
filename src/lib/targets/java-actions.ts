// The kit's own Java actions (issue 12): the PKCE pair in templates/java/actions/. One definition
// each, read by both appliers (the Model SDK script's javaActions, the MDL `create java action`),
// and the source file the kit ships, in the module's Java package. Not yet called by the plan:
// the authorization-code scheme adds PKCE_JAVA_ACTIONS when its flows are declared with steps
// (docs/notes/issue-12-microflow-activities.md, "Declaring a scheme's flows").
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sdkTemplateDir } from "./sdk/assets.js";

/** A Java action of this module: String parameters, a String result (kit lib/definition.ts). */
export interface JavaActionDefinition {
  name: string;
  folder: string;
  documentation: string;
  parameters: string[];
}

/** The package line every template carries (docs/notes/issue-12-pkce-java-action.md). */
const TEMPLATE_PACKAGE = "package kitmodule.actions;";

export function pkceJavaActions(folder: string): JavaActionDefinition[] {
  return [
    {
      name: "GenerateRandomToken",
      folder,
      documentation:
        "Returns 32 bytes from SecureRandom as base64url without padding (43 characters): a PKCE code verifier (RFC 7636 section 4.1) or a one-time OAuth state.",
      parameters: [],
    },
    {
      name: "PkceChallengeS256",
      folder,
      documentation:
        "Returns the PKCE S256 code challenge of a code verifier: BASE64URL(SHA256(verifier)) without padding (RFC 7636 section 4.2). Refuses an invalid verifier without repeating it.",
      parameters: ["verifier"],
    },
  ];
}

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
