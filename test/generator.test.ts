// The Yeoman app generator through yeoman-test: which questions it asks (and skips), what it
// writes, how it fails without a terminal, and regeneration inside an existing kit folder.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import helpers from "yeoman-test";
import { afterAll, describe, expect, it } from "vitest";
import { generatorFailure } from "./helpers/yeoman.js";
import AppGenerator from "../src/generators/app/index.js";
import { prepareKitRun } from "../src/lib/kit/prepare.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { SCHEMES } from "../src/lib/spec/schema.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { examplePath } from "./helpers/spec.js";
import { listFiles, removeTempDirs, snapshotFiles, tempDir } from "./helpers/run.js";

// The class itself, not a path: a .ts path only loads on Node >= 22.18 (facts.md).
const resolved = fileURLToPath(new URL("../src/generators/app/index.ts", import.meta.url));
const app = () => helpers.run(AppGenerator, { namespace: "mxsecure:app", resolved });

afterAll(removeTempDirs);

type Answers = Record<string, unknown>;
type PromptCallback = (answer: unknown, options: { question: { name?: string } }) => unknown;

/**
 * yeoman-test answers each question name with one value; loop questions (addEntity, entityName...)
 * are asked several times, so `turns` gives their answers in order. Asking one more often than
 * scripted fails the run instead of looping for ever.
 */
function scripted(fixed: Answers, turns: Record<string, unknown[]> = {}) {
  const queues = Object.fromEntries(Object.entries(turns).map(([name, values]) => [name, [...values]]));
  const answers = { ...fixed, ...Object.fromEntries(Object.entries(turns).map(([name, values]) => [name, values[0]])) };
  const callback: PromptCallback = (answer, { question }) => {
    const queue = question.name === undefined ? undefined : queues[question.name];
    if (!queue) return answer;
    if (!queue.length) throw new Error(`question ${question.name} was asked more often than the test scripted`);
    return queue.shift();
  };
  return [answers, { throwOnMissingAnswer: true, callback: callback as never }] as const;
}

const asked = (result: { askedQuestions: { name: string }[] }) => result.askedQuestions.map((q) => q.name);
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const specIn = (dir: string, kit: string) => parse(read(dir, `${kit}/mxsecure.yaml`)) as Answers;

const BASE_QUESTIONS = ["serviceName", "module", "description", "scheme", "baseUrl"];
// No role, no entity, then "write" at the summary.
const LOOP_NONE = { addRole: false, addEntity: false, review: "write" };

