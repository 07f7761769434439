// `mxsecure --openapi FILE`: real documents published by the services themselves
// (test/fixtures/openapi/README.md names each source) to a kit that passes the audit, with the
// scheme, base URL and OAuth URLs the document declares and the chosen schemas as entities; and
// hostile documents refused with one clear message, nothing written.
import { readFileSync, writeFileSync, existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, listFiles, removeTempDirs, requireBuiltBin, runBin, stackLines, tempDir } from "./helpers/run.js";
import { looksReadOnly } from "../src/lib/openapi/scopes.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const FIXTURES = join(REPO_ROOT, "test/fixtures/openapi");
const fixture = (name: string) => join(FIXTURES, name);
const document = (name: string): Record<string, any> => {
  const text = readFileSync(fixture(name), "utf8");
  return (name.endsWith(".json") ? JSON.parse(text) : parse(text)) as Record<string, any>;
};

type Spec = Record<string, any>;

/** Script mode in a fresh folder; returns the kit's spec after checking the audit passes. */
function scriptKit(file: string, entities: string, extra: string[] = []): { spec: Spec; stdout: string; kit: string } {
  const dir = tempDir();
  const run = runBin(["--openapi", fixture(file), "--entities", entities, "--no-interactive", ...extra], dir);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const kits = listFiles(dir).filter((f) => f.endsWith("/mxsecure.yaml"));
  expect(kits).toHaveLength(1);
  const kit = join(dir, kits[0]!.replace(/\/mxsecure\.yaml$/, ""));
  const audit = runBin(["audit"], kit);
  expect(audit.stdout + audit.stderr).toContain("0 errors");
  expect(audit.code).toBe(0);
  return { spec: parse(readFileSync(join(kit, "mxsecure.yaml"), "utf8")) as Spec, stdout: run.stdout, kit };
}

const names = (spec: Spec) => (spec.entities as Spec[]).map((e) => e.name);
const entity = (spec: Spec, name: string) => (spec.entities as Spec[]).find((e) => e.name === name)!;

