// `yo mxsecure:entity [Name]`: add an entity to the kit in this folder and regenerate it.
import { interviewEntity, type Ask } from "../../lib/prompts/interview.js";
import { AddGenerator } from "../add-generator.js";

export default class EntityGenerator extends AddGenerator {
  protected readonly kind = "entity";

  protected interview(ask: Ask, spec: Record<string, unknown>, given: Record<string, unknown>) {
    const entities = ((spec.entities ?? []) as { name: string; persistable?: boolean }[]).map((e) => ({
      name: e.name,
      persistable: e.persistable !== false,
    }));
    return interviewEntity(ask, { module: String(spec.module), entities }, given);
  }
}
