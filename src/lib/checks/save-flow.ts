// Reads ACT_ConnectionDetails_Save's typed steps in the order they run, with the decisions that
// enclose each one, so the audit (SecretKeptOnSave, SecretFollowsEndpoint) and the tests can check
// the security rules are there and in the right order.
import { secretTyped, URL_BLANK_PATTERN } from "../plan/connection-steps.js";
import type { Expr, MicroflowStep } from "../plan/steps.js";
import type { PlanMicroflow } from "../plan/types.js";

export const SAVE = "ACT_ConnectionDetails_Save";

export interface PlacedStep {
  step: MicroflowStep;
  /** Position in run order (pre-order: a decision before its branches, then before else). */
  order: number;
  /** Conditions of the decisions whose "then" branch holds the step, outermost first. */
  when: Expr[];
}

export function placedSteps(steps: MicroflowStep[]): PlacedStep[] {
  const placed: PlacedStep[] = [];
  const walk = (list: MicroflowStep[], when: Expr[]) => {
    for (const step of list) {
      placed.push({ step, order: placed.length, when });
      if (step.kind === "decision") {
        walk(step.then, [...when, step.condition]);
        walk(step.else, when);
      }
    }
  };
  walk(steps, []);
  return placed;
}

const same = (a: Expr, b: Expr) => JSON.stringify(a) === JSON.stringify(b);
const isAttr = (e: Expr, variable: string, attribute: string) => e.k === "attr" && e.var === variable && e.attribute === attribute;

/** Where the save encrypts the typed secret, and whether only a typed (non-blank) value gets there. */
export function encryptionsOf(save: PlanMicroflow, secret: string): { order: number; guarded: boolean }[] {
  return placedSteps(save.steps)
    .filter(({ step }) =>
      (step.kind === "callJava" && step.action === "Encryption.EncryptString" && step.args.some((a) => a.param === "value" && isAttr(a.value, "SecretInput", secret))) ||
      (step.kind === "encrypt" && step.from === `SecretInput/${secret}`),
    )
    .map(({ order, when }) => ({ order, guarded: when.some((c) => same(c, secretTyped("SecretInput", secret))) }));
}

/** Where the save clears a stored secret after comparing the committed endpoints (-1: never). */
export function endpointClearOf(save: PlanMicroflow, secret: string): number {
  const found = placedSteps(save.steps).find(
    ({ step, when }) =>
      when.length > 0 &&
      step.kind === "change" &&
      step.variable === "ConnectionDetails" &&
      step.members.some((m) => "attribute" in m && m.attribute === `Encrypted${secret}` && m.value.k === "empty"),
  );
  return found?.order ?? -1;
}

/** The commit of ConnectionDetails (-1: none), and whether it runs on the main path (not in a branch). */
export function commitOf(save: PlanMicroflow): { order: number; mainPath: boolean } {
  const found = placedSteps(save.steps).filter(({ step }) => step.kind === "commit" && step.variable === "ConnectionDetails");
  const last = found.at(-1);
  return { order: last?.order ?? -1, mainPath: last !== undefined && save.steps.includes(last.step) };
}

