// The "Requirements" block at the top of the kit README: what a person needs before applying the
// kit, in three lines. Modules come from the plan's dependencies only, so a kit never names a
// module it does not use.
import type { Plan } from "../plan/types.js";
import { MIN_MXCLI_VERSION } from "../targets/mdl/index.js";

/**
 * The lowest module version the kit relies on, where one is known. Encryption: the {AES3} prefix
 * EncryptString requires exists from 2.2.0 (/work/shared/reference/facts.md, "The Encryption
 * module"; not checked against the Marketplace here). NanoflowCommons' OpenURL and SAML20 carry
 * no pinned version: the kit uses nothing a current release lacks.
 */
export const MODULE_MIN_VERSIONS: Readonly<Record<string, string>> = { Encryption: "2.2.0" };

/** Studio Pro: 10.9 when a microflow has a URL with query string parameters, else 9.24 (the oldest model the SDK script is checked against). */
export function studioProVersion(plan: Plan): { version: string; why: string } {
  return plan.microflows.some((m) => m.url)
    ? { version: "10.9", why: "the OAuth callback is a microflow URL with query string parameters" }
    : { version: "9.24", why: "the oldest model version the Model SDK script is checked against" };
}

export function requirementLines(plan: Plan): string[] {
  const studio = studioProVersion(plan);
  const modules = plan.dependencies.map((d) => {
    const version = MODULE_MIN_VERSIONS[d.module];
    return `${d.module}${version ? ` ${version} or later` : ""}`;
  });
  return [
    `Studio Pro ${studio.version} or later (${studio.why}).`,
    `Marketplace modules: ${modules.length ? modules.join(", ") : "none"}.`,
    `mxcli ${MIN_MXCLI_VERSION} or later, for the MDL route only.`,
  ];
}
