// The kit's model/ folder for every example answers file: it typechecks in strict mode against
// the real SDK packages, module.ts is inert data that round-trips exactly, and the generated
// script's --dry-run (run through the kit's own `npm run apply`) lists what the plan says.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KitFile } from "../src/lib/kit/types.js";
import { buildPlan } from "../src/lib/plan/build.js";
import type { Plan } from "../src/lib/plan/types.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { renderModelSdk } from "../src/lib/targets/sdk/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { KIT_VERSIONS, TSCONFIG } from "../src/lib/targets/sdk/package-files.js";

const run = promisify(execFile);
const ROOT = resolve(".");
const EXAMPLES = readdirSync("examples").filter((f) => f.endsWith(".yaml")).sort();

interface Kit {
  example: string;
  plan: Plan;
  files: KitFile[];
  /** The kit's model/ folder on disk. */
  dir: string;
}

let workDir: string;
const kits: Kit[] = [];

function planOf(file: string): Plan {
  const result = validateSpec(readAnswersFile(`examples/${file}`).data);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return buildPlan(result.spec);
}

beforeAll(() => {
  // Kits are written outside the repository; a node_modules link gives them the generator's
  // installed SDK, TypeScript and tsx (the versions the kit pins, checked below).
  workDir = mkdtempSync(join(tmpdir(), "mxsecure-sdk-"));
  symlinkSync(join(ROOT, "node_modules"), join(workDir, "node_modules"), "dir");
  for (const example of EXAMPLES) {
    const plan = planOf(example);
    const files = renderModelSdk(plan);
    const base = join(workDir, example.replace(/\.yaml$/, ""));
    for (const file of files) {
      mkdirSync(dirname(join(base, file.path)), { recursive: true });
      writeFileSync(join(base, file.path), file.contents);
    }
    kits.push({ example, plan, files, dir: join(base, "model") });
  }
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const fileOf = (kit: Kit, path: string) => kit.files.find((f) => f.path === path)?.contents ?? "";

describe("the kit's model/ folder", () => {
  it("holds the script, the module data, and package.json/tsconfig.json pinning the SDK versions the generator tests against", () => {
    const generator = JSON.parse(readFileSync("package.json", "utf8")) as { devDependencies: Record<string, string> };
    for (const kit of kits) {
      const paths = kit.files.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(["model/apply.ts", "model/module.ts", "model/package.json", "model/tsconfig.json", "model/lib/build.ts"]));
      expect(new Set(paths).size).toBe(paths.length);
      const pkg = JSON.parse(fileOf(kit, "model/package.json")) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
      expect(pkg.dependencies).toEqual({ mendixmodelsdk: "4.111.0", mendixplatformsdk: "5.2.0" });
      expect(pkg.devDependencies.typescript).toBe("5.9.3");
      expect(pkg.scripts.apply).toBe("tsx apply.ts");
      expect(JSON.parse(fileOf(kit, "model/tsconfig.json")).compilerOptions.strict).toBe(true);
    }
    // The typecheck and dry-run below use the generator's installed packages: the same versions.
    for (const [name, version] of Object.entries(KIT_VERSIONS)) {
      const installed = JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8")) as { version: string };
      expect(installed.version, `installed ${name}`).toBe(version);
      expect(generator.devDependencies[name], `${name} in the generator's devDependencies`).toBeDefined();
    }
  });

  it("typechecks in strict mode against the real mendixmodelsdk and mendixplatformsdk, for every example", () => {
    // One Program for all kits: the SDK's declarations are parsed once.
    const { options, errors } = ts.convertCompilerOptionsFromJson(TSCONFIG.compilerOptions, workDir);
    expect(errors).toEqual([]);
    const roots = kits.flatMap((kit) => kit.files.filter((f) => f.path.endsWith(".ts")).map((f) => join(dirname(kit.dir), f.path)));
    const host = ts.createCompilerHost(options);
    host.getCurrentDirectory = () => workDir;
    const program = ts.createProgram(roots, options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => workDir, getNewLine: () => "\n" });
    expect(text).toBe("");
    // The SDK really was resolved (not typed as any): its declarations are in the program.
    expect(program.getSourceFiles().some((f) => f.fileName.includes("mendixmodelsdk/src/gen/domainmodels.d.ts"))).toBe(true);
  });

  it("module.ts is the plan as data: running it gives back exactly the plan's strings", async () => {
    for (const kit of kits) {
      const js = ts.transpileModule(fileOf(kit, "model/module.ts"), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      const path = join(kit.dir, "module-check.mjs");
      writeFileSync(path, js);
      const loaded = (await import(pathToFileURL(path).href)) as { definition: unknown };
      expect(loaded.definition, kit.example).toEqual(moduleDefinition(kit.plan));
    }
  });

  it("module.ts contains only literals: no calls, templates, or identifiers that could run user text", () => {
    const allowed = new Set([
      ts.SyntaxKind.SourceFile,
      ts.SyntaxKind.ImportDeclaration,
      ts.SyntaxKind.ImportClause,
      ts.SyntaxKind.NamedImports,
      ts.SyntaxKind.ImportSpecifier,
      ts.SyntaxKind.VariableStatement,
      ts.SyntaxKind.VariableDeclarationList,
      ts.SyntaxKind.VariableDeclaration,
      ts.SyntaxKind.TypeReference,
      ts.SyntaxKind.ExportKeyword,
      ts.SyntaxKind.ObjectLiteralExpression,
      ts.SyntaxKind.PropertyAssignment,
      ts.SyntaxKind.ArrayLiteralExpression,
      ts.SyntaxKind.StringLiteral,
      ts.SyntaxKind.NumericLiteral,
      ts.SyntaxKind.TrueKeyword,
      ts.SyntaxKind.FalseKeyword,
      ts.SyntaxKind.Identifier,
      ts.SyntaxKind.EndOfFileToken,
    ]);
    for (const kit of kits) {
      const source = ts.createSourceFile("module.ts", fileOf(kit, "model/module.ts"), ts.ScriptTarget.ES2022, true);
      const identifiers: string[] = [];
      const visit = (node: ts.Node): void => {
        expect(allowed.has(node.kind), `${kit.example}: ${ts.SyntaxKind[node.kind]} in module.ts`).toBe(true);
        // Identifiers only as property names and the fixed declaration, never as values.
        if (ts.isIdentifier(node) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) identifiers.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(new Set(identifiers)).toEqual(new Set(["ModuleDefinition", "definition"]));
    }
  });

  it("hostile text stays inside string literals: no raw newline, NUL or direction character leaks into module.ts", () => {
    const kit = kits.find((k) => k.example === "hostile-text.yaml")!;
    const module = fileOf(kit, "model/module.ts");
    expect(module).toContain("${x} */ <%= 1 %>"); // the text is there, as data
    expect(module).not.toMatch(/[\u0000\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    const source = ts.createSourceFile("module.ts", module, ts.ScriptTarget.ES2022, true);
    const strings: string[] = [];
    const collect = (node: ts.Node): void => {
      if (ts.isStringLiteral(node)) strings.push(node.text);
      ts.forEachChild(node, collect);
    };
    collect(source);
    expect(strings).toContain(kit.plan.roles.find((r) => r.name === "Viewer")!.documentation);
    expect(strings).toContain(kit.plan.entities.find((e) => e.name === "Note")!.documentation);
  });
});

/** `npm run apply -- <args>` in the kit's model/ folder: the command the README gives users. */
async function apply(kit: Kit, args: string[], env: Record<string, string | undefined> = {}) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "apply", "--", ...args], { cwd: kit.dir, env: childEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

interface ParsedRule {
  entity: string;
  role: string;
  create: boolean;
  delete: boolean;
  xpath: string | undefined;
  documentation: string;
  members: Map<string, string>;
}

/** The access rules as --dry-run prints them. */
function parseRules(module: string, lines: string[]): ParsedRule[] {
  const rules: ParsedRule[] = [];
  const header = new RegExp(`^Access rule on ${module}\\.(\\w+) for ${module}\\.(\\w+): create (yes|no), delete (yes|no), default member rights None, XPath (none|".*")$`);
  lines.forEach((line, i) => {
    const match = header.exec(line);
    if (!match) return;
    const members = new Map<string, string>();
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith("    member "); j++) {
      const [, name, rights] = /^    member (\S+): (None|ReadOnly|ReadWrite)$/.exec(lines[j]!) ?? [];
      members.set(name!, rights!);
    }
    rules.push({
      entity: match[1]!,
      role: match[2]!,
      create: match[3] === "yes",
      delete: match[4] === "yes",
      xpath: match[5] === "none" ? undefined : (JSON.parse(match[5]!) as string),
      documentation: JSON.parse(lines[i + 1]!.replace(/^    documentation: /, "")) as string,
      members,
    });
  });
  return rules;
}

describe("npm run apply -- --dry-run in the generated kit", () => {
  const outputs = new Map<string, Awaited<ReturnType<typeof apply>>>();

  beforeAll(async () => {
    // No token and no network: MENDIX_TOKEN is removed from the environment.
    for (const kit of kits) outputs.set(kit.example, await apply(kit, ["--dry-run"], { MENDIX_TOKEN: undefined }));
  }, 180_000);

  for (const example of EXAMPLES) {
    it(`${example}: lists each role with its documentation and each access rule with member rights and XPath`, () => {
      const kit = kits.find((k) => k.example === example)!;
      const result = outputs.get(example)!;
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const lines = result.stdout.split("\n").filter((l) => l !== "");
      const m = kit.plan.module;

      for (const role of kit.plan.roles) {
        const at = lines.indexOf(`Module role ${m}.${role.name}`);
        expect(at, role.name).toBeGreaterThan(-1);
        expect(JSON.parse(lines[at + 1]!.replace(/^    documentation: /, ""))).toBe(role.documentation);
      }

      const printed = parseRules(m, lines);
      const expected = kit.plan.entities.flatMap((e) => e.accessRules.map((r) => ({ entity: e.name, rule: r })));
      expect(printed.map((r) => `${r.entity}/${r.role}`)).toEqual(expected.map((x) => `${x.entity}/${x.rule.role}`));
      expected.forEach(({ rule }, i) => {
        const shown = printed[i]!;
        expect(shown.create).toBe(rule.allowCreate);
        expect(shown.delete).toBe(rule.allowDelete);
        expect(shown.xpath).toBe(rule.xpath);
        expect(shown.documentation).toBe(rule.documentation);
        expect([...shown.members]).toEqual(rule.members.map((mem) => [mem.member, mem.rights]));
      });

      // The security promises, read from what the script says it will build.
      const configurationRoles = new Set(kit.plan.roles.filter((r) => r.kind === "configuration").map((r) => r.name));
      const dataEntities = new Set(kit.plan.entities.filter((e) => e.purpose === "data").map((e) => e.name));
      expect(printed.filter((r) => configurationRoles.has(r.role) && dataEntities.has(r.entity))).toEqual([]);
      expect(configurationRoles.has("Administrator")).toBe(true);
      for (const rule of printed) {
        for (const [member, rights] of rule.members) {
          if (member.startsWith("Encrypted")) expect(rights, `${rule.entity}.${member} for ${rule.role}`).toBe("None");
        }
      }

      for (const constant of kit.plan.constants) {
        expect(lines).toContain(`Constant ${m}.${constant.name} in ${constant.folder}: String, default "", exposed to client: no`);
      }
      for (const microflow of kit.plan.microflows) {
        const at = lines.findIndex((l) => l.startsWith(`Microflow ${m}.${microflow.name}(`));
        expect(lines[at]).toMatch(new RegExp(`returns ${microflow.returnType}, in folder ${microflow.folder}$`));
        expect(at, microflow.name).toBeGreaterThan(-1);
        expect(JSON.parse(lines[at + 1]!.replace(/^    documentation: /, ""))).toBe(microflow.documentation);
        const roles = microflow.allowedRoles.map((r) => `${m}.${r}`).join(", ") || "none (server-side calls only)";
        expect(lines[at + 2]).toBe(`    allowed roles: ${roles}`);
        expect(lines[at + 3]).toBe(`    apply entity access: ${microflow.applyEntityAccess ? "yes" : "no"}`);
      }
      // The token answer's documents (OAuth kits), before the microflows that read them.
      for (const structure of kit.plan.jsonStructures) {
        const at = lines.findIndex((l) => l.startsWith(`JSON structure ${m}.${structure.name} in ${structure.folder}: one object with `));
        expect(at, structure.name).toBeGreaterThan(-1);
        expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith("Microflow ")));
      }
      for (const mapping of kit.plan.importMappings) {
        const pairs = mapping.values.map((v) => `${v.attribute} = ${v.key}`).join(", ");
        expect(lines).toContain(`Import mapping ${m}.${mapping.name} in ${mapping.folder}: ${m}.${mapping.jsonStructure} -> one ${m}.${mapping.entity} (${pairs})`);
      }
      // Every line is one of the known shapes: hostile text never breaks out onto its own line.
      for (const line of lines.slice(1)) {
        expect(line).toMatch(/^(Module |Module role |Folder |Entity |    |Association |Access rule on |Constant |JSON structure |Import mapping |Java action |Microflow |Nanoflow |Snippet |The app also needs )/);
      }
    });
  }

  it("the hostile-text kit prints its texts escaped on one line each", () => {
    const out = outputs.get("hostile-text.yaml")!.stdout;
    expect(out).not.toMatch(/[\u0000\u202a-\u202e]/);
    expect(out).toContain("\\u0000 nul");
  });
});

describe("npm run apply without --dry-run, offline", () => {
  it("stops with exit code 2 and says what to do when MENDIX_TOKEN is missing, or --app is", async () => {
    const kit = kits[0]!;
    const noToken = await apply(kit, ["--app", "00000000-0000-0000-0000-000000000000"], { MENDIX_TOKEN: undefined });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/MENDIX_TOKEN is not set.*mx:modelrepository:repo:write/);
    const noApp = await apply(kit, [], { MENDIX_TOKEN: "not-used" });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain("--app <appId> is required");
    const both = await apply(kit, ["--app", "x", "--mpk", "a.mpk", "--commit", "m"], { MENDIX_TOKEN: "not-used" });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("either --mpk or --commit");
  });
});
