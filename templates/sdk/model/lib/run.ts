// A real run: temporary working copy -> checks -> build -> export a .mpk (or commit) -> delete
// the working copy, also when something fails. The Mendix platform is reached only through
// `Platform`, so the same steps run in tests against an offline model.
import { resolve } from "node:path";
import type { IModel } from "mendixmodelsdk";
import { buildModule } from "./build.js";
import type { Report } from "./built.js";
import { checkModel } from "./checks.js";
import { EXIT_PRECONDITION, explain, type Options } from "./cli.js";
import type { ModuleDefinition } from "./definition.js";
import { reminders } from "./describe.js";
import { loadModule } from "./existing.js";

export interface WorkingCopy {
  id: string;
  openModel(): Promise<IModel>;
  commit(branch: string, message: string): Promise<void>;
}

export interface Platform {
  createTemporaryWorkingCopy(appId: string, branch: string): Promise<WorkingCopy>;
  deleteWorkingCopy(id: string): Promise<void>;
}

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** The Mendix platform through the Platform and Model SDKs, signed in with the personal access token. */
export async function mendixPlatform(token: string): Promise<Platform> {
  const { MendixPlatformClient, setPlatformConfig } = await import("mendixplatformsdk");
  const { Model } = await import("mendixmodelsdk");
  setPlatformConfig({ mendixToken: token });
  const client = new MendixPlatformClient();
  return {
    async createTemporaryWorkingCopy(appId, branch) {
      const workingCopy = await client.getApp(appId).createTemporaryWorkingCopy(branch);
      return {
        id: workingCopy.workingCopyId,
        openModel: () => workingCopy.openModel(),
        commit: (target, message) => workingCopy.commitToRepository(target, { commitMessage: message }),
      };
    },
    async deleteWorkingCopy(id) {
      await Model.createSdkClient({ endPoint: "https://model.api.mendix.com", credentials: { personalAccessToken: token } }).deleteWorkingCopy(id);
    },
  };
}

type RealRun = Extract<Options, { dryRun: false }>;

export async function applyToApp(def: ModuleDefinition, options: RealRun, platform: Platform, out: Output): Promise<number> {
  out.log(`Creating a temporary working copy of app ${options.app}, branch ${options.branch} ...`);
  const workingCopy = await platform.createTemporaryWorkingCopy(options.app, options.branch);
  let code = 1;
  try {
    const model = await workingCopy.openModel();
    // An app that already has the module gets it updated: load the units the update reads.
    await loadModule(model, def);
    const problems = checkModel(model, def);
    if (problems.length) {
      problems.forEach((problem) => out.error(problem));
      out.error("Nothing was changed.");
      return (code = EXIT_PRECONDITION);
    }
    const warnings: string[] = [];
    const report: Report = { step: (line) => out.log(line), warn: (line) => warnings.push(line) };
    const built = buildModule(model, def, report);
    await model.flushChanges();
    if (options.output.kind === "mpk") {
      const path = resolve(options.output.path);
      await model.exportModuleMpk(built.module.id, path);
      out.log(`Exported ${def.name} to ${path}.`);
      out.log(`Next: open the app in Studio Pro, choose App > Import module package, and pick ${path}.`);
    } else {
      await workingCopy.commit(options.branch, options.output.message);
      out.log(`Committed ${def.name} to branch ${options.branch}. Update your local copy in Studio Pro (Version Control > Update).`);
    }
    warnings.forEach((line) => out.log(`To finish in Studio Pro: ${line}`));
    reminders(def).forEach((line) => out.log(line));
    out.log("Then map your user roles to the module roles (App Security > User roles) as the kit's SECURITY.md describes.");
    return (code = 0);
  } catch (error) {
    out.error(explain(error));
    return (code = 1);
  } finally {
    try {
      await platform.deleteWorkingCopy(workingCopy.id);
    } catch (error) {
      out.error(`Could not delete the temporary working copy ${workingCopy.id} (it expires within 24 hours): ${explain(error)}`);
    }
    if (code !== 0) out.error("The temporary working copy was discarded; the app is unchanged.");
  }
}
