#!/usr/bin/env node
// `npm run bench`: cold-start and scaling benchmark of the mxsecure bin, in one run.
//   (a) floor: an empty generator through yeoman-environment, run as lib/cli/yeoman.ts runs ours
//   (b) peer:  @mendix/generator-widget --help (installed for the benchmark only, in bench/.peer)
//   (c) mxsecure --answers on each bundled example   (d) mxsecure audit on one kit's spec
//   (e) generated specs of 10, 100, 500 and 1,000 entities with 10 attributes each
//   (f) the time to the first question in a pseudo-terminal, mxsecure and the peer side by side
//   (g) mxsecure --openapi on the largest test document (test/fixtures/openapi), against a plain
//       --answers run of the same kit (its mxsecure.yaml)
// Every sample is a fresh node process in a fresh folder; cases are interleaved round by round so
// a noisy neighbour slows all of them alike. Reports medians, spread, ratios and peak RSS, and
// writes Markdown: bench/RESULTS.md, or bench/results-quick.md in quick mode.
//
// Options: --quick (or BENCH_QUICK=1): 3 rounds, no targets judged, no failure on a missed target,
//          the peer skipped if it cannot be installed.  --runs N: rounds (default 10).
//          --no-peer: skip the peer.  --only first-prompt: only (f), its section replaced in RESULTS.md.
//          --only openapi: only (g), its ratio printed (nothing written).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { entitySpec } from "./specs.mjs";
import { FIRST_PROMPT_TARGET, firstPromptSection, measureFirstPrompts, withSection } from "./first-prompt.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCH = join(ROOT, "bench");
const BIN = join(ROOT, "dist/lib/cli/bin.js");
const HOOK = join(BENCH, "rss-hook.mjs");
const PEER = { name: "@mendix/generator-widget", version: "11.6.0", dir: join(BENCH, ".peer") };
const SIZES = [10, 100, 500, 1000];
const TARGETS = { rssMB: 250, entitiesVsFloor: 2, linearSlack: 1.5, auditVsFloor: 0.25, openapiVsAnswers: 2 };
/** The schemas picked from the largest test document: its main resources. */
const OPENAPI_ENTITIES = { "resend.yaml": "Email,Domain,DomainRecord,Template,ApiKey,ContactImport,Automation,AutomationRun,Event,Log" };
const OPENAPI_DIR = join(ROOT, "test/fixtures/openapi");

const args = process.argv.slice(2);
const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
const runsArg = args.indexOf("--runs");
const rounds = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 10;
const onlyArg = args.indexOf("--only");
const only = onlyArg >= 0 ? args[onlyArg + 1] : undefined;
// --only first-prompt measures the peer too; --only openapi does not need it.
const wantPeer = !args.includes("--no-peer") && (only === undefined || only === "first-prompt");
const log = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(BIN)) {
  log(`bench: ${BIN} is missing; run "npm run build" first.`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "mxsecure-bench-"));

