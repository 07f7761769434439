// `yo mxsecure:role [Name]`: add a module role to the kit in this folder and regenerate it.
import { interviewRole, type Ask } from "../../lib/prompts/interview.js";
import { AddGenerator } from "../add-generator.js";

export default class RoleGenerator extends AddGenerator {
  protected readonly kind = "role";

  protected interview(ask: Ask, spec: Record<string, unknown>, given: Record<string, unknown>) {
    const taken = ["Administrator", "User", ...((spec.roles ?? []) as { name: string }[]).map((r) => r.name)];
    return interviewRole(ask, taken, given);
  }
}
