// `create or modify java action`: the kit's own Java actions, their `$$` body being only the code
// between Mendix's USER CODE markers (issue 18). mxcli wraps the body in its own class and writes
// javasource/<module>/actions/<Name>.java, overwriting the file (ako/mxcli
// mdl/executor/cmd_javaactions.go:437-442, sdk/javaactions/source.go:15-104); the kit ships that
// same file (targets/java-actions.ts javaSource), so the two agree byte for byte.
// `or modify`: without it a second run stops at "already exists" (cmd_javaactions.go:326-327);
// with it the action keeps its ID (:335-336) and is updated (:427-430). The kit owns these actions.
// Grammar: createStatement CREATE (OR (MODIFY | REPLACE))? createJavaActionStatement
// (mendixlabs/mxcli MDLParser.g4 @6f336073; MDLMicroflow.g4 createJavaActionStatement: JAVA ACTION
// qualifiedName (FOLDER STRING_LITERAL)? LPAREN javaActionParameterList? RPAREN
// javaActionReturnType? javaActionExposedClause? AS DOLLAR_STRING).
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { JavaActionDefinition } from "../java-actions.js";
import { statement } from "./domain.js";

export function javaActionStatement(module: string, def: JavaActionDefinition, userCode: string): string {
  // DOLLAR_STRING runs to the next $$: a body holding one would end early.
  if (userCode.includes("$$")) throw new Error(`The Java code of ${def.name} contains "$$", which would end the MDL block.`);
  // The body is executeAction()'s, not a file: a class or package line would not compile there.
  if (/^\s*(package|import)\s|\bclass\s+\w+\s+extends\s+UserAction\b/m.test(userCode)) {
    throw new Error(`The Java code of ${def.name} is a whole file; the MDL block holds only the code of executeAction().`);
  }
  const parameters = def.parameters.map((p) => `${mdlIdentifier(p)}: string`).join(", ");
  return statement(
    def.documentation,
    `create or modify java action ${mdlQualifiedName(module, def.name)} folder ${mdlString(def.folder)} (${parameters}) returns string as $$\n${userCode.trim()}\n$$;`,
  );
}
