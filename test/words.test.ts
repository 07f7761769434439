// The words a user reads, each checked as exact text: messages for mistakes, questions, the kit's
// README, role documentation, and the repository README's own description of its commands.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { prepareKitRun } from "../src/lib/kit/prepare.js";
import { interview, stringLength, moduleNameFor, type Question } from "../src/lib/prompts/interview.js";
import { summarise } from "../src/lib/prompts/summary.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { article, listWords, plural } from "../src/lib/words.js";
import { answers, AUTH, examplePath, problemAt, problemsOf } from "./helpers/spec.js";
import { REPO_ROOT, tempDir } from "./helpers/run.js";
import { readAnswersFile } from "../src/lib/spec/load.js";

const ENTITY = (attribute: string) => `entities:\n  - name: Ticket\n    documentation: A ticket.\n    attributes:\n      - ${attribute}`;

describe("messages for a mistake in an answers file", () => {
  it("says what a bad number should be, not the schema's own words", () => {
    const problems = problemsOf(answers(AUTH.none, ENTITY("{ name: Subject, type: string, length: abc }")));
    expect(problemAt(problems, "entities[0].attributes[0].length").message).toBe('must be a number, not the text "abc"');
    expect(problems.map((p) => p.message).join("\n")).not.toMatch(/Invalid input|expected number, received/);
  });

  it("says what a bad length typed at the prompt should be", () => {
    expect(stringLength("12x")).toBe("must be a whole number of characters, such as 200 (0 = unlimited)");
    expect(stringLength("")).toBe("must be a whole number of characters, such as 200 (0 = unlimited)");
    expect(stringLength(" 120 ")).toBe(true);
    expect(stringLength("0")).toBe(true);
  });

  it('suggests "api-token" for apitoken, and the nearest attribute type', () => {
    const scheme = problemAt(problemsOf(answers("scheme: apitoken")), "auth.scheme");
    expect(scheme.message).toBe('must be one of basic | api-token | oauth-authorization-code | oauth-client-credentials | saml | none; did you mean "api-token"?');
    const type = problemAt(problemsOf(answers(AUTH.none, ENTITY("{ name: Count, type: integr }"))), "entities[0].attributes[0].type");
    expect(type.message).toBe('must be one of string | integer | long | decimal | boolean | datetime; did you mean "integer"?');
    // Nothing close: no guess.
    expect(problemAt(problemsOf(answers("scheme: kerberos")), "auth.scheme").message).toBe(
      "must be one of basic | api-token | oauth-authorization-code | oauth-client-credentials | saml | none",
    );
  });
});

describe("English helpers", () => {
  it("picks a or an by sound", () => {
    expect(["Organization", "Invoice", "Update", "Account", "Euro", "User", "Unit", "Ticket"].map((w) => `${article(w)} ${w}`)).toEqual([
      "an Organization", "an Invoice", "an Update", "an Account", "a Euro", "a User", "a Unit", "a Ticket",
    ]);
  });
  it("counts and lists", () => {
    expect([plural(1, "constant"), plural(2, "constant"), plural(0, "file")]).toEqual(["1 constant", "2 constants", "0 files"]);
    expect([listWords(["User"]), listWords(["User", "Viewer"]), listWords(["User", "Viewer", "Support"])]).toEqual(["User", "User or Viewer", "User, Viewer or Support"]);
  });
});

