// An editable user-owned entity: the data role may create (issue 22), but Mendix never applies an
// access rule's XPath to create (a rule with [false()] still lets a data grid create and save an
// object nobody then sees: forum.mendix.com/link/questions/11962). SECURITY.md must not let
// "C (own)" read as "users can only create their own objects".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderKit } from "../src/lib/kit/render.ts";
import { buildPlan } from "../src/lib/plan/build.ts";
import { examplePath, specOf } from "./helpers/spec.ts";

function securityMd(editable: boolean): string {
  const data = parse(readFileSync(examplePath("acme-crm-oauth"), "utf8"));
  data.entities[0].editable = editable;
  const spec = specOf(data);
  return renderKit(spec, buildPlan(spec)).find((f) => f.path === "SECURITY.md")!.contents;
}

describe("SECURITY.md on owner-created objects", () => {
  it("says the create right is not bound to the owner, and names ACT_<Entity>_New", () => {
    const text = securityMd(true).replace(/\n> /g, " ");
    expect(text).toMatch(/\| Contact \| data \| — \| CRWD \(own\) \|/);
    expect(text).toContain("C (own) on Contact does not bind new objects to their creator");
    expect(text).toContain("can save a Contact without `Contact_User`");
    expect(text).toContain("Only `ACT_Contact_New` links a new object to its user");
  });

  it("says nothing of it where no role creates a user-owned entity", () => {
    expect(securityMd(false)).not.toContain("does not bind new objects");
  });
});
