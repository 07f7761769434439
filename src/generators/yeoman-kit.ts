// Hands a prepared kit to a Yeoman generator's mem-fs. Files the user never edited are marked
// "force" so Yeoman's conflicter only asks about real edits; the spec file a run read is left alone.
import type Generator from "yeoman-generator";
import { relative } from "node:path";
import type { KitRun } from "../lib/kit/prepare.js";

/** The part of a generator these helpers use. */
type KitGenerator = Pick<Generator, "fs" | "log" | "destinationRoot">;

export function writeKitRun(generator: KitGenerator, run: KitRun): void {
  for (const change of run.changes) {
    if (change.status === "keep" || change.status === "skip") continue;
    generator.fs.write(change.absolute, change.file.contents);
    if (change.status === "update") {
      // @yeoman/conflicter reads this field (its forceYoFiles transform sets it the same way).
      (generator.fs.store.get(change.absolute) as { conflicter?: string }).conflicter = "force";
    }
  }
}

export function logKitRun(generator: KitGenerator, run: KitRun): void {
  for (const w of run.kit.warnings) generator.log(`warning ${w.rule} at ${w.path || "(spec)"}: ${w.message}. ${w.fix}`);
  const where = relative(generator.destinationRoot(), run.kitDir) || ".";
  generator.log(`${run.kit.spec.module}: kit in ${where === "." ? "this folder" : where}. Next: read ${where}/SECURITY.md, then apply the module (${where}/README.md).`);
}
