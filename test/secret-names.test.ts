// Secret names by the head of the compound name and the type (issue 19), measured on the property
// names of public OpenAPI documents (test/fixtures/openapi-names: five services, 4,700 names, their
// secrets labelled by hand in secrets.tsv). The false alarms and misses are pinned here by name, so a
// change to the heuristic shows what it gains and loses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kitFromSpec } from "../src/lib/kit/pipeline.ts";
import { isSecretName } from "../src/lib/spec/secret-names.ts";
import { specFrom } from "./helpers/spec.ts";

const FIXTURES = new URL("./fixtures/openapi-names/", import.meta.url);
const SERVICES = ["openai", "twilio", "slack", "box", "digitalocean"];
const TYPES: Record<string, string> = { string: "string", integer: "integer", number: "decimal", boolean: "boolean", "date-time": "datetime" };

function rows(file: string): string[][] {
  return readFileSync(new URL(file, FIXTURES), "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split("\t"));
}

describe("secret names: the head of the compound and the type", () => {
  it.each(["TokensUsed", "TokenCount", "MaxTokens", "PasswordChangedAt", "KeyId", "SecretName", "NextPageToken", "IdempotencyKey", "SortKey", "TokenType", "ClientSecretIsSet", "CountryCode"])(
    "%s is not a secret", (name) => expect(isSecretName(name, "string")).toBe(false));

  it.each(["ClientSecrets", "ApiKey", "RefreshToken", "Passcode", "PrivateKeyPem", "client_secret", "apikeys", "Password2", "SigningKeys", "AccessToken", "Token", "PinCode", "JWT"])(
    "%s is a secret", (name) => expect(isSecretName(name, "string")).toBe(true));

  it.each(["integer", "long", "decimal", "boolean", "datetime"])("a %s attribute is never a secret by its name", (type) => {
    expect(isSecretName("Password", type)).toBe(false);
    expect(isSecretName("ApiKey", type)).toBe(false);
  });

  it("on real API property names: the false alarms and misses are these", () => {
    const secret = new Set(rows("secrets.tsv").map(([service, name, type]) => `${service}\t${name}\t${type ?? ""}`));
    const falseAlarms: string[] = [];
    const misses: string[] = [];
    let total = 0;
    for (const service of SERVICES) {
      for (const [name, type = ""] of rows(`${service}.tsv`)) {
        total++;
        const said = isSecretName(name!, TYPES[type]);
        const is = secret.has(`${service}\t${name}\t${type}`);
        if (said && !is) falseAlarms.push(`${service} ${name}:${type}`);
        if (!said && is) misses.push(`${service} ${name}:${type}`);
      }
    }
    expect(total).toBe(4769);
    expect(secret.size).toBe(64);
    // A one-time caller-id code, and URLs that carry their own signature: not named as secrets.
    expect(misses).toEqual(["twilio validation_code:string", "digitalocean presigned_url:string", "digitalocean signed_url:string"]);
    // A log-probability's token text, and the IDs of public SSH keys.
    expect(falseAlarms).toEqual(["openai token:string", "openai tokens:array", "digitalocean ssh_key:", "digitalocean ssh_keys:array"]);
  });
});

describe("a realistic LLM connector generates", () => {
  it("usage counts named after tokens are data; the key stays out of the entities", () => {
    const spec = specFrom(`module: LlmConnector
description: Calls a large language model's chat completion API and keeps what each user asked and what it cost.
service: { name: LLM, baseUrl: "https://api.llm.example/v1" }
auth: { scheme: api-token }
entities:
  - name: Completion
    documentation: One answer the model gave the signed-in user, with its token usage.
    ownership: user
    attributes:
      - { name: Model, type: string, length: 100 }
      - { name: Prompt, type: string, length: 0 }
      - { name: Answer, type: string, length: 0 }
      - { name: PromptTokens, type: integer }
      - { name: CompletionTokens, type: integer }
      - { name: TokensUsed, type: integer }
      - { name: MaxTokens, type: integer }
      - { name: TokenCount, type: long }
      - { name: Cost, type: decimal }
      - { name: FinishReason, type: string, length: 40 }
      - { name: ApiKeyId, type: string, length: 64 }
      - { name: CreatedAt, type: datetime }
`);
    const kit = kitFromSpec(spec);
    expect(kit.files.some((f) => f.path === "model/LlmConnector.mdl")).toBe(true);
    expect(kit.warnings.filter((w) => w.rule === "SecretsEncrypted")).toEqual([]);
  });
});
