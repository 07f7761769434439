// MDL script for mxcli (issue 4): model/<Module>.mdl.
import type { KitFile } from "../../kit/types.js";
import type { Plan } from "../../plan/types.js";

export function renderMdl(_plan: Plan): KitFile[] {
  return [];
}
