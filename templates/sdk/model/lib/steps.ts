// The microflow step vocabulary this kit's script renders: a copy of the generator's
// src/lib/plan/steps.ts (a kit cannot import from the generator; a test keeps the two identical
// from the doc comment of Expr on). lib/microflows.ts renders every kind.
//
/** A Mendix expression. */
export type Expr =
  /** $Name */
  | { k: "var"; name: string }
  /** $Object/Attribute */
  | { k: "attr"; var: string; attribute: string }
  /** 'text' (user text goes here and only here) */
  | { k: "str"; value: string }
  | { k: "int"; value: number }
  | { k: "bool"; value: boolean }
  | { k: "empty" }
  /** [%CurrentDateTime%], [%CurrentUser%] */
  | { k: "token"; name: MendixToken }
  /** @Module.Constant */
  | { k: "const"; name: string }
  /** $latestHttpResponse/StatusCode: the status of the last Call REST. */
  | { k: "httpStatus" }
  | { k: "call"; fn: ExprFunction; args: Expr[] }
  | { k: "op"; op: ExprOperator; left: Expr; right: Expr }
  | { k: "not"; arg: Expr };

export type MendixToken = "CurrentDateTime" | "CurrentUser";
/** Mendix expression functions the flows use (docs.mendix.com, "Expressions"). */
export type ExprFunction = "startsWith" | "toLowerCase" | "trim" | "length" | "urlEncode" | "addSeconds" | "toString" | "find" | "substring" | "isMatch";
export type ExprOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or" | "+";

/**
 * What a log line may show: literals and the HTTP status, never a variable. A log step cannot
 * name a variable, so it cannot print a decrypted secret or a token.
 */
export type LogArgument = { k: "str"; value: string } | { k: "int"; value: number } | { k: "httpStatus" };

/** A text with {1}, {2}, ... placeholders, filled by the arguments in order. */
export interface Template<A = Expr> {
  text: string;
  args: A[];
}

/** One member set by a create or change step: an attribute, or an association of this module. */
export type MemberChange = { attribute: string; value: Expr } | { association: string; value: Expr };

/**
 * One condition of a database retrieve's XPath, `[path = value]`. The value is a variable, an
 * attribute of one, a token or a Boolean: no user text ever enters an XPath.
 */
export interface XPathCondition {
  /** Attribute name, or Module.Association of the retrieved entity. */
  path: string;
  value: { k: "var"; name: string } | { k: "attr"; var: string; attribute: string } | { k: "token"; name: MendixToken } | { k: "bool"; value: boolean };
  /** The comparison; "=" when absent. "<" serves expiry ([ExpiresAt < '[%CurrentDateTime%]']). */
  op?: "=" | "<";
}

/** A typed primitive variable (declare step). */
export type VariableType = "String" | "Boolean" | "Integer";

export type MicroflowStep =
  /** Retrieve from the database: the first object (first) or the list. Entity of this module. */
  | { kind: "retrieve"; out: string; entity: string; where: XPathCondition[]; first: boolean }
  /** Retrieve over an association of this module from an object variable. */
  | { kind: "retrieveByAssociation"; out: string; from: string; association: string }
  | { kind: "create"; out: string; entity: string; members: MemberChange[] }
  | { kind: "change"; variable: string; members: MemberChange[] }
  | { kind: "commit"; variable: string; events: boolean }
  | { kind: "delete"; variable: string }
  | { kind: "declare"; out: string; type: VariableType; value: Expr }
  | { kind: "set"; variable: string; value: Expr }
  /** Call a Java action (Module.Action) with every parameter named, in the action's order. */
  | { kind: "callJava"; out?: string; action: string; args: { param: string; value: Expr }[] }
  /** Call a microflow of this module, every parameter named. */
  | { kind: "callMicroflow"; out?: string; microflow: string; args: { param: string; value: Expr }[] }
  /**
   * Call REST: the response body as a String in `out`. Authentication is a header (from a
   * private sub-microflow's result) or the built-in HTTP basic authentication; with
   * onError "continue", $latestHttpResponse holds the status for a decision after it.
   */
  | {
      kind: "rest";
      out: string;
      method: "GET" | "POST";
      url: Template;
      headers: { name: string; value: Expr }[];
      basicAuth?: { user: Expr; password: Expr };
      body?: Template;
      onError: "rollback" | "continue";
      /** What `out` holds: the body as a String (absent), or the object an import mapping makes of it. */
      result?: RestResult;
      /** Seconds the call waits for an answer (the spec's service.timeoutSeconds; plan/build.ts sets it on every call). */
      timeoutSeconds?: number;
    }
  /** If/else. A guard with an early return is a decision whose `then` ends in return and whose `else` is empty. */
  | { kind: "decision"; caption: string; condition: Expr; then: MicroflowStep[]; else: MicroflowStep[] }
  | { kind: "showMessage"; level: "Information" | "Warning" | "Error"; message: Template }
  /** Feedback on one attribute of an object variable; a fixed text (no variable). */
  | { kind: "validationFeedback"; variable: string; entity: string; attribute: string; text: string }
  /** A log line under a node; see LogArgument for why it can never show a secret. */
  | { kind: "log"; level: "Info" | "Warning" | "Error"; node: string; message: Template<LogArgument> }
  | { kind: "return"; value?: Expr }
  /**
   * Nanoflows only: call a JavaScript action (Module.Action) with every parameter named, in the
   * action's order (e.g. NanoflowCommons.OpenURL, the only way to open a URL the server built).
   */
  | { kind: "callJavaScript"; out?: string; action: string; args: { param: string; value: Expr }[] }
  // Shorthand kinds for a secret: encrypt into an attribute, decrypt one, read a deploy-time constant; and a note for the developer.
  | { kind: "encrypt"; secret: string; from: string; toEntity: string; toAttribute: string; isSetAttribute: string }
  | { kind: "decrypt"; secret: string; fromEntity: string; fromAttribute: string }
  | { kind: "readConstant"; secret: string; constant: string }
  | { kind: "note"; text: string };

