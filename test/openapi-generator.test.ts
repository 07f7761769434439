// `yo mxsecure --openapi FILE --entities ...` through the real Yeoman environment (yeoman-test):
// the app generator takes the same answers from the document as the bin's script mode.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import helpers from "yeoman-test";
import { afterAll, describe, expect, it } from "vitest";
import AppGenerator from "../src/generators/app/index.js";
import { REPO_ROOT, removeTempDirs, runBin, tempDir } from "./helpers/run.js";

const resolved = fileURLToPath(new URL("../src/generators/app/index.ts", import.meta.url));
afterAll(removeTempDirs);

describe("the app generator with --openapi", () => {
  it("writes the kit from the document without asking anything", async () => {
    let dir = "";
    const result = await helpers
      .run(AppGenerator, { namespace: "mxsecure:app", resolved })
      .doInDir((d) => (dir = d))
      .withOptions({ interactive: false, openapi: join(REPO_ROOT, "test/fixtures/openapi/paypal-catalogs-products.json"), entities: "product" } as never)
      .withAnswers({}, { throwOnMissingAnswer: true });
    expect(result.askedQuestions).toEqual([]);
    const spec = parse(readFileSync(join(dir, "CatalogProductsConnector/mxsecure.yaml"), "utf8")) as Record<string, any>;
    expect(spec.auth).toMatchObject({ scheme: "oauth-client-credentials", tokenUrl: "https://api-m.sandbox.paypal.com/v1/oauth2/token" });
    expect(spec.entities.map((e: { name: string }) => e.name)).toEqual(["product"]);
  });
});

describe("hostile text in a document", () => {
  it("comes out inert in messages and escaped in the kit, which passes the audit", () => {
    const dir = tempDir();
    const evil = "Evil\u001b[31m API\u202e </script> `rm -rf` \"quote' */";
    writeFileSync(join(dir, "api.json"), JSON.stringify({
      openapi: "3.1.0",
      info: { title: evil, description: `${evil}\n\nMore.`, version: "1" },
      servers: [{ url: "https://evil.example/v1", description: evil }],
      paths: { "/x": { get: { responses: { 200: { description: "ok" } } } } },
      components: { schemas: { "Thing\u001b[2J": { type: "object", description: evil, properties: { "na\u202eme": { type: "string" }, ok: { type: "string", maxLength: 50 }, "nested\u001b[31m": { type: "object" } } } } },
    }));
    const run = runBin(["--openapi", "api.json", "--entities", "Thing\u001b[2J", "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    // The left-out nested object is named in a message, its escape shown as text.
    expect(run.stdout).toContain("left out nested\\u{1b}[31m (a nested object)");
    expect(run.stdout).not.toMatch(/[\u001b\u202e]/);
    const kit = join(dir, "Evil31mApiScriptRmRfQuoteConnector");
    const spec = parse(readFileSync(join(kit, "mxsecure.yaml"), "utf8")) as Record<string, any>;
    expect(spec.entities[0].name).toBe("Thing2J");
    expect(spec.entities[0].attributes.map((a: { name: string }) => a.name)).toEqual(["NaMe", "ok"]);
    expect(runBin(["audit"], kit).code).toBe(0);
  });
});

describe("script mode without --entities", () => {
  it("says the kit has no entities and lists the schemas to choose from; not when --entities is given", () => {
    const dir = tempDir();
    const doc = join(REPO_ROOT, "test/fixtures/openapi/xero-assets.yaml");
    const none = runBin(["--openapi", doc, "--no-interactive", "--dry-run"], dir);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/No entities: --entities was not given[^\n]*object schemas: Assets, Pagination, Asset,[^\n]*run again with --entities NAME,NAME/);
    const some = runBin(["--openapi", doc, "--entities", "Asset", "--no-interactive", "--dry-run"], dir);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).not.toContain("No entities");
  });

  it("a misspelled schema: the one meant, and the first 20 schemas with how many more (not \", ....\")", () => {
    const run = runBin(["--openapi", join(REPO_ROOT, "test/fixtures/openapi/resend.yaml"), "--entities", "Emial", "--no-interactive"], tempDir());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^mxsecure: --entities: the document has no object schema "Emial"\. Did you mean Email\? Its schemas: SendEmailRequest, [^\n]* and \d+ more\.\n$/);
  });
});
