// Living kits through the real bin (`mxsecure entity|role`, regeneration), as a user runs them
// without a terminal: what changes, what stays byte for byte, and how edits are protected.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareKitRun } from "../src/lib/kit/prepare.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { examplePath } from "./helpers/spec.js";
import { listFiles, removeTempDirs, requireBuiltBin, runBin, snapshotFiles, stackLines, tempDir } from "./helpers/run.js";
import {
  changedFiles, expectUntouched, generateKit, insertedLines, manifestIn, read, sha256, snapshotWithTimes, statuses, write,
} from "./helpers/kit.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const CI = { CI: "1" };
type Spec = Record<string, unknown> & { entities: Record<string, unknown>[]; roles: Record<string, unknown>[] };

const INVOICE = {
  name: "Invoice",
  documentation: "An invoice the ERP issued for a sales order.",
  ownership: "user",
  attributes: [
    { name: "InvoiceNumber", type: "string", length: 30 },
    { name: "Total", type: "decimal", sensitive: true },
  ],
  associations: [{ to: "SalesOrder", type: "reference" }],
};
// The answers file as a user writes it, name included (the command line repeats it).
const INVOICE_YAML = `# one entity, in the answers-file format
name: Invoice
documentation: An invoice the ERP issued for a sales order.
ownership: user
attributes:
  - { name: InvoiceNumber, type: string, length: 30 }
  - { name: Total, type: decimal, sensitive: true }
associations:
  - { to: SalesOrder, type: reference }
`;
const SUPPORT = {
  name: "Support",
  kind: "data",
  readOnly: true,
  documentation: "Reads sales orders to answer customer questions; never combine with Administrator.",
};
const SUPPORT_YAML = `kind: data
readOnly: true
documentation: "Reads sales orders to answer customer questions; never combine with Administrator."
`;
const USER_COMMENT = "# Invoices arrive in release 2 (kept by every command).";
/** The files an added entity or role must change; everything else must stay byte for byte. */
const CHANGED_BY_ADDING = [".yo-rc.json", "README.md", "SECURITY.md", "model/ErpConnector.mdl", "model/module.ts", "mxsecure.yaml"];
/** A new role also changes the microflows script: each microflow's access is reset for every module role (issue 18). */
const CHANGED_BY_ADDING_A_ROLE = [...CHANGED_BY_ADDING, "model/ErpConnector.microflows.mdl"].sort();

/** The erp-basic kit, with a comment the user added to mxsecure.yaml above `entities:`. */
function erpKitWithComment() {
  const kit = generateKit("erp-basic");
  const spec = read(kit.kitDir, "mxsecure.yaml");
  expect(spec).toMatch(/^entities:$/m);
  write(kit.kitDir, "mxsecure.yaml", spec.replace(/^entities:$/m, `${USER_COMMENT}\nentities:`));
  return kit;
}

/** The files a kit generated from scratch from `data` would hold (the oracle for "changed accordingly"). */
function freshKitFiles(data: unknown): Map<string, string> {
  const run = prepareKitRun(data, { cwd: tempDir(), force: false });
  return new Map(run.kit.files.map((f) => [f.path, f.contents]));
}

/** Every generated file of the kit equals a fresh generation from its spec, except the spec and .yo-rc.json themselves. */
function expectKitMatchesFreshGeneration(kitDir: string, spec: unknown) {
  const fresh = freshKitFiles(spec);
  for (const [path, contents] of fresh) {
    if (path === "mxsecure.yaml" || path === ".yo-rc.json") continue;
    expect(read(kitDir, path), path).toBe(contents);
  }
}

/** .yo-rc.json records the hash of every kit file as it is on disk now. */
function expectManifestMatchesDisk(kitDir: string) {
  const manifest = manifestIn(kitDir);
  const files = listFiles(kitDir).filter((f) => f !== ".yo-rc.json" && f !== ".yo-resolve");
  expect(Object.keys(manifest).sort()).toEqual(files);
  for (const file of files) expect(manifest[file], file).toBe(sha256(readFileSync(join(kitDir, file))));
}

