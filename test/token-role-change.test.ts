// Issue 20, "a token survives a role change": a user moved from a full data role to a read-only one
// kept a token with write scopes. SUB_Request_Authenticate now checks, at each use of a token wider
// than auth.readOnlyScopes, that the user still holds a full data role: a microflow cannot read the
// user's module roles, but a retrieve with Apply entity access returns only objects the user's
// roles may read (docs.mendix.com/refguide/access-rules/, docs.mendix.com/refguide/microflow/#apply-entity-access), so
// SUB_FullDataAccess_Held reads FullDataAccess, an object only the full data roles may read.
// Every assertion below failed on main (no FullDataAccess, no SUB_FullDataAccess_Held, no guard).
import type { microflows } from "mendixmodelsdk";
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/lib/checks/index.js";
import { allSteps, type MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan } from "../src/lib/plan/types.js";
import { mdlManualSteps, mdlMicroflowsPath, renderMdl } from "../src/lib/targets/mdl/index.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { buildModule } from "../templates/sdk/model/lib/build.js";
import type { ModuleDefinition } from "../templates/sdk/model/lib/definition.js";
import { canonical, sdkActivities, type Activity } from "./helpers/activities.js";
import { parseMdl } from "./helpers/mdl-grammar.js";
import { fakeServer, openOfflineModel, recorder } from "./helpers/offline-model.js";
import { planFor, planFrom, specForExample } from "./helpers/spec.js";
import { readFileSync } from "node:fs";

const plan = planFor("acme-crm-oauth");
const M = plan.module;
const flow = (p: Plan, name: string) => p.microflows.find((m) => m.name === name);
type Decision = Extract<MicroflowStep, { kind: "decision" }>;

describe("SUB_Request_Authenticate refuses a token with write scopes to a user without a full data role (plan)", () => {
  const top = flow(plan, "SUB_Request_Authenticate")!.steps;
  const all = allSteps(top);
  const at = (test: (s: MicroflowStep) => boolean) => all.findIndex(test);

  it("compares the stored grant with the read-only scopes, asks SUB_FullDataAccess_Held, and only then refreshes or decrypts", () => {
    const connected = at((s) => s.kind === "decision" && s.caption === "Not connected?");
    const compare = at((s) => s.kind === "callJava" && s.action === `${M}.ScopeWithin`);
    const held = at((s) => s.kind === "callMicroflow" && s.microflow === "SUB_FullDataAccess_Held");
    const refuse = at((s) => s.kind === "decision" && s.caption === "Write scopes without a full data role?");
    const refresh = at((s) => s.kind === "callMicroflow" && s.microflow === "SUB_UserToken_Refresh");
    const decrypt = at((s) => s.kind === "callJava" && s.action.startsWith("Encryption."));
    expect(connected).toBeGreaterThanOrEqual(0);
    expect(compare).toBeGreaterThan(connected);
    expect(held).toBeGreaterThan(compare);
    expect(refuse).toBeGreaterThan(held);
    expect(refresh).toBeGreaterThan(refuse);
    expect(decrypt).toBeGreaterThan(refuse);
    expect(all[compare]).toMatchObject({
      args: [
        { param: "granted", value: { k: "attr", var: "UserToken", attribute: "GrantedScope" } },
        { param: "requested", value: { k: "str", value: "contacts.read" } },
      ],
    });
  });

  it("asks only for a token wider than the read-only scopes (or with no recorded grant), creating the marker with CreateOnce first", () => {
    const wider = top.find((s) => s.kind === "decision" && s.caption === "Token wider than the read-only scopes?") as Decision;
    expect(JSON.stringify(wider.condition)).toContain('"attribute":"GrantedScope"');
    expect(JSON.stringify(wider.condition)).toContain('"value":"yes"');
    const kinds = allSteps(wider.then).map((s) => (s.kind === "callJava" ? s.action : s.kind === "callMicroflow" ? s.microflow : s.kind));
    expect(kinds).toEqual(["retrieve", "decision", `${M}.CreateOnce`, "SUB_FullDataAccess_Held", "set"]);
    expect(allSteps(wider.then).find((s) => s.kind === "callJava")).toMatchObject({ args: [{ param: "entity", value: { k: "str", value: `${M}.FullDataAccess` } }] });
  });

  it("refusing logs a fixed text, deletes the token through ConsumeOnce and returns empty", () => {
    const refuse = top.find((s) => s.kind === "decision" && s.caption === "Write scopes without a full data role?") as Decision;
    expect(refuse.then.map((s) => s.kind)).toEqual(["log", "callJava", "return"]);
    expect(refuse.then[0]).toMatchObject({ level: "Warning", message: { args: [] } });
    expect(refuse.then[1]).toMatchObject({
      action: `${M}.ConsumeOnce`,
      args: [
        { param: "entity", value: { k: "str", value: `${M}.UserToken` } },
        { param: "ownerAssociation", value: { k: "str", value: `${M}.UserToken_User` } },
        { param: "attribute", value: { k: "str", value: "EncryptedAccessToken" } },
        { param: "value", value: { k: "attr", var: "UserToken", attribute: "EncryptedAccessToken" } },
      ],
    });
    expect(refuse.then[2]).toEqual({ kind: "return", value: { k: "empty" } });
  });
});

