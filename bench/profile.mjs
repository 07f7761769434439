// Where the time of one generation goes, measured inside one process: module imports, reading
// the answers, validation, plan, audit rules, each renderer, and the file writes.
// Usage: node bench/profile.mjs ANSWERS_FILE OUT_DIR   → prints one JSON object of milliseconds.
import { performance } from "node:perf_hooks";

const [answers, outDir] = process.argv.slice(2);
const dist = new URL("../dist/lib/", import.meta.url);
const stages = {};
const time = async (name, work) => {
  const start = performance.now();
  const result = await work();
  stages[name] = (stages[name] ?? 0) + performance.now() - start;
  return result;
};

const started = performance.now();
const mod = await time("import", async () => ({
  load: await import(new URL("spec/load.js", dist)),
  pipeline: await import(new URL("kit/pipeline.js", dist)),
  plan: await import(new URL("plan/build.js", dist)),
  checks: await import(new URL("checks/index.js", dist)),
  render: await import(new URL("kit/render.js", dist)),
  disk: await import(new URL("kit/disk.js", dist)),
  specYaml: await import(new URL("kit/spec-yaml.js", dist)),
  securityMd: await import(new URL("kit/security-md.js", dist)),
  sdk: await import(new URL("targets/sdk/index.js", dist)),
  mdl: await import(new URL("targets/mdl/index.js", dist)),
}));
const loaded = await time("read+parse", () => mod.load.readAnswersFile(answers));
const spec = await time("validate", () => mod.pipeline.specFromAnswers(loaded.data));
const plan = await time("plan", () => mod.plan.buildPlan(spec));
await time("checks", () => mod.checks.runChecks(spec, plan));
// Each renderer on its own first (its first call also compiles its templates), then the whole kit.
await time("render:mxsecure.yaml", () => mod.specYaml.renderSpecYaml(spec));
await time("render:SECURITY.md", () => mod.securityMd.renderSecurityMd(plan));
await time("render:sdk", () => mod.sdk.renderModelSdk(plan));
await time("render:mdl", () => mod.mdl.renderMdl(plan));
const files = await time("render:whole kit", () => mod.render.renderKit(spec, plan));
await time("write", () => mod.disk.writeChanges(mod.disk.compareWithDisk(outDir, files, { force: true, specIsInput: false })));
stages.total = performance.now() - started;
stages.bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.contents), 0);
stages.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(stages));
