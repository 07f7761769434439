// Every generated MDL script against mxcli's grammar: the rules the kit uses, transcribed from
// mendixlabs/mxcli mdl/grammar with file, rule and commit cited in helpers/mdl-grammar.ts. The
// statements read back must be the plan's; user text stays inside strings and comments; every
// string escape is one mxcli reads. (Fuzzed specs and the hostile corpus go through the same
// parser in hostile-helpers.ts mdlProblems, run by property-spec and hostile-text tests.)
import { describe, expect, it } from "vitest";
import { kitFromSpec } from "../src/lib/kit/pipeline.js";
import type { Plan } from "../src/lib/plan/types.js";
import { MIN_MXCLI_VERSION, mdlMicroflowsPath, mdlScriptPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { contractPlan } from "./helpers/contract-plan.js";
import { lex, MdlSyntaxError, parseMdl, type ParsedScript } from "./helpers/mdl-grammar.js";
import { EXAMPLES, planFor, specForExample } from "./helpers/spec.js";

const scripts = (plan: Plan) => {
  const files = renderMdl(plan);
  const main = files.find((f) => f.path === mdlScriptPath(plan))!.contents;
  const microflows = files.find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
  return { files, main, microflows };
};

const names = (parsed: ParsedScript, rule: string) => parsed.statements.filter((s) => s.rule === rule).map((s) => s.name.join("."));

const TRANSCRIBED_RULES = [
  "statement",
  "createStatement",
  "createModuleStatement",
  "createModuleRoleStatement",
  "createEntityStatement",
  "attributeDefinition",
  "dataType",
  "createAssociationStatement",
  "createConstantStatement",
  "grantEntityAccessStatement",
  "revokeEntityAccessStatement",
  "entityAccessRight",
  "createMicroflowStatement",
  "annotation",
  "callJavaActionStatement",
  "changeObjectStatement",
  "returnStatement",
  "grantMicroflowAccessStatement",
  "revokeMicroflowAccessStatement",
  "createNanoflowStatement",
  "callJavaScriptActionStatement",
  "grantNanoflowAccessStatement",
  "expression",
  // The configuration snippet (issue 12).
  "createSnippetStatement",
  "snippetHeaderV3",
  "pageBodyV3",
  "widgetV3",
  "widgetBodyV3",
  "widgetPropertyV3",
  "dataSourceExprV3",
  "actionExprV3",
  "microflowArgsV3",
  "attributePathV3",
  "stringExprV3",
  "buttonStyleV3",
  "propertyValueV3",
];
const rulesSeen = new Set<string>();

describe.each(EXAMPLES)("MDL scripts of %s against mxcli's grammar", (example) => {
  for (const [label, plan] of [
    ["plan", planFor(example)],
    ["contract plan", contractPlan(planFor(example))],
  ] as const) {
    const { main, microflows } = scripts(plan);
    const q = (name: string) => `${plan.module}.${name}`;

    it(`(${label}) the main script parses, one statement per element of the plan, every create re-runnable`, () => {
      const parsed = parseMdl(main);
      parsed.rulesUsed.forEach((r) => rulesSeen.add(r));
      expect(names(parsed, "createModuleStatement")).toEqual([plan.module]);
      expect(names(parsed, "createModuleRoleStatement")).toEqual(plan.roles.map((r) => q(r.name)));
      expect(names(parsed, "createEntityStatement")).toEqual(plan.entities.map((e) => q(e.name)));
      expect(names(parsed, "createAssociationStatement")).toEqual(plan.entities.flatMap((e) => e.associations.map((a) => q(a.name))));
      expect(names(parsed, "createConstantStatement")).toEqual(plan.constants.map((c) => q(c.name)));
      // Every rule is a grant: one with no rights at all too (a grant of one read, then a partial
      // revoke of it, which keeps the rule: issue 18).
      const withRights = (r: Plan["entities"][number]["accessRules"][number]) =>
        r.allowCreate || r.allowDelete || r.members.some((m) => m.kind !== "system" && m.rights !== "None");
      const granted = plan.entities.flatMap((e) => e.accessRules.filter((r) => withRights(r) || r.members.some((m) => m.kind !== "system")).map(() => q(e.name)));
      expect(names(parsed, "grantEntityAccessStatement")).toEqual(granted);
      const noRights = plan.entities.flatMap((e) => e.accessRules.filter((r) => !withRights(r) && r.members.some((m) => m.kind !== "system")).map(() => q(e.name)));
      // mxcli's grant only adds rights, so every entity's access is reset (revoked) before its grants.
      expect(names(parsed, "revokeEntityAccessStatement")).toEqual(plan.entities.flatMap((e) => [q(e.name), ...noRights.filter((n) => n === q(e.name))]));
      const access = parsed.statements.filter((s) => s.rule === "revokeEntityAccessStatement" || s.rule === "grantEntityAccessStatement");
      for (const entity of plan.entities) {
        const about = access.filter((s) => s.name.join(".") === q(entity.name));
        expect(about[0]?.rule, entity.name).toBe("revokeEntityAccessStatement");
        expect(about[0]!.text, entity.name).not.toContain("(");
        // After the reset: each no-rights rule as grant + partial revoke, first; then the grants.
        const rest = about.slice(1);
        const partial = rest.filter((s) => s.rule === "revokeEntityAccessStatement");
        partial.forEach((p) => expect(p.text, entity.name).toMatch(/ \(read \("[^"]+"\)\);?$/));
        const lastPartial = rest.findLastIndex((s) => s.rule === "revokeEntityAccessStatement");
        expect(rest.slice(lastPartial + 1).every((s) => s.rule === "grantEntityAccessStatement"), entity.name).toBe(true);
        const revokedRoles = about[0]!.text.replace(/^revoke /, "").split(" on ")[0]!.split(", ");
        expect(revokedRoles).toEqual(plan.roles.map((r) => `"${plan.module}"."${r.name}"`));
      }
      expect(names(parsed, "createMicroflowStatement")).toEqual([]);
      for (const statement of parsed.statements.filter((s) => s.rule.startsWith("create"))) {
        expect(statement.text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, ""), statement.name.join(".")).toMatch(/^create or modify /);
      }
    });

    it(`(${label}) the microflow script parses: every skeleton with its "Apply entity access", then its execute grant`, () => {
      const parsed = parseMdl(microflows);
      parsed.rulesUsed.forEach((r) => rulesSeen.add(r));
      const created = parsed.statements.filter((s) => s.rule === "createMicroflowStatement");
      expect(created.map((s) => s.name.join("."))).toEqual(plan.microflows.map((m) => q(m.name)));
      created.forEach((statement, i) => {
        expect(statement.annotations).toEqual([`@applyentityaccess(${plan.microflows[i]!.applyEntityAccess})`]);
        // create or modify: the kit owns its microflows, and a re-run converges (issue 18).
        expect(statement.text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "")).toMatch(/^@applyentityaccess\((true|false)\)\ncreate or modify microflow /);
      });
      expect(names(parsed, "grantMicroflowAccessStatement")).toEqual(plan.microflows.filter((m) => m.allowedRoles.length > 0).map((m) => q(m.name)));
      // Each microflow's execute access is reset first, so a role no longer allowed loses it.
      expect(names(parsed, "revokeMicroflowAccessStatement")).toEqual(plan.roles.length ? plan.microflows.map((m) => q(m.name)) : []);
      for (const statement of parsed.statements.filter((s) => s.rule.startsWith("create"))) {
        expect(statement.text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "").replace(/^@\w+\([^)]*\)\n/, ""), statement.name.join(".")).toMatch(/^create or modify /);
      }
      // The snippets come last: their data sources and buttons refer to the microflows above.
      expect(names(parsed, "createSnippetStatement")).toEqual(plan.snippets.map((snippet) => q(snippet.name)));
      expect(parsed.statements.at(-1)?.rule).toBe("createSnippetStatement");
    });

    it(`(${label}) every string is on one line and uses only escapes mxcli reads (\\n \\t \\' \\\\)`, () => {
      for (const text of [main, microflows]) {
        for (const token of lex(text).filter((t) => t.type === "STRING_LITERAL")) {
          const body = token.text.slice(1, -1);
          expect(body).not.toMatch(/[\r\n]/);
          expect(body.replace(/\\[nt'\\]/g, "")).not.toContain("\\");
        }
      }
    });
  }
});

describe("the transcribed grammar", () => {
  it("is exercised: every transcribed rule is used by some example", () => {
    // Runs after the per-example tests have filled rulesSeen (vitest runs a file's tests in order).
    expect(TRANSCRIBED_RULES.filter((r) => !rulesSeen.has(r))).toEqual([]);
  });

  it("rejects what mxcli rejects: raw line breaks in strings, a keyword as a bare member name, a missing semicolon in a body", () => {
    const bad = [
      "create or modify module role \"M\".\"R\" description 'two\nlines';",
      'grant "M"."R" on "M"."E" (read (Title));',
      'create microflow "M"."F" () begin return empty end;',
      "create or modify module role \"M\".\"R\" description 'it's';",
      'create table "M"."E";',
      'create or modify module "M"; ~',
    ];
    for (const text of bad) expect(() => parseMdl(text), text).toThrow(MdlSyntaxError);
    // and accepts the same statements written correctly
    const good = [
      "create or modify module role \"M\".\"R\" description 'two\\nlines';",
      'grant "M"."R" on "M"."E" (read ("Title"));',
      'create microflow "M"."F" () returns string begin return empty; end;',
      "create or modify module role \"M\".\"R\" description 'it''s';",
    ];
    for (const text of good) expect(() => parseMdl(text), text).not.toThrow();
  });

  it("lexes keywords case-insensitively and compound tokens by longest match, as ANTLR does", () => {
    expect(lex("CREATE Non-Persistent delete_and_references ReferenceSet applyentityaccess").map((t) => t.type)).toEqual([
      "CREATE_KW",
      "NON_PERSISTENT",
      "DELETE_AND_REFERENCES",
      "REFERENCE_SET",
      "IDENTIFIER",
    ]);
  });
});

describe("hostile text in the MDL scripts, under mxcli's own lexer rules", () => {
  const plan = planFor("hostile-text");
  const { main, microflows } = scripts(plan);
  const FRAGMENTS = ["*/", "/*", "${", "<%", "`", "DROP TABLE", "process.exit", "<script>", "'q'", '"dq"', "-- and", "🔐", "\\ backslash"];
  // DOLLAR_STRING: a Java action's source (fixed template text, never user text; a "$$" in it is refused, mdl/java-actions.ts).
  const INERT = new Set(["STRING_LITERAL", "DOC_COMMENT", "LINE_COMMENT", "BLOCK_COMMENT", "DOLLAR_STRING"]);

  it.each(FRAGMENTS)("%s appears only inside strings and comments", (fragment) => {
    let seen = 0;
    for (const text of [main, microflows]) {
      const tokens = lex(text);
      for (let at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
        const holder = tokens.find((t) => t.start <= at && at + fragment.length <= t.end);
        expect(holder && INERT.has(holder.type), `${JSON.stringify(fragment)} at ${at}, in ${holder?.type ?? "no token"}`).toBe(true);
        seen++;
      }
    }
    expect(seen, "the fragment should occur, or the test proves nothing").toBeGreaterThan(0);
  });

  it("writes the multi-line role documentation as \\n inside one string", () => {
    const viewer = plan.roles.find((r) => r.name === "Viewer")!;
    expect(viewer.documentation).toContain("\n");
    const description = parseMdl(main).statements.find((s) => s.rule === "createModuleRoleStatement" && s.name[1] === "Viewer")!.text;
    expect(description).toContain("\\n");
    expect(description.split("\n").filter((line) => line.startsWith("create")).length).toBe(1);
  });
});

describe("the minimum mxcli version", () => {
  it(`is stated in both scripts' headers and in the kit README (${MIN_MXCLI_VERSION})`, () => {
    const kit = kitFromSpec(specForExample("erp-basic"));
    for (const path of ["model/ErpConnector.mdl", "model/ErpConnector.microflows.mdl", "README.md"]) {
      expect(kit.files.find((f) => f.path === path)?.contents, path).toContain(`mxcli ${MIN_MXCLI_VERSION}`);
    }
  });
});