describe("real documents in script mode", () => {
  it("Xero Assets (oauth2 authorization code): its URLs, scopes, read-only scopes, and Asset → AssetType as an association", () => {
    const doc = document("xero-assets.yaml");
    const flow = doc.components.securitySchemes.OAuth2.flows.authorizationCode;
    const { spec } = scriptKit("xero-assets.yaml", "Asset,AssetType,BookDepreciationSetting");
    expect(spec.auth).toMatchObject({
      scheme: "oauth-authorization-code",
      authorizationUrl: flow.authorizationUrl,
      tokenUrl: flow.tokenUrl,
      scopes: Object.keys(flow.scopes),
      pkce: true,
    });
    expect(spec.auth.readOnlyScopes).toContain("assets.read");
    expect(spec.auth.readOnlyScopes).not.toContain("assets");
    expect(spec.service.baseUrl).toBe(doc.servers[0].url);
    expect(names(spec)).toEqual(["Asset", "AssetType", "BookDepreciationSetting"]);
    const asset = entity(spec, "Asset");
    // Types and lengths from the document: uuid → 36, date-time → datetime, number → decimal.
    expect(asset.attributes).toContainEqual(expect.objectContaining({ name: "assetId", type: "string", length: 36 }));
    expect(asset.attributes).toContainEqual(expect.objectContaining({ name: "purchaseDate", type: "datetime" }));
    expect(asset.attributes).toContainEqual(expect.objectContaining({ name: "purchasePrice", type: "decimal" }));
    expect(asset.associations).toContainEqual({ to: "BookDepreciationSetting", type: "reference" });
    const assetType = entity(spec, "AssetType");
    expect(assetType.associations).toContainEqual({ to: "BookDepreciationSetting", type: "reference" });
  });

  it("PayPal Catalog Products (oauth2 client credentials): the relative token URL resolved against the first server, the choice said", () => {
    const doc = document("paypal-catalogs-products.json");
    const { spec, stdout } = scriptKit("paypal-catalogs-products.json", "product,product_collection");
    expect(spec.service.baseUrl).toBe(doc.servers[0].url);
    expect(stdout).toContain("The document names 2 servers");
    expect(spec.auth).toMatchObject({
      scheme: "oauth-client-credentials",
      tokenUrl: `${doc.servers[0].url}${doc.components.securitySchemes.Oauth2.flows.clientCredentials.tokenUrl}`,
      scopes: Object.keys(doc.components.securitySchemes.Oauth2.flows.clientCredentials.scopes),
    });
    expect(names(spec)).toEqual(["product", "product_collection"]);
    // product_collection.products is a list of product_collection_element (not chosen): left out, and said.
    expect(stdout).toMatch(/product_collection: left out .*products/);
    expect(entity(spec, "product").attributes).toContainEqual(expect.objectContaining({ name: "name", type: "string", length: 127 }));
  });

  it("Resend (http bearer): api-token in the Authorization header with the Bearer prefix", () => {
    const { spec } = scriptKit("resend.yaml", "Email,Domain");
    expect(spec.auth).toMatchObject({ scheme: "api-token", headerName: "Authorization", tokenPrefix: "Bearer" });
    expect(spec.service.baseUrl).toBe(document("resend.yaml").servers[0].url);
    expect(names(spec)).toEqual(["Email", "Domain"]);
  });

  it("Twilio Chat v3 (http basic): basic, and the schema chat.v3.channel as a valid Mendix name with the original in its documentation", () => {
    const { spec } = scriptKit("twilio-chat-v3.json", "chat.v3.channel");
    expect(spec.auth.scheme).toBe("basic");
    expect(spec.service.baseUrl).toBe("https://chat.twilio.com");
    expect(names(spec)).toEqual(["ChatV3Channel"]);
    expect(entity(spec, "ChatV3Channel").documentation).toContain("OpenAPI schema: chat.v3.channel");
    // "type" is a name Mendix reserves: renamed, and the original named.
    const attributes = (entity(spec, "ChatV3Channel").attributes as Spec[]).map((a) => a.name);
    expect(attributes).not.toContain("type");
    expect(attributes).toContain("ChatV3ChannelType");
  });

  it("Open-Meteo Flood (none, servers given per path, no component schemas)", () => {
    const dir = tempDir();
    const run = runBin(["--openapi", fixture("open-meteo-flood.yml"), "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const spec = parse(readFileSync(join(dir, "OpenMeteoFloodForecastApiConnector/mxsecure.yaml"), "utf8")) as Spec;
    expect(spec.auth.scheme).toBe("none");
    expect(spec.service.baseUrl).toBe("https://flood-api.open-meteo.com");
    expect(spec.entities).toEqual([]);
    expect(runBin(["audit"], join(dir, "OpenMeteoFloodForecastApiConnector")).code).toBe(0);
  });

  it("APIs.guru (Swagger 2.0, none): https + host + basePath, definitions as entities", () => {
    const { spec } = scriptKit("apis-guru-2.0.2.swagger.yaml", "API,Metrics,ApiVersion");
    expect(spec.auth.scheme).toBe("none");
    expect(spec.service.baseUrl).toBe("https://api.apis.guru/v2");
    expect(names(spec)).toEqual(["API", "Metrics", "ApiVersion"]);
    expect(entity(spec, "Metrics").attributes.map((a: Spec) => `${a.name}:${a.type}`)).toEqual(["numAPIs:long", "numEndpoints:long", "numSpecs:long"]);
  });
});

describe("answers files and drafts", () => {
  it("--answers overrides a drafted entity by name (ownership) and adds a role", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "extra.yaml"), [
      "entities:",
      "  - name: Asset",
      "    ownership: user",
      "roles:",
      "  - { name: Auditor, kind: data, readOnly: true, documentation: Reads assets for audits; never combine with Administrator. }",
    ].join("\n"));
    const run = runBin(["--openapi", fixture("xero-assets.yaml"), "--entities", "Asset,AssetType", "--answers", "extra.yaml", "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    const spec = parse(readFileSync(join(dir, "XeroAssetsApiConnector/mxsecure.yaml"), "utf8")) as Spec;
    expect(entity(spec, "Asset").ownership).toBe("user");
    expect(entity(spec, "Asset").attributes.length).toBeGreaterThan(5);
    expect(entity(spec, "AssetType").ownership).toBe("shared");
    expect(spec.roles.map((r: Spec) => r.name)).toContain("Auditor");
    expect(runBin(["audit"], join(dir, "XeroAssetsApiConnector")).code).toBe(0);
  });

  it("--draft writes only mxsecure.yaml, which then writes the kit", () => {
    const dir = tempDir();
    const run = runBin(["--openapi", fixture("twilio-chat-v3.json"), "--entities", "chat.v3.channel", "--draft"], dir);
    expect(run.stderr).toBe("");
    expect(listFiles(dir)).toEqual(["mxsecure.yaml"]);
    expect(run.stdout).toContain("complete spec");
    const again = runBin(["--answers", "mxsecure.yaml"], dir);
    expect(again.stderr).toBe("");
    expect(existsSync(join(dir, "TwilioChatConnector/SECURITY.md"))).toBe(true);
    // The draft does not overwrite itself, nor write through a link.
    expect(runBin(["--openapi", fixture("twilio-chat-v3.json"), "--draft"], dir).stderr).toContain("mxsecure.yaml exists here");
    const linked = tempDir();
    symlinkSync(join(dir, "elsewhere.yaml"), join(linked, "mxsecure.yaml"));
    const viaLink = runBin(["--openapi", fixture("twilio-chat-v3.json"), "--draft", "--force"], linked);
    expect(viaLink.code).toBe(1);
    expect(existsSync(join(dir, "elsewhere.yaml"))).toBe(false);
  });

  it("an unknown schema name is one error with a suggestion, nothing written", () => {
    const dir = tempDir();
    const run = runBin(["--openapi", fixture("xero-assets.yaml"), "--entities", "Assett", "--no-interactive"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no object schema "Assett"');
    expect(run.stderr).toContain("Did you mean Asset");
    expect(listFiles(dir)).toEqual([]);
  });
});

/** A small OpenAPI 3.0 document with `extra` merged at the top. */
function smallDocument(extra: Record<string, unknown> = {}, schemas: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Shop", version: "1" },
    servers: [{ url: "https://{region}.shop.example/v1", variables: { region: { default: "eu" } } }],
    paths: { "/orders": { get: { responses: { 200: { description: "ok" } } } } },
    components: { schemas: { Order: { type: "object", properties: { id: { type: "string" }, total: { type: "number" } } }, ...schemas } },
    ...extra,
  });
}

function refused(text: string, entities = "Order"): { stderr: string; dir: string } {
  const dir = tempDir();
  writeFileSync(join(dir, "api.json"), text);
  const run = runBin(["--openapi", "api.json", "--entities", entities, "--no-interactive"], dir);
  expect(run.code).toBe(1);
  expect(stackLines(run.stderr)).toEqual([]);
  expect(listFiles(dir)).toEqual(["api.json"]);
  return { stderr: run.stderr, dir };
}

describe("documents the spec refuses, and hostile documents", () => {
  it("server variables resolve to their defaults; a reserved attribute name is renamed", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "api.json"), smallDocument());
    const run = runBin(["--openapi", "api.json", "--entities", "Order", "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    const spec = parse(readFileSync(join(dir, "ShopConnector/mxsecure.yaml"), "utf8")) as Spec;
    expect(spec.service.baseUrl).toBe("https://eu.shop.example/v1");
    expect(entity(spec, "Order").attributes.map((a: Spec) => a.name)).toEqual(["OrderId", "total"]);
  });

  it("several security schemes: the one most operations use, and the message says so; an unsupported flow is passed over", () => {
    const dir = tempDir();
    const op = (security: unknown) => ({ security, responses: { 200: { description: "ok" } } });
    writeFileSync(join(dir, "api.json"), smallDocument({
      paths: {
        "/a": { get: op([{ implicit: ["read"] }]), put: op([{ implicit: ["write"] }]), post: op([{ implicit: ["write"] }]) },
        "/b": { get: op([{ key: [] }]), delete: op([{ key: [] }]) },
        "/c": { get: op([{ bearer: [] }]) },
      },
      components: {
        schemas: { Order: { type: "object", properties: { total: { type: "number" } } } },
        securitySchemes: {
          implicit: { type: "oauth2", flows: { implicit: { authorizationUrl: "https://shop.example/authorize", scopes: { read: "", write: "" } } } },
          key: { type: "apiKey", in: "header", name: "X-Shop-Key" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    }));
    const run = runBin(["--openapi", "api.json", "--entities", "Order", "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Security scheme key is used by 2 of 6 operations: auth.scheme api-token; the document also uses implicit (3), bearer (1); not supported: implicit (OAuth flow implicit, #/components/securitySchemes/implicit)");
    const spec = parse(readFileSync(join(dir, "ShopConnector/mxsecure.yaml"), "utf8")) as Spec;
    // An API key goes in its own header, without a prefix.
    expect(spec.auth).toMatchObject({ scheme: "api-token", headerName: "X-Shop-Key", tokenPrefix: "" });
  });

  it("an http:// server is refused with the document's JSON pointer", () => {
    const { stderr } = refused(smallDocument({ servers: [{ url: "http://shop.example/v1" }] }));
    expect(stderr).toContain("service.baseUrl: is not HTTPS");
    expect(stderr).toContain("#/servers/0/url");
  });

  it("an http:// URL from an answers file is the file's problem, not pointed into the document", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "api.json"), smallDocument());
    writeFileSync(join(dir, "extra.yaml"), "service: { baseUrl: 'http://shop.example/v1' }\n");
    const run = runBin(["--openapi", "api.json", "--entities", "Order", "--answers", "extra.yaml", "--no-interactive"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("service.baseUrl: is not HTTPS");
    expect(run.stderr).not.toContain("#/servers");
  });

  it("an external $ref (a file or a URL) is refused, never followed", () => {
    const { stderr } = refused(smallDocument({}, { Customer: { $ref: "../../etc/passwd" }, Remote: { $ref: "https://evil.example/x.json" } }));
    expect(stderr).toContain("point outside the document");
    expect(stderr).toContain("#/components/schemas/Customer/$ref");
    expect(stderr).toContain("#/components/schemas/Remote/$ref");
  });

  it("a $ref to nothing, and $refs chained deeper than the dereferencer goes, are said in our words", () => {
    const missing = refused(smallDocument({}, { Order: { type: "object", properties: { customer: { $ref: "#/components/schemas/Nope" } } } }));
    expect(missing.stderr).toContain("a $ref points to nothing (#/components/schemas/Nope); fix the reference in the document.");
    const chain = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`C${i}`, { $ref: `#/components/schemas/C${i + 1}` }]));
    const deep = refused(smallDocument({}, { ...chain, C600: { type: "object" } }));
    expect(deep.stderr).toMatch(/they chain deeper than 500 levels \(at #\/components\/schemas\/C\d+\)\./);
    // No path of this machine in the message.
    expect(deep.stderr).not.toContain(deep.dir);
  });

  it("cyclic $refs between chosen schemas end as associations both ways", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "api.json"), smallDocument({}, {
      Order: { type: "object", properties: { number: { type: "string" }, customer: { $ref: "#/components/schemas/Customer" } } },
      Customer: { allOf: [{ $ref: "#/components/schemas/Party" }, { type: "object", properties: { orders: { type: "array", items: { $ref: "#/components/schemas/Order" } } } }] },
      Party: { type: "object", properties: { name: { type: "string", maxLength: 80 }, self: { $ref: "#/components/schemas/Party" } } },
    }));
    const run = runBin(["--openapi", "api.json", "--entities", "Order,Customer", "--no-interactive"], dir);
    expect(run.stderr).toBe("");
    const spec = parse(readFileSync(join(dir, "ShopConnector/mxsecure.yaml"), "utf8")) as Spec;
    expect(entity(spec, "Order").associations).toEqual([{ to: "Customer", type: "reference" }]);
    expect(entity(spec, "Customer").associations).toEqual([{ to: "Order", type: "reference-set" }]);
    // allOf: Party's name comes into Customer, with its maxLength.
    expect(entity(spec, "Customer").attributes).toContainEqual(expect.objectContaining({ name: "name", type: "string", length: 80 }));
  });

  it("a document nested thousands of levels deep is refused quickly", () => {
    const deep = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    const text = smallDocument({ "x-deep": "DEEP" }).replace('"DEEP"', deep);
    const started = Date.now();
    const { stderr } = refused(text);
    expect(stderr).toMatch(/nested (too deeply|deeper than)/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("a document over the size limit is refused before it is parsed", () => {
    const { stderr } = refused(smallDocument({ "x-pad": "x".repeat(17 * 1024 * 1024) }));
    expect(stderr).toContain("may be at most 16 MB");
  });

  it("not an OpenAPI document: one message naming what is missing", () => {
    const { stderr } = refused(JSON.stringify({ module: "X" }));
    expect(stderr).toContain("not an OpenAPI 3.0/3.1 or Swagger 2.0 document");
  });

  it("--entities without --openapi is a mistake, said as one", () => {
    const run = runBin(["--entities", "Order"], tempDir());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--entities and --draft go with --openapi");
  });
});

describe("read-only scope proposal (looksReadOnly)", () => {
  it("reads names first, then descriptions; write words win", () => {
    expect(looksReadOnly("assets.read", "Grant read-only access to fixed assets")).toBe(true);
    expect(looksReadOnly("assets", "Grant read-write access to fixed assets")).toBe(false);
    expect(looksReadOnly("read:org")).toBe(true);
    expect(looksReadOnly("user-read-email")).toBe(true);
    expect(looksReadOnly("accounting.transactions")).toBe(false);
    expect(looksReadOnly("read_write")).toBe(false);
    // The last action word of the name decides (Slack's and PayPal's scopes).
    expect(looksReadOnly("admin.users:read")).toBe(true);
    expect(looksReadOnly("chat:write:bot", "Author messages as a bot")).toBe(false);
    expect(looksReadOnly("https://uri.paypal.com/services/vault/payment-tokens/readwrite", "Manage payment instruments")).toBe(false);
    expect(looksReadOnly("https://uri.paypal.com/payments/payouts", "Payout to a list of recipients.")).toBe(false);
    // OpenID Connect's claim scopes only read who the user is.
    expect(looksReadOnly("profile", "your profile information")).toBe(true);
  });
});

