// Which OAuth scopes only read: proposed from the scope's name and description, confirmed by a
// person (interactive) or overridden with --answers. Measured on real documents' scopes (see the
// report of issue 23 and test/openapi-scopes.test.ts).

/** Words that grant changes; they win over a read word ("read_write", "Read and write"). */
const WRITE = /\b(write|writes|readwrite|manage|manages|managing|admin|administer|create|creates|delete|deletes|update|updates|edit|edits|modify|modifies|change|changes|send|sends|post|posts|remove|removes|execute|full|all access|transfer|pay|payout|payouts|refund|capture|initiate|initiates)\b/i;
/** OpenID Connect's standard scopes only ask for claims about the user (OpenID Connect Core 1.0, section 5.4). */
const OIDC_CLAIMS = new Set(["openid", "profile", "email", "address", "phone"]);
const READ = /\b(read|reads|readonly|read-only|view|views|viewer|list|lists|get|gets|retrieve|retrieves|see|lookup|search|history)\b/i;

/**
 * True when a scope looks read-only. The name decides first, by its last action word: "admin.users:read"
 * reads, "read_write" and "chat:write:bot" write. A name without one is judged by its description,
 * where any write word wins.
 */
export function looksReadOnly(scope: string, description = ""): boolean {
  if (OIDC_CLAIMS.has(scope)) return true;
  // Split a name into words: "assets.read", "read:org", "accounting.transactions.read", "user-read-email".
  const words = scope.replace(/([a-z])([A-Z])/g, "$1 $2").split(/[^A-Za-z0-9]+/).filter(Boolean);
  for (const word of words.reverse()) {
    if (WRITE.test(word)) return false;
    if (READ.test(word)) return true;
  }
  return !WRITE.test(description) && READ.test(description);
}

export function readOnlyScopes(scopes: Readonly<Record<string, string>>): string[] {
  return Object.entries(scopes).filter(([scope, description]) => looksReadOnly(scope, typeof description === "string" ? description : "")).map(([scope]) => scope);
}
