// References to System-module elements (System.User, System.owner), set by qualified name.
//
// The model server does not serve the System module as a unit, and the SDK resolves qualified
// names only against the units it loaded (mendixmodelsdk src/sdk/internal/AbstractModel.js:96-107
// fills the name cache from the served units; QualifiedNameCache.js:34-48 resolves from it). So
// model.findEntityByQualifiedName("System.User") is null on every real app, and a reference to it
// cannot be assigned as an object. A by-name reference stores only the name: its
// updateWithRawValue (src/sdk/internal/properties/ByNameReferenceProperty.js:48-50) sets it, and
// the change is sent as an UPDATE_PROPERTY_VALUE delta (ByNameReferenceProperty.js:52-57,
// src/sdk/internal/structures.js:269-307). The SDK's own serializer writes exactly this for a
// reference it cannot resolve (src/sdk/extras/JavaScriptSerializer.js:124-128 and 250-261), and
// marks it "an unsupported internal property": the public .d.ts does not declare it, so it is
// reached here through one checked cast. The two properties used are ByNameReferenceProperty
// instances: CrossAssociation.__child and MemberAccess.__association (src/gen/domainmodels.js:2175
// and 4829).
import type { domainmodels, microflows, pages } from "mendixmodelsdk";

/** Modules that are never units of an app's model: their elements can only be named. */
const NAMED_ONLY_MODULES = new Set(["System"]);

export function isNamedOnly(qualifiedName: string): boolean {
  return NAMED_ONLY_MODULES.has(qualifiedName.split(".")[0] ?? "");
}

interface RawByNameReference {
  updateWithRawValue(value: string): void;
  qualifiedName(): string | null;
}

function byNameProperty(element: object, property: string): RawByNameReference {
  const value: unknown = (element as Record<string, unknown>)[`__${property}`];
  const candidate = value as Partial<RawByNameReference> | undefined;
  if (typeof candidate?.updateWithRawValue !== "function" || typeof candidate.qualifiedName !== "function") {
    throw new Error(`This Model SDK version has no by-name reference "${property}"; the kit was written for mendixmodelsdk 4.111.0.`);
  }
  return candidate as RawByNameReference;
}

function setByName(element: object, property: string, qualifiedName: string): void {
  if (!isNamedOnly(qualifiedName)) throw new Error(`${qualifiedName} is a unit of the model: assign the element, not its name.`);
  const reference = byNameProperty(element, property);
  reference.updateWithRawValue(qualifiedName);
  if (reference.qualifiedName() !== qualifiedName) throw new Error(`Could not set ${property} to ${qualifiedName}.`);
}

/** A cross-module association's child, e.g. System.User. */
export function setCrossChildByName(association: domainmodels.CrossAssociation, qualifiedName: string): void {
  setByName(association, "child", qualifiedName);
}

/** A member access for a System association, e.g. System.owner. */
export function setMemberAssociationByName(access: domainmodels.MemberAccess, qualifiedName: string): void {
  setByName(access, "association", qualifiedName);
}

/**
 * The parameter of a Call microflow argument, e.g. "MyModule.SUB_Request_Authenticate.ConnectionDetails".
 * MicroflowCallParameterMapping.parameter is a by-name reference to Microflows$MicroflowParameter
 * (src/gen/microflows.js:9516), but the parameters a microflow holds are MicroflowParameterObjects,
 * which are not by-name referrable, so no typed setter accepts them. The SDK's serializer writes
 * such a reference by name (src/sdk/extras/JavaScriptSerializer.js:250-261), as done here. The
 * name is Module.Microflow.Parameter, the qualified name Mendix gives a microflow parameter.
 */
/**
 * A microflow URL's query string parameters (Microflow.urlSearchParameters, Mendix 10.9+): a
 * by-name reference list to Microflows$MicroflowParameter (src/gen/microflows.js:9201,
 * ByNameReferenceListProperty), which the microflow's own MicroflowParameterObjects cannot fill
 * (same reason as setCallParameterByName). Its updateWithRawValue replaces the list of names
 * (src/sdk/internal/properties/ByNameReferenceProperty.js:161-163) and sends the list deltas
 * (beforeChange, :183-189); the serializer writes the list by name too (JavaScriptSerializer.js:274-283).
 */
export function setUrlSearchParametersByName(microflow: microflows.Microflow, qualifiedNames: string[]): void {
  for (const name of qualifiedNames) if (name.split(".").length !== 3) throw new Error(`Not Module.Microflow.Parameter: ${name}`);
  const value: unknown = (microflow as unknown as Record<string, unknown>).__urlSearchParameters;
  const list = value as { updateWithRawValue?: (names: string[]) => void; qualifiedNames?: () => string[] } | undefined;
  if (typeof list?.updateWithRawValue !== "function" || typeof list.qualifiedNames !== "function") {
    throw new Error('This Model SDK version has no by-name list "urlSearchParameters"; the kit was written for mendixmodelsdk 4.111.0.');
  }
  list.updateWithRawValue(qualifiedNames);
  if (list.qualifiedNames().join(",") !== qualifiedNames.join(",")) throw new Error("Could not set the microflow URL's query parameters.");
}

export function setCallParameterByName(mapping: microflows.MicroflowCallParameterMapping, qualifiedName: string): void {
  if (qualifiedName.split(".").length !== 3) throw new Error(`Not Module.Microflow.Parameter: ${qualifiedName}`);
  const reference = byNameProperty(mapping, "parameter");
  reference.updateWithRawValue(qualifiedName);
  if (reference.qualifiedName() !== qualifiedName) throw new Error(`Could not set parameter to ${qualifiedName}.`);
}

/**
 * The parameter of a button's microflow argument, e.g. "MyModule.ACT_ConnectionDetails_Save.SecretInput".
 * pages.MicroflowParameterMapping.parameter is the same by-name reference to
 * Microflows$MicroflowParameter (src/gen/pages.js:31890) as a Call microflow argument's, so it is
 * set by name the same way.
 */
export function setPageParameterByName(mapping: pages.MicroflowParameterMapping, qualifiedName: string): void {
  if (qualifiedName.split(".").length !== 3) throw new Error(`Not Module.Microflow.Parameter: ${qualifiedName}`);
  const reference = byNameProperty(mapping, "parameter");
  reference.updateWithRawValue(qualifiedName);
  if (reference.qualifiedName() !== qualifiedName) throw new Error(`Could not set parameter to ${qualifiedName}.`);
}
