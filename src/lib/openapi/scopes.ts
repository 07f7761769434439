// Which OAuth scopes only read: proposed from the scope's name and description, confirmed by a
// person (interactive) or overridden with --answers. Measured on real documents' scopes (see the
// report of issue 23 and test/openapi-scopes.test.ts).

/** Words that grant changes; they win over a read word ("read_write", "Read and write"). */
const WRITE = /\b(write|writes|manage|manages|admin|administer|create|creates|delete|deletes|update|updates|edit|edits|modify|modifies|change|changes|send|sends|post|posts|remove|removes|execute|full|all access|transfer|pay|payments?)\b/i;
const READ = /\b(read|reads|readonly|read-only|view|views|viewer|list|lists|get|gets|retrieve|retrieves|see|lookup|search)\b/i;

/** True when a scope looks read-only from its name (first) and description. */
export function looksReadOnly(scope: string, description = ""): boolean {
  // Split a name into words: "assets.read", "read:org", "accounting.transactions.read", "user-read-email".
  const words = scope.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[._:/\-]+/g, " ");
  if (WRITE.test(words)) return false;
  if (READ.test(words)) return true;
  return !WRITE.test(description) && READ.test(description);
}

export function readOnlyScopes(scopes: Readonly<Record<string, string>>): string[] {
  return Object.entries(scopes).filter(([scope, description]) => looksReadOnly(scope, typeof description === "string" ? description : "")).map(([scope]) => scope);
}
