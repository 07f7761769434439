// Every example's MDL script, tokenised as mxcli tokenises it: user text only inside strings and
// comments, only known keywords outside them, only plan names in quoted identifiers, and the
// same tokens whether or not backslashes escape.
import { describe, expect, it } from "vitest";
import { lexMdl, quotedName, stringValue, type Token } from "../src/lib/targets/mdl/lex.js";
import { renderMdl } from "../src/lib/targets/mdl/index.js";
import { mdlStringValue } from "../src/lib/escape/mdl.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { allWidgets } from "../src/lib/plan/widgets.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

// The bare words the renderer writes; every name is a quoted identifier, never a bare word, except
// in microflow expressions, where Mendix names are written as Mendix writes them (checked below).
const KEYWORDS = new Set(
  ("create or modify module role description persistent non entity association from to type reference ReferenceSet " +
    "delete_behavior delete_and_references " +
    "constant string default folder microflow returns begin end return empty false true grant revoke on read write " +
    "delete execute where boolean integer long decimal datetime autoowner unlimited " +
    "applyentityaccess call java action change " +
    // A decision and a log line (the decrypt subs' endpoint guard): mxcli's IF ... THEN ... END IF and
    // LOG <level> NODE '...' '...', which mdl-conformance.test.ts parses against the grammar.
    "if then log warning node " +
    // The Encryption module's actions, parameters and constants (templates/sdk/model/lib/microflows.ts).
    "Encryption EncryptString DecryptString value key prefix legacyKey EncryptionKey EncryptionPrefix LegacyEncryptionKey " +
    // The typed steps' statements (src/lib/targets/mdl/microflows.ts STEPS) and the expression
    // functions of the step vocabulary (src/lib/plan/steps.ts ExprFunction).
    "retrieve limit if then else not and or commit with without events validation feedback message declare set " +
    "startsWith toLowerCase trim length urlEncode addSeconds toString find substring isMatch " +
    // The connection test: SHOW MESSAGE '...' TYPE <level> [OBJECTS [...]] and REST CALL GET '...' WITH (...)
    // [HEADER '...' = expr] [AUTH BASIC expr PASSWORD expr] RETURNS STRING ON ERROR CONTINUE
    // (MDLMicroflow.g4 @6f336073 showMessageStatement, restCallStatement), and the status Mendix keeps
    // after a Call REST, $latestHttpResponse/StatusCode (System.HttpResponse).
    "show type error information objects rest get post header auth basic password string continue StatusCode " +
    // The snippet's widgets and properties (src/lib/targets/mdl/pages.ts WIDGETS).
    "snippet dataview datasource textbox checkbox actionbutton footer label attribute editable never password " +
    "caption buttonstyle primary danger " +
    // The token request: its body, the answer through an import mapping (RETURNS MAPPING ... AS ...),
    // $latestHttpResponse/Content for invalid_client, and the token's expiry from [%CurrentDateTime%].
    "body mapping as Content CurrentDateTime " +
    // JSON structures and import mappings (the OAuth token response): the JSON keys are bare words.
    "json structure snippet import " +
    // Issue 18: the REST timeout clause, the callback's url / url search parameters, the renames
    // script (rename entity|association ... to, alter entity ... rename attribute ... to).
    "timeout url search parameters alter rename " +
    "access_token token_type expires_in refresh_token scope " +
    // The kit's own Java actions (create java action ... as $$ ... $$), the callback's messages
    // (SHOW MESSAGE ... TYPE Error), the XPath tokens, and the authorize nanoflows
    // (create nanoflow, call javascript action NanoflowCommons.OpenURL(url = ...)).
    "currentuser nanoflow javascript NanoflowCommons OpenURL url").toLowerCase().split(" "),
);
const inert = (t: Token) => t.kind === "string" || t.kind === "doc" || t.kind === "comment" || t.kind === "dollar";

/** Every step, those in decisions too. */
const all = (steps: MicroflowStep[]): MicroflowStep[] => steps.flatMap((s) => (s.kind === "decision" ? [s, ...all(s.then), ...all(s.else)] : [s]));

/** Both scripts of the kit, one after the other. */
function script(plan: Plan): string {
  return renderMdl(plan)
    .map((f) => f.contents)
    .join("\n");
}

function planNames(plan: Plan): Set<string> {
  return new Set([
    plan.module,
    "owner",
    "System",
    "User",
    ...plan.roles.map((r) => r.name),
    ...plan.entities.flatMap((e) => [e.name, ...e.attributes.map((a) => a.name), ...e.associations.map((a) => a.name)]),
    // A child in another module (System.User) is written as two quoted names.
    ...plan.entities.flatMap((e) => e.associations.flatMap((a) => a.child.split("."))),
    ...plan.constants.map((c) => c.name),
    ...plan.microflows.map((m) => m.name),
    ...plan.snippets.map((s) => s.name),
    ...plan.jsonStructures.map((js) => js.name),
    ...plan.importMappings.map((im) => im.name),
    ...plan.nanoflows.map((m) => m.name),
    ...plan.javaActions.flatMap((a) => [a.name, ...a.parameters]),
    // Call arguments name the callee's parameters: a plan microflow's, or an Encryption action's.
    ...plan.microflows.flatMap((m) => m.parameters.map((p) => p.name)),
    "value",
    "key",
    "prefix",
    "legacyKey",
    // Widget names (bare words), and each data view footer's name (ft + the data view's name less dv).
    ...plan.snippets.flatMap((s) => allWidgets(s.widgets).flatMap((w) => (w.kind === "dataView" ? [w.name, `ft${w.name.replace(/^dv/, "")}`] : [w.name]))),
    // NanoflowCommons.OpenURL(url), the authorize nanoflows' call.
    ...(plan.nanoflows.length ? ["url"] : []),
  ]);
}

