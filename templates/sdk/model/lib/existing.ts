// Updating a module the app already has (issue 18): a changed kit (a new role, entity, attribute,
// rename, narrower access) reaches the app by running the script again. What the script owns it
// brings to what the kit says; what the app has beyond the kit it keeps, and says so in words:
//  - module roles, folders, entities, attributes, associations, constants: found by name (or by
//    their previous name, renamedFrom: renamed in place, so objects and values stay), else created;
//  - an entity or attribute the kit no longer lists is kept with its data, and the script says
//    that deleting it in Studio Pro would delete that data;
//  - access rules on the kit's entities that name only this module's roles are the kit's: they are
//    removed and made again from the kit, so a narrower kit narrows the app;
//  - the kit's documents (Java actions, JSON structures, import mappings, microflows, nanoflows,
//    snippets) are removed and built again under the same name, with the allowed roles the kit
//    gives them, as `create or modify` does on the MDL route.
// The model's units must be loaded first (loadModule): Mendix model units load on demand
// (IDomainModel.load(), mendixmodelsdk src/gen/domainmodels.d.ts; IModuleSecurity.load()).
import type { IModel } from "mendixmodelsdk";
import { domainmodels, projects, security } from "mendixmodelsdk";
import type { Built, Report } from "./built.js";
import type { EntityDefinition, ModuleDefinition } from "./definition.js";

/** The module the app already has under the kit's name, or undefined. */
export function existingModule(model: IModel, def: ModuleDefinition): projects.Module | undefined {
  return model.allModules().find((m) => m.name === def.name) as projects.Module | undefined;
}

/** Loads the units an update reads: the module's domain model, module security and documents. */
export async function loadModule(model: IModel, def: ModuleDefinition): Promise<void> {
  const module = existingModule(model, def);
  if (!module) return;
  await module.domainModel.load();
  await module.moduleSecurity.load();
  const q = (name: string) => `${def.name}.${name}`;
  const documents = [
    ...(def.javaActions ?? []).map((d) => model.findJavaActionByQualifiedName(q(d.name))),
    ...(def.jsonStructures ?? []).map((d) => model.findJsonStructureByQualifiedName(q(d.name))),
    ...(def.importMappings ?? []).map((d) => model.findImportMappingByQualifiedName(q(d.name))),
    ...def.microflows.map((d) => model.findMicroflowByQualifiedName(q(d.name))),
    ...(def.nanoflows ?? []).map((d) => model.findNanoflowByQualifiedName(q(d.name))),
    ...(def.snippets ?? []).map((d) => model.findSnippetByQualifiedName(q(d.name))),
    ...def.constants.map((d) => model.findConstantByQualifiedName(q(d.name))),
  ];
  for (const unit of documents) if (unit) await unit.load();
}

/** The existing module's parts in `built`, renamed where the kit renames, and what the kit no longer lists reported. */
export function adoptModule(module: projects.Module, def: ModuleDefinition, built: Built, report: Report): void {
  const moduleSecurity = module.moduleSecurity as security.ModuleSecurity;
  for (const role of def.roles) {
    const found = moduleSecurity.moduleRoles.find((r) => r.name === role.name);
    if (found) built.roles.set(role.name, found);
  }
  const listed = new Set(def.roles.map((r) => r.name));
  for (const role of moduleSecurity.moduleRoles.filter((r) => !listed.has(r.name))) {
    report.warn(`Module role ${def.name}.${role.name} is no longer in the kit; it was kept with its grants. Remove it in Studio Pro if no user role needs it.`);
  }
  for (const folder of module.folders) built.folders.set(folder.name, folder as projects.Folder);

  const domainModel = module.domainModel as domainmodels.DomainModel;
  for (const entity of def.entities) {
    const found = domainModel.entities.find((e) => e.name === entity.name) ?? (entity.renamedFrom ? domainModel.entities.find((e) => e.name === entity.renamedFrom) : undefined);
    if (!found) continue;
    if (found.name !== entity.name) {
      report.step(`Renamed entity ${def.name}.${found.name} to ${entity.name} in place: its objects are kept.`);
      found.name = entity.name;
    }
    built.entities.set(entity.name, found);
    adoptAttributes(def.name, found, entity, built, report);
  }
  const entities = new Set(def.entities.map((e) => e.name));
  for (const entity of domainModel.entities.filter((e) => !entities.has(e.name))) {
    report.warn(
      `Entity ${def.name}.${entity.name} is no longer in the kit; it was kept with its objects. Deleting it in Studio Pro deletes every ${entity.name} object stored in the app (data loss); to rename it instead, give the new entity renamedFrom: ${entity.name} in mxsecure.yaml.`,
    );
  }
  for (const association of domainModel.associations) built.associations.set(association.name, association);
  for (const association of domainModel.crossAssociations) built.associations.set(association.name, association);
}

