// `yo mxsecure`: asks about the connector (questions an answers file answered are skipped), then
// runs the same pipeline as the fast path and hands the files to Yeoman's mem-fs, so conflicts,
// --force, --dry-run and .yo-resolve work as in any Yeoman generator.
import { relative } from "node:path";
import Generator, { type BaseOptions } from "yeoman-generator";
import { compareWithDisk, conflictError } from "../../lib/kit/disk.js";
import { findKit, kitDirFor } from "../../lib/kit/location.js";
import { kitFromAnswers, type Kit } from "../../lib/kit/pipeline.js";
import { readAnswersFile, type LoadedAnswers } from "../../lib/spec/load.js";
import { interview, type Question } from "../../lib/prompts/interview.js";
import { isInteractive } from "../../lib/cli/main.js";

type Options = BaseOptions & { answers?: string; interactive?: boolean; force?: boolean };

export default class AppGenerator extends Generator<Record<string, never>, Options> {
  private kit?: Kit;
  private kitDir = "";

  constructor(args: string[], options: Options) {
    super(args, options);
    this.option("answers", { type: String, description: "Answers file (YAML or JSON); questions it answers are not asked" });
    this.option("interactive", { type: Boolean, description: "Prompt for missing answers (default: when stdin is a terminal and CI is unset)" });
  }

  async prompting(): Promise<void> {
    const cwd = this.destinationRoot();
    const file = this.options.answers ?? findKit(cwd)?.specFile;
    const loaded: LoadedAnswers | undefined = file ? readAnswersFile(file) : undefined;
    const given = (loaded?.data ?? {}) as Record<string, unknown>;
    const interactive = this.options.interactive ?? isInteractive(false);
    const answers = interactive ? await interview((q) => this.ask(q), given) : given;
    const source = file ? { name: relative(cwd, file) || file, locate: loaded!.locate } : undefined;
    this.kit = kitFromAnswers(answers, source);
    this.kitDir = kitDirFor(cwd, this.kit.spec.module);
    if (!interactive && !this.options.force) {
      // Without a terminal Yeoman's conflict prompt cannot be answered: stop before writing anything.
      const conflicts = compareWithDisk(this.kitDir, this.kit.files, false).filter((c) => c.status === "conflict");
      if (conflicts.length) throw conflictError(relative(cwd, this.kitDir) || ".", conflicts);
    }
  }

  writing(): void {
    for (const file of this.kit!.files) this.fs.write(this.destinationPath(relative(this.destinationRoot(), `${this.kitDir}/${file.path}`)), file.contents);
  }

  end(): void {
    const kit = this.kit!;
    for (const w of kit.warnings) this.log(`warning ${w.rule} at ${w.path || "(spec)"}: ${w.message}. ${w.fix}`);
    const where = relative(this.destinationRoot(), this.kitDir) || ".";
    this.log(`${kit.spec.module}: kit in ${where}. Next: read ${where}/SECURITY.md, then apply the module (${where}/README.md).`);
  }

  private async ask(question: Question): Promise<string | boolean> {
    // Our Question is a subset of inquirer's; its union of types is wider than one overload accepts.
    const answer = await this.prompt([{ ...question, name: "value" } as never]);
    return answer.value as string | boolean;
  }
}
