// Small English helpers for messages and generated prose, so that a name or a count never reads
// as "a Organization", "1 constants" or "User or Viewer or Support".

/** "a" or "an" for a word, by how it is usually spoken (a User, an Update, a Euro, an Invoice). */
export function article(word: string): "a" | "an" {
  if (/^eu/i.test(word)) return "a";
  if (/^[aeio]/i.test(word)) return "an";
  // "u" sounding like "you": User, Usage, Unit, Union, Utility, Uranium.
  if (/^u/i.test(word)) return /^u(s[aeiou]|ni|ti|r[aeiou])/i.test(word) ? "a" : "an";
  return "a";
}

/** The word with its article: "an Organization". */
export function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}

/** "1 constant", "2 constants"; `many` for irregular plurals ("1 entity", "2 entities"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "User", "User or Viewer", "User, Viewer or Support" (`word` "and" for "and"). */
export function listWords(items: readonly string[], word: "or" | "and" = "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}
