// Checks on the opened app model before anything is created. Each problem is one sentence that
// says what to do; any problem stops the script with exit code 2. There is no check for
// System.User: the System module is never a unit of the model (see by-name.ts), every app has it.
import type { IModel } from "mendixmodelsdk";
import type { ModuleDefinition } from "./definition.js";
import { allSteps } from "./steps.js";
import { DECRYPT_ACTION, ENCRYPT_ACTION } from "./microflows.js";

export function checkModel(model: IModel, def: ModuleDefinition): string[] {
  const problems: string[] = [];
  // The module itself is updated (existing.ts). Another module whose name differs only by case
  // would clash in the generated Java packages.
  const taken = model.allModules().find((m) => m.name !== def.name && m.name.toLowerCase() === def.name.toLowerCase());
  if (taken) {
    problems.push(`The app already has a module named ${taken.name}, which differs from ${def.name} only by case. Rename one of them, or generate the kit with another module name.`);
  }
  if (def.dependencies.some((d) => d.module === "Encryption")) {
    const missing = [ENCRYPT_ACTION, DECRYPT_ACTION].filter((name) => !model.findJavaActionByQualifiedName(name));
    if (missing.length) {
      problems.push(
        `The Encryption module is missing (${missing.join(", ")} not found). Add it from the Marketplace in Studio Pro, ` +
          `commit, and run this script again.`,
      );
    }
  }
  // The nanoflows call JavaScript actions of other modules (NanoflowCommons.OpenURL): stop before
  // building rather than halfway through it.
  const scripts = new Set((def.nanoflows ?? []).flatMap((n) => allSteps(n.steps)).flatMap((s) => (s.kind === "callJavaScript" ? [s.action] : [])));
  for (const name of scripts) {
    if (!model.findJavaScriptActionByQualifiedName(name)) {
      problems.push(`The ${name.split(".")[0]} module is missing (${name} not found). Add it from the Marketplace in Studio Pro, commit, and run this script again.`);
    }
  }
  return problems;
}
