// SECURITY.md's sequence diagrams (Mermaid `sequenceDiagram`). Each scheme declares its own in its
// module; this file only checks them. A diagram holds fixed words only: participants are fixed
// labels, never the service or module name, so no user text can reach Mermaid's parser. The check
// refuses any character outside a small set, so a name slipped in later fails the build instead of
// drawing something else (Mermaid reads `;` and newlines as statement ends, `#...;` as entity codes,
// `<`/`>` and quotes as markup: mermaid.js.org/syntax/sequenceDiagram.html, "Entity codes to escape characters").
import type { SequenceDiagram } from "./types.js";

/** Letters, digits, spaces and the punctuation the arrows, aliases and messages need. */
const FIXED_TEXT = /^[A-Za-z0-9 _.,:()/=+?>-]*$/;

export function sequenceDiagram(title: string, lines: string[]): SequenceDiagram {
  for (const line of [title, ...lines]) {
    if (!FIXED_TEXT.test(line)) throw new Error(`sequence diagram "${title}": a line holds a character Mermaid could read as markup: ${JSON.stringify(line)}`);
  }
  return { title, mermaid: ["sequenceDiagram", ...lines.map((line) => `  ${line}`)].join("\n") };
}
