// Builds the module in an opened model with the Mendix Model SDK, in the order describe.ts lists
// it, and reports each element as it is created. When the app already has the module (a changed
// kit applied again), it updates it instead (existing.ts says what it keeps and what it replaces).
import { constants, datatypes, domainmodels, projects, security } from "mendixmodelsdk";
import type { IModel } from "mendixmodelsdk";
import type { AccessRuleDefinition, AssociationDefinition, AttributeDefinition, EntityDefinition, MemberRights, ModuleDefinition } from "./definition.js";
import {
  accessRuleLines,
  associationLines,
  attributeLine,
  constantLines,
  entityLines,
  javaActionLine,
  folderLine,
  importMappingLines,
  jsonStructureLines,
  moduleLine,
  roleLines,
} from "./describe.js";
import { required, type Built, type Report } from "./built.js";
import { isNamedOnly, setCrossChildByName, setMemberAssociationByName } from "./by-name.js";
import { buildJavaAction } from "./java-actions.js";
import { buildImportMapping, buildJsonStructure } from "./mappings.js";
import { buildMicroflows, buildNanoflows } from "./microflows.js";
import { buildSnippets } from "./pages.js";
import { adoptModule, existingModule, removeKitAccessRules, removeKitDocuments } from "./existing.js";

export function buildModule(model: IModel, def: ModuleDefinition, report: Report): Built {
  const lines = (all: string[]) => all.forEach((line) => report.step(line));

  const existing = existingModule(model, def);
  const module = existing ?? projects.Module.createIn(model.root);
  let moduleSecurity: security.ModuleSecurity;
  let domainModel: domainmodels.DomainModel;
  if (existing) {
    moduleSecurity = existing.moduleSecurity as security.ModuleSecurity;
    domainModel = existing.domainModel as domainmodels.DomainModel;
    report.step(`Module ${def.name} exists: updating it to what this kit says`);
  } else {
    module.name = def.name;
    moduleSecurity = security.ModuleSecurity.createIn(module);
    domainModel = domainmodels.DomainModel.createIn(module);
    projects.ModuleSettings.createIn(module);
    report.step(moduleLine(def));
  }

  const built: Built = { module, roles: new Map(), folders: new Map(), entities: new Map(), attributes: new Map(), associations: new Map() };
  if (existing) {
    adoptModule(existing, def, built, report);
    removeKitDocuments(model, def, report);
  }

  for (const role of def.roles) {
    const moduleRole = built.roles.get(role.name) ?? security.ModuleRole.createIn(moduleSecurity);
    moduleRole.name = role.name;
    moduleRole.description = role.documentation;
    built.roles.set(role.name, moduleRole);
    lines(roleLines(def.name, role));
  }

  for (const name of def.folders) {
    if (built.folders.has(name)) continue;
    const folder = projects.Folder.createIn(module);
    folder.name = name;
    built.folders.set(name, folder);
    report.step(folderLine(name));
  }

  def.entities.forEach((entity, index) => {
    const found = built.entities.get(entity.name);
    if (found) updateEntity(found, entity, built, report);
    else built.entities.set(entity.name, createEntity(domainModel, entity, index, built));
    lines(entityLines(def.name, entity));
    entity.attributes.forEach((attribute) => report.step(attributeLine(attribute)));
  });

  for (const entity of def.entities) {
    for (const association of entity.associations) {
      const previous = previousAssociationName(def, entity, association);
      const found = built.associations.get(association.name) ?? (previous ? built.associations.get(previous) : undefined);
      if (found && found.name !== association.name) report.step(`Renamed association ${def.name}.${found.name} to ${association.name} in place: its links are kept.`);
      const made = found ? updateAssociation(found, association) : createAssociation(model, domainModel, entity, association, built);
      built.associations.set(association.name, made);
      lines(associationLines(def.name, entity.name, association));
    }
  }

  for (const entity of def.entities) {
    if (existing) removeKitAccessRules(required(built.entities.get(entity.name), `entity ${entity.name}`), def.name);
    for (const rule of entity.accessRules) {
      createAccessRule(entity, rule, built);
      lines(accessRuleLines(def.name, entity.name, rule));
    }
  }

  for (const constant of def.constants) {
    const found = model.findConstantByQualifiedName(`${def.name}.${constant.name}`) as constants.Constant | null;
    if (found) {
      found.defaultValue = constant.defaultValue;
      found.exposedToClient = constant.exposedToClient;
      found.documentation = constant.documentation;
      lines(constantLines(def.name, constant));
      continue;
    }
    const created = constants.Constant.createIn(required(built.folders.get(constant.folder), `folder ${constant.folder}`));
    created.name = constant.name;
    datatypes.StringType.createInConstantUnderType(created);
    created.defaultValue = constant.defaultValue;
    created.exposedToClient = constant.exposedToClient;
    created.documentation = constant.documentation;
    lines(constantLines(def.name, constant));
  }

  for (const javaAction of def.javaActions ?? []) {
    buildJavaAction(javaAction, built);
    report.step(javaActionLine(def.name, javaAction));
  }

  for (const structure of def.jsonStructures ?? []) {
    buildJsonStructure(structure, built);
    lines(jsonStructureLines(def.name, structure));
  }
  for (const mapping of def.importMappings ?? []) {
    buildImportMapping(model, def.name, mapping, def.jsonStructures ?? [], built);
    lines(importMappingLines(def.name, mapping));
  }

  buildMicroflows(model, def.name, def.microflows, built, report);
  buildNanoflows(model, def.name, def.nanoflows ?? [], built, report);
  buildSnippets(model, def.name, def.snippets ?? [], built, report);
  return built;
}