describe("interactive answers", () => {
  it("asks every question of a full interview in order and writes the kit from the answers", async () => {
    const [answers, options] = scripted(
      {
        module: "InteractiveConnector",
        description: "Syncs contacts with Acme CRM.\nSecond line, kept verbatim.",
        serviceName: "Acme CRM",
        scheme: "oauth-authorization-code",
        baseUrl: "https://api.acme.example/v2",
        authorizationUrl: "https://login.acme.example/authorize",
        tokenUrl: "https://login.acme.example/token",
        scopes: "contacts.read offline_access",
        secretStorage: "database",
        roleName: "Auditor",
        roleKind: "data",
        roleReadOnly: true,
        roleDocumentation: "Reads contacts for audits; never combine with Administrator.",
        persistable: true,
        attributeName: "Email",
        attributeType: "string",
        attributeLength: "100",
        sensitive: true,
        associationTo: "Contact",
        associationType: "reference-set",
        review: "write",
      },
      {
        addRole: [true, false],
        addEntity: [true, true, false],
        entityName: ["Contact", "Note"],
        entityDocumentation: ["A person at a customer.", "A remark about a contact."],
        ownership: ["shared", "user"],
        addAttribute: [true, false, false],
        addAssociation: [false, true],
      },
    );
    const result = await app().withOptions({ interactive: true } as never).withAnswers(answers, options);

    expect(asked(result)).toEqual([
      ...BASE_QUESTIONS, "authorizationUrl", "tokenUrl", "scopes", "redirectPath", "readOnlyScopes", "secretStorage",
      "addRole", "roleName", "roleKind", "roleReadOnly", "roleReach", "roleDocumentation", "addRole",
      "addEntity", "entityName", "entityDocumentation", "ownership", "persistable", "entityEditable",
      "addAttribute", "attributeName", "attributeType", "attributeLength", "sensitive", "attributeEditable", "addAttribute",
      "addEntity", "entityName", "entityDocumentation", "ownership", "persistable", "entityEditable", "addAttribute",
      "addEntity",
      // Associations once every entity exists: Contact may refer to Note (no), Note to Contact (yes);
      // once it does, no entity is left to refer to, so no second question.
      "addAssociation",
      "addAssociation", "associationTo", "associationType",
      "review",
    ]);
    // Everything goes into ./InteractiveConnector/, nothing next to it.
    const files = listFiles(result.cwd);
    expect(files.every((f) => f.startsWith("InteractiveConnector/"))).toBe(true);
    for (const file of [".yo-rc.json", "mxsecure.yaml", "SECURITY.md", "README.md"]) expect(files).toContain(`InteractiveConnector/${file}`);

    const spec = specIn(result.cwd, "InteractiveConnector");
    expect(validateSpec(spec).ok).toBe(true);
    expect(spec).toMatchObject({
      module: "InteractiveConnector",
      description: "Syncs contacts with Acme CRM.\nSecond line, kept verbatim.",
      service: { name: "Acme CRM", baseUrl: "https://api.acme.example/v2" },
      auth: {
        scheme: "oauth-authorization-code",
        authorizationUrl: "https://login.acme.example/authorize",
        tokenUrl: "https://login.acme.example/token",
        scopes: ["contacts.read", "offline_access"],
      },
      roles: [{ name: "Auditor", kind: "data", readOnly: true, documentation: "Reads contacts for audits; never combine with Administrator." }],
    });
    const entities = spec.entities as Answers[];
    expect(entities.map((e) => e.name)).toEqual(["Contact", "Note"]);
    expect(entities[0]).toMatchObject({ ownership: "shared", attributes: [{ name: "Email", type: "string", length: 100, sensitive: true }] });
    expect(entities[1]).toMatchObject({ ownership: "user", associations: [{ to: "Contact", type: "reference-set" }] });
    const security = read(result.cwd, "InteractiveConnector/SECURITY.md");
    expect(security).toContain("Auditor");
    expect(security).toContain("Reads contacts for audits; never combine with Administrator.");
  });

  // The scheme decides which settings are asked: no OAuth URL for basic, no secret storage for SAML.
  const SCHEME_QUESTIONS: Record<string, string[]> = {
    basic: ["secretStorage"],
    "api-token": ["headerName", "tokenPrefix", "secretStorage"],
    // No scopes answered here, so no read-only scopes to choose from.
    "oauth-authorization-code": ["authorizationUrl", "tokenUrl", "scopes", "redirectPath", "secretStorage"],
    "oauth-client-credentials": ["tokenUrl", "scopes", "secretStorage"],
    saml: [],
    none: [],
  };
  it("covers every scheme the schema knows", () => {
    expect(Object.keys(SCHEME_QUESTIONS).sort()).toEqual([...SCHEMES].sort());
  });
  it.each(Object.entries(SCHEME_QUESTIONS))("asks the settings of %s and nothing else", async (scheme, settings) => {
    const [answers, options] = scripted({
      module: "SchemeConnector",
      description: "Calls the scheme service.",
      serviceName: "Scheme Service",
      scheme,
      baseUrl: "https://api.scheme.example",
      authorizationUrl: "https://auth.scheme.example/authorize",
      tokenUrl: "https://auth.scheme.example/token",
      headerName: "X-Api-Key",
      tokenPrefix: "Token",
      secretStorage: "constant",
      ...LOOP_NONE,
    });
    const result = await app().withOptions({ interactive: true } as never).withAnswers(answers, options);
    expect(asked(result)).toEqual([...BASE_QUESTIONS, ...settings, "addRole", "addEntity", "review"]);
    const auth = specIn(result.cwd, "SchemeConnector").auth as Answers;
    expect(auth.scheme).toBe(scheme);
    if (settings.includes("headerName")) expect(auth).toMatchObject({ headerName: "X-Api-Key", tokenPrefix: "Token" });
    if (settings.includes("secretStorage")) expect(auth.secretStorage).toBe("constant");
    else expect(auth.secretStorage ?? "database").toBe("database");
  });
});

describe("answers file", () => {
  it("skips the questions the file answers and asks the rest", async () => {
    // Lacks the description (required), so a person is asked: only what the file leaves open.
    const partial = [
      "module: PartialConnector",
      "service: { name: Weather, baseUrl: 'https://api.weather.example' }",
      "auth: { scheme: api-token, headerName: X-Weather-Key }",
      "",
    ].join("\n");
    const [answers, options] = scripted({ description: "Reads weather for the partners.", tokenPrefix: "", secretStorage: "database", ...LOOP_NONE });
    const result = await app()
      .doInDir((dir) => writeFileSync(join(dir, "partial.yaml"), partial))
      .withOptions({ interactive: true, answers: "partial.yaml" } as never)
      .withAnswers(answers, options);
    expect(asked(result)).toEqual(["description", "tokenPrefix", "secretStorage", "addRole", "addEntity", "review"]);
    const spec = specIn(result.cwd, "PartialConnector");
    expect(spec).toMatchObject({ description: "Reads weather for the partners.", auth: { scheme: "api-token", headerName: "X-Weather-Key" } });
  });

  it("asks nothing when the file answers everything, and writes the same bytes as the fast path", async () => {
    const file = examplePath("erp-basic");
    const result = await app().withOptions({ interactive: true, answers: file } as never).withAnswers({}, { throwOnMissingAnswer: true });
    expect(asked(result)).toEqual([]);
    const expected = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false }).kit.files;
    const written = snapshotFiles(join(result.cwd, "ErpConnector"));
    expect([...written.keys()].sort()).toEqual(expected.map((f) => f.path).sort());
    for (const f of expected) expect(written.get(f.path)?.toString("utf8"), f.path).toBe(f.contents);
  });
});

