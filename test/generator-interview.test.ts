// The interview's per-prompt validation: yeoman-test's dummy prompts skip `validate`, so these call
// the interview with a scripted `ask` and try each question's validate function directly.
import { describe, expect, it } from "vitest";
import { interview, type Question } from "../src/lib/prompts/interview.js";
import { validateSpec } from "../src/lib/spec/validate.js";

/** Runs a full interview with `answers` (loop questions from lists) and keeps every question asked. */
async function interviewWith(answers: Record<string, unknown>, turns: Record<string, unknown[]> = {}, given: Record<string, unknown> = {}) {
  const questions = new Map<string, Question>();
  const queues = Object.fromEntries(Object.entries(turns).map(([k, v]) => [k, [...v]]));
  const result = await interview(async (q) => {
    questions.set(q.name, q);
    const queue = queues[q.name];
    if (queue) {
      if (!queue.length) throw new Error(`${q.name} asked more often than scripted`);
      return queue.shift() as string | boolean;
    }
    if (!(q.name in answers)) throw new Error(`unexpected question ${q.name}`);
    return answers[q.name] as string | boolean;
  }, given);
  return { result, questions };
}

const FULL = {
  module: "ValidConnector",
  description: "Checks answers.",
  serviceName: "Valid",
  scheme: "basic",
  baseUrl: "https://api.valid.example",
  secretStorage: "database",
  roleName: "Auditor",
  roleKind: "data",
  roleReadOnly: true,
  roleReach: "own",
  entityEditable: false,
  attributeEditable: false,
  roleDocumentation: "Reads every order for audits; never combine with Administrator.",
  review: "write",
};

describe("interview validation at each prompt", async () => {
  const { result, questions } = await interviewWith(FULL, { addRole: [true, false], addEntity: [false] });
  const validate = (name: string) => {
    const q = questions.get(name);
    if (!q?.validate) throw new Error(`question ${name} has no validate`);
    return q.validate;
  };

  it("produces answers that form a valid spec", () => {
    expect(validateSpec(result).ok).toBe(true);
  });

  it("refuses module names that are not Mendix names", () => {
    expect(validate("module")("1Connector")).toMatch(/Mendix name/);
    expect(validate("module")("Acme-Connector")).toMatch(/Mendix name/);
    expect(validate("module")("AcmeConnector")).toBe(true);
  });

  it("refuses a base URL that is not HTTPS for basic authentication", () => {
    expect(validate("baseUrl")("http://api.valid.example")).toMatch(/^This URL is not HTTPS \(http:\/\/api\.valid\.example\); use an https:\/\/ URL$/);
    expect(validate("baseUrl")("not a url")).not.toBe(true);
    expect(validate("baseUrl")("https://api.valid.example")).toBe(true);
  });

  it("refuses role documentation the RoleDocumented check would refuse later", () => {
    expect(validate("roleDocumentation")("Reads.")).toMatch(/shorter than 20/);
    expect(validate("roleDocumentation")("TODO: write what this role may do")).toMatch(/placeholder/);
    expect(validate("roleDocumentation")("   ")).toMatch(/no documentation/);
    expect(validate("roleDocumentation")(FULL.roleDocumentation)).toBe(true);
  });

  it("refuses a second role with the name of a built-in role, ignoring case", () => {
    expect(validate("roleName")("administrator")).toMatch(/exists already/);
    expect(validate("roleName")("Viewer")).toBe(true);
  });
});

describe("interview with entities", () => {
  it("refuses an entity named like the module or a generated entity, and reserved or duplicate attribute names", async () => {
    const { questions } = await interviewWith(
      { ...FULL, entityDocumentation: "A customer order.", ownership: "shared", persistable: true, attributeType: "decimal", sensitive: false },
      { addRole: [false], addEntity: [true, false], entityName: ["Order"], addAttribute: [true, true, false], attributeName: ["Total", "Tax"] },
    );
    const entityName = questions.get("entityName")!.validate!;
    expect(entityName("validconnector")).toMatch(/taken/);
    expect(entityName("ConnectionDetails")).toMatch(/taken/);
    expect(entityName("Order")).toBe(true);
    const attribute = questions.get("attributeName")!.validate!;
    expect(attribute("Owner")).not.toBe(true);
    // When the second attribute is asked, the entity has Total already: a duplicate, ignoring case.
    expect(attribute("total")).toMatch(/exists already/);
    expect(attribute("Amount")).toBe(true);
  });
});

describe("interview for an api-token", () => {
  const API_TOKEN = { ...FULL, scheme: "api-token", headerName: "X-Api-Key" };

  it("checks the header and prefix with the schema's rules", async () => {
    const { questions } = await interviewWith({ ...API_TOKEN, tokenPrefix: "Token" }, { addRole: [false], addEntity: [false] });
    expect(questions.get("headerName")!.validate!("X Api Key")).toMatch(/HTTP header name/);
    expect(questions.get("headerName")!.validate!("X-Api-Key")).toBe(true);
    expect(questions.get("tokenPrefix")!.validate!("Bearer token")).toMatch(/without spaces/);
    expect(questions.get("tokenPrefix")!.validate!("none")).toBe(true);
  });

  it('takes "none" as no prefix (an empty answer would take the default)', async () => {
    const { result } = await interviewWith({ ...API_TOKEN, tokenPrefix: "none" }, { addRole: [false], addEntity: [false] });
    expect(result.auth).toMatchObject({ scheme: "api-token", headerName: "X-Api-Key", tokenPrefix: "" });
    expect(validateSpec(result).ok).toBe(true);
  });

  it("keeps a prefix the answers file gives, even the word none", async () => {
    const { result, questions } = await interviewWith(API_TOKEN, { addRole: [false], addEntity: [false] }, { auth: { scheme: "api-token", tokenPrefix: "none" } });
    expect(questions.has("tokenPrefix")).toBe(false);
    expect((result.auth as Record<string, unknown>).tokenPrefix).toBe("none");
  });
});

