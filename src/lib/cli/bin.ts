#!/usr/bin/env node
// Entry point of the `mxsecure` bin; the logic is in main.ts so tests can call it in-process.
import { EXIT_CANCELLED, explain, isCancel, main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`mxsecure: ${explain(error)}`);
    if (process.env.MXSECURE_DEBUG) console.error(error);
    process.exitCode = isCancel(error) ? EXIT_CANCELLED : 1;
  },
);
