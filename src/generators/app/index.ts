// `yo mxsecure`: asks about the connector (questions an answers file answered are skipped), then
// runs the same pipeline as the fast path and hands the files to Yeoman's mem-fs, so conflicts,
// --force, --dry-run and .yo-resolve work as in any Yeoman generator.
import Generator, { type BaseOptions } from "yeoman-generator";
import { inert } from "../../lib/audit/inert.js";
import { isInteractive } from "../../lib/cli/main.js";
import { openKit, prepareKitRun, stopOnConflicts, type KitRun } from "../../lib/kit/prepare.js";
import { interview, type Question } from "../../lib/prompts/interview.js";
import { answersForOpenApi, entityList } from "../../lib/openapi/interview.js";
import { describeLoss, replacementError, specReplacement } from "../../lib/kit/replace.js";
import { UserError } from "../../lib/spec/problems.js";
import { refuseForeignFile } from "../../lib/spec/foreign.js";
import { readAnswersFile } from "../../lib/spec/load.js";
import { takeHandedOver } from "../../lib/cli/interactive.js";
import { validateSpec } from "../../lib/spec/validate.js";
import { declareKitOptions } from "../../lib/cli/options.js";
import { askQuestion, finishKitRun, guarded, releaseKitsAtRunEnd, writeKitRun, yeomanRunMode } from "../yeoman-kit.js";

type Options = BaseOptions & { answers?: string; interactive?: boolean; force?: boolean; openapi?: string; entities?: string };

export default class AppGenerator extends Generator<Record<string, never>, Options> {
  private kitRun?: KitRun;
  /** Set when a task failed and said so: the later tasks do nothing. */
  stopped = false;

  constructor(args: string[], options: Options) {
    // customInstallTask: a kit has nothing to install; it also silences Yeoman's package.json notice.
    super(args, options, { customInstallTask: true });
    releaseKitsAtRunEnd(this);
    this.desc("Generates a secure Mendix connector kit: asks about the connector, or reads --answers FILE.");
    declareKitOptions(this, true);
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
    const fromDocument = handedOver === undefined && this.options.openapi !== undefined;
    const interviewed = handedOver !== undefined || (interactive && (!complete || this.options.openapi !== undefined));
    const answers = handedOver ?? (fromDocument ? await this._fromOpenApi(given, interactive) : interviewed ? await interview((q) => askQuestion(this, q), given) : given);
    this.kitRun = prepareKitRun(answers, {
      cwd,
      // After an interview the answers are no longer the file's alone: the kit's spec file is then
      // rewritten with them (not kept as read), and messages cannot point into the file.
      ...(answersFile && !interviewed && this.options.openapi === undefined ? { answersFile, locate: loaded!.locate } : {}),
      force: this.options.force === true,
    });
    // Without a terminal Yeoman's conflict question cannot be answered: stop before writing anything.
    if (!interactive && !yeomanRunMode(this).dryRun) stopOnConflicts(this.kitRun, cwd);
    const source = this.options.answers ?? this.options.openapi;
    if (source && this.options.force !== true && !yeomanRunMode(this).dryRun) await this._confirmReplacement(cwd, interactive, source);
  }

  /** --answers or --openapi over an existing kit with another spec: asked in a terminal, refused in a script (lib/kit/replace.ts). */
  private async _confirmReplacement(cwd: string, interactive: boolean, source: string): Promise<void> {
    const replacing = specReplacement(this.kitRun!, cwd);
    if (!replacing) return;
    if (!interactive) throw replacementError(replacing, source);
    const where = replacing.kit === "." ? "This folder" : `${replacing.kit}/`;
    const replace = await askQuestion(this, {
      type: "confirm",
      name: "replaceKit",
      message: `${where} already holds this module's kit with another spec. Replacing it: ${describeLoss(replacing)}. Replace it?`,
      default: false,
    });
    if (replace !== true) throw new UserError(`Kept the existing kit in ${where}; nothing was written.`);
  }

  /** --openapi FILE: the document's draft, then (in a terminal) the interview with it as defaults. */
  private _fromOpenApi(given: Record<string, unknown>, interactive: boolean): Promise<Record<string, unknown>> {
    const ask = interactive ? (q: Question) => askQuestion(this, q) : undefined;
    return answersForOpenApi(this.options.openapi!, entityList(this.options.entities), given, ask, (line) => this.log(inert(line)));
  }
}
