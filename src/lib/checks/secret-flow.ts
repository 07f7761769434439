// Where a secret's plain value can go inside the plan's microflows: a small taint analysis over the
// typed steps. A value is secret when it comes from Encryption.DecryptString, from a microflow that
// returns a secret, from a token answer (an import mapping's object of a token-response entity),
// from a secret input (SecretInput's typed secret), or from a secret constant (a deploy-time secret,
// the Encryption keys); a variable declared or set from one is secret too. A nanoflow runs in the
// browser, so a secret reaching one at all is a disclosure.
// It may go into an HTTP header, HTTP basic authentication, a request body, EncryptString, a
// decision and a call to a private microflow. Everything else is a disclosure: a message, a log
// line, a URL (proxies and servers log them), a plain attribute of a stored object, or the result
// of a microflow the client may call.
import type { Expr, MicroflowStep } from "../plan/steps.js";
import type { Plan, PlanMicroflow } from "../plan/types.js";

export interface Disclosure {
  microflow: string;
  /** Where the secret goes, in words: "a message", "the URL of a REST call", ... */
  sink: string;
}

const SECRET_HOLDERS = new Set(["secret-input", "token-response"]);

export function secretDisclosures(plan: Plan): Disclosure[] {
  // Which microflows return a secret: iterate until nothing changes (a call chain is short).
  const returnsSecret = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const flow of plan.microflows) {
      if (returnsSecret.has(flow.name)) continue;
      if (analyse(plan, flow, returnsSecret).returnsSecret) {
        returnsSecret.add(flow.name);
        changed = true;
      }
    }
  }
  return [
    ...plan.microflows.flatMap((flow) => analyse(plan, flow, returnsSecret).disclosures.map((sink) => ({ microflow: flow.name, sink }))),
    ...plan.nanoflows.flatMap((flow) => nanoflowDisclosures(plan, flow.steps, returnsSecret).map((sink) => ({ microflow: flow.name, sink }))),
  ];
}

/** A nanoflow runs in the browser: any secret that reaches one is disclosed to the user. */
function nanoflowDisclosures(plan: Plan, steps: MicroflowStep[], returnsSecret: Set<string>): string[] {
  const secretConstants = secretConstantsOf(plan);
  const readsSecretConstant = (e: Expr) => anyPart(e, (part) => part.k === "const" && secretConstants.has(part.name));
  const expressionsOf = (step: MicroflowStep): Expr[] => {
    switch (step.kind) {
      case "callMicroflow":
      case "callJava":
      case "callJavaScript":
        return step.args.map((a) => a.value);
      case "declare":
      case "set":
        return [step.value];
      case "return":
        return step.value ? [step.value] : [];
      default:
        return [];
    }
  };
  return steps.flatMap((step): string[] => {
    if (step.kind === "decision") return nanoflowDisclosures(plan, [...step.then, ...step.else], returnsSecret);
    if (step.kind === "callMicroflow" && returnsSecret.has(step.microflow)) return [`a nanoflow (the browser), from ${step.microflow}`];
    return expressionsOf(step).some(readsSecretConstant) ? ["a nanoflow (the browser), from a secret constant"] : [];
  });
}

/** Whether the expression or any expression inside it satisfies `test`. */
function anyPart(e: Expr, test: (part: Expr) => boolean): boolean {
  if (test(e)) return true;
  switch (e.k) {
    case "call":
      return e.args.some((arg) => anyPart(arg, test));
    case "op":
      return anyPart(e.left, test) || anyPart(e.right, test);
    case "not":
      return anyPart(e.arg, test);
    default:
      return false;
  }
}

/** Constants that hold a secret: deploy-time secrets, and the Encryption module's keys. */
function secretConstantsOf(plan: Plan): Set<string> {
  return new Set([
    ...plan.secrets.flatMap((s) => (s.storage === "constant" && s.constant ? [s.constant] : [])),
    "Encryption.EncryptionKey",
    "Encryption.LegacyEncryptionKey",
  ]);
}

function analyse(plan: Plan, flow: PlanMicroflow, returnsSecret: Set<string>): { returnsSecret: boolean; disclosures: string[] } {
  const entityOf = new Map<string, string>(flow.parameters.map((p) => [p.name, p.type]));
  const secret = new Set<string>();
  const disclosures: string[] = [];
  let returns = false;
  const entity = (name: string) => plan.entities.find((e) => e.name === name);
  const holdsSecret = (variable: string, attribute: string) => {
    const holder = entity(entityOf.get(variable) ?? "");
    return holder !== undefined && SECRET_HOLDERS.has(holder.purpose) && holder.attributes.some((a) => a.name === attribute && a.sensitive);
  };
  const secretConstants = secretConstantsOf(plan);
  const tainted = (e: Expr) =>
    anyPart(e, (part) =>
      (part.k === "const" && secretConstants.has(part.name)) ||
      (part.k === "var" && secret.has(part.name)) ||
      (part.k === "attr" && (secret.has(part.var) || holdsSecret(part.var, part.attribute))));
  const flag = (sink: string) => disclosures.push(sink);
  const walk = (steps: MicroflowStep[]) => {
    for (const step of steps) {
      switch (step.kind) {
        case "callJava":
          if (step.out && (step.action === "Encryption.DecryptString" || (step.action !== "Encryption.EncryptString" && step.args.some((a) => tainted(a.value))))) secret.add(step.out);
          break;
        case "decrypt":
        case "readConstant":
          secret.add(step.secret);
          break;
        case "callMicroflow":
          if (step.out && returnsSecret.has(step.microflow)) secret.add(step.out);
          if (step.out) entityOf.set(step.out, plan.microflows.find((m) => m.name === step.microflow)?.returnType ?? "");
          break;
        case "declare":
        case "set": {
          const name = step.kind === "declare" ? step.out : step.variable;
          if (tainted(step.value)) secret.add(name);
          break;
        }
        case "retrieve":
          entityOf.set(step.out, step.entity);
          break;
        case "create":
        case "change": {
          const target = step.kind === "create" ? step.entity : (entityOf.get(step.variable) ?? "");
          if (step.kind === "create") entityOf.set(step.out, step.entity);
          const stored = entity(target);
          for (const member of step.members) {
            if (!tainted(member.value)) continue;
            const name = "attribute" in member ? member.attribute : member.association;
            const attribute = stored?.attributes.find((a) => a.name === name);
            if (stored?.persistable !== false && !attribute?.encrypted) flag(`the plain attribute ${target}.${name}`);
          }
          break;
        }
        case "rest":
          if (step.url.args.some(tainted)) flag("the URL of a REST call");
          // A token answer's object: its sensitive attributes are secret (holdsSecret), its ExpiresIn is not.
          if (step.result?.kind === "mapping") entityOf.set(step.out, step.result.entity);
          break;
        case "showMessage":
          if (step.message.args.some(tainted)) flag("a message");
          break;
        case "log":
          // LogArgument holds no variable by its type; a plan built by hand could still try.
          if ((step.message.args as Expr[]).some(tainted)) flag("a log line");
          break;
        case "decision":
          walk(step.then);
          walk(step.else);
          break;
        case "return":
          if (step.value && tainted(step.value)) {
            returns = true;
            if (flow.allowedRoles.length > 0) flag("the result of a microflow the client may call");
          }
          break;
        default:
          break;
      }
    }
  };
  walk(flow.steps);
  // The skeleton decrypt step's flow returns the decrypted value from its implicit end event.
  if (flow.steps.some((s) => s.kind === "decrypt")) returns = true;
  return { returnsSecret: returns, disclosures };
}