async function main() {
  const loadBefore = loadavg();
  const peerBin = wantPeer ? ensurePeer() : undefined;
  if (only === "first-prompt") return firstPromptOnly(peerBin, loadBefore);
  if (only !== undefined && only !== "openapi") throw new Error(`--only takes first-prompt or openapi, not ${only}`);
  const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml")).sort();
  const specFiles = Object.fromEntries(
    SIZES.map((n) => {
      const file = join(work, `entities-${n}.yaml`);
      writeFileSync(file, entitySpec(n));
      return [n, file];
    }),
  );
  const openapi = openApiCases();
  if (only === "openapi") return onlyOpenApi(openapi);
  const auditSpec = prepareAuditSpec(examples[0]);

  const cases = [
    ...openapi,
    { id: "node", group: "context", label: "`node -e ''` (Node itself)", argv: ["-e", ""] },
    { id: "floor", group: "floor", label: "empty generator via yeoman-environment (floor)", argv: [join(BENCH, "floor/bin.mjs")] },
    ...(peerBin ? [{ id: "peer", group: "peer", label: `\`${PEER.name}@${PEER.version} --help\` (peer)`, argv: [peerBin, "--help"], anyExit: true }] : []),
    { id: "help", group: "context", label: "`mxsecure --help`", argv: [BIN, "--help"] },
    ...examples.map((file) => ({
      id: `example:${file}`,
      group: "example",
      label: `\`mxsecure --answers examples/${file}\``,
      argv: [BIN, "--answers", join(ROOT, "examples", file)],
    })),
    { id: "audit", group: "audit", label: `\`mxsecure audit\` (kit of examples/${examples[0]})`, argv: [BIN, "audit", auditSpec], anyExit: true },
    ...SIZES.map((n) => ({
      id: `entities:${n}`,
      group: "entities",
      size: n,
      label: `\`mxsecure --answers\`, ${n} entities × 10 attributes`,
      argv: [BIN, "--answers", specFiles[n]],
    })),
  ];

  log(`bench: ${quick ? "quick, " : ""}${rounds} round(s) of ${cases.length} cases, each a cold process (plus one warm-up round).`);
  for (const c of cases) c.samples = [];
  for (let round = 0; round <= rounds; round++) {
    for (const c of cases) {
      const sample = measure(c);
      if (round > 0) c.samples.push(sample); // round 0 warms the file cache and is not counted
    }
    log(`bench: round ${round}/${rounds} done`);
  }

  const prompts = peerBin ? measureFirstPrompts({ bin: BIN, peerBin, rounds, work, bench: BENCH, log }) : undefined;

  log("bench: profiling where the time goes (in-process stages)");
  const profiles = Object.fromEntries(SIZES.map((n) => [n, profile(specFiles[n], quick ? 1 : 3)]));
  const exampleProfile = profile(join(ROOT, "examples", examples[0]), quick ? 1 : 3);
  const loadAfter = loadavg();

  const report = buildReport({ cases, profiles, exampleProfile, examples, loadBefore, loadAfter, peerBin, prompts });
  const out = join(BENCH, quick ? "results-quick.md" : "RESULTS.md");
  writeFileSync(out, report.markdown);
  process.stdout.write(report.markdown);
  log(`bench: wrote ${out}`);
  if (!quick && report.failed.length) {
    log(`bench: targets missed: ${report.failed.join("; ")}`);
    process.exitCode = 1;
  }
}

/** `--only first-prompt`: measures the first question and replaces only that section of RESULTS.md. */
function firstPromptOnly(peerBin, loadBefore) {
  if (!peerBin) throw new Error("--only first-prompt needs the peer (drop --no-peer)");
  const prompts = measureFirstPrompts({ bin: BIN, peerBin, rounds, work, bench: BENCH, log });
  const section = firstPromptSection(prompts, { rounds, date: new Date().toISOString().slice(0, 10), load: loadBefore[0] });
  const out = join(BENCH, quick ? "results-quick.md" : "RESULTS.md");
  writeFileSync(out, withSection(existsSync(out) ? readFileSync(out, "utf8") : "# mxsecure benchmark\n", section));
  process.stdout.write(section);
  log(`bench: wrote the first-prompt section of ${out}`);
  if (!quick && prompts.ratio >= FIRST_PROMPT_TARGET) process.exitCode = 1;
}

