// Loads and renders the EJS templates under templates/. Every value reaches a template through an
// escaping helper; `<%=` is bound to the Markdown table-cell escaper so that it is safe by default.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import { mdCell, mdCellCode, mdCode, mdParagraph, mdText } from "../escape/markdown.js";

/** templates/ at the package root, found from this file in lib/ (tests) or dist/lib/ (built). */
export const TEMPLATES_DIR = findTemplates(dirname(fileURLToPath(import.meta.url)));

function findTemplates(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, "templates");
    if (existsSync(join(candidate, "kit"))) return candidate;
  }
  throw new Error(`templates/ not found above ${from}`);
}

const compiled = new Map<string, ejs.TemplateFunction>();

export const markdown = { text: mdText, paragraph: mdParagraph, cell: mdCell, code: mdCode, cellCode: mdCellCode };

export function renderMarkdownTemplate(name: string, data: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    const file = join(TEMPLATES_DIR, name);
    template = ejs.compile(readFileSync(file, "utf8"), { filename: file, escape: mdCell, strict: true, localsName: "it" });
    compiled.set(name, template);
  }
  return template({ ...data, md: markdown }) as string;
}