/**
 * The response of a Call REST: the body as a String, or one object of `entity` (this module) that
 * the import mapping `mapping` (this module) makes of a JSON body. An import mapping's object is
 * not committed (Commit: No), so a non-persistable entity is fine.
 */
export type RestResult = { kind: "string" } | { kind: "mapping"; mapping: string; entity: string };

export type StepKind = MicroflowStep["kind"];

/** Every kind, for tests that each one is rendered. */
export const STEP_KINDS: readonly StepKind[] = [
  "retrieve",
  "retrieveByAssociation",
  "create",
  "change",
  "commit",
  "delete",
  "declare",
  "set",
  "callJava",
  "callMicroflow",
  "rest",
  "decision",
  "showMessage",
  "validationFeedback",
  "log",
  "return",
  "encrypt",
  "decrypt",
  "readConstant",
  "note",
  "callJavaScript",
];

// Short constructors, so a scheme reads like the flow it declares.
export const v = (name: string): Expr => ({ k: "var", name });
export const attr = (variable: string, attribute: string): Expr => ({ k: "attr", var: variable, attribute });
export const str = (value: string): Expr => ({ k: "str", value });
export const int = (value: number): Expr => ({ k: "int", value });
export const bool = (value: boolean): Expr => ({ k: "bool", value });
export const empty: Expr = { k: "empty" };
export const constant = (name: string): Expr => ({ k: "const", name });
export const token = (name: MendixToken): Expr => ({ k: "token", name });
export const httpStatus: Expr = { k: "httpStatus" };
export const fn = (name: ExprFunction, ...args: Expr[]): Expr => ({ k: "call", fn: name, args });
export const op = (left: Expr, operator: ExprOperator, right: Expr): Expr => ({ k: "op", op: operator, left, right });
export const not = (arg: Expr): Expr => ({ k: "not", arg });

/** Every step of a flow, decisions' branches included, in run order (a decision before its then, then its else). */
export function allSteps(steps: MicroflowStep[]): MicroflowStep[] {
  return steps.flatMap((s) => (s.kind === "decision" ? [s, ...allSteps(s.then), ...allSteps(s.else)] : [s]));
}

/**
 * A template parameter as a String (issue 18). Mendix types every log, message and REST template
 * parameter as String and refuses another type (CE0117), and mxcli writes the expression as given
 * (ako/mxcli mdl/executor/cmd_microflows_builder_calls.go:60-63, :804-806), so both appliers pass
 * each argument through this: Strings by construction stay as they are, everything else (the HTTP
 * status, numbers, Booleans, comparisons) is wrapped in toString(). A variable, an attribute or a
 * constant must itself be a String; a test checks that against the plan.
 */
export function stringArgument(e: Expr): Expr {
  switch (e.k) {
    case "str":
    case "var":
    case "attr":
    case "const":
      return e;
    case "call":
      return STRING_FUNCTIONS.has(e.fn) ? e : fn("toString", e);
    case "op":
      return e.op === "+" ? e : fn("toString", e);
    default:
      return fn("toString", e);
  }
}

/** The functions whose result is a String. */
const STRING_FUNCTIONS: ReadonlySet<ExprFunction> = new Set<ExprFunction>(["toLowerCase", "trim", "urlEncode", "toString", "substring"]);
