// Property-based tests (fast-check) over the whole pipeline. Random valid specs (every scheme,
// roles, entities of every attribute type, associations, and arbitrary unicode in every free-text
// field) give a kit that passes the audit with no error, whose files are all well formed, whose
// mxsecure.yaml regenerates the same kit, and (one sample per run) whose Model SDK script
// typechecks against the real SDK. Random invalid specs through the real bin give exit code 1,
// one readable message, no stack trace and no files.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChecks } from "../src/lib/checks/index.js";
import { kitFromSpec } from "../src/lib/kit/pipeline.js";
import type { KitFile } from "../src/lib/kit/types.js";
import { buildPlan } from "../src/lib/plan/build.js";
import { parseAnswers } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { ATTRIBUTE_TYPES, type Spec } from "../src/lib/spec/schema.js";
import { TSCONFIG } from "../src/lib/targets/sdk/package-files.js";
import { kitProblems } from "./hostile-helpers.js";
import { listFiles, REPO_ROOT, removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir } from "./helpers/run.js";

// ---- arbitraries ----

/** Free text: any unicode, including controls, NUL, lone surrogates; never blank (the schema's rule). */
const freeText = fc
  .oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 60 }), fc.constantFrom("*/", "${x}", "`", "<%", "'--", "|", "\\"))
  .map((text) => (text.trim() === "" ? `x${text}` : text));
const sentence = freeText.map((text) => `A documented role that does one thing. ${text}`); // RoleDocumented wants 20+ characters

const https = fc.webSegment().map((segment) => `https://api.example.com/${encodeURIComponent(segment)}`);
const scopes = fc.array(fc.stringMatching(/^[\x21-\x7e]{1,12}$/), { maxLength: 3 });

const auth = fc.oneof(
  fc.record({ scheme: fc.constant("basic"), secretStorage: fc.constantFrom("database", "constant") }),
  fc.record({
    scheme: fc.constant("api-token"),
    secretStorage: fc.constantFrom("database", "constant"),
    headerName: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
    tokenPrefix: fc.stringMatching(/^[\x21-\x7e]{0,10}$/),
  }),
  fc.record({ scheme: fc.constant("oauth-client-credentials"), tokenUrl: https, scopes }),
  fc.record({ scheme: fc.constant("oauth-authorization-code"), authorizationUrl: https, tokenUrl: https, scopes }),
  fc.constant({ scheme: "saml" }),
  fc.constant({ scheme: "none" }),
);

const attribute = (index: number) =>
  fc.record({ type: fc.constantFrom(...ATTRIBUTE_TYPES), sensitive: fc.boolean(), length: fc.option(fc.nat({ max: 5000 }), { nil: undefined }) }).map((a) => ({
    name: `Field${index}`,
    type: a.type,
    sensitive: a.sensitive,
    ...(a.type === "string" && a.length !== undefined ? { length: a.length } : {}),
  }));

const entity = (index: number, before: number) =>
  fc
    .record({
      documentation: freeText,
      user: fc.boolean(),
      persistable: fc.boolean(),
      attributeCount: fc.nat({ max: 6 }),
      association: before > 0 ? fc.option(fc.record({ to: fc.nat({ max: before - 1 }), set: fc.boolean() }), { nil: undefined }) : fc.constant(undefined),
    })
    .chain((e) =>
      fc.tuple(...Array.from({ length: e.attributeCount }, (_, i) => attribute(i + 1))).map((attributes) => ({
        name: `Entity${index}`,
        documentation: e.documentation,
        // A user-owned entity is constrained by XPath, which needs a persistable entity.
        ownership: e.user ? "user" : "shared",
        persistable: e.user || e.persistable,
        attributes,
        ...(e.association ? { associations: [{ to: `Entity${e.association.to + 1}`, type: e.association.set ? "reference-set" : "reference" }] } : {}),
      })),
    );

type GeneratedEntity = { name: string; persistable: boolean; associations?: { to: string }[] };

/** Mendix refuses an association from a persistable entity to a non-persistable one: drop those. */
function withoutPersistableToNonPersistable<T extends GeneratedEntity>(entities: T[]): T[] {
  const persistable = new Map(entities.map((e) => [e.name, e.persistable]));
  return entities.map((e) => {
    if (!e.associations || !e.persistable || e.associations.every((a) => persistable.get(a.to))) return e;
    const { associations: _dropped, ...rest } = e;
    return rest as T;
  });
}

const roles = fc
  .array(fc.record({ kind: fc.constantFrom("configuration", "data"), readOnly: fc.boolean(), documentation: sentence }), { maxLength: 3 })
  .map((list) => list.map((r, i) => ({ name: `Role${i + 1}`, kind: r.kind, readOnly: r.kind === "data" && r.readOnly, documentation: r.documentation })));

const validAnswers = fc
  .record({ description: freeText, serviceName: freeText, baseUrl: https, auth, roles, entityCount: fc.nat({ max: 4 }) })
  .chain((a) =>
    fc.tuple(...Array.from({ length: a.entityCount }, (_, i) => entity(i + 1, i))).map(withoutPersistableToNonPersistable).map((entities) => ({
      module: "PropertyConnector",
      description: a.description,
      service: { name: a.serviceName, baseUrl: a.baseUrl },
      auth: a.auth,
      roles: a.roles,
      entities,
    })),
  );

