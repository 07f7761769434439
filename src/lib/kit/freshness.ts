// Kit files out of step with the spec, for the audit: a separate input beside the rules (which
// read the spec only). When the audited file is a kit's own spec, every file the kit's .yo-rc.json
// records is compared with the hash of what mxsecure last generated for it. A SECURITY.md kept
// through a "no" to overwrite or a .yo-resolve skip then describes a model the scripts no longer
// apply; the audit says so. Reads only: hashes, no rendering (the audit must start fast).
import { lstatSync } from "node:fs";
import { readBytes } from "../spec/load.js";
import { MAX_KIT_FILE_BYTES } from "./disk.js";
import { dirname, join, resolve } from "node:path";
import type { Finding, RuleInfo } from "../checks/types.js";
import { UserError } from "../spec/problems.js";
import { assertNoLinks, insideKit } from "./links.js";
import { findKit } from "./location.js";
import { hashContents } from "./manifest.js";
import { YO_RC } from "./marker.js";

export const KIT_IN_STEP: RuleInfo = {
  name: "KitInStep",
  severity: "warning",
  description: "Every file of a kit is what mxsecure generated from the kit's spec.",
  help:
    "A kit's .yo-rc.json records a hash of every file mxsecure generated. A file that differs was edited, or kept when the " +
    "kit was regenerated (a \"no\" to overwrite, or a .yo-resolve skip line): SECURITY.md may then describe roles and access " +
    "that the scripts no longer apply. A spec that differs was changed after the kit was generated. Fix: regenerate the kit " +
    "(mxsecure in the kit folder, --force for files you kept), or review the file against the spec.",
};

/** Findings for the kit whose spec is `specFile`; none when the file is not a kit's spec. */
export function kitFreshnessFindings(specFile: string): Finding[] {
  const dir = dirname(resolve(specFile));
  let kit;
  try {
    kit = findKit(dir);
  } catch (error) {
    if (error instanceof UserError) return [finding(`the kit's ${YO_RC} cannot be used: ${error.message}`, "restore it from version control")];
    throw error;
  }
  if (!kit || resolve(kit.specFile) !== resolve(specFile)) return [];
  const specPath = kit.specFile.slice(dir.length + 1);
  const findings: Finding[] = [];
  for (const [recorded, hash] of Object.entries(kit.generated)) {
    const path = insideKit(recorded);
    if (path === undefined || path === YO_RC || typeof hash !== "string") continue;
    const state = stateOf(dir, path, hash);
    if (state === "same") continue;
    if (path === specPath) {
      findings.push(finding(
        `${path} changed after the kit was generated: SECURITY.md, README.md and the scripts still describe the previous spec`,
        "regenerate the kit: run mxsecure in the kit folder",
      ));
    } else {
      findings.push(finding(
        state === "missing"
          ? `${path} is missing from the kit`
          : `${path} is out of step with the spec: it differs from what mxsecure generated (edited, or kept with a "no" to overwrite or a .yo-resolve skip)`,
        `review ${path} against the spec, or regenerate it (mxsecure --force in the kit folder, after removing any .yo-resolve line for it)`,
      ));
    }
  }
  return findings;
}

function stateOf(dir: string, path: string, hash: string): "same" | "different" | "missing" {
  try {
    assertNoLinks(dir, path);
  } catch {
    return "different";
  }
  const stat = lstatSync(join(dir, path), { throwIfNoEntry: false });
  if (!stat?.isFile()) return "missing";
  // Larger than any file the generator writes: not its file, and not read (a 3 GB sparse README).
  if (stat.size > MAX_KIT_FILE_BYTES) return "different";
  try {
    return hashContents(readBytes(join(dir, path), MAX_KIT_FILE_BYTES, "a kit file", "kit").toString("utf8")) === hash ? "same" : "different";
  } catch {
    return "different";
  }
}

function finding(message: string, fix: string): Finding {
  return { rule: KIT_IN_STEP.name, severity: "warning", path: "", message, fix };
}