/** (g): the largest test document by size, as --openapi and as --answers of the kit it writes. */
function openApiCases() {
  const file = readdirSync(OPENAPI_DIR).filter((f) => OPENAPI_ENTITIES[f]).map((f) => join(OPENAPI_DIR, f))
    .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
  const name = file.slice(OPENAPI_DIR.length + 1);
  const argv = [BIN, "--openapi", file, "--entities", OPENAPI_ENTITIES[name], "--no-interactive"];
  const dir = mkdtempSync(join(work, "openapi-"));
  const result = spawnSync(process.execPath, argv, { cwd: dir, env: childEnv(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`mxsecure --openapi ${name} failed: ${result.stderr}`);
  const kit = readdirSync(dir).find((k) => existsSync(join(dir, k, "mxsecure.yaml")));
  const spec = join(work, "openapi-kit.yaml");
  writeFileSync(spec, readFileSync(join(dir, kit, "mxsecure.yaml")));
  const size = `${(readFileSync(file).length / 1024).toFixed(0)} KB`;
  return [
    { id: "openapi", group: "openapi", label: `\`mxsecure --openapi ${name}\` (${size}, ${OPENAPI_ENTITIES[name].split(",").length} schemas)`, argv },
    { id: "openapi-answers", group: "openapi", label: "`mxsecure --answers` of the same kit's mxsecure.yaml", argv: [BIN, "--answers", spec] },
  ];
}

/** `--only openapi`: the two runs of (g), interleaved, and their ratio. */
function onlyOpenApi(cases) {
  for (const c of cases) c.samples = [];
  for (let round = 0; round <= rounds; round++) for (const c of cases) {
    const sample = measure(c);
    if (round > 0) c.samples.push(sample);
  }
  for (const c of cases) c.stats = summary(c.samples);
  const [fromDocument, fromAnswers] = cases;
  const ratio = fromDocument.stats.median / fromAnswers.stats.median;
  const lines = [
    `| case | median (${rounds} cold runs) | IQR | peak RSS |`, "|---|---:|---:|---:|",
    ...cases.map((c) => `| ${c.label} | ${s(c.stats.median)} | ${s(c.stats.q1)} – ${s(c.stats.q3)} | ${mb(c.stats.rssMB)} |`),
    "", `--openapi takes ${x(ratio)} the --answers run (target under ${TARGETS.openapiVsAnswers}×).`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Installs the peer into bench/.peer when it is not there. Returns its bin, or undefined (quick mode) when it cannot. */
function ensurePeer() {
  const pkgFile = join(PEER.dir, "node_modules", PEER.name, "package.json");
  if (!existsSync(pkgFile)) {
    log(`bench: installing ${PEER.name}@${PEER.version} into bench/.peer (for the benchmark only; not a dependency of mxsecure)`);
    mkdirSync(PEER.dir, { recursive: true });
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["install", "--prefix", PEER.dir, "--no-audit", "--no-fund", "--save-exact", `${PEER.name}@${PEER.version}`], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (result.status !== 0 || !existsSync(pkgFile)) {
      const why = (result.stderr || result.error?.message || "").trim().split("\n").slice(-2).join(" ");
      if (quick) {
        log(`bench: could not install the peer (${why}); quick mode goes on without it.`);
        return undefined;
      }
      throw new Error(`could not install ${PEER.name}@${PEER.version} into bench/.peer: ${why}`);
    }
  }
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : Object.values(pkg.bin)[0];
  return join(PEER.dir, "node_modules", PEER.name, bin);
}

/** A kit generated from an example, so the audit reads a real mxsecure.yaml. */
function prepareAuditSpec(example) {
  const dir = mkdtempSync(join(work, "audit-"));
  const result = spawnSync(process.execPath, [BIN, "--answers", join(ROOT, "examples", example)], { cwd: dir, env: childEnv(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`generating examples/${example} for the audit failed: ${result.stderr}`);
  const kit = readdirSync(dir).find((name) => existsSync(join(dir, name, "mxsecure.yaml")));
  return join(dir, kit, "mxsecure.yaml");
}

function childEnv(extra = {}) {
  // CI=1 and no stdin: the bin never waits for a person.
  return { ...process.env, CI: "1", FORCE_COLOR: "0", MXSECURE_DEBUG: "", ...extra };
}

/** One cold run in a fresh, empty folder: wall time (ms), peak RSS (MB), exit code. */
function measure(c) {
  const cwd = mkdtempSync(join(work, "run-"));
  const rssFile = join(work, "rss");
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", pathToImport(HOOK), ...c.argv], {
    cwd,
    env: childEnv({ BENCH_RSS_FILE: rssFile }),
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0 && !c.anyExit) {
    throw new Error(`${c.label} exited with ${result.status}:\n${result.stderr || result.stdout}`);
  }
  c.exit = result.status;
  c.stderr = result.stderr;
  const rssKB = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : NaN;
  rmSync(cwd, { recursive: true, force: true });
  return { ms, rssMB: rssKB / 1024 };
}

function pathToImport(file) {
  return new URL(`file://${file}`).href;
}

/** Median of each in-process stage over a few runs of bench/profile.mjs. */
function profile(answers, times) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const out = mkdtempSync(join(work, "profile-"));
    const result = spawnSync(process.execPath, [join(BENCH, "profile.mjs"), answers, out], { env: childEnv(), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`profiling ${answers} failed:\n${result.stderr}`);
    runs.push(JSON.parse(result.stdout.trim().split("\n").pop()));
    rmSync(out, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))]));
}

// ---- statistics and the report ----

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
}

