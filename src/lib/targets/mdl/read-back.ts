// Reads the statements of a generated MDL script back from its tokens: entity grants,
// microflow grants and module roles. The tests use it to check the security model as the
// script states it, independently of how the renderer built the text.
import { lexMdl, quotedName, stringValue, type StringRule, type Token } from "./lex.js";

export interface EntityGrant {
  role: string[];
  entity: string[];
  create: boolean;
  delete: boolean;
  read: string[];
  write: string[];
  xpath?: string;
}

export interface MicroflowGrant {
  microflow: string[];
  roles: string[][];
}

export interface ModuleRole {
  role: string[];
  description?: string;
}

export interface ReadBack {
  entityGrants: EntityGrant[];
  microflowGrants: MicroflowGrant[];
  /** `grant execute on nanoflow`: the same shape, the nanoflow's name in `microflow`. */
  nanoflowGrants: MicroflowGrant[];
  moduleRoles: ModuleRole[];
  /** Every statement's code tokens (no comments), for anything else a test wants to see. */
  statements: Token[][];
}

export function readBack(script: string, rule: StringRule = "escapes"): ReadBack {
  const statements = splitStatements(lexMdl(script, rule));
  const result: ReadBack = { entityGrants: [], microflowGrants: [], nanoflowGrants: [], moduleRoles: [], statements };
  for (const tokens of statements) {
    const cursor = new Cursor(tokens, rule);
    if (cursor.words("grant", "execute", "on", "microflow")) result.microflowGrants.push(microflowGrant(cursor));
    else if (cursor.words("grant", "execute", "on", "nanoflow")) result.nanoflowGrants.push(microflowGrant(cursor));
    else if (cursor.words("grant")) result.entityGrants.push(entityGrant(cursor));
    else if (cursor.words("revoke") && !cursor.words("execute")) applyRevoke(result.entityGrants, cursor);
    else if (cursor.words("create", "module", "role") || cursor.words("create", "or", "modify", "module", "role")) result.moduleRoles.push(moduleRole(cursor));
  }
  return result;
}

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.kind === "doc" || token.kind === "comment") continue;
    if (token.kind === "punct" && token.text === ";") {
      statements.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function entityGrant(c: Cursor): EntityGrant {
  const grant: EntityGrant = { role: c.qualified(), entity: [], create: false, delete: false, read: [], write: [] };
  c.expectWord("on");
  grant.entity = c.qualified();
  c.expectPunct("(");
  do {
    const right = c.word();
    if (right === "create") grant.create = true;
    else if (right === "delete") grant.delete = true;
    else if (right === "read" || right === "write") grant[right] = c.memberList();
    else throw new Error(`unknown right ${right}`);
  } while (c.punct(","));
  c.expectPunct(")");
  if (c.words("where")) grant.xpath = c.string();
  c.expectEnd();
  return grant;
}

/**
 * A revoke as mxcli applies it to the rules granted so far, so the read-back is the final state:
 * a full revoke (`revoke R1, R2 on E`) takes the roles off the entity's rules and deletes a rule
 * left without roles (ako/mxcli sdk/mpr/writer_security.go:863-866); a partial one
 * (`revoke R on E (read (m))`) lowers the rights of the rules whose roles are exactly R and keeps
 * them (RevokeEntityMemberAccess :1003-1110, rolesMatch :701-730). Each grant here has one role.
 */
function applyRevoke(grants: EntityGrant[], c: Cursor): void {
  const roles = [c.qualified()];
  while (c.punct(",")) roles.push(c.qualified());
  c.expectWord("on");
  const entity = c.qualified();
  const same = (a: string[], b: string[]) => a.join(".") === b.join(".");
  const onEntity = (g: EntityGrant) => same(g.entity, entity) && roles.some((r) => same(r, g.role));
  if (!c.punct("(")) {
    c.expectEnd();
    for (let i = grants.length - 1; i >= 0; i--) if (onEntity(grants[i]!)) grants.splice(i, 1);
    return;
  }
  const revoked = { create: false, delete: false, read: [] as string[], write: [] as string[] };
  do {
    const right = c.word();
    if (right === "create" || right === "delete") revoked[right] = true;
    else if (right === "read" || right === "write") revoked[right] = c.memberList();
    else throw new Error(`unknown right ${right}`);
  } while (c.punct(","));
  c.expectPunct(")");
  c.expectEnd();
  if (roles.length !== 1) return; // exact role-list match: our grants each have one role
  for (const g of grants.filter(onEntity)) {
    if (revoked.create) g.create = false;
    if (revoked.delete) g.delete = false;
    // Revoking read leaves no access at all; revoking write leaves read (writer_security.go:1108-1115).
    g.read = g.read.filter((m) => !revoked.read.includes(m));
    g.write = g.write.filter((m) => !revoked.read.includes(m) && !revoked.write.includes(m));
  }
}

function microflowGrant(c: Cursor): MicroflowGrant {
  const microflow = c.qualified();
  c.expectWord("to");
  const roles = [c.qualified()];
  while (c.punct(",")) roles.push(c.qualified());
  c.expectEnd();
  return { microflow, roles };
}

function moduleRole(c: Cursor): ModuleRole {
  const role = c.qualified();
  const description = c.words("description") ? c.string() : undefined;
  c.expectEnd();
  return description === undefined ? { role } : { role, description };
}

class Cursor {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly rule: StringRule,
  ) {}

  /** Consumes the words if they come next (case-insensitive), else consumes nothing. */
  words(...words: string[]): boolean {
    const next = this.tokens.slice(this.at, this.at + words.length);
    const ok = next.length === words.length && next.every((t, i) => t.kind === "word" && t.text.toLowerCase() === words[i]);
    if (ok) this.at += words.length;
    return ok;
  }

  word(): string {
    return this.take("word").text.toLowerCase();
  }

  expectWord(word: string): void {
    if (!this.words(word)) throw new Error(`expected ${word} at ${this.describe()}`);
  }

  punct(text: string): boolean {
    const next = this.tokens[this.at];
    const ok = next?.kind === "punct" && next.text === text;
    if (ok) this.at++;
    return ok;
  }

  expectPunct(text: string): void {
    if (!this.punct(text)) throw new Error(`expected ${text} at ${this.describe()}`);
  }

  qualified(): string[] {
    const names = [quotedName(this.take("quoted"))];
    while (this.punct(".")) names.push(quotedName(this.take("quoted")));
    return names;
  }

  memberList(): string[] {
    this.expectPunct("(");
    const names = [quotedName(this.take("quoted"))];
    while (this.punct(",")) names.push(quotedName(this.take("quoted")));
    this.expectPunct(")");
    return names;
  }

  string(): string {
    return stringValue(this.take("string"), this.rule);
  }

  expectEnd(): void {
    if (this.at !== this.tokens.length) throw new Error(`unexpected ${this.describe()}`);
  }

  private take(kind: Token["kind"]): Token {
    const next = this.tokens[this.at];
    if (next?.kind !== kind) throw new Error(`expected ${kind} at ${this.describe()}`);
    this.at++;
    return next;
  }

  private describe(): string {
    return JSON.stringify(this.tokens[this.at]?.text ?? "end of statement");
  }
}
