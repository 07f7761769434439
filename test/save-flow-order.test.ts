// ACT_ConnectionDetails_Save's security rules, in order, for every example: HTTPS checks first
// (with feedback on the field), the endpoint check before any encryption, each encryption only
// after the typed-and-not-blank check, the commit after all of them, then SecretInput discarded.
// Each mutation below reorders or drops one rule and must be caught.
import { describe, expect, it } from "vitest";
import { saveOrderProblems } from "../src/lib/checks/save-flow.js";
import type { MicroflowStep } from "../src/lib/plan/steps.js";
import type { Plan, PlanMicroflow } from "../src/lib/plan/types.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

const save = (plan: Plan): PlanMicroflow => plan.microflows.find((m) => m.name === "ACT_ConnectionDetails_Save")!;
const rulesOf = (plan: Plan) => ({
  urls: plan.auth.endpoints.filter((e) => e.endsWith("Url")),
  databaseSecrets: plan.secrets.filter((s) => s.source === "administrator" && s.storage === "database").map((s) => s.name),
  clearsOnHostChange: plan.auth.endpointPolicy === "secrets-bound-to-endpoints",
});
const problems = (plan: Plan) => saveOrderProblems(save(plan), rulesOf(plan));
const mutate = (example: string, change: (steps: MicroflowStep[]) => MicroflowStep[]) => {
  const plan = structuredClone(planFor(example));
  const flow = save(plan);
  flow.steps = change(flow.steps);
  return problems(plan);
};
const caption = (prefix: string) => (s: MicroflowStep) => s.kind === "decision" && s.caption.startsWith(prefix);
const moveToEnd = (steps: MicroflowStep[], pick: (s: MicroflowStep) => boolean) => {
  const picked = steps.filter(pick);
  const rest = steps.filter((s) => !pick(s));
  return [...rest.slice(0, -1), ...picked, rest.at(-1)!];
};

describe.each(EXAMPLES)("the save of %s", (example) => {
  it("keeps every security rule in order", () => {
    expect(problems(planFor(example))).toEqual([]);
  });
});

describe("a reordered or weakened save is caught", () => {
  it("the plan under test has every rule to lose", () => {
    expect(rulesOf(planFor("billing-client-credentials"))).toEqual({ urls: ["BaseUrl", "TokenUrl"], databaseSecrets: ["ClientSecret"], clearsOnHostChange: true });
  });

  it("the endpoint check moved after the encryption", () => {
    const endpoint = (s: MicroflowStep) => (s.kind === "retrieve" && s.out === "Committed") || caption("Saved before?")(s);
    const out = mutate("billing-client-credentials", (steps) => {
      const moved = steps.filter(endpoint);
      const rest = steps.filter((s) => !endpoint(s));
      const afterEncrypt = rest.findIndex(caption("New ")) + 1;
      return [...rest.slice(0, afterEncrypt), ...moved, ...rest.slice(afterEncrypt)];
    });
    expect(out).toContain("ClientSecret is encrypted before the endpoint check");
  });

  it("the endpoint check removed", () => {
    expect(mutate("billing-client-credentials", (steps) => steps.filter((s) => !caption("Saved before?")(s)))).toContain("ClientSecret is not cleared when an endpoint changes");
  });

  it("the encryption taken out of its non-empty check", () => {
    const out = mutate("erp-basic", (steps) => steps.flatMap((s) => (caption("New ")(s) && s.kind === "decision" ? s.then : [s])));
    expect(out).toContain("Password is encrypted without the typed-and-not-blank check");
  });

  it("the commit moved before the encryption", () => {
    const out = mutate("erp-basic", (steps) => {
      const commit = steps.find((s) => s.kind === "commit")!;
      const rest = steps.filter((s) => s !== commit);
      return [...rest.slice(0, rest.findIndex(caption("New "))), commit, ...rest.slice(rest.findIndex(caption("New ")))];
    });
    expect(out).toContain("Password is encrypted after the commit");
    expect(out).toContain("a step other than discarding SecretInput runs after the commit");
  });

  it("an HTTPS check moved to the end, or dropped", () => {
    expect(mutate("acme-crm-oauth", (steps) => moveToEnd(steps, caption("TokenUrl is not HTTPS")))).toContain("an HTTPS check runs after another step");
    expect(mutate("acme-crm-oauth", (steps) => steps.filter((s) => !caption("TokenUrl is not HTTPS")(s)))).toContain("no HTTPS check with feedback on TokenUrl");
  });

  it("SecretInput kept", () => {
    expect(mutate("erp-basic", (steps) => steps.filter((s) => s.kind !== "delete"))).toEqual(["SecretInput is not discarded after the commit"]);
  });
});
