// Model SDK script (issue 3): model/apply.ts, model/package.json, model/tsconfig.json.
import type { KitFile } from "../../kit/types.js";
import type { Plan } from "../../plan/types.js";

export function renderModelSdk(_plan: Plan): KitFile[] {
  return [];
}
