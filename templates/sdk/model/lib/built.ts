// What the build steps share: where they report, and the elements created so far, by name.
import type { domainmodels, projects, security } from "mendixmodelsdk";

export interface Report {
  /** One line per element created (the same lines as --dry-run). */
  step(line: string): void;
  /** Something the script could not do itself and the developer should finish in Studio Pro. */
  warn(line: string): void;
}

export interface Built {
  module: projects.Module;
  roles: Map<string, security.ModuleRole>;
  folders: Map<string, projects.Folder>;
  entities: Map<string, domainmodels.Entity>;
  /** Keyed Entity.Attribute. */
  attributes: Map<string, domainmodels.Attribute>;
  associations: Map<string, domainmodels.AssociationBase>;
}

/** Returns the value, or stops with what is missing. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Cannot find ${what} in the model.`);
  return value;
}