/** What the save must do, in order. Empty when the flow keeps every rule. */
export function saveOrderProblems(
  save: PlanMicroflow,
  rule: { urls: string[]; databaseSecrets: string[]; clearsOnHostChange: boolean },
): string[] {
  const problems: string[] = [];
  const placed = placedSteps(save.steps);
  const refuses = (s: MicroflowStep, url: string) =>
    s.kind === "decision" && s.then.some((t) => t.kind === "validationFeedback" && t.attribute === url) && s.then.at(-1)?.kind === "return";
  // Issue 20: isMatch(url, URL_BLANK_PATTERN) refuses a space or control character; the other check is the HTTPS one.
  const blank = (s: MicroflowStep, url: string) =>
    s.kind === "decision" && s.condition.k === "call" && s.condition.fn === "isMatch" && s.condition.args[0]?.k === "attr" && s.condition.args[0].attribute === url &&
    s.condition.args[1]?.k === "str" && s.condition.args[1].value === URL_BLANK_PATTERN;
  const httpsChecks = rule.urls.map((url) => save.steps.findIndex((s) => refuses(s, url) && !blank(s, url)));
  const blankChecks = rule.urls.map((url) => save.steps.findIndex((s) => refuses(s, url) && blank(s, url)));
  rule.urls.forEach((url, i) => {
    if (httpsChecks[i]! < 0) problems.push(`no HTTPS check with feedback on ${url}`);
    if (blankChecks[i]! < 0) problems.push(`no check refusing a space or control character in ${url}`);
  });
  const checks = [...httpsChecks, ...blankChecks];
  const firstOther = save.steps.findIndex((_, i) => !checks.includes(i));
  if (checks.some((i) => i > firstOther && firstOther >= 0)) problems.push("an HTTPS check runs after another step");
  const commit = commitOf(save);
  if (commit.order < 0 || !commit.mainPath) problems.push("ConnectionDetails is not committed on the main path");
  for (const secret of rule.databaseSecrets) {
    const encrypts = encryptionsOf(save, secret);
    if (encrypts.length === 0) problems.push(`${secret} is never encrypted`);
    if (encrypts.some((e) => !e.guarded)) problems.push(`${secret} is encrypted without the typed-and-not-blank check`);
    if (encrypts.some((e) => e.order > commit.order)) problems.push(`${secret} is encrypted after the commit`);
    if (rule.clearsOnHostChange) {
      const clear = endpointClearOf(save, secret);
      if (clear < 0) problems.push(`${secret} is not cleared when an endpoint changes`);
      else if (encrypts.some((e) => e.order < clear)) problems.push(`${secret} is encrypted before the endpoint check`);
      else if (clear > commit.order) problems.push(`${secret} is cleared after the commit`);
    }
  }
  const after = placed.filter(({ order }) => order > commit.order).map(({ step }) => step);
  const allowedAfter = after.every((s) => s.kind === "return" || (s.kind === "delete" && s.variable === "SecretInput"));
  if (!allowedAfter) problems.push("a step other than discarding SecretInput runs after the commit");
  if (rule.databaseSecrets.length && !after.some((s) => s.kind === "delete" && s.variable === "SecretInput")) problems.push("SecretInput is not discarded after the commit");
  return problems;
}

/**
 * Whether the save deletes every `entity` object (retrieve the list, delete it) under a decision
 * that compares the recorded binding, before it records new endpoints in it: tokens obtained for
 * the old endpoints must not survive a new binding.
 */
export function dropsOnRebind(save: PlanMicroflow, bindings: readonly string[], bound: readonly string[], entity: string): boolean {
  const placed = placedSteps(save.steps);
  const rebind = placed.find(({ step }) => step.kind === "change" && step.members.some((m) => "attribute" in m && bindings.includes(m.attribute)));
  if (!rebind) return true;
  // Issue 20: the decision compares each bound endpoint with its own recorded attribute (an `or` of `!=`).
  const terms = (c: Expr): Expr[] => (c.k === "op" && c.op === "or" ? [...terms(c.left), ...terms(c.right)] : [c]);
  const comparesPair = (c: Expr, recorded: string, endpoint: string) => c.k === "op" && c.op === "!=" &&
    ((isAttr(c.left, "ConnectionDetails", recorded) && isAttr(c.right, "ConnectionDetails", endpoint)) ||
      (isAttr(c.left, "ConnectionDetails", endpoint) && isAttr(c.right, "ConnectionDetails", recorded)));
  const comparesBinding = (c: Expr) => bindings.length >= bound.length && bound.every((endpoint, i) => terms(c).some((t) => comparesPair(t, bindings[i]!, endpoint)));
  const lists = placed.filter(({ step }) => step.kind === "retrieve" && step.entity === entity && !step.first).map(({ step }) => (step as { out: string }).out);
  return placed.some(({ step, order, when }) => step.kind === "delete" && lists.includes(step.variable) && order < rebind.order && when.some(comparesBinding));
}
