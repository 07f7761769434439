// Preloaded into the bin by tests (NODE_OPTIONS=--import=...), never part of the shipped bundle:
// kills the process with SIGKILL, as a power cut or kill -9 would, at the Nth step of the kit
// writer. A step is a staged file flushed to disk (fsync of a regular file) or a rename. Node's own
// fs functions are wrapped and pushed into the ES module bindings with syncBuiltinESMExports(), so
// the bin is the one users run, unchanged. Usage: MXSECURE_KILL_AT_STEP=N.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const at = Number(process.env.MXSECURE_KILL_AT_STEP);
let steps = 0;
const step = () => {
  if (++steps === at) process.kill(process.pid, "SIGKILL");
};
const { fsyncSync, renameSync, fstatSync } = fs;
fs.fsyncSync = (fd) => {
  fsyncSync(fd);
  if (fstatSync(fd).isFile()) step();
};
fs.renameSync = (from, to) => {
  renameSync(from, to);
  step();
};
syncBuiltinESMExports();
