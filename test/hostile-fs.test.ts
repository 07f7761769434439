// The file-system section of the hostile-input suite: a kit folder is a trust boundary. Kits
// travel in Git, and Git stores symbolic links, so a kit received from someone else may carry a
// link, a tampered .yo-rc.json, another module's kit, or a lock left by a killed run. Each attack
// runs the real bin (or the real Yeoman generator) as a user would, and checks that nothing outside
// the kit is read or written, that two runs never mix a kit, and that a killed run loses no edit.
//
// Kill points: test/helpers/kill-at.mjs, preloaded into the bin (NODE_OPTIONS), kills it with
// SIGKILL at the Nth file write or rename of a run. The shipped bundle has no hook of its own.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import helpers from "yeoman-test";
import { generatorFailure } from "./helpers/yeoman.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import EntityGenerator from "../src/generators/entity/index.js";
import { entitySpec } from "../bench/specs.mjs";
import { examplePath } from "./helpers/spec.js";
import { BIN, listFiles, removeTempDirs, requireBuiltBin, runBin, snapshotFiles, stackLines, tempDir, type BinResult } from "./helpers/run.js";
import { changedFiles, generateKit, read, scripted, statuses, write } from "./helpers/kit.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const CI = { CI: "1" };
const KILL_AT = new URL("./helpers/kill-at.mjs", import.meta.url).href;
const INVOICE_YAML = "name: Invoice\ndocumentation: An invoice the ERP issued.\nattributes:\n  - { name: Number, type: string, length: 30 }\n";
const PAYMENT_YAML = "name: Payment\ndocumentation: A payment against a sales order.\n";
const PRECIOUS = "a file outside the kit that no run may touch\n";

/** One refusal: exit 1, one "mxsecure:" line saying `mentions`, no stack trace. */
function expectRefused(run: BinResult, mentions: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
  expect(stackLines(run.stderr)).toEqual([]);
  expect(run.stderr).not.toMatch(/MXSECURE_DEBUG/);
  expect(run.stderr).toMatch(mentions);
}

/** A folder outside every kit, holding one precious file. */
function outside(): { dir: string; file: string } {
  const dir = tempDir("mxsecure-outside-");
  return { dir, file: write(dir, "precious.txt", PRECIOUS) };
}

/** The kit edited so that a regeneration rewrites SECURITY.md and the scripts. */
function changeDescription(kitDir: string): void {
  write(kitDir, "mxsecure.yaml", read(kitDir, "mxsecure.yaml").replace(/^description: .*$/m, "description: Reads sales orders, now with a new description."));
}

