// Mendix naming rules (facts.md): a name starts with a letter and holds only letters, digits and
// underscores; some attribute names are reserved by the runtime (consistency error CE7247).

export const MENDIX_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const JAVA_KEYWORDS = [
  "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
  "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
  "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
  "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
  "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
  "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
];

const MENDIX_RESERVED_ATTRIBUTES = [
  "changedby", "changeddate", "con", "context", "createddate", "currentuser", "empty", "guid", "id",
  "mendixobject", "object", "owner", "submetaobjectname", "type",
];

const RESERVED = new Set([...MENDIX_RESERVED_ATTRIBUTES, ...JAVA_KEYWORDS]);

/** True when Mendix refuses this as an attribute name (case-insensitive). */
export function isReservedAttributeName(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

/** Java keywords also break entity, module and role names in the generated Java proxies. */
export function isJavaKeyword(name: string): boolean {
  return JAVA_KEYWORDS.includes(name.toLowerCase());
}

export const NAME_RULE = "a Mendix name: a letter first, then letters, digits or underscores (e.g. AcmeCrmConnector)";

/** Levenshtein distance, for did-you-mean hints on unknown fields. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest known name, when it is close enough to be a likely typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
