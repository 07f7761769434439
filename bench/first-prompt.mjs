// Time to the first question in a real terminal: `mxsecure` with no arguments in an empty folder
// against the peer, `@mendix/generator-widget` with none, each a cold process in a pseudo-terminal
// (bench/first-prompt.py), interleaved round by round. Used by run.mjs, in the full run and alone
// with `npm run bench -- --only first-prompt`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

export const FIRST_PROMPT_TARGET = 0.5;
const HEADING = "## First prompt in a terminal";

/** The first question of each command: the text waited for. */
const QUESTIONS = { mxsecure: "Name of the external service", peer: "What is the name of your widget" };

export function measureFirstPrompts({ bin, peerBin, rounds, work, bench, log }) {
  const cases = [
    { id: "mxsecure", label: "`mxsecure` (no arguments)", argv: [process.execPath, bin], text: QUESTIONS.mxsecure, samples: [] },
    { id: "peer", label: "`@mendix/generator-widget` (no arguments; peer)", argv: [process.execPath, peerBin], text: QUESTIONS.peer, samples: [] },
  ];
  for (let round = 0; round <= rounds; round++) {
    for (const c of cases) {
      const cwd = mkdtempSync(join(work, "prompt-"));
      const run = spawnSync("python3", [join(bench, "first-prompt.py"), cwd, c.text, "30", ...c.argv], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
      rmSync(cwd, { recursive: true, force: true });
      if (run.status !== 0) throw new Error(`${c.label}: ${run.stderr || run.error?.message}`);
      if (round > 0) c.samples.push(Number(run.stdout.trim()) * 1000);
    }
    log(`bench: first prompt, round ${round}/${rounds} done`);
  }
  for (const c of cases) c.median = median(c.samples);
  return { cases, ratio: cases[0].median / cases[1].median };
}

export function firstPromptSection({ cases, ratio }, { rounds, date, load }) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    HEADING,
    "",
    `Seconds from starting the command in a pseudo-terminal until its first question shows (bench/first-prompt.py), median of ${rounds} cold ` +
      `processes each, interleaved; ${date}, load average ${load.toFixed(2)}. The bin asks with inquirer before loading Yeoman; target under ` +
      `${FIRST_PROMPT_TARGET}× the peer: **${ratio.toFixed(2)}×** (${ratio < FIRST_PROMPT_TARGET ? "met" : "missed"}).`,
    "",
    "| command | first question | median | min – max | × peer |",
    "|---|---|---:|---:|---:|",
    ...cases.map((c) => `| ${c.label} | ${c.text} | ${s(c.median)} | ${s(Math.min(...c.samples))} – ${s(Math.max(...c.samples))} | ${(c.median / cases[1].median).toFixed(2)}× |`),
    "",
  ];
  return lines.join("\n");
}

/** Replaces the section in a RESULTS.md (or adds it at the end): `--only first-prompt` keeps the rest. */
export function withSection(markdown, section) {
  const start = markdown.indexOf(HEADING);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section}`;
  const next = markdown.indexOf("\n## ", start + HEADING.length);
  return markdown.slice(0, start) + section + (next < 0 ? "" : markdown.slice(next + 1));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
