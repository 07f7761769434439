// `create java action`: the kit's own Java actions with their source, as mxcli defines them
// (mendixlabs/mxcli mdl/grammar/domains/MDLMicroflow.g4 @6f336073 createJavaActionStatement:
// JAVA ACTION qualifiedName (FOLDER STRING_LITERAL)? LPAREN javaActionParameterList? RPAREN
// javaActionReturnType? javaActionExposedClause? AS DOLLAR_STRING). Whether an mxcli release
// also writes the .java file varies (docs/notes/issue-12-microflow-activities.md, "Call Java
// action"), so the kit ships the file either way.
import { mdlIdentifier, mdlQualifiedName, mdlString } from "../../escape/mdl.js";
import type { JavaActionDefinition } from "../java-actions.js";
import { statement } from "./domain.js";

export function javaActionStatement(module: string, def: JavaActionDefinition, source: string): string {
  // DOLLAR_STRING runs to the next $$: a source holding one would end early.
  if (source.includes("$$")) throw new Error(`The Java source of ${def.name} contains "$$", which would end the MDL block.`);
  const parameters = def.parameters.map((p) => `${mdlIdentifier(p)}: string`).join(", ");
  return statement(
    def.documentation,
    `create java action ${mdlQualifiedName(module, def.name)} folder ${mdlString(def.folder)} (${parameters}) returns string as $$\n${source.trimEnd()}\n$$;`,
  );
}
