// The interview's rename records renamedFrom (issue 18), for an entity or attribute the interview
// started with (from an existing kit's spec or an answers file): only those can be in an app
// already. Renaming something added in the same interview records nothing.
import { describe, expect, it } from "vitest";
import { interview } from "../src/lib/prompts/interview.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { examplePath } from "./helpers/spec.js";

async function scripted(given: Record<string, unknown>, script: Record<string, unknown[]>) {
  const queues = Object.fromEntries(Object.entries(script).map(([k, v]) => [k, [...v]]));
  const result = await interview(async (q) => {
    const queue = queues[q.name];
    if (!queue?.length) throw new Error(`unexpected question ${q.name} (${q.message})`);
    return queue.shift() as string | boolean;
  }, given);
  for (const [name, queue] of Object.entries(queues)) expect(queue, `answers left for ${name}`).toEqual([]);
  return result;
}

describe("renaming in the interview's review", () => {
  const given = readAnswersFile(examplePath("erp-basic")).data as Record<string, unknown>;

  it("records the entity's and the attribute's previous names, and the result is a valid spec", async () => {
    const result = await scripted(structuredClone(given), {
      secretStorage: ["database"],
      addRole: [false],
      review: ["entity:0", "write"],
      changeOrRemove: ["change"],
      entityName: ["CustomerOrder"],
      entityDocumentation: ["A sales order as the ERP reports it."],
      ownership: ["shared"],
      persistable: [true],
      entityEditable: [false],
      attributeAction: ["change", "keep", "keep", "keep", "keep"],
      attributeName: ["OrderNo"],
      attributeType: ["string"],
      attributeLength: ["20"],
      sensitive: [false],
      attributeEditable: [false],
      addAttribute: [false],
    });
    const entity = (result.entities as Record<string, unknown>[])[0]!;
    expect(entity).toMatchObject({ name: "CustomerOrder", renamedFrom: "SalesOrder" });
    expect((entity.attributes as Record<string, unknown>[])[0]).toMatchObject({ name: "OrderNo", renamedFrom: "OrderNumber" });
    expect(validateSpec(result).ok).toBe(true);
  });
});