function createEntity(domainModel: domainmodels.DomainModel, entity: EntityDefinition, index: number, built: Built): domainmodels.Entity {
  const created = domainmodels.Entity.createIn(domainModel);
  created.name = entity.name;
  created.documentation = entity.documentation;
  // A simple grid, three entities a row, so the domain model opens readable.
  created.location = { x: 40 + (index % 3) * 320, y: 40 + Math.floor(index / 3) * 260 };
  const generalization = domainmodels.NoGeneralization.createIn(created);
  generalization.persistable = entity.persistable;
  generalization.hasOwner = entity.storeOwner;
  generalization.hasChangedBy = false;
  generalization.hasCreatedDate = false;
  generalization.hasChangedDate = false;
  for (const attribute of entity.attributes) {
    built.attributes.set(`${entity.name}.${attribute.name}`, createAttribute(created, attribute));
  }
  return created;
}

/** An entity the app has: the kit's documentation, and the attributes it lacks (adoptModule found the rest). */
function updateEntity(found: domainmodels.Entity, entity: EntityDefinition, built: Built, report: Report): void {
  found.documentation = entity.documentation;
  const generalization = found.generalization;
  if (generalization instanceof domainmodels.NoGeneralization && generalization.persistable !== entity.persistable) {
    report.warn(`Entity ${entity.name}: the kit says persistable ${entity.persistable}, the app has ${generalization.persistable}; the script leaves it (changing it drops or creates the table). Change it in Studio Pro if you mean to.`);
  }
  if (generalization instanceof domainmodels.NoGeneralization && entity.storeOwner) generalization.hasOwner = true;
  for (const attribute of entity.attributes) {
    if (!built.attributes.has(`${entity.name}.${attribute.name}`)) built.attributes.set(`${entity.name}.${attribute.name}`, createAttribute(found, attribute));
  }
}

/** The name an association had before its entity (parent or child) was renamed, as the MDL renames script computes it. */
function previousAssociationName(def: ModuleDefinition, entity: EntityDefinition, association: AssociationDefinition): string | undefined {
  const previous = (name: string) => def.entities.find((e) => e.name === name)?.renamedFrom ?? name;
  const child = association.child.includes(".") ? association.child.split(".").at(-1)! : association.child;
  if (association.name !== `${entity.name}_${child}`) return undefined;
  const from = `${previous(entity.name)}_${association.child.includes(".") ? child : previous(child)}`;
  return from === association.name ? undefined : from;
}

function updateAssociation(found: domainmodels.AssociationBase, association: AssociationDefinition): domainmodels.AssociationBase {
  found.name = association.name;
  found.documentation = association.documentation;
  if (association.deleteWithChild) found.deleteBehavior.childDeleteBehavior = domainmodels.DeletingBehavior.DeleteMeAndReferences;
  return found;
}

