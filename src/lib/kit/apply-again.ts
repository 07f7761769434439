// What a regenerated kit tells the user about an app that already has the module (issue 18): how
// the change reaches it, by both routes, and, in words, which attributes the MDL route would delete
// with their data. The previous state is the kit's own previous main MDL script (what the app got
// the last time it was applied): its `create or modify ... entity` statements name every attribute.
import { lexMdl, quotedName, type Token } from "../targets/mdl/lex.js";
import { MIN_MXCLI_VERSION, mdlMicroflowsPath, mdlScriptPath } from "../targets/mdl/index.js";
import { mdlRenamesPath, planRenames } from "../targets/mdl/renames.js";
import type { Plan } from "../plan/types.js";

/** How to bring a changed kit to an app that already has the module, by both routes. */
export function applyAgainLines(plan: Plan, folder: string): string[] {
  const at = folder === "this folder" ? "" : `cd ${folder} && `;
  return [
    `To bring this change to an app that already has ${plan.module}, apply the kit again (README.md):`,
    `  mxcli route:     ${at}mxcli --version   (${MIN_MXCLI_VERSION} or later), then` +
      (planRenames(plan).length ? ` mxcli exec ${mdlRenamesPath(plan)} -p App.mpr (once),` : "") +
      ` mxcli exec ${mdlScriptPath(plan)} -p App.mpr and mxcli exec ${mdlMicroflowsPath(plan)} -p App.mpr`,
    `  Model SDK route: ${at}cd model && npm run apply -- --app <App ID> --commit "Update ${plan.module}"`,
  ];
}

/** Entity -> attribute names, from the `create or modify ... entity` statements of an MDL script. */
export function scriptAttributes(script: string): Map<string, string[]> {
  const tokens = lexMdl(script).filter((t) => t.kind !== "comment" && t.kind !== "doc");
  const found = new Map<string, string[]>();
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i]!.kind === "word" && tokens[i]!.text.toLowerCase() === "entity")) continue;
    // create or modify [non-]persistent entity "M"."E" ( "A": type, ... );
    if (!statementStartsWithCreate(tokens, i)) continue;
    const name = tokens[i + 3];
    if (!name || name.kind !== "quoted" || tokens[i + 4]?.text !== "(") continue;
    const members: string[] = [];
    let depth = 0;
    for (let j = i + 4; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.text === "(") depth++;
      else if (t.text === ")" && --depth === 0) break;
      else if (depth === 1 && t.kind === "quoted" && tokens[j + 1]?.text === ":") members.push(quotedName(t));
    }
    found.set(quotedName(name), members);
  }
  return found;
}

function statementStartsWithCreate(tokens: Token[], entityAt: number): boolean {
  for (let k = entityAt - 1; k >= 0 && tokens[k]!.text !== ";"; k--) if (tokens[k]!.text.toLowerCase() === "create") return true;
  return false;
}

/**
 * The attributes the previous main script created that the new one drops without a rename: on the
 * mxcli route, `create or modify entity` deletes each with its values (ako/mxcli
 * mdl/executor/cmd_entities.go:132-207, :300-313). One sentence each, in words.
 */
export function dataLossLines(previousScript: string, plan: Plan): string[] {
  const before = scriptAttributes(previousScript);
  const lines: string[] = [];
  for (const entity of plan.entities) {
    const old = before.get(entity.renamedFrom ?? entity.name) ?? before.get(entity.name);
    if (!old) continue;
    const kept = new Set(entity.attributes.flatMap((a) => [a.name, ...(a.renamedFrom ? [a.renamedFrom] : [])]));
    if (entity.storeOwner) kept.add("owner");
    for (const attribute of old.filter((a) => !kept.has(a))) {
      lines.push(
        `warning DATA LOSS: ${entity.name}.${attribute} is no longer in the kit. Re-running ${mdlScriptPath(plan)} deletes it and its value in every ${entity.name} object. ` +
          `If you renamed it, give the new attribute renamedFrom: ${attribute} in mxsecure.yaml and regenerate; the Model SDK route keeps it and says so.`,
      );
    }
  }
  const names = new Set(plan.entities.flatMap((e) => [e.name, ...(e.renamedFrom ? [e.renamedFrom] : [])]));
  for (const entity of before.keys()) {
    if (!names.has(entity)) {
      lines.push(
        `warning ${entity} is no longer in the kit: neither route deletes it, so its objects stay in the app. Delete it in Studio Pro only if its data may go; if you renamed it, give the new entity renamedFrom: ${entity} and regenerate.`,
      );
    }
  }
  return lines;
}
