#!/usr/bin/env node
// Runs the empty generator exactly as lib/cli/yeoman.ts runs mxsecure's generators: import
// yeoman-environment, prepareCommand({ resolved, namespace }), parseAsync.
import { fileURLToPath } from "node:url";

const { prepareCommand } = await import("yeoman-environment");
const resolved = fileURLToPath(new URL("./generators/app/index.js", import.meta.url));
const command = await prepareCommand({ resolved, namespace: "benchfloor:app" });
command.name("bench-floor").exitOverride();
await command.parseAsync(process.argv.slice(2), { from: "user" });