describe.each(EXAMPLES)("MDL script of %s", (example) => {
  const plan = planFor(example);
  const text = script(plan);
  const tokens = lexMdl(text);

  it("lexes completely, with the same tokens with and without backslash escapes", () => {
    expect(tokens.filter((t) => t.kind === "invalid")).toEqual([]);
    const strict = lexMdl(text, "strict");
    expect(strict.map((t) => [t.kind, t.start, t.end])).toEqual(tokens.map((t) => [t.kind, t.start, t.end]));
  });

  it("has only known keywords and plan names as bare words, plan names as quoted identifiers, plan variables", () => {
    const names = planNames(plan);
    const words = tokens.filter((t) => t.kind === "word").map((t) => t.text);
    expect(words.filter((w) => !KEYWORDS.has(w.toLowerCase()) && !names.has(w))).toEqual([]);
    expect(tokens.filter((t) => t.kind === "quoted").map(quotedName).filter((n) => !names.has(n))).toEqual([]);
    // Parameters, and the outputs of the encrypt (Encrypted<Secret>) and decrypt (<Secret>) steps.
    const variables = new Set([
      // Set by Mendix after every Call REST (docs.mendix.com/refguide/call-rest-action), never by the plan.
      "$latestHttpResponse",
      ...[...plan.microflows, ...plan.nanoflows.map((n) => ({ ...n, parameters: [] }))].flatMap((m) => [
        ...m.parameters.map((p) => `$${p.name}`),
        ...all(m.steps).flatMap((s) =>
          s.kind === "encrypt" ? [`$Encrypted${s.secret}`] : s.kind === "decrypt" ? [`$${s.secret}`] : "out" in s && s.out !== undefined ? [`$${s.out}`] : [],
        ),
      ]),
    ]);
    // A button argument names a data view: the enclosing one ($currentObject) or an outer one by name.
    variables.add("$currentObject");
    plan.snippets.forEach((s) => allWidgets(s.widgets).forEach((w) => w.kind === "dataView" && variables.add(`$${w.name}`)));
    expect(tokens.filter((t) => t.kind === "variable").map((t) => t.text).filter((v) => !variables.has(v))).toEqual([]);
  });

  it("has no control or direction-changing characters outside tab and line breaks", () => {
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
  });

  it("ends every statement: the last code token is a semicolon", () => {
    const code = tokens.filter((t) => !inert(t));
    expect(code.at(-1)?.text).toBe(";");
  });

  it("keeps every role description whole in its string", () => {
    const roleStrings = tokens.filter((t) => t.kind === "string").map((t) => stringValue(t));
    for (const role of plan.roles) expect(roleStrings).toContain(mdlStringValue(role.documentation));
  });
});

describe("hostile text", () => {
  const plan = planFor("hostile-text");
  const text = script(plan);
  const tokens = lexMdl(text);
  // Fragments of the hostile answers file: each can end a string or comment, or start code.
  const FRAGMENTS = ["*/", "/*", "${", "<%", "`", "DROP TABLE", "process.exit", "<script>", "'q'", '"dq"', "-- and", "🔐", "\\ backslash"];

  it.each(FRAGMENTS)("%s appears only inside strings and comments", (fragment) => {
    let from = 0;
    let seen = 0;
    for (let at = text.indexOf(fragment, from); at >= 0; at = text.indexOf(fragment, from)) {
      const holder = tokens.find((t) => t.start <= at && at + fragment.length <= t.end);
      expect(holder && inert(holder), `${JSON.stringify(fragment)} at ${at}, in ${holder?.kind ?? "no token"}`).toBe(true);
      seen++;
      from = at + 1;
    }
    expect(seen, "the fragment should occur, or the test proves nothing").toBeGreaterThan(0);
  });

  it("keeps a multi-line role documentation inside one string, newline included", () => {
    const viewer = plan.roles.find((r) => r.name === "Viewer")!;
    expect(viewer.documentation).toContain("\n");
    const values = tokens.filter((t) => t.kind === "string").map((t) => stringValue(t));
    expect(values).toContain(mdlStringValue(viewer.documentation));
  });

  it("turns the NUL of the entity documentation into U+FFFD and never closes its doc comment early", () => {
    const note = plan.entities.find((e) => e.name === "Note")!;
    expect(note.documentation).toContain("\u0000");
    const doc = tokens.find((t) => t.kind === "doc" && t.text.includes("Ends a comment"))!;
    expect(doc.text).toContain("\uFFFD nul");
    expect(doc.text).toContain("second line");
    expect(doc.text.indexOf("*/")).toBe(doc.text.length - 2);
  });

  it("keeps the default value with quotes and ${ in one string, read back exactly", () => {
    const scopes = plan.entities.flatMap((e) => e.attributes).find((a) => a.name === "Scopes")!;
    expect(scopes.defaultValue).toMatch(/'.*"/);
    expect(tokens.filter((t) => t.kind === "string").map((t) => stringValue(t))).toContain(mdlStringValue(scopes.defaultValue!));
  });
});
