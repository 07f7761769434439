// Plan → the kit's files. Pure: the same spec always gives the same bytes.
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";
import { mdlManualSteps, MIN_MXCLI_VERSION, renderMdl } from "../targets/mdl/index.js";
import { planRenames } from "../targets/mdl/renames.js";
import { javaSourceFiles } from "../targets/java-actions.js";
import { renderModelSdk } from "../targets/sdk/index.js";
import { manifestOf } from "./manifest.js";
import { renderKitReadme } from "./readme.js";
import { renderSecurityMd } from "./security-md.js";
import { renderSpecYaml, SPEC_FILE } from "./spec-yaml.js";
import { renderMarkdownTemplate } from "./templates.js";
import type { KitFile } from "./types.js";

import { GENERATOR_KEY, YO_RC } from "./marker.js";

export { GENERATOR_KEY, YO_RC };

/**
 * specText: the spec file's text when it must stay as the user wrote it plus an edit (the entity
 * and role commands keep comments); otherwise the spec is rendered from the resolved spec.
 */
export function renderKit(spec: Spec, plan: Plan, specText?: string, schema?: string): KitFile[] {
  const files: KitFile[] = [
    specText === undefined ? renderSpecYaml(spec, schema) : { path: SPEC_FILE, contents: specText },
    renderSecurityMd(plan),
    ...renderModelSdk(plan),
    ...renderMdl(plan),
    // The kit's own Java actions, at the path Mendix keeps them in an app (copy javasource/ into it).
    ...javaSourceFiles(plan),
  ];
  const readme = renderKitReadme(
    plan,
    files.map((f) => f.path),
    {
      sdkSection: renderMarkdownTemplate("kit/readme-sdk.md.ejs", { plan }).trimEnd(),
      mdlSection: renderMarkdownTemplate("kit/readme-mdl.md.ejs", { plan, manualSteps: mdlManualSteps(plan), mxcliVersion: MIN_MXCLI_VERSION, renames: planRenames(plan).length > 0 }).trimEnd(),
    },
  );
  return [yoRc(plan, [...files, readme]), ...files, readme];
}

/**
 * Marks the folder as a kit (run inside it, the generator regenerates from its spec file) and
 * records what was generated, so a later run can tell the user's edits from its own output.
 */
function yoRc(plan: Plan, files: KitFile[]): KitFile {
  const config = { [GENERATOR_KEY]: { module: plan.module, spec: SPEC_FILE, generated: manifestOf(files) } };
  return { path: YO_RC, contents: `${JSON.stringify(config, null, 2)}\n` };
}
