// A finding's fingerprint: what a suppression binds to. It covers the rule, the place and what the
// finding says, so a suppression written for one finding never silences a different or worse one
// at the same place (a Viewer override that later gains create, delete and write shows again).
import { createHash } from "node:crypto";
import type { Finding } from "./types.js";

export function fingerprint(finding: Pick<Finding, "rule" | "path" | "message">): string {
  return createHash("sha256").update(`${finding.rule}\u0000${finding.path}\u0000${finding.message}`).digest("hex").slice(0, 16);
}
