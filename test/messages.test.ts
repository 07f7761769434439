// Issue 22: the words of the messages a user mistake produces, tested with their exact text: a
// real fix for SpecValid and ReservedName, did-you-mean for options and enum values, an unclosed
// quote reported where it opens, where a client id goes, and never zod's own wording.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemsToFindings } from "../src/lib/audit/validation.js";
import { parseAnswers } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { baseInput } from "./checks-helpers.js";
import { removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

function problemsOf(data: unknown) {
  const result = validateSpec(data);
  return result.ok ? [] : result.problems;
}

function withAuth(auth: Record<string, unknown>) {
  return { ...baseInput(), auth };
}

describe("did you mean", () => {
  it("names the option meant on the command line, exit 1, nothing written", () => {
    const dir = tempDir();
    const run = runBin(["--answer", "acme.yaml"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("mxsecure: Unknown option --answer; did you mean --answers? See mxsecure --help.\n");
    expect(runBin(["audit", "--fromat", "json"], dir).stderr).toBe("mxsecure audit: unknown option --fromat; did you mean --format? See mxsecure audit --help.\n");
    expect(runBin(["audit", "--format", "sarf"], dir).stderr).toBe('mxsecure audit: unknown format "sarf"; did you mean sarif? Formats: text | json | sarif.\n');
  });

  it("entity --help and role --help name every field of one entity or role in the JSON Schema", async () => {
    const schema = JSON.parse(readFileSync(new URL("../schema/mxsecure.schema.json", import.meta.url), "utf8")) as { properties: Record<string, { items: { properties: Record<string, unknown> } }> };
    for (const [command, list] of [["entity", "entities"], ["role", "roles"]] as const) {
      const help = runBin([command, "--help"], tempDir()).stdout.replace(/\s+/g, " ");
      const fields = help.match(/answers-file format \(([^)]*)\)/)?.[1]?.split(", ") ?? [];
      expect(fields.sort(), command).toEqual(Object.keys(schema.properties[list]!.items.properties).filter((f) => f !== "renamedFrom").sort());
    }
  });

  it("names the command meant; an option without its value says so; no guess still reads as a sentence", () => {
    const dir = tempDir();
    expect(runBin(["rol", "Auditor"], dir).stderr).toBe("mxsecure: Unknown command rol; did you mean mxsecure role? See mxsecure --help.\n");
    expect(runBin(["frobnicate"], dir).stderr).toBe("mxsecure: Unknown command frobnicate. See mxsecure --help.\n");
    expect(runBin(["--xyz"], dir).stderr).toBe("mxsecure: Unknown option --xyz. See mxsecure --help.\n");
    const bare = runBin(["--openapi"], dir);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe("mxsecure: --openapi needs a value after it; see mxsecure --help.\n");
  });

  it("names the schemes an other name stands for: oauth2 is one of the two OAuth schemes", () => {
    expect(problemsOf(withAuth({ scheme: "oauth2" }))).toEqual([{
      path: "auth.scheme",
      message: 'must be one of basic | api-token | oauth-authorization-code | oauth-client-credentials | saml | none; did you mean "oauth-authorization-code" or "oauth-client-credentials"?',
    }]);
    expect(problemsOf(withAuth({ scheme: "apikey" }))[0]!.message).toMatch(/; did you mean "api-token"\?$/);
    expect(problemsOf(withAuth({ scheme: "api-tokn" }))[0]!.message).toMatch(/; did you mean "api-token"\?$/);
  });

  it("names the attribute type meant by its name in other languages", () => {
    const input = baseInput();
    input.entities[0]!.attributes = [{ name: "Title", type: "text" as never }];
    expect(problemsOf(input)).toEqual([{ path: "entities[0].attributes[0].type", message: 'must be one of string | integer | long | decimal | boolean | datetime; did you mean "string"?' }]);
  });
});

describe("the audit's fix is a real fix", () => {
  const fixes = (data: unknown) => problemsToFindings(problemsOf(data), data).map((f) => `${f.rule}: ${f.fix}`);

  it("SpecValid: the value to set, the field to rename", () => {
    expect(fixes(withAuth({ scheme: "oauth2" }))).toEqual(["SpecValid: set auth.scheme to oauth-authorization-code or oauth-client-credentials"]);
    expect(fixes({ ...baseInput(), modul: "X" })).toEqual(["SpecValid: rename modul to module"]);
    expect(fixes(withAuth({ scheme: "none", extra: 1 }))).toEqual(["SpecValid: delete extra, or rename it to one of the fields the message lists"]);
  });

  it("ReservedName: a name to use instead", () => {
    const input = baseInput();
    input.entities[0]!.attributes = [{ name: "owner", type: "string" }];
    expect(fixes(input)).toEqual(["ReservedName: rename it, for example to ContactOwner"]);
  });
});

describe("where things go", () => {
  it("a client id in an answers file: the Administrator enters it on the configuration page", () => {
    const data = withAuth({ scheme: "oauth-client-credentials", tokenUrl: "https://login.acme.example/token", clientId: "abc" });
    expect(problemsOf(data)).toEqual([{
      path: "auth.clientId",
      message: "the OAuth client ID is not part of the spec: an Administrator enters it per environment on the configuration page (SNIP_ConnectionDetails), which stores it in ConnectionDetails; delete it from the file",
    }]);
    expect(problemsToFindings(problemsOf(data), data)[0]!.fix).toBe("delete auth.clientId; an Administrator enters it on the configuration page");
  });

  it("an unclosed quote is reported where it opens, not at the end of the file", () => {
    const source = 'module: AcmeCrmConnector\ndescription: "Connects\nservice: { name: Acme, baseUrl: "https://a.example" }\nauth: { scheme: none }\n';
    expect(() => parseAnswers(source, "acme.yaml")).toThrow('acme.yaml:2:14: not valid YAML or JSON: the " opened here is never closed; end the value with ".');
    expect(() => parseAnswers("module: M\nroles:\n  - { name: 'Viewer, kind: data }\n", "r.yaml")).toThrow("r.yaml:3:13: not valid YAML or JSON: the ' opened here is never closed; end the value with '.");
  });

  it("the bin prints it once, exit 1", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "acme.yaml"), 'module: M\ndescription: "d\n');
    const run = runBin(["--answers", "acme.yaml"], dir);
    expect([run.code, run.stderr]).toEqual([1, 'mxsecure: acme.yaml:2:14: not valid YAML or JSON: the " opened here is never closed; end the value with ".\n']);
  });
});