describe("symbolic links inside a kit", () => {
  it("a planted SECURITY.md.mxsecure-tmp link: staging never writes through it", () => {
    const { kitDir } = generateKit("erp-basic");
    const { file } = outside();
    symlinkSync(file, join(kitDir, "SECURITY.md.mxsecure-tmp"));
    changeDescription(kitDir);
    const before = snapshotFiles(kitDir);
    expectRefused(runBin([], kitDir, CI), /SECURITY\.md\.mxsecure-tmp is a symbolic link.*Nothing was written/);
    expect(readFileSync(file, "utf8")).toBe(PRECIOUS);
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual([]);
  });

  it("a kit file that links outside: --force does not write through it", () => {
    const { kitDir } = generateKit("erp-basic");
    const { file } = outside();
    rmSync(join(kitDir, "SECURITY.md"));
    symlinkSync(file, join(kitDir, "SECURITY.md"));
    changeDescription(kitDir);
    expectRefused(runBin(["--force"], kitDir, CI), /SECURITY\.md is a symbolic link/);
    expect(readFileSync(file, "utf8")).toBe(PRECIOUS);
  });

  it("a model/ folder that links outside: a plain run writes nothing there", () => {
    const { kitDir } = generateKit("erp-basic");
    const { dir } = outside();
    rmSync(join(kitDir, "model"), { recursive: true });
    symlinkSync(dir, join(kitDir, "model"));
    expectRefused(runBin([], kitDir, CI), /ErpConnector\/model is a symbolic link/);
    expect(listFiles(dir)).toEqual(["precious.txt"]);
  });

  it("a kit folder that is itself a link, met from its parent folder", () => {
    const root = tempDir();
    const { dir } = outside();
    symlinkSync(dir, join(root, "ErpConnector"));
    expectRefused(runBin(["--answers", examplePath("erp-basic")], root, CI), /ErpConnector is a symbolic link/);
    expect(listFiles(dir)).toEqual(["precious.txt"]);
  });

  it("a kit's .yo-resolve that links outside is not read", () => {
    const { kitDir } = generateKit("erp-basic");
    const { dir } = outside();
    const rules = write(dir, "rules", "SECURITY.md force\n");
    symlinkSync(rules, join(kitDir, ".yo-resolve"));
    expectRefused(runBin([], kitDir, CI), /\.yo-resolve is a symbolic link/);
  });

  it("Yeoman's file layer: answering \"overwrite\" in a terminal does not write through a linked kit file", async () => {
    const { kitDir } = generateKit("erp-basic");
    const { file } = outside();
    rmSync(join(kitDir, "SECURITY.md"));
    symlinkSync(file, join(kitDir, "SECURITY.md"));
    const resolved = fileURLToPath(new URL("../src/generators/entity/index.ts", import.meta.url));
    const [answers, options] = scripted({ action: "write" });
    const answersFile = write(join(kitDir, ".."), "payment.yaml", PAYMENT_YAML);
    const run = helpers
      .run(EntityGenerator, { namespace: "mxsecure:entity", resolved }, { force: false } as never)
      .cd(kitDir)
      .withOptions({ interactive: true, force: false, answers: answersFile } as never)
      .withAnswers(answers, options);
    // Refused in one line, as yo shows it (test/helpers/yeoman.ts), with exit code 1.
    expect(await generatorFailure(run)).toMatch(/SECURITY\.md is a symbolic link/);
    expect(readFileSync(file, "utf8")).toBe(PRECIOUS);
    expect(read(kitDir, "mxsecure.yaml")).not.toContain("Payment");
    expect(existsSync(join(kitDir, ".mxsecure-lock"))).toBe(false);
  });
});

describe("a tampered .yo-rc.json", () => {
  function withSpecPath(kitDir: string, spec: unknown): void {
    const config = JSON.parse(read(kitDir, ".yo-rc.json")) as Record<string, Record<string, unknown>>;
    config["generator-mxsecure"]!.spec = spec;
    write(kitDir, ".yo-rc.json", JSON.stringify(config, null, 2));
  }

  it("a spec path that climbs out (../other.yaml): entity neither reads nor replaces the other file", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const other = write(root, "other.yaml", read(kitDir, "mxsecure.yaml").replace("Example ERP", "Another ERP"));
    const otherBefore = read(root, "other.yaml");
    withSpecPath(kitDir, "../other.yaml");
    const specBefore = read(kitDir, "mxsecure.yaml");
    const run = runBin(["entity", "Invoice", "--answers", write(root, "invoice.yaml", INVOICE_YAML)], kitDir, CI);
    expectRefused(run, /records the spec as "\.\.\/other\.yaml", which is outside the kit folder/);
    expect(readFileSync(other, "utf8")).toBe(otherBefore);
    expect(read(kitDir, "mxsecure.yaml")).toBe(specBefore);
  });

  it("an absolute spec path (/etc/passwd) is refused on regeneration", () => {
    const { kitDir } = generateKit("erp-basic");
    withSpecPath(kitDir, "/etc/passwd");
    expectRefused(runBin([], kitDir, CI), /"\/etc\/passwd", which is outside the kit folder/);
  });

  it("a spec path that is a link to a file outside", () => {
    const { kitDir } = generateKit("erp-basic");
    const { file } = outside();
    symlinkSync(file, join(kitDir, "linked.yaml"));
    withSpecPath(kitDir, "linked.yaml");
    expectRefused(runBin([], kitDir, CI), /linked\.yaml is a symbolic link/);
  });

  it('spec: "" gets one clear message', () => {
    const { kitDir } = generateKit("erp-basic");
    withSpecPath(kitDir, "");
    expectRefused(runBin([], kitDir, CI), /records an empty or non-text spec path; it must name the spec file inside the kit/);
  });

  it("a very large .yo-rc.json is refused by its size, before it is parsed", () => {
    const { kitDir } = generateKit("erp-basic");
    write(kitDir, ".yo-rc.json", `{"generator-mxsecure": {"module": "ErpConnector", "pad": "${"x".repeat(3 * 1024 * 1024)}"}}`);
    expectRefused(runBin([], kitDir, CI), /\.yo-rc\.json is 3\.0 MB; a kit's \.yo-rc\.json .* at most 1 MB/);
  });
});

