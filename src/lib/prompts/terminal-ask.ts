// The interview's `ask` in a terminal without Yeoman: the same @inquirer prompts, at the same
// versions, that Yeoman's adapter shows (yeoman-environment → @yeoman/adapter → @inquirer/prompts),
// so a question looks and answers the same whichever path asks it. Loading these three small
// packages instead of Yeoman is what makes the first question appear fast.
import confirm from "@inquirer/confirm";
import input from "@inquirer/input";
import select from "@inquirer/select";
import type { Ask } from "./interview.js";

export const askInTerminal: Ask = async (question) => {
  const { message } = question;
  if (question.type === "confirm") return confirm({ message, ...(typeof question.default === "boolean" ? { default: question.default } : {}) });
  if (question.type === "select") {
    const choices = (question.choices ?? []).map((c) => (typeof c === "string" ? { value: c, name: c } : c));
    return select({ message, choices, ...(typeof question.default === "string" ? { default: question.default } : {}) });
  }
  return input({
    message,
    ...(typeof question.default === "string" ? { default: question.default } : {}),
    ...(question.validate ? { validate: question.validate } : {}),
  });
};