describe("zod's own wording never reaches a user", () => {
  const ZOD = /Invalid input|Invalid option|Too small|Too big|expected [a-z]+ to be|received|Unrecognized key/i;
  const BAD: unknown[] = [-1, 1.5, 1e12, "", "x", "a".repeat(3000), [], [1], {}, { x: 1 }, null, true];

  /** Every place in a valid spec, as a path of keys and indexes. */
  function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => places(v, [...path, i]))];
    if (value && typeof value === "object") return [path, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
    return [path];
  }

  function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
    if (path.length === 0) return value;
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path.at(-1)!] = value;
    return copy;
  }

  it("for a wrong value at every place of a valid spec", () => {
    const base = baseInput();
    // Places with number bounds and unions too: a string length, an access override, a role's reach.
    base.entities[0]!.attributes![0] = { ...base.entities[0]!.attributes![0]!, length: 100 } as never;
    base.entities[1] = { ...base.entities[1]!, access: { User: { read: "all", write: ["CompanyName"] } } } as never;
    base.roles[0] = { ...base.roles[0]!, reach: "all" } as never;
    expect(problemsOf(base)).toEqual([]);
    const seen: string[] = [];
    for (const path of places(base).filter((p) => p.length > 0)) {
      for (const bad of BAD) {
        const problems = problemsOf(replaced(base, path, bad));
        for (const p of problems) if (ZOD.test(p.message)) seen.push(`${p.path}: ${p.message}`);
        for (const f of problemsToFindings(problems, replaced(base, path, bad))) if (ZOD.test(f.fix)) seen.push(`${f.path} fix: ${f.fix}`);
      }
    }
    expect([...new Set(seen)]).toEqual([]);
  });
});
