// The interactive path in a real pseudo-terminal: the bin with no answers hands over to the Yeoman
// generator, whose inquirer prompts are answered with keystrokes (typed text, arrow keys, Enter),
// each sent only once its prompt is on the screen. Driver: test/helpers/terminal.py (Python's pty).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath } from "./helpers/spec.js";
import { BACKSPACE, CTRL_C, DOWN, ENTER, inTerminal, type Screen, type Step } from "./helpers/pty.js";
import { BIN, listFiles, removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

/** Runs the bin in a pseudo-terminal. */
function inBinTerminal(args: string[], cwd: string, steps: Step[], timeoutSeconds = 60): Screen {
  return inTerminal([process.execPath, BIN, ...args], cwd, steps, timeoutSeconds);
}

/** Fails with the screen so far, so a stuck prompt shows where it stuck. */
function expectFinished(screen: Screen, exitCode = 0): void {
  const context = `${screen.error ?? `exit code ${screen.exitCode}`}\n--- screen so far ---\n${screen.screen.slice(-4000)}\n--- answers ---\n${screen.screen.split("\n").filter((l) => l.includes("✔")).map((l) => l.slice(l.lastIndexOf("✔"))).join("\n")}`;
  expect(screen.error, context).toBeNull();
  expect(screen.exitCode, context).toBe(exitCode);
}

// The driver waits for the program itself (at most 60 s, 20 s per prompt); vitest's limit is above that.
const TEST_TIMEOUT = 120_000;

describe.skipIf(process.platform === "win32")("interactive prompts in a real terminal", () => {
  it("interviews for a connector whose first entity refers to a later one, goes back from the summary to change an entity, and writes the kit", () => {
    const dir = tempDir();
    const screen = inBinTerminal([], dir, [
      { expect: "Name of the external service", send: `Help Desk${ENTER}` },
      // The module name defaults to one made from the service name; an invalid one is refused.
      { expect: "Module name (HelpDeskConnector)", send: `1Bad${ENTER}` },
      { expect: "Mendix name", send: `${BACKSPACE.repeat(4)}PtyConnector${ENTER}` },
      { expect: "What does the connector do? (Connects a Mendix app to Help Desk.)", send: `Syncs tickets with the help desk.${ENTER}` },
      // Each scheme is explained on its line; the list starts on api-token: two down is oauth-client-credentials.
      { expect: "api-token                 one key for the whole app, in a header; most APIs", send: `${DOWN}${DOWN}${ENTER}` },
      { expect: "Base URL of the service", send: `http://desk.example${ENTER}` },
      { expect: "not HTTPS", send: `${BACKSPACE.repeat("http://desk.example".length)}https://desk.example/api${ENTER}` },
      { expect: "OAuth token URL", send: `https://desk.example/oauth/token${ENTER}` },
      { expect: "OAuth scopes", send: `tickets.read tickets.write${ENTER}` },
      { expect: "constant  a blank constant, set per environment at deploy time", send: `${DOWN}${ENTER}` },
      { expect: "Add a module role besides Administrator and User?", send: `y${ENTER}` },
      { expect: "Role name (Viewer)", send: `Agent${ENTER}` },
      { expect: "What kind of role is Agent?", send: ENTER },
      { expect: "Is Agent read-only?", send: `n${ENTER}` },
      { expect: "Which objects of per-user entities does Agent see?", send: ENTER },
      { expect: "What is Agent for", send: `${BACKSPACE.repeat(160)}Works${ENTER}` },
      { expect: "shorter than 20 characters", send: ` on tickets; never combine with Administrator.${ENTER}` },
      { expect: "Add another module role?", send: ENTER },
      { expect: "Add a data entity?", send: ENTER },
      { expect: "Entity name", send: `Ticket${ENTER}` },
      { expect: "What is one Ticket?", send: `A support request.${ENTER}` },
      // Ownership lists shared, then user, and starts on shared: one down is user.
      { expect: "Who sees a Ticket?", send: `${DOWN}${ENTER}` },
      { expect: "Is Ticket stored in the database", send: ENTER },
      { expect: "Do users create, change and delete their own Ticket objects?", send: ENTER },
      { expect: "Add an attribute to Ticket?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Subject${ENTER}` },
      { expect: "Type of Subject", send: ENTER },
      { expect: "Length (0 = unlimited)", send: `${BACKSPACE.repeat(3)}12x${ENTER}` },
      { expect: "must be a whole number of characters", send: `${BACKSPACE}0${ENTER}` },
      { expect: "Is Subject sensitive", send: `y${ENTER}` },
      { expect: "Do users change Subject themselves?", send: ENTER },
      // The same default as the first time: no.
      { expect: "Add another attribute to Ticket? (y/N)", send: ENTER },
      { expect: "Add another entity?", send: `y${ENTER}` },
      { expect: "Entity name", send: `Organization${ENTER}` },
      { expect: "What is one Organization?", send: `A customer of the help desk.${ENTER}` },
      { expect: "Who sees an Organization?", send: ENTER },
      { expect: "Is Organization stored in the database", send: ENTER },
      { expect: "Do users create, change and delete Organization objects?", send: ENTER },
      { expect: "Add an attribute to Organization?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Name${ENTER}` },
      { expect: "Type of Name", send: ENTER },
      { expect: "Length (0 = unlimited)", send: ENTER },
      { expect: "Is Name sensitive", send: ENTER },
      { expect: "Do users change Name themselves?", send: ENTER },
      { expect: "Add another attribute to Organization?", send: ENTER },
      { expect: "Add another entity?", send: ENTER },
      // Associations come once every entity exists: Ticket, the first, refers to Organization, the later one.
      { expect: "Does Ticket refer to another entity?", send: `y${ENTER}` },
      { expect: "Ticket refers to", send: ENTER },
      { expect: "How many Organization objects does one Ticket refer to?", send: ENTER },
      { expect: "Does Organization refer to another entity?", send: ENTER },
      // The summary; then back to change Organization: write, connector, role Agent, add role, Ticket, Organization.
      { expect: "Entities   Ticket (user)\n               attributes: Subject string(120) sensitive\n               refers to: Organization (reference)" },
      { expect: "Write the kit, or change something?", send: `${DOWN.repeat(5)}${ENTER}` },
      { expect: "Change or remove entity Organization?", send: ENTER },
      { expect: "Entity name (Organization)", send: ENTER },
      { expect: "What is one Organization? (A customer of the help desk.)", send: ENTER },
      { expect: "Who sees an Organization?", send: ENTER },
      { expect: "Is Organization stored in the database", send: ENTER },
      { expect: "Do users create, change and delete Organization objects?", send: ENTER },
      { expect: "Organization.Name (string, length 200)", send: ENTER },
      { expect: "Add another attribute to Organization?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Country${ENTER}` },
      { expect: "Type of Country", send: ENTER },
      { expect: "Length (0 = unlimited)", send: `${BACKSPACE.repeat(3)}80${ENTER}` },
      { expect: "Is Country sensitive", send: ENTER },
      { expect: "Do users change Country themselves?", send: ENTER },
      { expect: "Add another attribute to Organization?", send: ENTER },
      { expect: "Does Organization refer to another entity?", send: ENTER },
      { expect: "Organization (shared)\n               attributes: Name string(200), Country string(80)" },
      { expect: "Write the kit, or change something?", send: ENTER },
      { expect: " files written to PtyConnector. Next: read PtyConnector/SECURITY.md" },
    ], 90);
    expectFinished(screen);
    // Statuses in the bin's words: every file is new, .yo-rc.json included; nothing is "force".
    expect(screen.screen).toContain("   create PtyConnector/.yo-rc.json");
    expect(screen.screen).not.toMatch(/^\s*force /m);
    // Once chosen, the answer follows its question; the explanation stays in the list.
    expect(screen.screen).toContain("✔ Who sees a Ticket? user\n");
    expect(screen.screen).toContain("✔ How does the connector authenticate to the service? oauth-client-credentials\n");

    const files = listFiles(dir);
    for (const file of [".yo-rc.json", "mxsecure.yaml", "SECURITY.md", "README.md"]) expect(files).toContain(`PtyConnector/${file}`);
    // The summary counts every file written.
    expect(screen.screen).toContain(`PtyConnector: ${files.length} files written to PtyConnector.`);
    const spec = parse(readFileSync(join(dir, "PtyConnector/mxsecure.yaml"), "utf8")) as Record<string, unknown>;
    expect(spec).toMatchObject({
      module: "PtyConnector",
      description: "Syncs tickets with the help desk.",
      service: { name: "Help Desk", baseUrl: "https://desk.example/api" },
      auth: { scheme: "oauth-client-credentials", tokenUrl: "https://desk.example/oauth/token", scopes: ["tickets.read", "tickets.write"], secretStorage: "constant" },
      roles: [{ name: "Agent", kind: "data", readOnly: false, documentation: "Works on tickets; never combine with Administrator." }],
      entities: [
        {
          name: "Ticket",
          documentation: "A support request.",
          ownership: "user",
          persistable: true,
          attributes: [{ name: "Subject", type: "string", length: 120, sensitive: true }],
          associations: [{ to: "Organization", type: "reference" }],
        },
        {
          name: "Organization",
          ownership: "shared",
          attributes: [
            { name: "Name", type: "string", length: 200, sensitive: false },
            { name: "Country", type: "string", length: 80, sensitive: false },
          ],
          associations: [],
        },
      ],
    });
    // The kit made at the prompts regenerates from its own spec without a question.
    const again = runBin([], join(dir, "PtyConnector"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/every file is identical/);
  }, TEST_TIMEOUT);

  it("Ctrl-C at a question says it was cancelled, exits 130 (128 + SIGINT, issue 21) and writes nothing", () => {
    const dir = tempDir();
    const screen = inBinTerminal([], dir, [
      { expect: "Name of the external service", send: `Help Desk${ENTER}` },
      { expect: "Module name", send: CTRL_C },
      { expect: "mxsecure: Cancelled; nothing was written." },
    ]);
    expectFinished(screen, 130);
    expect(screen.screen).not.toContain("force closed");
    expect(screen.screen).not.toContain("An error occured");
    expect(screen.screen.match(/Cancelled; nothing was written\./g)).toHaveLength(1);
    expect(listFiles(dir)).toEqual([]);
  }, TEST_TIMEOUT);

  it("asks through Yeoman's conflicter about a file the user edited, and keeps it when told so", () => {
    const dir = tempDir();
    expect(runBin(["--answers", examplePath("erp-basic")], dir).code).toBe(0);
    const security = join(dir, "ErpConnector/SECURITY.md");
    const edited = `${readFileSync(security, "utf8")}\nOur own addition.\n`;
    writeFileSync(security, edited);
    const changed = readFileSync(examplePath("erp-basic"), "utf8").replace(/^description: .*$/m, "description: Reads sales orders, described anew.");
    writeFileSync(join(dir, "changed.yaml"), changed);

    const screen = inBinTerminal(["--answers", "changed.yaml"], dir, [
      // Other answers over an existing kit: asked first (issue 21), then the conflict.
      { expect: "Replace it?", send: `y${ENTER}` },
      { expect: "Overwrite ErpConnector/SECURITY.md?", send: `n${ENTER}` },
      { expect: "ErpConnector: 4 files written to ErpConnector." },
    ]);
    expectFinished(screen);
    expect(readFileSync(security, "utf8")).toBe(edited);
    // Files the user did not edit follow the new answers.
    expect(readFileSync(join(dir, "ErpConnector/README.md"), "utf8")).toContain("described anew");
  }, TEST_TIMEOUT);
});
