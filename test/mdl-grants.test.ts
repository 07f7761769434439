// The security model as the MDL script states it: grants read back from the script's tokens
// (not from the renderer), checked against the design's rules and against the plan.
import { describe, expect, it } from "vitest";
import { renderMdl } from "../src/lib/targets/mdl/index.js";
import { readBack, type EntityGrant } from "../src/lib/targets/mdl/read-back.js";
import { ownerXPath } from "../src/lib/plan/members.js";
import type { Plan, PlanEntity } from "../src/lib/plan/types.js";
import { answers, EXAMPLES, planFor, planFrom } from "./helpers/spec.js";

function grantsOf(plan: Plan) {
  // Both scripts: entity access in <Module>.mdl, microflow access in <Module>.microflows.mdl.
  const script = renderMdl(plan)
    .map((f) => f.contents)
    .join("\n");
  const back = readBack(script);
  // The strict string rule (mdl 1) must read the same statements.
  expect(readBack(script, "strict").entityGrants.map(({ xpath: _x, ...g }) => g)).toEqual(back.entityGrants.map(({ xpath: _x, ...g }) => g));
  return back;
}

function entityOf(plan: Plan, grant: EntityGrant): PlanEntity {
  expect(grant.entity[0]).toBe(plan.module);
  const entity = plan.entities.find((e) => e.name === grant.entity[1]);
  if (!entity) throw new Error(`grant on unknown entity ${grant.entity.join(".")}`);
  return entity;
}

function roleOf(plan: Plan, grant: EntityGrant) {
  expect(grant.role[0]).toBe(plan.module);
  const role = plan.roles.find((r) => r.name === grant.role[1]);
  if (!role) throw new Error(`grant to unknown role ${grant.role.join(".")}`);
  return role;
}

describe.each(EXAMPLES)("grants in the MDL script of %s", (example) => {
  const plan = planFor(example);
  const back = grantsOf(plan);

  it("reads back at least one grant per role that has access anywhere", () => {
    const granted = new Set(back.entityGrants.map((g) => g.role[1]));
    const withRules = new Set(plan.entities.flatMap((e) => e.accessRules.map((r) => r.role)));
    for (const role of withRules) expect(granted, role).toContain(role);
  });

  it("never grants a configuration role on a data entity, nor a data role on ConnectionDetails", () => {
    for (const grant of back.entityGrants) {
      const entity = entityOf(plan, grant);
      const role = roleOf(plan, grant);
      if (role.kind === "configuration") expect(entity.purpose, `${role.name} on ${entity.name}`).not.toBe("data");
      if (role.kind === "data") expect(entity.name, `${role.name}`).not.toBe("ConnectionDetails");
    }
  });

  it("names no encrypted member in any grant", () => {
    for (const grant of back.entityGrants) {
      const entity = entityOf(plan, grant);
      const encrypted = new Set(entity.attributes.filter((a) => a.encrypted).map((a) => a.name));
      expect([...grant.read, ...grant.write].filter((m) => encrypted.has(m) || m.startsWith("Encrypted"))).toEqual([]);
    }
  });

  it("constrains every data-role grant of a user-owned entity to the owner", () => {
    for (const grant of back.entityGrants) {
      const entity = entityOf(plan, grant);
      const role = roleOf(plan, grant);
      // A data role with reach: all (reporting, support) sees every user's data rows on purpose; tokens stay per user.
      const own = role.reach === "own" || entity.purpose !== "data";
      if (role.kind === "data" && entity.ownerAssociation && own) expect(grant.xpath, `${grant.role[1]} on ${entity.name}`).toBe(ownerXPath(plan.module, entity.name));
    }
  });

  it("gives read-only roles no create or write; delete only on their own token (disconnect)", () => {
    for (const grant of back.entityGrants) {
      const entity = entityOf(plan, grant);
      if (!roleOf(plan, grant).readOnly) continue;
      expect(grant.create || grant.write.length > 0, `${grant.role[1]} on ${entity.name}`).toBe(false);
      if (grant.delete) {
        expect(entity.purpose).toBe("token");
        expect(grant.xpath).toBe(ownerXPath(plan.module, entity.name));
      }
    }
  });

  it("states each plan access rule: same rights, members and XPath", () => {
    // A rule that grants nothing (module security complete) is made by the script too: a grant of
    // one read and its partial revoke, which the read-back applies as mxcli does (issue 18). Those
    // rules come first on their entity, before any grant.
    const grantsSomething = (rule: Plan["entities"][number]["accessRules"][number]) =>
      rule.allowCreate || rule.allowDelete || rule.members.some((m) => m.kind !== "system" && m.rights !== "None");
    const expected = plan.entities.flatMap((entity) =>
      [...entity.accessRules.filter((r) => !grantsSomething(r)), ...entity.accessRules.filter(grantsSomething)].map((rule) => ({
        role: [plan.module, rule.role],
        entity: [plan.module, entity.name],
        create: rule.allowCreate,
        delete: rule.allowDelete,
        read: rule.members.filter((m) => m.kind !== "system" && m.rights !== "None").map((m) => m.member),
        write: rule.members.filter((m) => m.kind !== "system" && m.rights === "ReadWrite").map((m) => m.member),
        ...(rule.xpath === undefined ? {} : { xpath: rule.xpath }),
      })),
    );
    expect(back.entityGrants).toEqual(expected);
  });

  it("grants execute on exactly the microflows with allowed roles, to exactly those roles", () => {
    const expected = plan.microflows
      .filter((m) => m.allowedRoles.length > 0)
      .map((m) => ({ microflow: [plan.module, m.name], roles: m.allowedRoles.map((r) => [plan.module, r]) }));
    expect(back.microflowGrants).toEqual(expected);
  });

  it("creates every module role with its documentation as description", () => {
    expect(back.moduleRoles.map((r) => r.role[1])).toEqual(plan.roles.map((r) => r.name));
    for (const role of back.moduleRoles) expect(role.description).toBeTruthy();
  });
});

describe("grants of an access override", () => {
  it("writes a hand-set XPath with quotes and a backslash exactly (both string rules)", () => {
    const plan = planFrom(
      answers(
        "scheme: none",
        [
          "entities:",
          "  - name: Ticket",
          "    documentation: A ticket.",
          "    ownership: shared",
          "    attributes: [{ name: Title, type: string }]",
          "    access:",
          "      User: { read: all, xpath: \"[Title != 'it''s \\\\ done']\" }",
        ].join("\n"),
      ),
    );
    const rule = plan.entities.find((e) => e.name === "Ticket")!.accessRules.find((r) => r.role === "User")!;
    expect(rule.xpath).toBe("[Title != 'it''s \\ done']");
    const grant = grantsOf(plan).entityGrants.find((g) => g.entity[1] === "Ticket")!;
    expect(grant.xpath).toBe(rule.xpath);
    expect(grant.read).toEqual(["Title"]);
  });
});
