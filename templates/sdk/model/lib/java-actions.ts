// Java action definitions (the kit's own actions, e.g. the PKCE pair): the action, its String
// parameters and its String return type, so microflows can call it. Studio Pro generates the Java
// class from this definition; the kit ships the source file with the logic
// (javasource/<module>/actions/<Name>.java) inside the generated USER CODE region.
// SDK: javaactions.JavaAction.createIn(folder) (javaactions.d.ts:832);
// JavaActionParameter.createInCodeActionUnderActionParameters (javaactions.d.ts:895, Mendix >= 7.21);
// codeactions.BasicParameterType.create (codeactions.d.ts:61) with
// codeactions.StringType.createInBasicParameterTypeUnderType (:923);
// codeactions.StringType.createInCodeActionUnderActionReturnType (:932).
import { codeactions, javaactions } from "mendixmodelsdk";
import { required, type Built } from "./built.js";
import type { JavaActionDefinition } from "./definition.js";

export function buildJavaAction(def: JavaActionDefinition, built: Built): javaactions.JavaAction {
  const action = javaactions.JavaAction.createIn(required(built.folders.get(def.folder), `folder ${def.folder}`));
  action.name = def.name;
  action.documentation = def.documentation;
  for (const name of def.parameters) {
    const parameter = javaactions.JavaActionParameter.createInCodeActionUnderActionParameters(action);
    parameter.name = name;
    const type = codeactions.BasicParameterType.create(action.model);
    parameter.actionParameterType = type;
    codeactions.StringType.createInBasicParameterTypeUnderType(type);
  }
  codeactions.StringType.createInCodeActionUnderActionReturnType(action);
  return action;
}
