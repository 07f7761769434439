// The interactive path in a real pseudo-terminal: the bin with no answers hands over to the Yeoman
// generator, whose inquirer prompts are answered with keystrokes (typed text, arrow keys, Enter),
// each sent only once its prompt is on the screen. Driver: test/helpers/terminal.py (Python's pty).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath } from "./helpers/spec.js";
import { BIN, REPO_ROOT, listFiles, removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";

const DRIVER = join(REPO_ROOT, "test/helpers/terminal.py");
const DOWN = "\x1b[B";
const UP = "\x1b[A";
const ENTER = "\r";
const BACKSPACE = "\x7f";

interface Step {
  expect: string;
  send?: string;
}
interface Screen {
  ok: boolean;
  exitCode: number | null;
  error: string | null;
  screen: string;
}

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

/** Runs the bin in a pseudo-terminal in `cwd`, playing `steps`; CI is unset so it is interactive. */
function inTerminal(args: string[], cwd: string, steps: Step[], timeoutSeconds = 60): Screen {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== "CI" && key !== "MXSECURE_DEBUG") env[key] = value;
  Object.assign(env, { TERM: "xterm-256color", COLUMNS: "200", LINES: "50" });
  const script = join(tempDir("mxsecure-pty-script-"), "script.json");
  writeFileSync(script, JSON.stringify({ argv: [process.execPath, BIN, ...args], cwd, env, timeout: timeoutSeconds, stepTimeout: 20, steps }));
  const run = spawnSync("python3", [DRIVER, script], { encoding: "utf8", timeout: (timeoutSeconds + 30) * 1000 });
  if (run.error) throw new Error(`could not start python3 (${run.error.message}); this test needs python3 with its pty module`);
  if (run.status !== 0) throw new Error(`the terminal driver failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Screen;
}

/** Fails with the screen so far, so a stuck prompt shows where it stuck. */
function expectFinished(screen: Screen, exitCode = 0): void {
  const context = `${screen.error ?? `exit code ${screen.exitCode}`}\n--- screen so far ---\n${screen.screen.slice(-4000)}`;
  expect(screen.error, context).toBeNull();
  expect(screen.exitCode, context).toBe(exitCode);
}

// The driver waits for the program itself (at most 60 s, 20 s per prompt); vitest's limit is above that.
const TEST_TIMEOUT = 120_000;

describe.skipIf(process.platform === "win32")("interactive prompts in a real terminal", () => {
  it("asks every question, refuses invalid answers at the prompt, and writes the kit", () => {
    const dir = tempDir();
    const screen = inTerminal([], dir, [
      // An invalid module name is refused at the prompt; the typed text is erased and retyped.
      { expect: "Module name", send: `1Bad${ENTER}` },
      { expect: "Mendix name", send: `${BACKSPACE.repeat(4)}PtyConnector${ENTER}` },
      { expect: "What does the connector do?", send: `Syncs tickets with the help desk.${ENTER}` },
      { expect: "Name of the external service", send: `Help Desk${ENTER}` },
      // The list starts on oauth-authorization-code: one down is oauth-client-credentials.
      { expect: "How does the connector authenticate?", send: `${DOWN}${ENTER}` },
      { expect: "Base URL of the service", send: `http://desk.example${ENTER}` },
      { expect: "not HTTPS", send: `${BACKSPACE.repeat("http://desk.example".length)}https://desk.example/api${ENTER}` },
      { expect: "OAuth token URL", send: `https://desk.example/oauth/token${ENTER}` },
      { expect: "OAuth scopes", send: `tickets.read tickets.write${ENTER}` },
      { expect: "Where should secrets live?", send: `${DOWN}${ENTER}` },
      { expect: "Add a module role besides Administrator and User?", send: `y${ENTER}` },
      { expect: "Role name", send: `Agent${ENTER}` },
      { expect: "Is Agent a configuration or a data role?", send: ENTER },
      { expect: "Is Agent read-only?", send: `n${ENTER}` },
      { expect: "What is Agent for", send: `Works${ENTER}` },
      { expect: "shorter than 20 characters", send: ` on tickets; never combine with Administrator.${ENTER}` },
      { expect: "Add a module role besides Administrator and User?", send: ENTER },
      { expect: "Add a data entity?", send: ENTER },
      { expect: "Entity name", send: `Ticket${ENTER}` },
      { expect: "What is one Ticket?", send: `A support request.${ENTER}` },
      // Ownership lists user, shared and starts on shared: one up is user.
      { expect: "Who sees a Ticket?", send: `${UP}${ENTER}` },
      { expect: "Is Ticket stored in the database", send: ENTER },
      { expect: "Add an attribute to Ticket?", send: ENTER },
      { expect: "Attribute name", send: `Subject${ENTER}` },
      { expect: "Type of Subject", send: ENTER },
      { expect: "Length (0 = unlimited)", send: `${BACKSPACE.repeat(3)}120${ENTER}` },
      { expect: "Is Subject sensitive", send: `y${ENTER}` },
      { expect: "Add an attribute to Ticket?", send: `n${ENTER}` },
      { expect: "Add another entity?", send: ENTER },
      { expect: "PtyConnector: kit in PtyConnector" },
    ]);
    expectFinished(screen);

    const files = listFiles(dir);
    for (const file of [".yo-rc.json", "mxsecure.yaml", "SECURITY.md", "README.md"]) expect(files).toContain(`PtyConnector/${file}`);
    const spec = parse(readFileSync(join(dir, "PtyConnector/mxsecure.yaml"), "utf8")) as Record<string, unknown>;
    expect(spec).toMatchObject({
      module: "PtyConnector",
      description: "Syncs tickets with the help desk.",
      service: { name: "Help Desk", baseUrl: "https://desk.example/api" },
      auth: { scheme: "oauth-client-credentials", tokenUrl: "https://desk.example/oauth/token", scopes: ["tickets.read", "tickets.write"], secretStorage: "constant" },
      roles: [{ name: "Agent", kind: "data", readOnly: false, documentation: "Works on tickets; never combine with Administrator." }],
      entities: [{ name: "Ticket", documentation: "A support request.", ownership: "user", persistable: true, attributes: [{ name: "Subject", type: "string", length: 120, sensitive: true }] }],
    });
    // The kit made at the prompts regenerates from its own spec without a question.
    const again = runBin([], join(dir, "PtyConnector"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/every file is identical/);
  }, TEST_TIMEOUT);

  it("asks through Yeoman's conflicter about a file the user edited, and keeps it when told so", () => {
    const dir = tempDir();
    expect(runBin(["--answers", examplePath("erp-basic")], dir).code).toBe(0);
    const security = join(dir, "ErpConnector/SECURITY.md");
    const edited = `${readFileSync(security, "utf8")}\nOur own addition.\n`;
    writeFileSync(security, edited);
    const changed = readFileSync(examplePath("erp-basic"), "utf8").replace(/^description: .*$/m, "description: Reads sales orders, described anew.");
    writeFileSync(join(dir, "changed.yaml"), changed);

    const screen = inTerminal(["--answers", "changed.yaml"], dir, [
      { expect: "Overwrite ErpConnector/SECURITY.md?", send: `n${ENTER}` },
      { expect: "kit in ErpConnector" },
    ]);
    expectFinished(screen);
    expect(readFileSync(security, "utf8")).toBe(edited);
    // Files the user did not edit follow the new answers.
    expect(readFileSync(join(dir, "ErpConnector/README.md"), "utf8")).toContain("described anew");
  }, TEST_TIMEOUT);
});
