// A small reader of Mendix XPath constraints, enough to decide whether a constraint really limits
// a role to the current user's objects. Hand-written rather than an npm XPath 1.0 parser: a Mendix
// constraint is a bare predicate list ("[A='x'][B=1]"), which is not an XPath 1.0 expression, and
// it holds Mendix tokens ('[%CurrentUser%]') and module-qualified association paths. The few shapes
// that count are recognised here; anything else does not count as restricting (the safe side).
// Syntax: docs.mendix.com/refguide/xpath-constraints/ and /refguide/xpath-tokens/.

export type XPathNode =
  | { kind: "and" | "or"; parts: XPathNode[] }
  | { kind: "not"; part: XPathNode }
  | { kind: "compare"; op: string; left: XPathNode; right: XPathNode }
  | { kind: "path"; steps: string[] }
  | { kind: "string"; value: string }
  | { kind: "other"; text: string };

interface Token {
  kind: "string" | "name" | "op" | "punct" | "number";
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest[0] === "'" || rest[0] === '"') {
      const quote = rest[0];
      let value = "";
      let i = 1;
      for (;;) {
        if (i >= rest.length) throw new Error("unterminated string");
        if (rest[i] === quote) {
          if (rest[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          break;
        }
        value += rest[i];
        i++;
      }
      tokens.push({ kind: "string", text: value });
      at += i + 1;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      at += op[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0] });
      at += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0] });
      at += name[0].length;
      continue;
    }
    if ("[]()/,".includes(rest[0]!)) {
      tokens.push({ kind: "punct", text: rest[0]! });
      at += 1;
      continue;
    }
    throw new Error(`unexpected ${JSON.stringify(rest[0])}`);
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  /** constraint := ('[' or ']')+ ; several brackets mean "and". */
  constraint(): XPathNode {
    const parts: XPathNode[] = [];
    while (this.peek()) {
      this.expect("[");
      parts.push(this.or());
      this.expect("]");
    }
    if (parts.length === 0) throw new Error("empty constraint");
    return parts.length === 1 ? parts[0]! : { kind: "and", parts };
  }

  private or(): XPathNode {
    const parts = [this.and()];
    while (this.word("or")) parts.push(this.and());
    return parts.length === 1 ? parts[0]! : { kind: "or", parts };
  }

  private and(): XPathNode {
    const parts = [this.unary()];
    while (this.word("and")) parts.push(this.unary());
    return parts.length === 1 ? parts[0]! : { kind: "and", parts };
  }

  private unary(): XPathNode {
    if (this.peek()?.text === "not" && this.tokens[this.at + 1]?.text === "(") {
      this.at += 2;
      const part = this.or();
      this.expect(")");
      return { kind: "not", part };
    }
    const left = this.operand();
    const op = this.peek();
    if (op?.kind !== "op") return left;
    this.at++;
    return { kind: "compare", op: op.text, left, right: this.operand() };
  }

  private operand(): XPathNode {
    const token = this.next();
    if (token.kind === "string") return { kind: "string", value: token.text };
    if (token.kind === "number") return { kind: "other", text: token.text };
    if (token.text === "(") {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (token.kind !== "name") throw new Error(`unexpected ${JSON.stringify(token.text)}`);
    if (this.peek()?.text === "(") {
      // A function call such as true(), contains(...): never an owner constraint.
      let depth = 0;
      let text = token.text;
      do {
        const t = this.next();
        text += t.text;
        if (t.text === "(") depth++;
        if (t.text === ")") depth--;
      } while (depth > 0);
      return { kind: "other", text };
    }
    const steps = [token.text];
    while (this.peek()?.text === "/") {
      this.at++;
      steps.push(this.nameStep());
    }
    if (this.peek()?.text === "[") {
      // A nested predicate on a path (Module.A/Module.B[...]): read it, but it does not count.
      this.at++;
      this.or();
      this.expect("]");
      return { kind: "other", text: steps.join("/") };
    }
    return { kind: "path", steps };
  }

  private nameStep(): string {
    const token = this.next();
    if (token.kind !== "name") throw new Error(`expected a name after /, found ${JSON.stringify(token.text)}`);
    return token.text;
  }

  private word(word: string): boolean {
    if (this.peek()?.kind === "name" && this.peek()!.text === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text || token.kind === "string") throw new Error(`expected ${text}, found ${JSON.stringify(token.text)}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new Error("unexpected end of constraint");
    return token;
  }
}

/** The constraint as a tree, or the reason it cannot be read. */
export function parseXPath(text: string): { node: XPathNode } | { error: string } {
  try {
    return { node: new Parser(tokenize(text)).constraint() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export const CURRENT_USER = "[%CurrentUser%]";

/**
 * True when every object the constraint admits belongs to the current user: an equality between
 * an owner path (isOwnerPath decides which) and '[%CurrentUser%]', possibly and-ed with more
 * conditions. "or" counts only when every branch restricts; "not", "!=" and functions never do.
 */
export function restrictsToCurrentUser(node: XPathNode, isOwnerPath: (steps: string[]) => boolean): boolean {
  switch (node.kind) {
    case "and":
      return node.parts.some((part) => restrictsToCurrentUser(part, isOwnerPath));
    case "or":
      return node.parts.every((part) => restrictsToCurrentUser(part, isOwnerPath));
    case "compare": {
      if (node.op !== "=") return false;
      const [path, value] = node.left.kind === "path" ? [node.left, node.right] : [node.right, node.left];
      return path.kind === "path" && value.kind === "string" && value.value === CURRENT_USER && isOwnerPath(path.steps);
    }
    default:
      return false;
  }
}

/** Every path the constraint names, for checks on the members it relies on. */
export function pathsIn(node: XPathNode): string[][] {
  switch (node.kind) {
    case "and":
    case "or":
      return node.parts.flatMap(pathsIn);
    case "not":
      return pathsIn(node.part);
    case "compare":
      return [...pathsIn(node.left), ...pathsIn(node.right)];
    case "path":
      return [node.steps];
    default:
      return [];
  }
}
