// `yo mxsecure:entity` and `yo mxsecure:role` through yeoman-test in a generated kit: the questions
// they ask (and skip), the spec they produce, and Yeoman's conflicter asking only about real edits.
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import helpers from "yeoman-test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatorFailure } from "./helpers/yeoman.js";
import EntityGenerator from "../src/generators/entity/index.js";
import RoleGenerator from "../src/generators/role/index.js";
import { removeTempDirs, requireBuiltBin, runBin, snapshotFiles } from "./helpers/run.js";
import { changedFiles, expectUntouched, generateKit, manifestIn, read, scripted, sha256, snapshotWithTimes, write } from "./helpers/kit.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

// The classes themselves, not paths: a .ts path only loads on Node >= 22.18 (facts.md).
const entityResolved = fileURLToPath(new URL("../src/generators/entity/index.ts", import.meta.url));
const roleResolved = fileURLToPath(new URL("../src/generators/role/index.ts", import.meta.url));
// yeoman-test runs with force on (environment and generator): turn it off as a user's run has it,
// otherwise the conflicter never asks and the tests below could not see a wrong question.
const NO_FORCE = { force: false } as never;
const entity = () => helpers.run(EntityGenerator, { namespace: "mxsecure:entity", resolved: entityResolved }, NO_FORCE);
const role = () => helpers.run(RoleGenerator, { namespace: "mxsecure:role", resolved: roleResolved }, NO_FORCE);

type Spec = { entities: Record<string, unknown>[]; roles: Record<string, unknown>[] } & Record<string, unknown>;
const asked = (result: { askedQuestions: { name: string }[] }) => result.askedQuestions.map((q) => q.name);
const specOf = (kitDir: string) => parse(read(kitDir, "mxsecure.yaml")) as Spec;
const ADDED_FILES = [".yo-rc.json", "README.md", "SECURITY.md", "model/ErpConnector.mdl", "model/module.ts", "mxsecure.yaml"];
/** A new role also changes the microflows script: each microflow's access is reset for every module role (issue 18). */
const ADDED_ROLE_FILES = [...ADDED_FILES, "model/ErpConnector.microflows.mdl"].sort();

const INVOICE_ANSWERS = {
  entityDocumentation: "An invoice the ERP issued for a sales order.",
  ownership: "user",
  persistable: true,
  attributeName: "InvoiceNumber",
  attributeType: "string",
  attributeLength: "30",
  sensitive: false,
  associationTo: "SalesOrder",
  associationType: "reference",
};
const INVOICE_TURNS = { addAttribute: [true, false], addAssociation: [true] };

describe("yo mxsecure:entity (interactive)", () => {
  it("asks for everything but the name given as argument, appends the entity, and asks no conflict question for unedited files", async () => {
    const { kitDir } = generateKit("erp-basic");
    const specBefore = read(kitDir, "mxsecure.yaml");
    const before = snapshotFiles(kitDir);
    const [answers, options] = scripted(INVOICE_ANSWERS, INVOICE_TURNS);
    const result = await entity().cd(kitDir).withArguments(["Invoice"]).withOptions({ interactive: true, force: false } as never).withAnswers(answers, options);

    expect(asked(result)).toEqual([
      "entityDocumentation", "ownership", "persistable", "entityEditable",
      "addAttribute", "attributeName", "attributeType", "attributeLength", "sensitive", "attributeEditable", "addAttribute",
      // SalesOrder is the only entity it may refer to: once chosen, the question is not repeated.
      "addAssociation", "associationTo", "associationType",
    ]);
    const spec = specOf(kitDir);
    expect(spec.entities.at(-1)).toEqual({
      name: "Invoice",
      documentation: "An invoice the ERP issued for a sales order.",
      ownership: "user",
      persistable: true,
      editable: false,
      attributes: [{ name: "InvoiceNumber", type: "string", length: 30, sensitive: false, editable: false }],
      associations: [{ to: "SalesOrder", type: "reference" }],
    });
    expect(read(kitDir, "mxsecure.yaml").startsWith(specBefore.slice(0, specBefore.indexOf("suppressions:")))).toBe(true);
    // Six files changed on disk, though none was edited by the user: the force marking let them through.
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual(ADDED_FILES);
    expect(read(kitDir, "SECURITY.md")).toContain("#### Invoice (persistable, linked to its user by `Invoice_User`, deleted with the user)");
    const manifest = manifestIn(kitDir);
    for (const file of ADDED_FILES.filter((f) => f !== ".yo-rc.json")) expect(manifest[file], file).toBe(sha256(read(kitDir, file)));
  });

  it("asks the name when none is given, and skips the questions the answers file answers", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const file = write(root, "partial.yaml", "documentation: A payment against an invoice.\nownership: shared\npersistable: true\nattributes: []\n");
    const [answers, options] = scripted({ entityName: "Payment" }, { addAssociation: [false] });
    const result = await entity().cd(kitDir).withOptions({ interactive: true, force: false, answers: file } as never).withAnswers(answers, options);
    // editable is not in the file: asked (issue 22).
    expect(asked(result)).toEqual(["entityName", "entityEditable", "addAssociation"]);
    expect(specOf(kitDir).entities.map((e) => e.name)).toEqual(["SalesOrder", "Payment"]);
  });

  it("does ask Yeoman's conflict question for a file the user edited, and only for that one", async () => {
    const { kitDir } = generateKit("erp-basic");
    const edited = `${read(kitDir, "SECURITY.md")}\nOur notes.\n`;
    write(kitDir, "SECURITY.md", edited);
    const [answers, options] = scripted({ ...INVOICE_ANSWERS, action: "skip" }, INVOICE_TURNS);
    const result = await entity().cd(kitDir).withArguments(["Invoice"]).withOptions({ interactive: true, force: false } as never).withAnswers(answers, options);
    expect(asked(result).filter((q) => q === "action")).toHaveLength(1);
    expect(read(kitDir, "SECURITY.md")).toBe(edited);
    expect(read(kitDir, "model/module.ts")).toContain('name: "Invoice",');
  });

  it("in a terminal with a complete --answers file (the bin's hand-over on a conflict), asks only the conflict question", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    write(kitDir, "SECURITY.md", `${read(kitDir, "SECURITY.md")}\nOur notes.\n`);
    // Ownership, persistable, attributes left to their defaults: the fast path accepts this file as it is.
    const file = write(root, "payment.yaml", "name: Payment\ndocumentation: A payment against a sales order.\n");
    const [answers, options] = scripted({ action: "write" });
    const result = await entity().cd(kitDir).withOptions({ interactive: true, force: false, answers: file } as never).withAnswers(answers, options);
    expect(asked(result)).toEqual(["action"]);
    expect(read(kitDir, "SECURITY.md")).not.toContain("Our notes.");
    expect(read(kitDir, "SECURITY.md")).toContain("#### Payment");
  });
});

