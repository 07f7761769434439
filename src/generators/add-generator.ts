// Shared by `yo mxsecure:entity` and `yo mxsecure:role`: ask for one item (or read it from
// --answers), add it to the kit's spec in place, and regenerate every output through Yeoman.
import Generator, { type BaseOptions } from "yeoman-generator";
import { explainNewItem } from "../lib/cli/add.js";
import { isInteractive } from "../lib/cli/main.js";
import { prepareKitRun, stopOnConflicts, type KitRun } from "../lib/kit/prepare.js";
import { addToSpec, readSpecDocument, requireKit, type AddKind } from "../lib/kit/spec-edit.js";
import type { KitMarker } from "../lib/kit/location.js";
import type { Ask } from "../lib/prompts/interview.js";
import { refuseForeignFile } from "../lib/spec/foreign.js";
import { readAnswersFile } from "../lib/spec/load.js";
import { UserError } from "../lib/spec/problems.js";
import { validateSpec } from "../lib/spec/validate.js";
import { declareKitOptions } from "../lib/cli/options.js";
import { askQuestion, finishKitRun, guarded, releaseKitsAtRunEnd, writeKitRun, yeomanRunMode } from "./yeoman-kit.js";

export type AddOptions = BaseOptions & { answers?: string; interactive?: boolean; force?: boolean; name?: string };

export abstract class AddGenerator extends Generator<Record<string, never>, AddOptions> {
  private kitRun?: KitRun;
  /** Set when a task failed and said so: the later tasks do nothing. */
  stopped = false;
  protected abstract readonly kind: AddKind;

  constructor(args: string[], options: AddOptions) {
    // Yeoman runs only the subclass's own methods as tasks unless told to inherit: the tasks
    // (prompting, writing, end) live here, and the subclass's helper methods are no tasks.
    // inheritTasks: Yeoman otherwise runs only the subclass's own methods; customInstallTask: nothing to install.
    super(args, options, { inheritTasks: true, customInstallTask: true });
    releaseKitsAtRunEnd(this);
    this.argument("name", { type: String, required: false, description: "Name of the new item" });
    declareKitOptions(this);
  }

  /** The questions for one item, skipping what `given` answers. */
  protected abstract interview(ask: Ask, spec: Record<string, unknown>, given: Record<string, unknown>): Promise<Record<string, unknown>>;

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
    const kit: KitMarker = requireKit(cwd, this.kind);
    const given = this._given();
    const interactive = this.options.interactive ?? isInteractive(false);
    const spec = readSpecDocument(kit).toJS() as Record<string, unknown>;
    // Answers that already make a valid spec (defaults included) need no questions, as on the fast
    // path, which hands over here only for a conflict to decide: ask only for what is missing.
    const complete = validateSpec(addToSpec(kit, this.kind, given).data).ok;
    const item = interactive && !complete ? await this.interview((q) => askQuestion(this, q), spec, given) : given;
    const edit = addToSpec(kit, this.kind, item);
    this.kitRun = explainNewItem(edit.path, this.kind, this.options.answers, () =>
      prepareKitRun(edit.data, { cwd, answersFile: kit.specFile, specText: edit.text, force: this.options.force === true }),
    );
    if (!interactive && !yeomanRunMode(this).dryRun) stopOnConflicts(this.kitRun, cwd);
  }

  private _given(): Record<string, unknown> {
    const fromFile = this.options.answers ? readAnswersFile(this.options.answers).data : {};
    if (this.options.answers) refuseForeignFile(fromFile, this.options.answers, this.kind);
    if (typeof fromFile !== "object" || fromFile === null || Array.isArray(fromFile)) {
      throw new UserError(`${this.options.answers} must hold one ${this.kind} as a mapping.`);
    }
    const name = this.options.name;
    return name ? { name, ...(fromFile as Record<string, unknown>) } : (fromFile as Record<string, unknown>);
  }
}