describe("mxsecure entity --answers (non-interactive)", () => {
  it("adds the entity to mxsecure.yaml in place and regenerates exactly the files it concerns", () => {
    const { root, kitDir } = erpKitWithComment();
    const specBefore = read(kitDir, "mxsecure.yaml");
    const before = snapshotFiles(kitDir);
    const answers = write(root, "invoice.yaml", INVOICE_YAML);
    expect(parse(INVOICE_YAML)).toEqual(INVOICE);

    const result = runBin(["entity", "Invoice", "--answers", answers], kitDir, CI);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    const after = snapshotFiles(kitDir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(changedFiles(before, after)).toEqual(CHANGED_BY_ADDING);
    const reported = statuses(result.stdout);
    for (const file of before.keys()) expect(reported.get(file), file).toBe(CHANGED_BY_ADDING.includes(file) ? "update" : "identical");

    // The spec: the user's text untouched, the entity appended as one block at the end of `entities`.
    const specAfter = read(kitDir, "mxsecure.yaml");
    expect(specAfter).toContain(USER_COMMENT);
    const block = insertedLines(specBefore, specAfter);
    expect(block[0]).toMatch(/^ {2}- name: Invoice$/);
    const data = parse(specAfter) as Spec;
    const old = parse(specBefore) as Spec;
    expect(data.entities).toEqual([...old.entities, INVOICE]);
    expect({ ...data, entities: old.entities }).toEqual(old);

    // Every output is what a fresh kit of the new spec holds...
    expectKitMatchesFreshGeneration(kitDir, data);
    expectManifestMatchesDisk(kitDir);
    // ...and shows the entity with its access rules (owner-constrained: ownership user).
    const security = read(kitDir, "SECURITY.md");
    expect(before.get("SECURITY.md")!.toString()).not.toContain("Invoice");
    expect(security).toContain("#### Invoice (persistable, linked to its user by `Invoice_User`, deleted with the user)");
    expect(security).toContain(INVOICE.documentation);
    // Data from the service: the User reads its own invoices; the connector writes them.
    expect(security).toMatch(/^\| User \| no \| no \| .*InvoiceNumber.* \| none \| `\[ErpConnector\.Invoice_User='\[%CurrentUser%\]'\]` \|$/m);
    const mdl = read(kitDir, "model/ErpConnector.mdl");
    expect(mdl).toContain('create or modify persistent entity "ErpConnector"."Invoice" (');
    expect(mdl).toMatch(/^grant "ErpConnector"\."User" on "ErpConnector"\."Invoice" \(read \(.*\)\) where '\[ErpConnector\.Invoice_User=''\[%CurrentUser%\]'']';$/m);
    expect(mdl).toContain('create or modify association "ErpConnector"."Invoice_SalesOrder"');
    const sdk = read(kitDir, "model/module.ts");
    expect(sdk).toContain('name: "Invoice",');
    expect(sdk).toContain(`xpath: "[ErpConnector.Invoice_User='[%CurrentUser%]']"`);
    const count = (text: string) => Number(/(\d+) entities with their access rules/.exec(text)?.[1]);
    expect(count(read(kitDir, "README.md"))).toBe(count(before.get("README.md")!.toString()) + 1);
  });

  it("keeps hostile text of the added entity and role exact through the in-place edit, and re-running changes nothing", () => {
    const { root, kitDir } = erpKitWithComment();
    const hostile = readAnswersFile(examplePath("hostile-text")).data as Spec;
    const note = { ...hostile.entities[0]!, associations: [] };
    const viewer = hostile.roles[0]!;
    // JSON answers files: the hostile strings reach the spec edit exactly as parsed from the example.
    expect(runBin(["entity", "--answers", write(root, "note.json", JSON.stringify(note))], kitDir, CI).code).toBe(0);
    expect(runBin(["role", "--answers", write(root, "viewer.json", JSON.stringify(viewer))], kitDir, CI).code).toBe(0);
    const spec = parse(read(kitDir, "mxsecure.yaml")) as Spec;
    expect(String(note.documentation)).toContain("\u0000");
    expect(spec.entities.at(-1)).toEqual(note);
    expect(spec.roles).toEqual([viewer]);
    expectKitMatchesFreshGeneration(kitDir, spec);
    const before = snapshotWithTimes(kitDir);
    const again = runBin([], kitDir, CI);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("every file is identical; nothing changed");
    expectUntouched(kitDir, before);
  });

  it("takes the name from the command line when the answers file has none, and refuses two different names", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const withoutName = write(root, "no-name.yaml", INVOICE_YAML.replace(/^name: Invoice\n/m, ""));
    const before = snapshotWithTimes(kitDir);
    const clash = runBin(["entity", "Bill", "--answers", write(root, "named.yaml", INVOICE_YAML)], kitDir, CI);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/names the entity Bill, but .*named\.yaml names it Invoice/);
    expectUntouched(kitDir, before);

    expect(runBin(["entity", "Invoice", "--answers", withoutName], kitDir, CI).code).toBe(0);
    expect((parse(read(kitDir, "mxsecure.yaml")) as Spec).entities.map((e) => e.name)).toEqual(["SalesOrder", "Invoice"]);
  });
});