function summary(samples) {
  const ms = samples.map((s) => s.ms);
  return {
    median: median(ms),
    q1: quantile(ms, 0.25),
    q3: quantile(ms, 0.75),
    min: Math.min(...ms),
    max: Math.max(...ms),
    rssMB: Math.max(...samples.map((s) => s.rssMB)),
  };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const x = (ratio) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—");
const mb = (value) => (Number.isFinite(value) ? `${Math.round(value)} MB` : "—");

function buildReport({ cases, profiles, exampleProfile, examples, loadBefore, loadAfter, peerBin, prompts }) {
  for (const c of cases) c.stats = summary(c.samples);
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  const floor = byId.floor.stats.median;
  const peer = byId.peer?.stats.median;
  const exampleCases = cases.filter((c) => c.group === "example");
  const sizes = cases.filter((c) => c.group === "entities");
  const at = (n) => byId[`entities:${n}`].stats.median;
  // In-process work of one generation, imports excluded (the per-renderer rows repeat render:whole kit).
  const WORK_STAGES = ["read+parse", "validate", "plan", "checks", "render:whole kit", "write"];
  const inProcess = (n) => WORK_STAGES.reduce((sum, stage) => sum + profiles[n][stage], 0);

  const checks = [];
  const judge = (name, ok, figure) => checks.push({ name, ok, figure });
  const slowestExample = exampleCases.reduce((a, b) => (a.stats.median >= b.stats.median ? a : b));
  if (peer !== undefined) {
    judge("a bundled example, cold, is faster than the peer starts", slowestExample.stats.median < peer,
      `slowest example ${s(slowestExample.stats.median)} vs peer ${s(peer)} (${x(slowestExample.stats.median / peer)})`);
  }
  // The audit of a kit renders the whole kit in memory to verify its files (issue 19): still a CI step for every commit.
  judge(`the audit of a kit under ${TARGETS.auditVsFloor}× the floor`, byId.audit.stats.median < TARGETS.auditVsFloor * floor,
    `${s(byId.audit.stats.median)} = ${x(byId.audit.stats.median / floor)} the floor`);
  if (prompts) {
    judge(`the first question shows in under ${FIRST_PROMPT_TARGET}× the peer's time`, prompts.ratio < FIRST_PROMPT_TARGET,
      `${s(prompts.cases[0].median)} vs peer ${s(prompts.cases[1].median)} (${x(prompts.ratio)})`);
  }
  judge("1,000 entities within 2× the floor", at(1000) <= TARGETS.entitiesVsFloor * floor, `${s(at(1000))} = ${x(at(1000) / floor)} the floor`);
  // Linear: the cost per entity of the in-process work does not grow with the size (1.5× slack for noise).
  const perEntity100 = inProcess(100) / 100;
  const perEntity1000 = inProcess(1000) / 1000;
  judge("growth from 100 to 1,000 entities no faster than linear", perEntity1000 <= TARGETS.linearSlack * perEntity100,
    `work per entity ${perEntity100.toFixed(2)} ms at 100, ${perEntity1000.toFixed(2)} ms at 1,000 (${x(perEntity1000 / perEntity100)})`);
  const openapiRatio = byId.openapi.stats.median / byId["openapi-answers"].stats.median;
  judge("the largest OpenAPI test document within 2× a plain --answers run of the same kit", openapiRatio < TARGETS.openapiVsAnswers,
    `${s(byId.openapi.stats.median)} vs ${s(byId["openapi-answers"].stats.median)} (${x(openapiRatio)})`);
  const peakRss = Math.max(...cases.filter((c) => c.group === "example" || c.group === "entities" || c.group === "audit").map((c) => c.stats.rssMB));
  judge(`peak RSS of every mxsecure run under ${TARGETS.rssMB} MB`, peakRss < TARGETS.rssMB, `largest ${mb(peakRss)}`);

  const lines = [];
  lines.push(`# mxsecure benchmark${quick ? " (quick mode)" : ""}`, "");
  lines.push(
    `Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, load average ${loadBefore[0].toFixed(2)} before and ${loadAfter[0].toFixed(2)} after. ` +
      `Each figure is the median of ${rounds} cold processes (a fresh \`node\` each time, in an empty folder, after one uncounted warm-up round), ` +
      "with the interquartile range and the extremes. The cases run interleaved, so a busy machine slows all of them alike: " +
      "read the ratios, not the seconds.",
    "",
  );
  lines.push("## Targets", "");
  lines.push("| target | result | figure |", "|---|---|---|");
  for (const c of checks) lines.push(`| ${c.name} | ${quick ? "(not judged in quick mode)" : c.ok ? "met" : "**missed**"} | ${c.figure} |`);
  if (peer === undefined) lines.push("", "The peer was not measured (not installed, or `--no-peer`).");
  lines.push("");

  lines.push("## Cold runs", "");
  lines.push("| case | median | IQR | min – max | × floor | × peer | peak RSS | exit |", "|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const c of cases) {
    const t = c.stats;
    lines.push(
      `| ${c.label} | ${s(t.median)} | ${s(t.q1)} – ${s(t.q3)} | ${s(t.min)} – ${s(t.max)} | ${x(t.median / floor)} | ${peer ? x(t.median / peer) : "—"} | ${mb(t.rssMB)} | ${c.exit} |`,
    );
  }
  lines.push("");
  if (byId.peer && byId.peer.exit !== 0) {
    const why = (byId.peer.stderr.match(/^\w*Error: .*$/m)?.[0] ?? "").trim();
    lines.push(
      `The peer exits with ${byId.peer.exit} on \`--help\`${why ? ` (${why})` : ""}: it fails in its own code after loading yeoman-environment, ` +
        "yeoman-generator and its generator, so its figure is the cost of that start (a lower bound of a full start).",
      "",
    );
  }

  if (prompts) lines.push(firstPromptSection(prompts, { rounds, date: new Date().toISOString().slice(0, 10), load: loadBefore[0] }));

  lines.push("## Scaling with the number of entities", "");
  lines.push("| entities | cold median | × floor | in-process work (imports excluded) | work per entity | kit size | peak RSS |", "|---:|---:|---:|---:|---:|---:|---:|");
  for (const c of sizes) {
    const n = c.size;
    lines.push(
      `| ${n} | ${s(c.stats.median)} | ${x(c.stats.median / floor)} | ${inProcess(n).toFixed(0)} ms | ${(inProcess(n) / n).toFixed(2)} ms | ${(profiles[n].bytes / 1024 / 1024).toFixed(1)} MB | ${mb(c.stats.rssMB)} |`,
    );
  }
  lines.push(
    "",
    `From 100 to 1,000 entities (10× the entities) the cold run grows ${x(at(1000) / at(100))} and the in-process work ${x(inProcess(1000) / inProcess(100))}.`,
    "",
  );

  lines.push("## Where the time goes (one process, milliseconds, median of the profiling runs)", "");
  const stageNames = Object.keys(profiles[SIZES[0]]).filter((k) => k !== "bytes" && k !== "maxRssMB");
  lines.push(`| stage | examples/${examples[0]} | ${SIZES.map((n) => `${n} entities`).join(" | ")} |`, `|---|---:|${SIZES.map(() => "---:").join("|")}|`);
  for (const stage of stageNames) {
    lines.push(`| ${stage} | ${exampleProfile[stage].toFixed(1)} | ${SIZES.map((n) => profiles[n][stage].toFixed(1)).join(" | ")} |`);
  }
  lines.push(
    "",
    "`import` is loading the modules generating needs (the fast path: no Yeoman, no inquirer). " +
      "`render:*` rows run each renderer alone before `render:whole kit` runs them together, so a renderer's first call (template compilation) is in its own row. " +
      "The total includes every row once, so it is larger than one real run.",
    "",
  );
  return { markdown: `${lines.join("\n")}\n`, failed: checks.filter((c) => !c.ok).map((c) => `${c.name} (${c.figure})`) };
}

// Last, so every const above is initialised before main() runs.
try {
  await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
