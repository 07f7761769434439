// `mxsecure entity` / `mxsecure role` (issue 6).
import { UserError } from "../spec/problems.js";

export async function runAddCommand(command: "entity" | "role", _argv: string[]): Promise<number> {
  throw new UserError(`mxsecure ${command} is not available yet.`);
}
