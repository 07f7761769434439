// Model SDK script (issue 3): the kit's model/ folder. apply.ts and lib/ are fixed code (from
// templates/sdk/model); module.ts is the plan as data; package.json pins the SDK versions.
import type { KitFile } from "../../kit/types.js";
import type { Plan } from "../../plan/types.js";
import { sdkAssets } from "./assets.js";
import { renderModuleFile } from "./definition.js";
import { packageFiles } from "./package-files.js";

export function renderModelSdk(plan: Plan): KitFile[] {
  return [...sdkAssets(), { path: "model/module.ts", contents: renderModuleFile(plan) }, ...packageFiles(plan.module)];
}
