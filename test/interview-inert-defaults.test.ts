// Defaults the interview shows come from an OpenAPI document or a handed-over kit's spec: inquirer
// prints a default as it is, so one with escapes (a title carrying ESC[2J or an OSC 8 link) would
// act in the person's terminal. Shown inert; Enter still keeps the value unchanged.
import { describe, expect, it } from "vitest";
import { interview, type Question } from "../src/lib/prompts/interview.ts";

const HOSTILE = "Evil \u001b]8;;https://x.example\u0007link\u001b]8;;\u0007 \u001b[2J API";

describe("interview defaults with escapes", () => {
  it("never hands inquirer an active character, and Enter keeps the default", async () => {
    const asked: Question[] = [];
    const answers = await interview(async (question) => {
      asked.push(question);
      if (asked.length > 200) throw new Error("too many questions");
      if (question.type === "confirm") return question.name === "summaryOk" ? true : false;
      if (question.type === "select") return String(question.default ?? (typeof question.choices?.[0] === "string" ? question.choices[0] : question.choices?.[0]?.value));
      return ""; // Enter
    }, {}, { service: { name: HOSTILE, baseUrl: "https://api.example.com" }, auth: { scheme: "basic" } }).catch((error: unknown) => ({ error }));
    const serviceQuestion = asked.find((q) => q.name === "serviceName")!;
    expect(serviceQuestion.default).toBeUndefined();
    expect(serviceQuestion.message).toContain("(Enter keeps: Evil \\u{1b}]8;;https://x.example\\u{7}link");
    for (const q of asked) expect(JSON.stringify([q.message, q.default]), q.name).not.toMatch(/\\u001b|\\u0007/);
    expect((answers as { service?: { name?: string } }).service?.name).toBe(HOSTILE);
  });
});
