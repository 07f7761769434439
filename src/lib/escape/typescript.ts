// The one way a user string enters generated TypeScript: as a double-quoted string literal.
// JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates;
// on top of that, invisible and direction-changing characters (U+202E, U+2066, zero-width
// spaces, U+2028/U+2029, ...) become \u escapes so the source reads exactly as it runs
// ("Trojan Source"). Backticks, `${`, `*/` and `<%` need nothing: inside a "..." literal they are
// plain characters.

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function tsString(value: string): string {
  const json = JSON.stringify(value);
  // Printable ASCII holds none of them: skip the Unicode-property scan (most names and texts).
  if (PRINTABLE_ASCII.test(json)) return json;
  // Each UTF-16 unit as \uXXXX (a character above U+FFFF becomes its surrogate pair): valid in
  // any string literal, and JSON.parse reads it back the same.
  return json.replace(INVISIBLE, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}
