// Hands a run over to the real Yeoman environment and generator: prompts, conflict choices and
// Yeoman's own options (--force, --bail, --dry-run, .yo-resolve) then behave as under `yo`.
import { fileURLToPath } from "node:url";

export async function runGenerator(name: "app" | "entity" | "role" | "audit", argv: string[]): Promise<void> {
  const { prepareCommand } = await import("yeoman-environment");
  const resolved = fileURLToPath(new URL(`../../generators/${name}/index.js`, import.meta.url));
  const command = await prepareCommand({ resolved, namespace: `mxsecure:${name}` });
  command.name("mxsecure").exitOverride();
  await command.parseAsync(argv, { from: "user" });
}
