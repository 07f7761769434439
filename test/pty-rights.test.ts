// Issue 22: the interview asks what users may change (entity and attribute `editable`) and which
// objects a data role sees (`reach`), in a real pseudo-terminal, and the kit grants what was
// answered: the owner creates, changes and deletes their own objects of an editable per-user
// entity; a reach-all read-only role reads every user's objects; the default documentation of
// each new role passes every audit rule (no ReportingReach warning).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOWN, ENTER, inTerminal } from "./helpers/pty.js";
import { BIN, removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";
import { examplePath } from "./helpers/spec.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

describe.skipIf(process.platform === "win32")("the interview asks editable and reach, and the kit grants what was answered", () => {
  it("an editable per-user entity, an editable attribute and a reach-all read-only role", () => {
    const dir = tempDir();
    const screen = inTerminal([process.execPath, BIN], dir, [
      { expect: "Name of the external service", send: `Notes${ENTER}` },
      { expect: "Module name (NotesConnector)", send: ENTER },
      { expect: "What does the connector do?", send: ENTER },
      { expect: "How does the connector authenticate", send: `${DOWN}${DOWN}${DOWN}${DOWN}${ENTER}` },
      { expect: "Base URL of the service", send: `https://notes.example/api${ENTER}` },
      { expect: "Add a module role besides Administrator and User?", send: `y${ENTER}` },
      { expect: "Role name (Viewer)", send: `Support${ENTER}` },
      { expect: "What kind of role is Support?", send: ENTER },
      { expect: "Is Support read-only? (Y/n)", send: ENTER },
      // own is first: one down is all.
      { expect: "all  every user's objects: reporting, support", send: `${DOWN}${ENTER}` },
      { expect: "What is Support for", send: ENTER },
      { expect: "Add another module role?", send: ENTER },
      { expect: "Add a data entity?", send: ENTER },
      { expect: "Entity name", send: `Note${ENTER}` },
      { expect: "What is one Note?", send: `A note a user keeps.${ENTER}` },
      { expect: "Who sees a Note?", send: `${DOWN}${ENTER}` },
      { expect: "Is Note stored in the database", send: ENTER },
      { expect: "Do users create, change and delete their own Note objects?", send: `y${ENTER}` },
      { expect: "Add an attribute to Note?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Text${ENTER}` },
      { expect: "Type of Text", send: ENTER },
      { expect: "Length (0 = unlimited)", send: ENTER },
      // The entity is editable: its attributes are not asked one by one.
      { expect: "Is Text sensitive", send: ENTER },
      { expect: "Add another attribute to Note?", send: ENTER },
      { expect: "Add another entity?", send: `y${ENTER}` },
      { expect: "Entity name", send: `Ticket${ENTER}` },
      { expect: "What is one Ticket?", send: `A ticket from the service.${ENTER}` },
      { expect: "Who sees a Ticket?", send: ENTER },
      { expect: "Is Ticket stored in the database", send: ENTER },
      { expect: "Do users create, change and delete Ticket objects?", send: ENTER },
      { expect: "Add an attribute to Ticket?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Title${ENTER}` },
      { expect: "Type of Title", send: ENTER },
      { expect: "Length (0 = unlimited)", send: ENTER },
      { expect: "Is Title sensitive", send: ENTER },
      { expect: "Do users change Title themselves? (no: only the connector writes it) (y/N)", send: ENTER },
      { expect: "Add another attribute to Ticket?", send: `y${ENTER}` },
      { expect: "Attribute name", send: `Status${ENTER}` },
      { expect: "Type of Status", send: ENTER },
      { expect: "Length (0 = unlimited)", send: ENTER },
      { expect: "Is Status sensitive", send: ENTER },
      { expect: "Do users change Status themselves?", send: `y${ENTER}` },
      { expect: "Add another attribute to Ticket?", send: ENTER },
      { expect: "Add another entity?", send: ENTER },
      { expect: "Does Note refer to another entity?", send: ENTER },
      { expect: "Does Ticket refer to another entity?", send: ENTER },
      { expect: "Roles      Administrator (configuration), User (data)\n             Support (data, read-only, sees every user's objects)" },
      { expect: "Note (user, editable by users)" },
      { expect: "attributes: Title string(200), Status string(200) editable" },
      // The summary offers adding an entity as well as a role; Enter writes the kit.
      { expect: "Write the kit, or change something?" },
      { expect: "  Add a role\n" },
      { expect: "  Add an entity", send: ENTER },
      { expect: " files written to NotesConnector." },
    ], 90);
    expect(screen.error, screen.screen.slice(-3000)).toBeNull();
    expect(screen.exitCode, screen.screen.slice(-3000)).toBe(0);
    // The defaults pass every rule: no warning at all in the run.
    expect(screen.screen).not.toMatch(/warning|ReportingReach/i);

    const kit = join(dir, "NotesConnector");
    const spec = parse(readFileSync(join(kit, "mxsecure.yaml"), "utf8")) as { roles: unknown[]; entities: unknown[] };
    expect(spec.roles).toEqual([expect.objectContaining({ name: "Support", kind: "data", readOnly: true, reach: "all" })]);
    expect(spec.entities).toEqual([
      expect.objectContaining({ name: "Note", ownership: "user", editable: true }),
      expect.objectContaining({ name: "Ticket", ownership: "shared", editable: false, attributes: [expect.objectContaining({ name: "Title", editable: false }), expect.objectContaining({ name: "Status", editable: true })] }),
    ]);
    const mdl = readFileSync(join(kit, "model/NotesConnector.mdl"), "utf8");
    const q = (name: string) => `"NotesConnector"."${name}"`;
    // The owner creates, changes and deletes only their own notes; the owner link stays read-only.
    expect(mdl).toContain(`grant ${q("User")} on ${q("Note")} (create, delete, read ("Text", "Note_User"), write ("Text")) where '[NotesConnector.Note_User=''[%CurrentUser%]'']';`);
    // Support reads every user's notes and changes nothing.
    expect(mdl).toContain(`grant ${q("Support")} on ${q("Note")} (read ("Text", "Note_User"));`);
    // On the shared entity only the answered attribute is writable, and nobody creates or deletes.
    expect(mdl).toContain(`grant ${q("User")} on ${q("Ticket")} (read ("Title", "Status"), write ("Status"));`);
    // The owner link is set by ACT_Note_New, which User may call.
    const microflows = readFileSync(join(kit, "model/NotesConnector.microflows.mdl"), "utf8");
    expect(microflows).toMatch(/create or modify microflow "NotesConnector"\."ACT_Note_New"/);
    expect(microflows).toContain(`grant execute on microflow ${q("ACT_Note_New")} to ${q("User")};`);
    // The kit README tells how the New button must make one.
    expect(readFileSync(join(kit, "README.md"), "utf8")).toContain("Make the New button for `Note` call `ACT_Note_New` and open the page with the object it returns");
    // And the audit agrees: no finding at all on the kit's own spec.
    const audit = runBin(["audit", "mxsecure.yaml"], kit);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toBe("mxsecure.yaml: 0 errors, 0 warnings, 0 suppressed.\n");
  }, 120_000);

  it("asks before loading Yeoman, then hands the answers to Yeoman's conflicter when a file the user edited would change", () => {
    const dir = tempDir();
    expect(runBin(["--answers", examplePath("erp-basic")], dir).code).toBe(0);
    const security = join(dir, "ErpConnector/SECURITY.md");
    const edited = `${readFileSync(security, "utf8")}\nOur own addition.\n`;
    writeFileSync(security, edited);
    // The file lacks the description: the bin asks it (no Yeoman yet), then a conflict needs Yeoman.
    writeFileSync(join(dir, "partial.yaml"), readFileSync(examplePath("erp-basic"), "utf8").replace(/^description: .*\n/m, ""));
    const screen = inTerminal([process.execPath, BIN, "--answers", "partial.yaml"], dir, [
      { expect: "What does the connector do?", send: `Reads sales orders, described anew.${ENTER}` },
      { expect: "Where should secrets live?", send: ENTER },
      { expect: "Add a module role besides Administrator and User?", send: ENTER },
      { expect: "Write the kit, or change something?", send: ENTER },
      // Another spec over the kit: asked first (issue 21), then the edited file (issue 22's hand-over).
      { expect: "Replace it?", send: `y${ENTER}` },
      { expect: "Overwrite ErpConnector/SECURITY.md?", send: `n${ENTER}` },
      { expect: "files written to ErpConnector." },
    ], 90);
    expect(screen.error, screen.screen.slice(-3000)).toBeNull();
    expect(screen.exitCode).toBe(0);
    // Asked once: Yeoman did not ask the description again.
    expect(screen.screen.match(/What does the connector do\?/g)?.length).toBeGreaterThanOrEqual(1);
    expect(screen.screen.split("✔ What does the connector do?").length - 1).toBe(1);
    expect(readFileSync(security, "utf8")).toBe(edited);
    expect(readFileSync(join(dir, "ErpConnector/README.md"), "utf8")).toContain("described anew");
  }, 120_000);
});