describe("yo mxsecure:entity and mxsecure:role (non-interactive)", () => {
  it("reads the item from --answers and asks nothing", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    const file = write(root, "role.yaml", "name: Support\nkind: data\nreadOnly: true\ndocumentation: Reads sales orders for customer questions; never combine with Administrator.\n");
    const before = snapshotFiles(kitDir);
    const result = await role().cd(kitDir).withOptions({ interactive: false, force: false, answers: file } as never).withAnswers({}, { throwOnMissingAnswer: true });
    expect(asked(result)).toEqual([]);
    expect(specOf(kitDir).roles).toEqual([
      { name: "Support", kind: "data", readOnly: true, documentation: "Reads sales orders for customer questions; never combine with Administrator." },
    ]);
    expect(changedFiles(before, snapshotFiles(kitDir))).toEqual(ADDED_ROLE_FILES);
    // The bin, re-run afterwards, finds nothing to do: the generator left a consistent kit.
    const again = snapshotWithTimes(kitDir);
    expect(runBin([], kitDir, { CI: "1" }).code).toBe(0);
    expectUntouched(kitDir, again);
  });

  it("asks the role questions in a terminal, with the name as argument", async () => {
    const { kitDir } = generateKit("erp-basic");
    const [answers, options] = scripted({
      roleKind: "configuration",
      roleReadOnly: true,
      roleDocumentation: "Reads the connection settings for audits; never combine with User.",
    });
    const result = await role().cd(kitDir).withArguments(["Auditor"]).withOptions({ interactive: true, force: false } as never).withAnswers(answers, options);
    expect(asked(result)).toEqual(["roleKind", "roleReadOnly", "roleDocumentation"]);
    expect(specOf(kitDir).roles).toEqual([
      { name: "Auditor", kind: "configuration", readOnly: true, documentation: "Reads the connection settings for audits; never combine with User." },
    ]);
  });

  it("stops before writing anything when a file was edited, naming it", async () => {
    const { root, kitDir } = generateKit("erp-basic");
    write(kitDir, "README.md", `${read(kitDir, "README.md")}local remark\n`);
    const file = write(root, "invoice.yaml", "name: Invoice\ndocumentation: An invoice.\n");
    const before = snapshotWithTimes(kitDir);
    const run = entity().cd(kitDir).withOptions({ interactive: false, force: false, answers: file } as never).withAnswers({}, { throwOnMissingAnswer: true });
    const message = await generatorFailure(run);
    expect(message).toMatch(/changed since the kit was generated; nothing was written:\n {2}- README\.md\n/);
    expectUntouched(kitDir, before);
  });

  it("refuses to run outside a kit folder", async () => {
    const { root } = generateKit("erp-basic");
    const before = snapshotWithTimes(root);
    const run = entity().cd(root).withArguments(["Invoice"]).withOptions({ interactive: false, force: false } as never);
    const message = await generatorFailure(run);
    expect(message).toMatch(/^mxsecure entity runs inside a kit folder/);
    expectUntouched(root, before);
  });
});