describe("another module's kit", () => {
  it("generating ./ErpConnector/ from the parent refuses a folder that holds another module's kit", () => {
    const root = tempDir();
    const other = generateKit("weather-api-token");
    cpSync(other.kitDir, join(root, "ErpConnector"), { recursive: true });
    const before = snapshotFiles(join(root, "ErpConnector"));
    const run = runBin(["--answers", examplePath("erp-basic"), "--force"], root, CI);
    expectRefused(run, new RegExp(`ErpConnector/ holds the kit of ${other.module}`));
    expect(changedFiles(before, snapshotFiles(join(root, "ErpConnector")))).toEqual([]);
  });
});

/** Runs the bin without waiting (for runs that overlap). */
function runBinAsync(args: readonly string[], cwd: string): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" };
    delete env.MXSECURE_DEBUG;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function lockHeldBy(kitDir: string, pid: number, started = Date.now()): void {
  write(kitDir, ".mxsecure-lock", `${JSON.stringify({ pid, host: hostname(), started })}\n`);
}

/** A PID that was alive a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("close", resolve));
  return child.pid!;
}

describe("one run per kit", () => {
  it("four entity commands at once: no entity is lost and the kit is not mixed", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const names = ["Invoice", "Payment", "Refund", "Shipment"];
    const files = names.map((name) => write(root, `${name}.yaml`, `name: ${name}\ndocumentation: One ${name.toLowerCase()} the ERP reports.\n`));
    const runs = await Promise.all(files.map((file) => runBinAsync(["entity", "--answers", file], kitDir)));
    const added = (parse(read(kitDir, "mxsecure.yaml")) as { entities: { name: string }[] }).entities.map((e) => e.name);
    runs.forEach((run, i) => {
      // Each run either added its entity, or stopped with the lock message (a slow machine).
      if (run.code === 0) expect(added, `${names[i]}: ${run.stdout}`).toContain(names[i]);
      else expect(run.stderr).toMatch(/Another mxsecure run is working on this kit/);
    });
    expect(runs.some((run) => run.code === 0)).toBe(true);
    // Not mixed: regenerating from the spec changes nothing.
    const again = runBin([], kitDir, CI);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/every file is identical; nothing changed/);
    expect(listFiles(kitDir).filter((f) => f.includes("mxsecure-"))).toEqual([]);
  });

  it("a second run waits briefly for a live lock, then stops with a clear message, changing nothing", () => {
    const { root, kitDir } = generateKit("erp-basic");
    lockHeldBy(kitDir, process.pid); // this test process: alive
    const before = snapshotFiles(kitDir);
    const started = Date.now();
    const run = runBin(["entity", "--answers", write(root, "invoice.yaml", INVOICE_YAML)], kitDir, CI);
    expectRefused(run, new RegExp(`Another mxsecure run is working on this kit \\(process ${process.pid}, since .*\\); nothing was written`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual([]);
  });

  it("a stale lock from a killed run (its process is gone) is taken over", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    lockHeldBy(kitDir, await deadPid());
    const run = runBin(["entity", "--answers", write(root, "invoice.yaml", INVOICE_YAML)], kitDir, CI);
    expect(run.code, run.stderr).toBe(0);
    expect(read(kitDir, "mxsecure.yaml")).toContain("name: Invoice");
    expect(existsSync(join(kitDir, ".mxsecure-lock"))).toBe(false);
  });

  it("a lock older than the bound is stale even when its PID is alive (reused)", () => {
    const { kitDir } = generateKit("erp-basic");
    lockHeldBy(kitDir, process.pid, Date.now() - 60 * 60_000);
    changeDescription(kitDir);
    const run = runBin([], kitDir, CI);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(kitDir, ".mxsecure-lock"))).toBe(false);
  });
});

describe("a run killed at any write or rename, then a normal run", () => {
  it("leaves the kit complete, with no edit lost, and no false conflict", () => {
    // The user's kit: a comment in the spec, and a README they keep with .yo-resolve.
    const { root, kitDir } = generateKit("erp-basic");
    write(kitDir, "mxsecure.yaml", `${read(kitDir, "mxsecure.yaml")}# Owner: team ERP (our edit)\n`);
    write(kitDir, "README.md", "Our own README.\n");
    write(kitDir, ".yo-resolve", "README.md skip\n");
    const invoice = write(root, "invoice.yaml", INVOICE_YAML);
    const template = join(root, "template");
    cpSync(kitDir, template, { recursive: true });

    // The reference: the same command, not interrupted.
    const reference = join(root, "reference");
    cpSync(template, reference, { recursive: true });
    expect(runBin(["entity", "--answers", invoice], reference, CI).code).toBe(0);
    const expected = snapshotFiles(reference);

    let killPoints = 0;
    for (let at = 1; ; at++) {
      const kit = join(root, `kill-${at}`);
      cpSync(template, kit, { recursive: true });
      const killed = runBin(["entity", "--answers", invoice], kit, { ...CI, NODE_OPTIONS: `--import=${KILL_AT}`, MXSECURE_KILL_AT_STEP: String(at) });
      if (killed.code === 0) break; // the run has fewer writes and renames than `at`: every point was tried
      expect(killed.code, `kill point ${at}: ${killed.stderr}`).toBe(null); // killed, not failed
      killPoints++;
      // The normal run: regenerate; and if the spec never got the entity, run the command again.
      const regenerate = runBin([], kit, CI);
      expect(regenerate.code, `kill point ${at}: ${regenerate.stderr}`).toBe(0);
      expect([...statuses(regenerate.stdout).values()]).not.toContain("conflict");
      if (!read(kit, "mxsecure.yaml").includes("name: Invoice")) {
        const again = runBin(["entity", "--answers", invoice], kit, CI);
        expect(again.code, `kill point ${at}: ${again.stderr}`).toBe(0);
      }
      expect(changedFiles(expected, snapshotFiles(kit)), `kill point ${at}`).toEqual([]);
      expect(read(kit, "mxsecure.yaml")).toContain("# Owner: team ERP (our edit)");
      expect(read(kit, "README.md")).toBe("Our own README.\n");
    }
    // Every changed file is written, then renamed: two kill points each.
    const changed = changedFiles(snapshotFiles(template), expected).length;
    expect(changed).toBeGreaterThanOrEqual(4);
    expect(killPoints).toBe(2 * changed);
  }, 240_000);
});

describe("a SECURITY.md kept out of step with the spec", () => {
  it("a .yo-resolve skip is reported at the end of the run, and by the audit until it is regenerated", () => {
    const { root, kitDir } = generateKit("erp-basic");
    write(kitDir, ".yo-resolve", "SECURITY.md skip\n");
    const run = runBin(["entity", "--answers", write(root, "invoice.yaml", INVOICE_YAML)], kitDir, CI);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^warning SECURITY\.md was kept as it is, but no longer matches the spec: it describes roles and access the scripts no longer apply/);

    const audit = runBin(["audit"], kitDir, CI);
    expect(audit.code).toBe(0); // a warning, not an error
    expect(audit.stdout).toMatch(/warning KitInStep \(whole file\) \(SECURITY\.md\): SECURITY\.md is kept \(\.yo-resolve skip\) and no longer matches the spec; security-relevant lines differ \(- what the spec generates, \+ what the file has\): - \| Invoice \|/);
    expect(audit.stdout).toMatch(/1 warning/);

    write(kitDir, ".yo-resolve", "");
    expect(runBin(["--force"], kitDir, CI).code).toBe(0);
    const clean = runBin(["audit"], kitDir, CI);
    expect(clean.stdout).not.toMatch(/KitInStep/);
  });

  it("a \"no\" to Yeoman's overwrite question in a terminal is reported at the end of the run", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const edited = `${read(kitDir, "SECURITY.md")}\nOur notes.\n`;
    write(kitDir, "SECURITY.md", edited);
    const logged: string[] = [];
    // The real generator, with its log captured (logKitRun writes the closing lines through it).
    class Captured extends EntityGenerator {
      constructor(args: string[], options: never) {
        super(args, options);
        this.log = Object.assign((line: string) => void logged.push(line), this.log);
      }
    }
    const resolved = fileURLToPath(new URL("../src/generators/entity/index.ts", import.meta.url));
    const [answers, options] = scripted({ action: "skip" });
    await helpers
      .run(Captured, { namespace: "mxsecure:entity", resolved }, { force: false } as never)
      .cd(kitDir)
      .withOptions({ interactive: true, force: false, answers: write(root, "payment.yaml", PAYMENT_YAML) } as never)
      .withAnswers(answers, options);
    expect(read(kitDir, "SECURITY.md")).toBe(edited);
    expect(logged.at(-1)).toMatch(/^warning SECURITY\.md was kept as it is, but no longer matches the spec/);
  });

  it("a spec edited after generation is reported by the audit", () => {
    const { kitDir } = generateKit("erp-basic");
    changeDescription(kitDir);
    const audit = runBin(["audit"], kitDir, CI);
    expect(audit.stdout).toMatch(/KitInStep .*mxsecure\.yaml changed after the kit was generated/);
  });
});

describe("the entity command writes acting characters in mxsecure.yaml escaped", () => {
  it("a bidi override and a line separator in the new entity's documentation", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const text = "An invoice \u202eevil\u202c with a\u2028line separator and \u200bzero width.";
    const file = write(root, "invoice.yaml", `name: Invoice\ndocumentation: ${JSON.stringify(text)}\n`);
    const run = runBin(["entity", "--answers", file], kitDir, CI);
    expect(run.code, run.stderr).toBe(0);
    const spec = read(kitDir, "mxsecure.yaml");
    expect(spec).not.toMatch(/[\u200b-\u200f\u2028\u2029\u202a-\u202e]/u);
    expect(spec).toContain("\\u202e");
    const entity = (parse(spec) as { entities: { name: string; documentation: string }[] }).entities.find((e) => e.name === "Invoice");
    expect(entity?.documentation).toBe(text);
  });
});

describe("whatever the generator writes, it reads back", () => {
  it("a kit of 2,600 entities (a 2.4 MB mxsecure.yaml, from a 1.8 MB answers file) regenerates and audits", () => {
    const root = tempDir();
    writeFileSync(join(root, "answers.yaml"), entitySpec(2600));
    const first = runBin(["--answers", "answers.yaml"], root, CI);
    expect(first.code, first.stderr).toBe(0);
    const kitDir = join(root, "BenchConnector");
    expect(readFileSync(join(kitDir, "mxsecure.yaml")).length).toBeGreaterThan(2.3 * 1024 * 1024); // over the old 2 MB limit
    const again = runBin([], kitDir, CI);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/every file is identical/);
    const audit = runBin(["audit"], kitDir, CI);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/mxsecure\.yaml: 0 errors, 0 warnings/);
  }, 180_000);
});

describe("a working folder deleted under the run", () => {
  it("gets one clear message, not an internal error", () => {
    const dir = tempDir();
    // The shell enters the folder, removes it, then starts the bin there: process.cwd() fails.
    const script = `mkdir gone && cd gone && rmdir ../gone && exec "$0" "$1" --answers "$2"`;
    const run = spawnSync("sh", ["-c", script, process.execPath, BIN, examplePath("erp-basic")], {
      cwd: dir, encoding: "utf8", env: { ...process.env, CI: "1", MXSECURE_DEBUG: "" },
    });
    expectRefused({ code: run.status, stdout: run.stdout, stderr: run.stderr }, /The current folder no longer exists .*cd into an existing folder/);
    expect(listFiles(dir)).toEqual([]);
  });
});