describe("missing answers without a terminal", () => {
  it("fails once listing every missing answer and writes nothing", async () => {
    const partial = "module: MissingConnector\nauth:\n  scheme: oauth-client-credentials\n";
    let dir = "";
    const run = app()
      .doInDir((d) => {
        dir = d;
        writeFileSync(join(d, "partial.yaml"), partial);
      })
      .withOptions({ interactive: false, answers: "partial.yaml" } as never)
      .withAnswers({}, { throwOnMissingAnswer: true });
    const message = await generatorFailure(run);
    for (const path of ["description", "service", "auth.tokenUrl"]) expect(message).toMatch(new RegExp(`(^|\\s|:)${path.replace(".", "\\.")}:`, "m"));
    expect(message).toContain("partial.yaml");
    expect(run.askedQuestions).toEqual([]);
    expect(listFiles(dir)).toEqual(["partial.yaml"]);
  });
});

describe("regeneration inside a kit folder", () => {
  /** Writes the kit of an example into `dir` itself, as if the user had cd'ed into the kit. */
  function writeKitInto(dir: string, example: string): string[] {
    const file = examplePath(example);
    const run = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false });
    for (const f of run.kit.files) {
      const target = join(dir, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
    return run.kit.files.map((f) => f.path);
  }

  it("regenerates in place from mxsecure.yaml without asking, byte for byte", async () => {
    let dir = "";
    let before = new Map<string, Buffer>();
    const result = await app()
      .doInDir((d) => {
        dir = d;
        writeKitInto(d, "erp-basic");
        before = snapshotFiles(d);
      })
      .withOptions({ interactive: false } as never)
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(asked(result)).toEqual([]);
    const after = snapshotFiles(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect(listFiles(dir).some((f) => f.startsWith("ErpConnector/"))).toBe(false);
  });

  it("follows an edit of the kit's mxsecure.yaml and keeps that file as the user wrote it", async () => {
    let dir = "";
    let edited = "";
    const result = await app()
      .doInDir((d) => {
        dir = d;
        writeKitInto(d, "erp-basic");
        edited = read(d, "mxsecure.yaml").replace(/^description: .*$/m, "description: Reads sales orders, now with a new description.") + "# my note\n";
        writeFileSync(join(d, "mxsecure.yaml"), edited);
      })
      .withOptions({ interactive: false } as never)
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(asked(result)).toEqual([]);
    expect(read(dir, "mxsecure.yaml")).toBe(edited);
    expect(read(dir, "SECURITY.md")).toContain("Reads sales orders, now with a new description.");
    expect(read(dir, "README.md")).toContain("Reads sales orders, now with a new description.");
  });

  it("in a kit folder made with withYoRcConfig, asks what its incomplete spec lacks and writes in place", async () => {
    const spec = [
      "module: HandMadeConnector",
      "service: { name: Hand, baseUrl: 'https://api.hand.example' }",
      "auth: { scheme: none }",
      "",
    ].join("\n");
    const [answers, options] = scripted({ description: "A kit folder set up by hand.", ...LOOP_NONE });
    const result = await app()
      .withYoRcConfig("generator-mxsecure", { module: "HandMadeConnector", spec: "mxsecure.yaml" })
      .withFiles({ "mxsecure.yaml": spec })
      .commitFiles()
      .withOptions({ interactive: true } as never)
      .withAnswers(answers, options);
    expect(asked(result)).toEqual(["description", "addRole", "addEntity", "review"]);
    const files = listFiles(result.cwd);
    expect(files).toContain("SECURITY.md");
    expect(files.some((f) => f.startsWith("HandMadeConnector/"))).toBe(false);
    expect(JSON.parse(read(result.cwd, ".yo-rc.json"))["generator-mxsecure"]).toMatchObject({ module: "HandMadeConnector", spec: "mxsecure.yaml" });
    // The spec file now holds the answers given at the prompt, so the next run needs no questions.
    const spec2 = parse(read(result.cwd, "mxsecure.yaml")) as Answers;
    expect(spec2.description).toBe("A kit folder set up by hand.");
    expect(validateSpec(spec2).ok).toBe(true);
  });

  it("refuses, without a terminal, to overwrite a file the user edited, and --force overwrites it", async () => {
    let dir = "";
    const setUp = (d: string) => {
      dir = d;
      writeKitInto(d, "weather-api-token");
      writeFileSync(join(d, "SECURITY.md"), "my own notes\n");
    };
    // yeoman-test's environment runs with force on: turn it off as a user's run would have it.
    const refused = app().doInDir(setUp).withOptions({ interactive: false, force: false } as never).withAnswers({}, { throwOnMissingAnswer: true });
    const message = await generatorFailure(refused);
    expect(message).toMatch(/changed since the kit was generated/);
    expect(message).toContain("SECURITY.md");
    expect(read(dir, "SECURITY.md")).toBe("my own notes\n");

    await app().doInDir(setUp).withOptions({ interactive: false, force: true } as never).withAnswers({}, { throwOnMissingAnswer: true });
    expect(read(dir, "SECURITY.md")).not.toBe("my own notes\n");
    expect(read(dir, "SECURITY.md")).toContain("WeatherConnector");
  });
});
