// Plan → the kit's files. Pure: the same spec always gives the same bytes.
import type { Plan } from "../plan/types.js";
import type { Spec } from "../spec/schema.js";
import { renderMdl } from "../targets/mdl/index.js";
import { renderModelSdk } from "../targets/sdk/index.js";
import { renderKitReadme } from "./readme.js";
import { renderSecurityMd } from "./security-md.js";
import { renderSpecYaml, SPEC_FILE } from "./spec-yaml.js";
import { renderMarkdownTemplate } from "./templates.js";
import type { KitFile } from "./types.js";

export const YO_RC = ".yo-rc.json";
export const GENERATOR_KEY = "generator-mxsecure";

export function renderKit(spec: Spec, plan: Plan): KitFile[] {
  const files: KitFile[] = [
    yoRc(plan),
    renderSpecYaml(spec),
    renderSecurityMd(plan),
    ...renderModelSdk(plan),
    ...renderMdl(plan),
  ];
  const readme = renderKitReadme(
    plan,
    files.map((f) => f.path),
    {
      sdkSection: renderMarkdownTemplate("kit/readme-sdk.md.ejs", { plan }),
      mdlSection: renderMarkdownTemplate("kit/readme-mdl.md.ejs", { plan }),
    },
  );
  return [...files, readme];
}

/** Marks the folder as a kit: run inside it, the generator regenerates from its spec file. */
function yoRc(plan: Plan): KitFile {
  const config = { [GENERATOR_KEY]: { module: plan.module, spec: SPEC_FILE } };
  return { path: YO_RC, contents: `${JSON.stringify(config, null, 2)}\n` };
}