describe("questions", () => {
  /** The questions of an interview for one entity named `entity`, answered by a script. */
  async function questionsFor(entity: string): Promise<Map<string, Question>> {
    const questions = new Map<string, Question>();
    const script: Record<string, unknown[]> = {
      serviceName: ["Help Desk"], module: ["HelpDeskConnector"], description: ["Syncs tickets."], scheme: ["none"], baseUrl: ["https://desk.example"],
      addRole: [false], addEntity: [true, false], entityName: [entity], entityDocumentation: ["One thing."], ownership: ["shared"], persistable: [true],
      entityEditable: [false], addAttribute: [false], review: ["write"],
    };
    await interview(async (q) => {
      questions.set(q.name, q);
      const next = script[q.name]?.shift();
      if (next === undefined) throw new Error(`unexpected question ${q.name}`);
      return next as string | boolean;
    });
    return questions;
  }

  it('asks "Who sees an Organization?" and keeps the explanations in the choices, so the answer follows the question', async () => {
    const questions = await questionsFor("Organization");
    const ownership = questions.get("ownership")!;
    expect(ownership.message).toBe("Who sees an Organization?");
    expect(ownership.choices).toEqual([
      { value: "shared", name: "shared  every data role sees every object", short: "shared" },
      { value: "user", name: "user    each user sees only the objects they own", short: "user" },
    ]);
    expect((await questionsFor("Ticket")).get("ownership")!.message).toBe("Who sees a Ticket?");
  });

  it("explains every scheme and secret storage in one line, defaults to api-token, and names the module after the service", async () => {
    const questions = await questionsFor("Ticket");
    const scheme = questions.get("scheme")!;
    expect(scheme.default).toBe("api-token");
    expect(scheme.choices!.map((c) => (typeof c === "string" ? c : c.name))).toEqual([
      "basic                     username and password on every request",
      "api-token                 one key for the whole app, in a header; most APIs",
      "oauth-authorization-code  each user signs in at the service (OAuth, PKCE)",
      "oauth-client-credentials  the app gets tokens with a client secret (OAuth)",
      "saml                      sign-in to your app via the SAML module only",
      "none                      no credentials (public data)",
    ]);
    // Each line fits an 80-column terminal with inquirer's two-character cursor.
    for (const choice of scheme.choices!) expect(typeof choice === "string" ? choice : choice.name.length + 2).toBeLessThanOrEqual(80);
    expect(questions.get("module")!.default).toBe("HelpDeskConnector");
    expect(questions.get("description")!.default).toBe("Connects a Mendix app to Help Desk.");
    expect(moduleNameFor("Acme CRM")).toBe("AcmeCrmConnector");
    expect(moduleNameFor("1-2-3")).toBeUndefined();
  });

  it("offers the same default (no) for every add-attribute question", async () => {
    const seen: (string | boolean | undefined)[] = [];
    const script: Record<string, unknown[]> = {
      serviceName: ["S"], module: ["SConnector"], description: ["d"], scheme: ["none"], baseUrl: ["https://s.example"], addRole: [false],
      addEntity: [true, false], entityName: ["Ticket"], entityDocumentation: ["t"], ownership: ["shared"], persistable: [true],
      addAttribute: [true, true, false], attributeName: ["Subject", "Body"], attributeType: ["string", "string"], attributeLength: ["200", "0"],
      sensitive: [false, false], entityEditable: [false], attributeEditable: [false, false], review: ["write"],
    };
    await interview(async (q) => {
      if (q.name === "addAttribute") seen.push(q.default);
      return script[q.name]!.shift() as string | boolean;
    });
    expect(seen).toEqual([false, false, false]);
  });
});

describe("generated text", () => {
  it('says "1 constant" in the kit README', () => {
    const file = examplePath("weather-api-token");
    const run = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false });
    const readme = run.kit.files.find((f) => f.path === "README.md")!.contents;
    // The microflow count follows the plan; the words around every count are what is checked.
    expect(readme).toMatch(/^Choose one of three ways\. All three build the same module: 2 module roles, 2 entities with their access rules, \d+ microflows, 1 constant\.$/m);
    // The file table's own Markdown is not escaped: the backticks make a code span.
    expect(readme).toContain("| mxsecure.yaml | The resolved spec: edit it and regenerate; `npx generator-mxsecure audit` checks it. |");
    expect(readme).not.toContain("\\`");
  });

  it('lists three data roles as "User, Viewer or Support" in the Administrator documentation', () => {
    const roles = [
      "roles:",
      "  - { name: Viewer, kind: data, readOnly: true, documentation: Reads the data for reports; never combine with Administrator. }",
      "  - { name: Support, kind: data, readOnly: true, documentation: Reads the data to help users; never combine with Administrator. }",
    ].join("\n");
    const data = parse(answers(AUTH.none, roles)) as unknown;
    expect(validateSpec(data).ok).toBe(true);
    const run = prepareKitRun(data, { cwd: tempDir(), force: false });
    const admin = run.kit.plan.roles.find((r) => r.name === "Administrator")!;
    expect(admin.documentation).toContain("Do not combine with User, Viewer or Support in one user role");
  });

  it("summarises the answers before writing", () => {
    expect(
      summarise({
        module: "HelpDeskConnector",
        description: "Syncs tickets.\nSecond line.",
        service: { name: "Help Desk", baseUrl: "https://desk.example" },
        auth: { scheme: "api-token", headerName: "X-Key", tokenPrefix: "", secretStorage: "database" },
        roles: [{ name: "Viewer", kind: "data", readOnly: true }],
        entities: [
          { name: "Ticket", ownership: "user", attributes: [{ name: "Subject", type: "string", length: 120, sensitive: true }], associations: [{ to: "Organization", type: "reference" }] },
          { name: "Organization", ownership: "shared", persistable: false, attributes: [] },
        ],
      }),
    ).toBe(
      [
        "Summary:",
        "  Module     HelpDeskConnector: Syncs tickets. ...",
        "  Service    Help Desk at https://desk.example",
        "  Auth       api-token (header X-Key; secrets encrypted in the database)",
        "  Roles      Administrator (configuration), User (data)",
        "             Viewer (data, read-only)",
        "  Entities   Ticket (user)",
        "               attributes: Subject string(120) sensitive",
        "               refers to: Organization (reference)",
        "             Organization (shared, not stored)",
        "               attributes: none",
      ].join("\n"),
    );
  });
});

describe("the repository README", () => {
  it("describes npm run example with the options the script really passes", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const script = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.example!;
    const described = /`npm run example` runs `mxsecure ([^`]+)`/.exec(readme)?.[1];
    expect(script).toBe(`node dist/lib/cli/bin.js ${described}`);
    expect(described).toContain("--force");
  });
});

