// Names that become file names: the module names the kit folder (and Mendix's javasource/<module>/
// folder), and each entity gets a Java proxy class, javasource/<module>/proxies/<Entity>.java,
// in the Mendix app. Windows refuses its reserved device names as file names, with or without an
// extension ("Naming Files, Paths, and Namespaces", learn.microsoft.com/windows/win32/fileio/naming-a-file):
// a kit or an app with such a name cannot be checked out there.
import type { Problem } from "./problems.js";
import type { Spec } from "./schema.js";

const RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;

export function isWindowsReservedName(name: string): boolean {
  return RESERVED.test(name.split(".")[0]!);
}

function reserved(name: string, what: string): string {
  return `${name} is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), so ${what} could not be created there; choose another name`;
}

export function fileNameProblems(spec: Pick<Spec, "module" | "entities">): Problem[] {
  const problems: Problem[] = [];
  if (isWindowsReservedName(spec.module)) problems.push({ path: "module", message: reserved(spec.module, "the kit folder and the module's Java folder") });
  spec.entities.forEach((entity, index) => {
    if (isWindowsReservedName(entity.name)) {
      problems.push({ path: `entities[${index}].name`, message: reserved(entity.name, `Mendix's Java proxy ${entity.name}.java`) });
    }
  });
  return problems;
}