function createAttribute(entity: domainmodels.Entity, attribute: AttributeDefinition): domainmodels.Attribute {
  const created = domainmodels.Attribute.createIn(entity);
  created.name = attribute.name;
  created.documentation = attribute.documentation;
  switch (attribute.type) {
    case "string":
      domainmodels.StringAttributeType.createInAttributeUnderType(created).length = attribute.length ?? 200;
      break;
    case "integer":
      domainmodels.IntegerAttributeType.createInAttributeUnderType(created);
      break;
    case "long":
      domainmodels.LongAttributeType.createInAttributeUnderType(created);
      break;
    case "decimal":
      domainmodels.DecimalAttributeType.createInAttributeUnderType(created);
      break;
    case "boolean":
      domainmodels.BooleanAttributeType.createInAttributeUnderType(created);
      break;
    case "datetime":
      domainmodels.DateTimeAttributeType.createInAttributeUnderType(created).localizeDate = true;
      break;
  }
  // Every stored attribute gets a StoredValue; a Boolean needs "false" rather than an empty default.
  const value = domainmodels.StoredValue.createIn(created);
  value.defaultValue = attribute.defaultValue ?? (attribute.type === "boolean" ? "false" : "");
  return created;
}

const RIGHTS: Record<MemberRights, domainmodels.MemberAccessRights> = {
  None: domainmodels.MemberAccessRights.None,
  ReadOnly: domainmodels.MemberAccessRights.ReadOnly,
  ReadWrite: domainmodels.MemberAccessRights.ReadWrite,
};

function createAccessRule(entity: EntityDefinition, rule: AccessRuleDefinition, built: Built): void {
  const created = domainmodels.AccessRule.createInEntityUnderAccessRules(required(built.entities.get(entity.name), `entity ${entity.name}`));
  created.moduleRoles.push(required(built.roles.get(rule.role), `module role ${rule.role}`));
  created.allowCreate = rule.allowCreate;
  created.allowDelete = rule.allowDelete;
  created.defaultMemberAccessRights = RIGHTS[rule.defaultMemberAccessRights];
  created.xPathConstraint = rule.xpath;
  created.documentation = rule.documentation;
  for (const member of rule.members) {
    const access = domainmodels.MemberAccess.createIn(created);
    if (member.kind === "attribute") {
      access.attribute = required(built.attributes.get(`${entity.name}.${member.member}`), `attribute ${entity.name}.${member.member}`);
    } else if (member.kind === "association") {
      access.association = required(built.associations.get(member.member), `association ${member.member}`);
    } else {
      // System.owner: the System module is not a unit of the model, so it is named (by-name.ts).
      setMemberAssociationByName(access, member.member);
    }
    access.accessRights = RIGHTS[member.rights];
  }
}

function createAssociation(
  model: IModel,
  domainModel: domainmodels.DomainModel,
  entity: EntityDefinition,
  association: AssociationDefinition,
  built: Built,
): domainmodels.AssociationBase {
  const parent = required(built.entities.get(entity.name), `entity ${entity.name}`);
  const localChild = built.entities.get(association.child);
  let created: domainmodels.AssociationBase;
  if (localChild) {
    const local = domainmodels.Association.createIn(domainModel);
    local.parent = parent;
    local.child = localChild;
    created = local;
  } else {
    // Child in another module: a cross-module association. System.User is named, not looked up.
    const cross = domainmodels.CrossAssociation.createIn(domainModel);
    cross.parent = parent;
    if (isNamedOnly(association.child)) setCrossChildByName(cross, association.child);
    else cross.child = required(model.findEntityByQualifiedName(association.child), `entity ${association.child}`);
    created = cross;
  }
  created.name = association.name;
  created.type = association.type === "reference-set" ? domainmodels.AssociationType.ReferenceSet : domainmodels.AssociationType.Reference;
  created.owner = domainmodels.AssociationOwner.Default;
  created.documentation = association.documentation;
  if (association.deleteWithChild) {
    // Deleting the child (the user) deletes the objects that refer to it: Studio Pro's "Delete
    // {parent} object(s) as well" on the child side. The AssociationDeleteBehavior part is created
    // with every association (AssociationBase._initializeDefaultProperties, mendixmodelsdk src/gen/domainmodels.js:487).
    created.deleteBehavior.childDeleteBehavior = domainmodels.DeletingBehavior.DeleteMeAndReferences;
  }
  return created;
}
