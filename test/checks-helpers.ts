// Shared builders for the rule tests: a valid spec that breaks no rule, and helpers to vary it.
import { buildPlan } from "../src/lib/plan/build.ts";
import type { Plan } from "../src/lib/plan/types.ts";
import type { Spec, SpecInput } from "../src/lib/spec/schema.ts";
import { validateSpec } from "../src/lib/spec/validate.ts";

/** OAuth authorization code, a read-only Viewer, a user-owned, a shared and a non-persistable entity. */
export function baseInput(): SpecInput & { roles: NonNullable<SpecInput["roles"]>; entities: NonNullable<SpecInput["entities"]> } {
  return {
    module: "AcmeCrmConnector",
    description: "Connects a Mendix app to the Acme CRM REST API.",
    service: { name: "Acme CRM", baseUrl: "https://api.acme.example/v2" },
    auth: {
      scheme: "oauth-authorization-code",
      authorizationUrl: "https://login.acme.example/oauth2/authorize",
      tokenUrl: "https://login.acme.example/oauth2/token",
    },
    roles: [
      {
        name: "Viewer",
        kind: "data",
        readOnly: true,
        documentation: "Read-only data role: reads the user's own contacts without sensitive members; never combine with Administrator.",
      },
    ],
    entities: [
      {
        name: "Contact",
        documentation: "A CRM contact the signed-in user synchronised.",
        ownership: "user",
        attributes: [
          { name: "FullName", type: "string" },
          { name: "Email", type: "string", sensitive: true },
        ],
        associations: [{ to: "Company" }],
      },
      { name: "Company", documentation: "A company, shared by all users.", attributes: [{ name: "CompanyName", type: "string" }] },
      { name: "Draft", documentation: "A draft kept in the session.", persistable: false, attributes: [{ name: "Text", type: "string" }] },
    ],
  };
}

export function specOf(input: SpecInput): Spec {
  const result = validateSpec(input);
  if (!result.ok) throw new Error(`test spec is invalid: ${JSON.stringify(result.problems)}`);
  return result.spec;
}

export function compile(input: SpecInput): { spec: Spec; plan: Plan } {
  const spec = specOf(input);
  return { spec, plan: buildPlan(spec) };
}
