// Raw credentials anywhere in a spec (descriptions, documentation, the token prefix, URLs) are
// refused without being echoed: gitleaks' rules as data (spec/credential-patterns.ts), plus a Basic
// authorization value. Issue 19.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { knownCredential } from "../src/lib/spec/credentials.ts";
import { audit } from "./audit-helpers.ts";
import { removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.ts";
import { problemsOf } from "./helpers/spec.ts";

afterAll(removeTempDirs);

// Made-up values in each format (none is a real credential); built from parts so that this file
// itself holds no credential-shaped literal for scanners.
const FAKE = {
  stripe: ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_"),
  github: `ghp_${"A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"}`,
  slack: ["xoxb", "1234567890", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-"),
  aws: ["AKIA", "Z3MSJV4WWNKWW5FG"].join(""),
  jwt: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"].join("."),
  basic: `Basic ${Buffer.from("admin:Winter2026!").toString("base64")}`,
};

function spec(where: "description" | "documentation" | "tokenPrefix", value: string): string {
  return `module: Crm
description: ${JSON.stringify(where === "description" ? `Calls the API with ${value} for now.` : "A connector.")}
service: { name: Crm, baseUrl: "https://api.crm.example" }
auth: { scheme: api-token${where === "tokenPrefix" ? `, tokenPrefix: ${JSON.stringify(value)}` : ""} }
entities:
  - name: Contact
    documentation: ${JSON.stringify(where === "documentation" ? `Example row: ${value}` : "A contact.")}
`;
}

describe("raw credentials in a spec", () => {
  it.each(Object.entries(FAKE))("a %s credential in a description is refused, and not echoed", async (_kind, value) => {
    const problems = problemsOf(spec("description", value));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("description");
    expect(problems[0]!.message).toMatch(/carries a credential/);
    // One sentence of advice, said once (it read "remove it: it looks like a secret; ... Remove it: ...").
    expect(problems[0]!.message.match(/remove it/gi)).toHaveLength(1);
    const file = join(tempDir(), "spec.yaml");
    writeFileSync(file, spec("description", value));
    for (const format of ["text", "json", "sarif"]) {
      const run = await audit(file, "--format", format);
      expect(run.code).toBe(1);
      expect(run.out + run.err).not.toContain(value.slice(-12));
    }
  });

  it("in documentation and in the token prefix too; the generator writes nothing", () => {
    requireBuiltBin();
    for (const where of ["documentation", "tokenPrefix"] as const) {
      const value = where === "tokenPrefix" ? FAKE.github : FAKE.stripe;
      const dir = tempDir();
      writeFileSync(join(dir, "answers.yaml"), spec(where, value));
      const run = runBin(["--answers", "answers.yaml"], dir, { CI: "1" });
      expect(run.code, where).toBe(1);
      expect(run.stderr).toMatch(/carries a credential \(a credential in a known format, gitleaks rule (github-pat|stripe-access-token)\)/);
      expect(run.stdout + run.stderr).not.toContain(value.slice(-12));
    }
  });

  it("a Slack webhook URL as the base URL", () => {
    const url = ["https://hooks.slack.com/services", "T01234567", "B01234567", "AbCdEfGhIjKlMnOpQrStUvWx"].join("/");
    const problems = problemsOf(spec("description", "x").replace("https://api.crm.example", url));
    expect(problems.map((p) => p.path)).toContain("service.baseUrl");
  });

  it("passes prose about credentials, AWS's documented example key and ordinary names", () => {
    for (const text of [
      "The Administrator enters the API key and the client secret once; they are stored encrypted.",
      "AKIAIOSFODNN7EXAMPLE is the example key of AWS's documentation.",
      "SecretsEntryBaseUrl", "SecretsEntryTokenUrl", "ACT_ConnectionDetails_Save", "https://login.acme.example/oauth2/token",
      "Basic authentication with a user name and password.",
    ]) expect(knownCredential(text), text).toBeUndefined();
  });
});