function adoptAttributes(module: string, entity: domainmodels.Entity, def: EntityDefinition, built: Built, report: Report): void {
  for (const attribute of def.attributes) {
    const found =
      entity.attributes.find((a) => a.name === attribute.name) ?? (attribute.renamedFrom ? entity.attributes.find((a) => a.name === attribute.renamedFrom) : undefined);
    if (!found) continue;
    if (found.name !== attribute.name) {
      report.step(`Renamed attribute ${module}.${def.name}.${found.name} to ${attribute.name} in place: its values are kept.`);
      found.name = attribute.name;
    }
    found.documentation = attribute.documentation;
    built.attributes.set(`${def.name}.${attribute.name}`, found);
  }
  const listed = new Set(def.attributes.map((a) => a.name));
  for (const attribute of entity.attributes.filter((a) => !listed.has(a.name))) {
    report.warn(
      `Attribute ${module}.${def.name}.${attribute.name} is no longer in the kit; it was kept with its values. Deleting it in Studio Pro deletes its value in every ${def.name} object (data loss); to rename it instead, give the new attribute renamedFrom: ${attribute.name} in mxsecure.yaml.`,
    );
  }
}

/**
 * The entity's access rules that are the kit's (every role they name is one of this module's),
 * removed so the kit's rules are made again: grants that became narrower narrow in the app too.
 */
export function removeKitAccessRules(entity: domainmodels.Entity, moduleName: string): number {
  const ours = entity.accessRules.filter(
    (rule) => rule instanceof domainmodels.AccessRule && rule.moduleRoles.length > 0 && rule.moduleRoles.every((r) => r.qualifiedName?.startsWith(`${moduleName}.`)),
  );
  ours.forEach((rule) => rule.delete());
  return ours.length;
}

/** Removes the kit's documents that exist, so the build makes them again from the kit. */
export function removeKitDocuments(model: IModel, def: ModuleDefinition, report: Report): void {
  const q = (name: string) => `${def.name}.${name}`;
  const documents = [
    ...def.microflows.map((d) => model.findMicroflowByQualifiedName(q(d.name))),
    ...(def.nanoflows ?? []).map((d) => model.findNanoflowByQualifiedName(q(d.name))),
    ...(def.snippets ?? []).map((d) => model.findSnippetByQualifiedName(q(d.name))),
    ...(def.importMappings ?? []).map((d) => model.findImportMappingByQualifiedName(q(d.name))),
    ...(def.jsonStructures ?? []).map((d) => model.findJsonStructureByQualifiedName(q(d.name))),
    ...(def.javaActions ?? []).map((d) => model.findJavaActionByQualifiedName(q(d.name))),
  ];
  let count = 0;
  for (const unit of documents) {
    if (!unit) continue;
    unit.delete();
    count++;
  }
  if (count) report.step(`Replacing ${count} document(s) the kit owns (microflows, nanoflows, snippets, mappings, Java actions) with the kit's version.`);
}
