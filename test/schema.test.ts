// The shipped JSON Schema is generated from the zod schema; editors check answers files with it.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { answersJsonSchema, answersJsonSchemaText } from "../src/lib/spec/json-schema.js";

const shipped = readFileSync(new URL("../schema/mxsecure.schema.json", import.meta.url), "utf8");
const examples = ["acme-crm-oauth", "erp-basic", "weather-api-token", "billing-client-credentials", "portal-saml", "open-data-none", "hostile-text"];

describe("schema/mxsecure.schema.json", () => {
  it("is what the zod schema generates (run `npm run schema` after changing src/lib/spec/schema.ts)", () => {
    expect(shipped).toBe(answersJsonSchemaText());
  });

  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(answersJsonSchema());

  it.each(examples)("accepts examples/%s.yaml", (name) => {
    const data = parse(readFileSync(new URL(`../examples/${name}.yaml`, import.meta.url), "utf8"));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses an unknown scheme, an unknown field and a missing module", () => {
    const data = { description: "d", service: { name: "S", baseUrl: "https://s.example" }, auth: { scheme: "digest" }, extra: 1 };
    expect(validate(data)).toBe(false);
    const messages = JSON.stringify(validate.errors);
    expect(messages).toContain("module");
    expect(messages).toContain("extra");
    expect(messages).toContain("/auth");
  });
});