describe("interview: associations and the summary", () => {
  /** Answers from per-question queues; every question asked is recorded in order. */
  async function scriptedInterview(script: Record<string, unknown[]>) {
    const asked: Question[] = [];
    script = Object.fromEntries(Object.entries(script).map(([name, queue]) => [name, [...queue]]));
    const result = await interview(async (q) => {
      asked.push(q);
      const queue = script[q.name];
      // Questions these scripts predate (issue 22) take their default unless scripted.
      if (!queue && ["entityEditable", "attributeEditable", "roleReach"].includes(q.name)) return q.default!;
      if (!queue?.length) throw new Error(`unexpected question ${q.name} (${q.message})`);
      return queue.shift() as string | boolean;
    });
    for (const [name, queue] of Object.entries(script)) expect(queue, `answers left for ${name}`).toEqual([]);
    return { result, asked };
  }

  const BASICS = { serviceName: ["Help Desk"], module: ["HelpDeskConnector"], description: ["Syncs tickets."], scheme: ["none"], baseUrl: ["https://desk.example"], addRole: [false] };
  const TWO_ENTITIES = {
    addEntity: [true, true, false],
    entityName: ["Ticket", "Organization"],
    entityDocumentation: ["A request.", "A customer."],
    ownership: ["user", "shared"],
    persistable: [true, true],
    addAttribute: [false, false],
  };

  it("asks for associations once every entity exists, so the first entity can refer to a later one", async () => {
    const { result, asked } = await scriptedInterview({
      ...BASICS,
      ...TWO_ENTITIES,
      addAssociation: [true, false],
      associationTo: ["Organization"],
      associationType: ["reference"],
      review: ["write"],
    });
    // Ticket's association question comes after Organization was asked for.
    const names = asked.map((q) => q.name);
    expect(names.indexOf("addAssociation")).toBeGreaterThan(names.lastIndexOf("entityName"));
    expect(asked.find((q) => q.name === "associationTo")!.choices).toEqual(["Organization"]);
    expect(result.entities).toMatchObject([
      { name: "Ticket", associations: [{ to: "Organization", type: "reference" }] },
      { name: "Organization", associations: [] },
    ]);
    expect(validateSpec(result).ok).toBe(true);
  });

  it("goes back from the summary to rename an entity: associations to it follow the new name", async () => {
    const { result, asked } = await scriptedInterview({
      ...BASICS,
      ...TWO_ENTITIES,
      // The change re-asks Organization with its answers as defaults; it is renamed Company.
      entityName: ["Ticket", "Organization", "Company"],
      entityDocumentation: ["A request.", "A customer.", "A customer."],
      ownership: ["user", "shared", "shared"],
      persistable: [true, true, true],
      addAttribute: [false, false, false],
      addAssociation: [true, false, false],
      associationTo: ["Organization"],
      associationType: ["reference"],
      // Summary: change entity 1 (Organization); then write.
      review: ["entity:1", "write"],
      changeOrRemove: ["change"],
    });
    const review = asked.filter((q) => q.name === "review");
    expect(review).toHaveLength(2);
    expect(review[0]!.message).toContain("Organization (shared)");
    expect(review[1]!.message).toContain("Company (shared)");
    // The re-asked name offers the old one as its default.
    expect(asked.filter((q) => q.name === "entityName").at(-1)!.default).toBe("Organization");
    expect(result.entities).toMatchObject([
      { name: "Ticket", associations: [{ to: "Company", type: "reference" }] },
      { name: "Company", documentation: "A customer." },
    ]);
    expect(validateSpec(result).ok).toBe(true);
  });

  it("removes an entity from the summary, and the associations to it with it", async () => {
    const { result } = await scriptedInterview({
      ...BASICS,
      ...TWO_ENTITIES,
      addAssociation: [true, false],
      associationTo: ["Organization"],
      associationType: ["reference-set"],
      review: ["entity:1", "write"],
      changeOrRemove: ["remove"],
    });
    expect(result.entities).toMatchObject([{ name: "Ticket", associations: [] }]);
    expect((result.entities as unknown[]).length).toBe(1);
    expect(validateSpec(result).ok).toBe(true);
  });

  it("changes one attribute from the summary and keeps the others", async () => {
    const { result } = await scriptedInterview({
      ...BASICS,
      addEntity: [true, false],
      entityName: ["Ticket", "Ticket"],
      entityDocumentation: ["A request.", "A request."],
      ownership: ["shared", "shared"],
      persistable: [true, true],
      addAttribute: [true, true, false, false],
      attributeName: ["Subject", "Body", "Title"],
      attributeType: ["string", "string", "string"],
      attributeLength: ["200", "0", "150"],
      sensitive: [false, false, false],
      review: ["entity:0", "write"],
      changeOrRemove: ["change"],
      attributeAction: ["change", "keep"],
    });
    expect((result.entities as { attributes: unknown[] }[])[0]!.attributes).toEqual([
      { name: "Title", type: "string", length: 150, sensitive: false, editable: false },
      { name: "Body", type: "string", length: 0, sensitive: false, editable: false },
    ]);
  });
});
