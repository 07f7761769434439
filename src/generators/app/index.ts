// `yo mxsecure`: asks about the connector (questions an answers file answered are skipped), then
// runs the same pipeline as the fast path and hands the files to Yeoman's mem-fs, so conflicts,
// --force, --dry-run and .yo-resolve work as in any Yeoman generator.
import Generator, { type BaseOptions } from "yeoman-generator";
import { isInteractive } from "../../lib/cli/main.js";
import { openKit, prepareKitRun, stopOnConflicts, type KitRun } from "../../lib/kit/prepare.js";
import { interview } from "../../lib/prompts/interview.js";
import { describeLoss, replacementError, specReplacement } from "../../lib/kit/replace.js";
import { UserError } from "../../lib/spec/problems.js";
import { refuseForeignFile } from "../../lib/spec/foreign.js";
import { readAnswersFile } from "../../lib/spec/load.js";
import { takeHandedOver } from "../../lib/cli/interactive.js";
import { validateSpec } from "../../lib/spec/validate.js";
import { declareKitOptions } from "../../lib/cli/options.js";
import { askQuestion, finishKitRun, guarded, releaseKitsAtRunEnd, writeKitRun, yeomanRunMode } from "../yeoman-kit.js";

type Options = BaseOptions & { answers?: string; interactive?: boolean; force?: boolean };

export default class AppGenerator extends Generator<Record<string, never>, Options> {
  private kitRun?: KitRun;
  /** Set when a task failed and said so: the later tasks do nothing. */
  stopped = false;

  constructor(args: string[], options: Options) {
    // customInstallTask: a kit has nothing to install; it also silences Yeoman's package.json notice.
    super(args, options, { customInstallTask: true });
    releaseKitsAtRunEnd(this);
    this.desc("Generates a secure Mendix connector kit: asks about the connector, or reads --answers FILE.");
    declareKitOptions(this);
  }

  async prompting(): Promise<void> {
    await guarded(this, () => this._prepare());
  }

  async writing(): Promise<void> {
    await guarded(this, () => writeKitRun(this, this.kitRun!, yeomanRunMode(this)));
  }

  async end(): Promise<void> {
    await guarded(this, () => finishKitRun(this, this.kitRun!, yeomanRunMode(this)));
  }

  // Underscored: Yeoman runs every other method of a generator as a task.
  private async _prepare(): Promise<void> {
    const cwd = this.destinationRoot();
    // Inside a kit, its lock is taken before anything is read (one run per kit).
    const kit = openKit(cwd);
    const answersFile = this.options.answers ?? kit?.specFile;
    const loaded = answersFile ? readAnswersFile(answersFile, this.options.answers ? "named" : "kit") : undefined;
    if (this.options.answers) refuseForeignFile(loaded!.data, this.options.answers, "spec");
    const interactive = this.options.interactive ?? isInteractive(false);
    const given = (loaded?.data ?? {}) as Record<string, unknown>;
    // A file that is a complete spec answers everything (defaults included), as on the fast path:
    // only a file that lacks answers leads to questions.
    const complete = validateSpec(given).ok;
    // Answers the bin's interview gathered before it loaded Yeoman (a conflict to decide) are not asked again.
    const handedOver = takeHandedOver();
    const interviewed = handedOver !== undefined || (interactive && !complete);
    const answers = handedOver ?? (interviewed ? await interview((q) => askQuestion(this, q), given) : given);
    this.kitRun = prepareKitRun(answers, {
      cwd,
      // After an interview the answers are no longer the file's alone: the kit's spec file is then
      // rewritten with them (not kept as read), and messages cannot point into the file.
      ...(answersFile && !interviewed ? { answersFile, locate: loaded!.locate } : {}),
      force: this.options.force === true,
    });
    // Without a terminal Yeoman's conflict question cannot be answered: stop before writing anything.
    if (!interactive && !yeomanRunMode(this).dryRun) stopOnConflicts(this.kitRun, cwd);
    if (this.options.answers && this.options.force !== true && !yeomanRunMode(this).dryRun) await this._confirmReplacement(cwd, interactive);
  }

  /** --answers over an existing kit with another spec: asked in a terminal, refused in a script (lib/kit/replace.ts). */
  private async _confirmReplacement(cwd: string, interactive: boolean): Promise<void> {
    const replacing = specReplacement(this.kitRun!, cwd);
    if (!replacing) return;
    if (!interactive) throw replacementError(replacing, this.options.answers!);
    const where = replacing.kit === "." ? "This folder" : `${replacing.kit}/`;
    const replace = await askQuestion(this, {
      type: "confirm",
      name: "replaceKit",
      message: `${where} already holds this module's kit with another spec. Replacing it: ${describeLoss(replacing)}. Replace it?`,
      default: false,
    });
    if (replace !== true) throw new UserError(`Kept the existing kit in ${where}; nothing was written.`);
  }
}