function specOf(answers: unknown): Spec {
  const result = validateSpec(answers);
  if (!result.ok) throw new Error(`generated answers are invalid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.spec;
}

// ---- valid specs ----

describe("random valid specs", () => {
  it("pass the audit with no error and give a well-formed kit that its own mxsecure.yaml regenerates", () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const spec = specOf(answers);
        const errors = runChecks(spec, buildPlan(spec)).filter((f) => f.severity === "error");
        expect(errors.map((f) => `${f.rule} at ${f.path}: ${f.message}`)).toEqual([]);
        const kit = kitFromSpec(spec);
        expect(kitProblems(kit.files, spec)).toEqual([]);
        const again = kitFromSpec(specOf(parseAnswers(kit.files.find((f) => f.path === "mxsecure.yaml")!.contents).data));
        expect(again.files).toEqual(kit.files);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });

  it("one sample per run: the Model SDK script typechecks in strict mode against the real SDK", () => {
    const [answers] = fc.sample(validAnswers.filter((a) => a.entities.length >= 2), 1);
    const files: KitFile[] = kitFromSpec(specOf(answers)).files.filter((f) => f.path.startsWith("model/"));
    const work = mkdtempSync(join(tmpdir(), "mxsecure-property-"));
    try {
      symlinkSync(join(REPO_ROOT, "node_modules"), join(work, "node_modules"), "dir");
      for (const file of files) {
        mkdirSync(dirname(join(work, file.path)), { recursive: true });
        writeFileSync(join(work, file.path), file.contents);
      }
      const { options, errors } = ts.convertCompilerOptionsFromJson(TSCONFIG.compilerOptions, work);
      expect(errors).toEqual([]);
      const roots = files.filter((f) => f.path.endsWith(".ts")).map((f) => join(work, f.path));
      const program = ts.createProgram(roots, options);
      const diagnostics = ts.getPreEmitDiagnostics(program);
      const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => work, getNewLine: () => "\n" };
      expect(ts.formatDiagnostics(diagnostics, host), JSON.stringify(answers)).toBe("");
      // The SDK really was resolved (not typed as any).
      expect(program.getSourceFiles().some((f) => f.fileName.includes("mendixmodelsdk/src/gen/domainmodels.d.ts"))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

// ---- invalid specs, through the real bin ----

type Answers = Record<string, unknown>;
const BASE: Answers = {
  module: "BrokenConnector",
  description: "A connector made invalid by one mutation.",
  service: { name: "Broken Service", baseUrl: "https://api.broken.example/v1" },
  auth: { scheme: "oauth-authorization-code", authorizationUrl: "https://auth.broken.example/a", tokenUrl: "https://auth.broken.example/t" },
  roles: [{ name: "Viewer", kind: "data", readOnly: true, documentation: "Reads non-sensitive data only." }],
  entities: [{ name: "Note", documentation: "A note.", attributes: [{ name: "Body", type: "string" }] }],
};

/** One way to break a valid spec; each must be refused. */
const mutation: fc.Arbitrary<[string, (a: Answers) => void]> = fc.oneof(
  fc.constantFrom<"module" | "description" | "service" | "auth">("module", "description", "service", "auth").map((key) => [`drop ${key}`, (a: Answers) => delete a[key]] as [string, (a: Answers) => void]),
  fc.string({ maxLength: 20 }).filter((s) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(s)).map((name) => [`module ${JSON.stringify(name)}`, (a: Answers) => (a.module = name)] as [string, (a: Answers) => void]),
  fc.constantFrom("class", "Object", "id", "type", "changedDate").map((name) => [`attribute ${name}`, (a: Answers) => ((a.entities as Answers[])[0]!.attributes = [{ name, type: "string" }])] as [string, (a: Answers) => void]),
  fc.webSegment().map((s) => [`http URL ${s}`, (a: Answers) => ((a.service as Answers).baseUrl = `http://api.example.com/${s}`)] as [string, (a: Answers) => void]),
  fc.string({ minLength: 1, maxLength: 20 }).map((value) => [`secret ${JSON.stringify(value)}`, (a: Answers) => ((a.auth as Answers).clientSecret = value)] as [string, (a: Answers) => void]),
  fc.anything({ maxDepth: 2 }).map((value) => [`entities = ${JSON.stringify(value)?.slice(0, 40)}`, (a: Answers) => (a.entities = value)] as [string, (a: Answers) => void]).filter(([, m]) => {
    const copy = structuredClone(BASE);
    m(copy);
    return !validateSpec(copy).ok;
  }),
  fc.constant(["pkce off", (a: Answers) => ((a.auth as Answers).pkce = false)] as [string, (a: Answers) => void]),
  fc.constant(["unknown role in access", (a: Answers) => ((a.entities as Answers[])[0]!.access = { Nobody: { read: "all" } })] as [string, (a: Answers) => void]),
  fc.constant(["duplicate entity", (a: Answers) => (a.entities = [...(a.entities as Answers[]), ...(a.entities as Answers[])])] as [string, (a: Answers) => void]),
);

describe("random invalid specs through the real bin", () => {
  beforeAll(requireBuiltBin);
  afterAll(removeTempDirs);

  it("exit 1 with one readable message, no stack trace, and no files", () => {
    fc.assert(
      fc.property(mutation, fc.boolean(), ([, mutate], asJson) => {
        const answers = structuredClone(BASE);
        mutate(answers);
        const dir = tempDir();
        const name = asJson ? "answers.json" : "answers.yaml";
        writeFileSync(join(dir, name), asJson ? JSON.stringify(answers) : stringify(answers));
        const run = runBin(["--answers", name], dir, { CI: "1" });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe("");
        expect(run.stderr.match(/^mxsecure: /gm)).toHaveLength(1);
        expect(stackLines(run.stderr)).toEqual([]);
        expect(run.stderr).not.toMatch(/MXSECURE_DEBUG|undefined|\[object Object\]/);
        expect(listFiles(dir)).toEqual([name]);
      }),
      { numRuns: Math.ceil(Number(process.env.PROPERTY_RUNS ?? 40) / 5) },
    );
  });
});