describe("mxsecure role --answers (non-interactive)", () => {
  it("adds the role in place (the empty roles list becomes a list of one) and regenerates exactly the files it concerns", () => {
    const { root, kitDir } = erpKitWithComment();
    const specBefore = read(kitDir, "mxsecure.yaml");
    expect(specBefore).toMatch(/^roles: \[\]$/m);
    const before = snapshotFiles(kitDir);

    const result = runBin(["role", "Support", "--answers", write(root, "role.yaml", SUPPORT_YAML)], kitDir, CI);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const after = snapshotFiles(kitDir);
    expect(changedFiles(before, after)).toEqual(CHANGED_BY_ADDING_A_ROLE);

    const specAfter = read(kitDir, "mxsecure.yaml");
    const data = parse(specAfter) as Spec;
    const old = parse(specBefore) as Spec;
    expect(data.roles).toEqual([SUPPORT]);
    expect({ ...data, roles: [] }).toEqual(old);
    // Every comment of the file (the generator's header and the user's) is still there, in order.
    const comments = (text: string) => text.split("\n").filter((l) => l.trimStart().startsWith("#"));
    expect(comments(specAfter)).toEqual(comments(specBefore));
    expect(comments(specAfter)).toContain(USER_COMMENT);

    expectKitMatchesFreshGeneration(kitDir, data);
    expectManifestMatchesDisk(kitDir);
    const security = read(kitDir, "SECURITY.md");
    expect(security).toMatch(/^\| Support \| data \| yes \| own objects only \| Administrator \| Reads sales orders to answer customer questions; never combine with Administrator\. \|$/m);
    // A read-only data role reads the shared SalesOrder and can do nothing else with it.
    expect(read(kitDir, "model/ErpConnector.mdl")).toMatch(/^grant "ErpConnector"\."Support" on "ErpConnector"\."SalesOrder" \(read \([^)]*\)\);$/m);
    expect(read(kitDir, "model/module.ts")).toContain('name: "Support",');
  });

  it("refuses an invalid role with the path of the role being added, and writes nothing", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["role", "Support", "--answers", write(root, "role.yaml", "kind: data\nreadOnly: true\n")], kitDir, CI);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("roles[0].documentation");
    expect(result.stderr).toContain("roles[0] is the role being added, read from ");
    expect(stackLines(result.stderr)).toEqual([]);
    expectUntouched(kitDir, before);
  });
});