describe("FullDataAccess and SUB_FullDataAccess_Held", () => {
  it("FullDataAccess is persistable and readable by the full data roles only; no rule may create or delete it", () => {
    const marker = plan.entities.find((e) => e.name === "FullDataAccess")!;
    expect(marker).toMatchObject({ persistable: true, ownership: "shared", purpose: "role-marker" });
    expect(marker.accessRules.map((r) => r.role)).toEqual(["User"]);
    expect(marker.accessRules.every((r) => !r.allowCreate && !r.allowDelete && r.members.every((m) => m.rights !== "ReadWrite"))).toBe(true);
    expect(marker.documentation).toMatch(/microflow cannot read the user's module roles/);
  });

  it("the sub is private, applies entity access and returns whether it found the object", () => {
    const held = flow(plan, "SUB_FullDataAccess_Held")!;
    expect(held).toMatchObject({ allowedRoles: [], applyEntityAccess: true, returnType: "Boolean" });
    expect(held.steps).toEqual([
      { kind: "retrieve", out: "FullDataAccess", entity: "FullDataAccess", where: [], first: true },
      { kind: "return", value: { k: "op", op: "!=", left: { k: "var", name: "FullDataAccess" }, right: { k: "empty" } } },
    ]);
  });

  it("only kits whose read-only roles authorize with readOnlyScopes get them", () => {
    const yaml = readFileSync(new URL("../examples/acme-crm-oauth.yaml", import.meta.url), "utf8");
    const without = planFrom(yaml.replace(/^ {2}readOnlyScopes:.*$/m, ""));
    expect(without.entities.map((e) => e.name)).not.toContain("FullDataAccess");
    expect(without.microflows.map((m) => m.name)).not.toContain("SUB_FullDataAccess_Held");
    expect(allSteps(flow(without, "SUB_Request_Authenticate")!.steps).some((s) => s.kind === "callJava" && s.action.endsWith(".ScopeWithin"))).toBe(false);
    for (const example of ["billing-client-credentials", "erp-basic", "weather-api-token"]) {
      expect(planFor(example).entities.map((e) => e.name), example).not.toContain("FullDataAccess");
    }
  });

  it("SECURITY.md's requirement, checklist and sequence diagram say so", () => {
    expect(plan.auth.requirements.join("\n")).toMatch(/used only while the user still holds a full data role/);
    expect(plan.checklist.join("\n")).toMatch(/Keep Apply entity access set to Yes on SUB_FullDataAccess_Held/);
    expect(JSON.stringify(plan.auth.sequenceDiagrams)).toContain("SUB_FullDataAccess_Held");
  });

  it("the MDL route lists SUB_FullDataAccess_Held among the microflows whose Apply entity access must be checked by hand", () => {
    expect(mdlManualSteps(plan).join("\n")).toMatch(/Check that [^.]*SUB_FullDataAccess_Held[^.]* Apply entity access set to Yes/);
  });
});

function lines(activities: Activity[]): string[] {
  return activities.flatMap((a) => [`${a.rule} ${a.parts.join(" | ")}`, ...lines(a.then ?? []), ...lines(a.else ?? [])]);
}

describe("both appliers render the check", () => {
  it("MDL and SDK: ScopeWithin, then the Held sub, then ConsumeOnce, before the refresh; the Held sub applies entity access", async () => {
    const script = renderMdl(plan).find((f) => f.path === mdlMicroflowsPath(plan))!.contents;
    const parsed = parseMdl(script);
    const model = await openOfflineModel(fakeServer(), { encryption: true });
    buildModule(model, moduleDefinition(plan) as unknown as ModuleDefinition, recorder());
    const mdl = lines(canonical(parsed.bodies.find((b) => b.microflow.at(-1) === "SUB_Request_Authenticate")!.body, ""));
    const sdk = lines(canonical(sdkActivities(model.findMicroflowByQualifiedName(`${M}.SUB_Request_Authenticate`) as microflows.Microflow)));
    for (const flowLines of [mdl, sdk]) {
      const i = (pattern: RegExp) => flowLines.findIndex((l) => pattern.test(l));
      const compare = i(new RegExp(`^callJavaActionStatement WithinReadOnly \\| ${M}\\.ScopeWithin`));
      expect(compare).toBeGreaterThan(0);
      expect(i(/SUB_FullDataAccess_Held/)).toBeGreaterThan(compare);
      expect(i(new RegExp(`^callJavaActionStatement Dropped \\| ${M}\\.ConsumeOnce`))).toBeGreaterThan(i(/SUB_FullDataAccess_Held/));
      expect(i(/SUB_UserToken_Refresh/)).toBeGreaterThan(i(/Dropped/));
    }
    expect(mdl).toEqual(sdk);
    expect(script).toMatch(/@applyentityaccess\(true\)\s*\n[^\n]*SUB_FullDataAccess_Held/i);
    expect((model.findMicroflowByQualifiedName(`${M}.SUB_FullDataAccess_Held`) as microflows.Microflow).applyEntityAccess).toBe(true);
  });
});

describe("TokenFlowsHold catches a plan without the use-time check", () => {
  const spec = specForExample("acme-crm-oauth");
  const audited = (mutate: (p: Plan) => void) => {
    const mutated = structuredClone(plan);
    mutate(mutated);
    return runChecks(spec, mutated).filter((f) => f.rule === "TokenFlowsHold").map((f) => f.message);
  };
  const roleChange = /^SUB_Request_Authenticate uses a token with write scopes without checking that the user still holds a full data role/;

  it("passes the plan as built", () => {
    expect(audited(() => {})).toEqual([]);
  });

  it("catches main's SUB_Request_Authenticate, without the guard", () => {
    expect(audited((p) => {
      const auth = flow(p, "SUB_Request_Authenticate")!;
      const first = auth.steps.findIndex((s) => s.kind === "callJava" && s.action.endsWith(".ScopeWithin"));
      auth.steps.splice(first, 4);
    })).toEqual([expect.stringMatching(roleChange)]);
  });

  it("catches the Held sub with Apply entity access off (every user would pass)", () => {
    expect(audited((p) => { flow(p, "SUB_FullDataAccess_Held")!.applyEntityAccess = false; })).toEqual([expect.stringMatching(roleChange)]);
  });

  it("catches a read-only role that may read FullDataAccess", () => {
    expect(audited((p) => {
      const marker = p.entities.find((e) => e.name === "FullDataAccess")!;
      marker.accessRules.push({ ...structuredClone(marker.accessRules[0]!), role: "Viewer" });
    })).toEqual([expect.stringMatching(roleChange)]);
  });

  it("catches a token deleted only after the refresh ran", () => {
    expect(audited((p) => {
      const auth = flow(p, "SUB_Request_Authenticate")!;
      const refuse = auth.steps.findIndex((s) => s.kind === "decision" && s.caption === "Write scopes without a full data role?");
      const [moved] = auth.steps.splice(refuse, 1);
      auth.steps.splice(auth.steps.length - 1, 0, moved!);
    })).toEqual([expect.stringMatching(roleChange)]);
  });
});
