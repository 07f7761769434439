import type { Plan } from "../plan/types.js";
import { accessMatrix, flowSummaries, incompatibleRoles, mermaidAccess, mermaidEntities, reach, ruleRows, secretHandling } from "./security-view.js";
import { renderMarkdownTemplate } from "./templates.js";
import type { KitFile } from "./types.js";

export function renderSecurityMd(plan: Plan): KitFile {
  const view = {
    matrix: accessMatrix(plan),
    rules: ruleRows,
    incompatible: (role: Plan["roles"][number]) => incompatibleRoles(plan, role),
    reach,
    secretHandling: secretHandling(plan),
    mermaidEntities: mermaidEntities(plan),
    mermaidAccess: mermaidAccess(plan),
    flows: flowSummaries(plan),
  };
  return { path: "SECURITY.md", contents: renderMarkdownTemplate("kit/SECURITY.md.ejs", { plan, view }) };
}