describe("regenerating without losing edits", () => {
  it("re-running the generator in an unchanged kit reports every file identical and touches nothing", () => {
    const { kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin([], kitDir, CI);
    expect(result.code).toBe(0);
    expect([...statuses(result.stdout).values()].every((s) => s === "identical")).toBe(true);
    expect([...statuses(result.stdout).keys()].sort()).toEqual([...before.keys()]);
    expect(result.stdout).toContain("every file is identical; nothing changed");
    expectUntouched(kitDir, before);
  });

  it("re-running after entity and role were added (a spec with the user's comment) still changes nothing", () => {
    const { root, kitDir } = erpKitWithComment();
    expect(runBin(["entity", "Invoice", "--answers", write(root, "invoice.yaml", INVOICE_YAML)], kitDir, CI).code).toBe(0);
    expect(runBin(["role", "Support", "--answers", write(root, "role.yaml", SUPPORT_YAML)], kitDir, CI).code).toBe(0);
    const before = snapshotWithTimes(kitDir);
    const result = runBin([], kitDir, CI);
    expect(result.code).toBe(0);
    const reported = statuses(result.stdout);
    expect([...reported.keys()].sort()).toEqual([...before.keys()]);
    expect([...reported].filter(([, s]) => s !== "identical")).toEqual([]);
    expectUntouched(kitDir, before);
  });

  describe("a SECURITY.md the user edited", () => {
    const NOTE = "\n## Our own notes\nReviewed by the security team.\n";
    function editedKit() {
      const kit = generateKit("erp-basic");
      write(kit.kitDir, "SECURITY.md", read(kit.kitDir, "SECURITY.md") + NOTE);
      return { ...kit, answers: write(kit.root, "invoice.yaml", INVOICE_YAML) };
    }

    it("stops a non-interactive entity run with one message naming the file and the ways forward, writing nothing", () => {
      const { kitDir, answers } = editedKit();
      write(kitDir, "README.md", `${read(kitDir, "README.md")}\nlocal remark\n`);
      const before = snapshotWithTimes(kitDir);
      const result = runBin(["entity", "Invoice", "--answers", answers], kitDir, CI);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^mxsecure: 2 files in this kit changed since the kit was generated; nothing was written:$/);
      expect(lines.slice(1, 3).sort()).toEqual(["  - README.md", "  - SECURITY.md"]);
      expect(result.stderr).toContain("--force");
      expect(result.stderr).toContain(".yo-resolve");
      expect(lines).toHaveLength(4);
      expect(stackLines(result.stderr)).toEqual([]);
      // Nothing at all: not the spec either.
      expectUntouched(kitDir, before);
    });

    it("the same without CI: stdin that is not a terminal is non-interactive too", () => {
      const { kitDir, answers } = editedKit();
      const before = snapshotWithTimes(kitDir);
      const result = runBin(["entity", "Invoice", "--answers", answers], kitDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("  - SECURITY.md");
      expectUntouched(kitDir, before);
    });

    it("with `SECURITY.md skip` in .yo-resolve, keeps the user's SECURITY.md (for good) and updates the rest", () => {
      const { kitDir, answers } = editedKit();
      const edited = read(kitDir, "SECURITY.md");
      write(kitDir, ".yo-resolve", "# keep our notes\nSECURITY.md skip\n");
      const before = snapshotFiles(kitDir);
      const result = runBin(["entity", "Invoice", "--answers", answers], kitDir, CI);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(statuses(result.stdout).get("SECURITY.md")).toBe("skip");
      expect(read(kitDir, "SECURITY.md")).toBe(edited);
      expect(changedFiles(before, snapshotFiles(kitDir))).toEqual(CHANGED_BY_ADDING.filter((f) => f !== "SECURITY.md"));
      expect(read(kitDir, "model/module.ts")).toContain('name: "Invoice",');

      // The manifest still knows SECURITY.md as edited: without the skip line it is a conflict again.
      write(kitDir, ".yo-resolve", "");
      const again = runBin(["role", "Support", "--answers", write(kitDir, "../role.yaml", SUPPORT_YAML)], kitDir, CI);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("  - SECURITY.md");
    });

    it("does not read a .yo-resolve in a parent folder of the kit: only the kit's own (issue 21)", () => {
      const { root, kitDir, answers } = editedKit();
      const edited = read(kitDir, "SECURITY.md");
      write(root, ".yo-resolve", "SECURITY.md force\n");
      const result = runBin(["entity", "Invoice", "--answers", answers], kitDir, CI);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/changed since the kit was generated/);
      expect(read(kitDir, "SECURITY.md")).toBe(edited);
    });

    it("with --force, overwrites it, and afterwards the kit is clean again", () => {
      const { kitDir, answers } = editedKit();
      const result = runBin(["entity", "Invoice", "--answers", answers, "--force"], kitDir, CI);
      expect(result.code).toBe(0);
      expect(statuses(result.stdout).get("SECURITY.md")).toBe("force");
      const security = read(kitDir, "SECURITY.md");
      expect(security).not.toContain("Reviewed by the security team.");
      expect(security).toContain("#### Invoice");
      expectManifestMatchesDisk(kitDir);
      const before = snapshotWithTimes(kitDir);
      expect(runBin([], kitDir, CI).code).toBe(0);
      expectUntouched(kitDir, before);
    });
  });

  it("--dry-run on entity reports what would change and writes nothing", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["entity", "Invoice", "--answers", write(root, "invoice.yaml", INVOICE_YAML), "--dry-run"], kitDir, CI);
    expect(result.code).toBe(0);
    const reported = statuses(result.stdout);
    expect([...reported].filter(([, s]) => s === "update").map(([f]) => f).sort()).toEqual(CHANGED_BY_ADDING);
    expect(result.stdout).toMatch(/Dry run: 6 files would be written; nothing was written\./);
    expectUntouched(kitDir, before);
  });

  it("--dry-run lists an edited file as a conflict instead of stopping, and writes nothing", () => {
    const { root, kitDir } = generateKit("erp-basic");
    write(kitDir, "SECURITY.md", "# my own notes\n");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["entity", "Invoice", "--answers", write(root, "invoice.yaml", INVOICE_YAML), "--dry-run"], kitDir, CI);
    expect(result.code).toBe(0);
    expect(statuses(result.stdout).get("SECURITY.md")).toBe("conflict");
    expect(result.stdout).toMatch(/Dry run: 5 files would be written; 1 edited file would stop a real run .*; nothing was written\./);
    expectUntouched(kitDir, before);
  });
});

