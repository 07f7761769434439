// Check-then-write races on a kit folder (issue 21): a process that swaps a folder of the kit for
// a symbolic link to a folder outside, and back, as fast as it can, while the real bin writes the
// kit. Whatever the timing, no byte may land outside: every run either writes the kit or stops
// with one clear message. Each case runs the bin a few times (a few seconds in all), so it runs in
// CI; on the main branch before the fix most runs wrote into the outside folder.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import helpers from "yeoman-test";
import EntityGenerator from "../src/generators/entity/index.js";
import { generatorFailure } from "./helpers/yeoman.js";
import { examplePath } from "./helpers/spec.js";
import { generateKit, read, write } from "./helpers/kit.js";
import { listFiles, removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir, type BinResult } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const CI = { CI: "1" };
const TOGGLE = fileURLToPath(new URL("./helpers/toggle-folder.mjs", import.meta.url));
const RUNS = 6;
let attacker: ChildProcess | undefined;

afterEach(() => {
  attacker?.kill("SIGKILL");
  attacker = undefined;
});

function outside(): string {
  const dir = tempDir("mxsecure-outside-");
  write(dir, "precious.txt", "a file outside the kit that no run may touch\n");
  return dir;
}

/** Starts swapping `folder` for a link to `target` and back, and waits until it is running. */
async function toggle(folder: string, target: string): Promise<void> {
  attacker = spawn(process.execPath, [TOGGLE, folder, target], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** A run under attack: it wrote the kit, or stopped with one message and no stack trace. */
function expectCleanOutcome(run: BinResult): void {
  if (run.code === 0) return;
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
  expect(stackLines(run.stderr)).toEqual([]);
}

describe("a folder of the kit swapped for a link while the generator writes", () => {
  it("a new kit (model/ toggled): no byte lands outside", async () => {
    const target = outside();
    const runs: BinResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const root = tempDir();
      mkdirSync(join(root, "ErpConnector"));
      await toggle(join(root, "ErpConnector", "model"), target);
      runs.push(runBin(["--answers", examplePath("erp-basic")], root, CI));
      attacker?.kill("SIGKILL");
      expect(listFiles(target), `run ${i}: ${runs.at(-1)!.stderr}`).toEqual(["precious.txt"]);
    }
    runs.forEach(expectCleanOutcome);
  }, 60_000);

  it("regenerating a kit with --force (model/lib toggled): no byte lands outside", async () => {
    const target = outside();
    for (let i = 0; i < RUNS; i++) {
      const { kitDir } = generateKit("erp-basic");
      write(kitDir, "mxsecure.yaml", read(kitDir, "mxsecure.yaml").replace(/^description: .*$/m, `description: Reads sales orders, round ${i}.`));
      await toggle(join(kitDir, "model", "lib"), target);
      const run = runBin(["--force"], kitDir, CI);
      attacker?.kill("SIGKILL");
      expect(listFiles(target), `run ${i}: ${run.stderr}`).toEqual(["precious.txt"]);
      expectCleanOutcome(run);
    }
  }, 60_000);
});

describe("folders other users can change (as ssh's StrictModes)", () => {
  it("a kit folder writable by every user is refused before anything is written", () => {
    const root = tempDir();
    const kitDir = join(root, "ErpConnector");
    mkdirSync(kitDir);
    chmodSync(kitDir, 0o777);
    const run = runBin(["--answers", examplePath("erp-basic")], root, CI);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ErpConnector is writable by every user; another user could swap a file in it.*chmod o-w/);
    expect(listFiles(kitDir)).toEqual([]);
  });

  it("a folder above the kit writable by every user (no sticky bit) is refused", () => {
    const shared = tempDir();
    chmodSync(shared, 0o777);
    const root = join(shared, "work");
    mkdirSync(root);
    const run = runBin(["--answers", examplePath("erp-basic")], root, CI);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a folder on the way to .*ErpConnector, is writable by every user/);
    expect(listFiles(root)).toEqual([]);
  });

  it("a sticky world-writable folder above the kit (as /tmp) is accepted", () => {
    const shared = tempDir();
    chmodSync(shared, 0o1777);
    const run = runBin(["--answers", examplePath("erp-basic")], shared, CI);
    expect(run.code, run.stderr).toBe(0);
  });

  it("a model/ folder inside the kit made writable by every user (e.g. by a tar archive)", () => {
    const { kitDir } = generateKit("erp-basic");
    chmodSync(join(kitDir, "model"), 0o777);
    const before = readFileSync(join(kitDir, "SECURITY.md"), "utf8");
    const run = runBin(["--force"], kitDir, CI);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/model is writable by every user/);
    expect(read(kitDir, "SECURITY.md")).toBe(before);
  });
});


describe("Yeoman's conflict question (the terminal path): the kit changes while the user decides", () => {
  const PAYMENT_YAML = "name: Payment\ndocumentation: A payment against a sales order.\n";
  const resolved = fileURLToPath(new URL("../src/generators/entity/index.ts", import.meta.url));

  /** The entity generator in a terminal, with SECURITY.md edited by the user; `meanwhile` runs while Yeoman asks about it. */
  function entityRun(kitDir: string, root: string, meanwhile: () => void) {
    write(kitDir, "SECURITY.md", `${read(kitDir, "SECURITY.md")}\nOur notes.\n`);
    let asked = 0;
    const callback = (answer: unknown, { question }: { question: { name?: string } }) => {
      if (question.name !== "action") return answer;
      asked++;
      meanwhile();
      return "write";
    };
    const run = helpers
      .run(EntityGenerator, { namespace: "mxsecure:entity", resolved }, { force: false } as never)
      .cd(kitDir)
      .withOptions({ interactive: true, force: false, answers: write(root, "payment.yaml", PAYMENT_YAML) } as never)
      .withAnswers({ action: "write" }, { callback: callback as never });
    return { run, asked: () => asked };
  }

  it("SECURITY.md replaced by a hard link to a file outside: \"overwrite\" replaces the kit's name, never the outside file", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const target = outside();
    const precious = join(target, "precious.txt");
    const before = readFileSync(precious, "utf8");
    const { run, asked } = entityRun(kitDir, root, () => {
      rmSync(join(kitDir, "SECURITY.md"));
      linkSync(precious, join(kitDir, "SECURITY.md"));
    });
    await run;
    expect(asked()).toBe(1);
    expect(readFileSync(precious, "utf8")).toBe(before);
    expect(read(kitDir, "SECURITY.md")).toContain("Payment");
  });

  it("model/ swapped for a link to a folder outside: nothing is written there", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const target = outside();
    const { run, asked } = entityRun(kitDir, root, () => {
      renameSync(join(kitDir, "model"), join(kitDir, "model.away"));
      symlinkSync(target, join(kitDir, "model"));
    });
    expect(await generatorFailure(run)).toMatch(/model is a symbolic link/);
    expect(asked()).toBe(1);
    expect(listFiles(target)).toEqual(["precious.txt"]);
  });
});