describe("refusals: exit 1, one message, nothing written", () => {
  it("outside a kit folder, says where to run entity and role", () => {
    const { root } = generateKit("erp-basic");
    const empty = tempDir();
    for (const [cwd, kind] of [[empty, "entity"], [root, "role"], [root, "entity"]] as const) {
      const before = snapshotWithTimes(cwd);
      const result = runBin([kind, "Invoice", "--answers", examplePath("erp-basic")], cwd, CI);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^mxsecure: mxsecure ${kind} runs inside a kit folder \\(the one with \\.yo-rc\\.json and mxsecure\\.yaml`));
      expect(result.stderr).toContain("cd into the kit");
      expect(stackLines(result.stderr)).toEqual([]);
      expectUntouched(cwd, before);
    }
  });

  it.each([
    ["a reserved attribute name", "name: Invoice\ndocumentation: An invoice.\nattributes:\n  - { name: owner, type: string }\n", "entities[1].attributes[0].name", /reserved/],
    ["a duplicate entity name", "name: SalesOrder\ndocumentation: Another sales order.\n", "entities[1].name", /duplicates entities\[0\]\.name/],
    ["a missing documentation", "name: Invoice\nattributes: []\n", "entities[1].documentation", /required/],
    ["an association to an unknown entity", "name: Invoice\ndocumentation: An invoice.\nassociations:\n  - { to: Nowhere, type: reference }\n", "entities[1].associations[0].to", /Nowhere/],
  ])("refuses %s, naming the path and that it is the entity being added", (_what, yamlText, path, reason) => {
    const { root, kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["entity", "--answers", write(root, "entity.yaml", yamlText)], kitDir, CI);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const line = result.stderr.split("\n").find((l) => l.includes(path));
    expect(line, result.stderr).toMatch(reason);
    expect(result.stderr).toContain(`(entities[1] is the entity being added, read from ${join(root, "entity.yaml")}; nothing was written.)`);
    expect(stackLines(result.stderr)).toEqual([]);
    expectUntouched(kitDir, before);
  });

  it("refuses an answers file that is not one mapping", () => {
    const { root, kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["entity", "--answers", write(root, "list.yaml", "- name: Invoice\n")], kitDir, CI);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/must hold one entity as a mapping/);
    expectUntouched(kitDir, before);
  });

  it("without --answers and without a terminal, says what is missing instead of prompting", () => {
    const { kitDir } = generateKit("erp-basic");
    const before = snapshotWithTimes(kitDir);
    const result = runBin(["entity", "Invoice"], kitDir, CI);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("entities[1].documentation");
    expectUntouched(kitDir, before);
  });
});
