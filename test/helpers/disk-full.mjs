// Preloaded into the bin by tests (NODE_OPTIONS=--import=...), never part of the shipped bundle:
// the disk fills up at the Nth file write (writeFileSync throws ENOSPC, as Node does on a full
// disk), so a test can check what a run leaves behind. Usage: MXSECURE_DISK_FULL_AT=N.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const at = Number(process.env.MXSECURE_DISK_FULL_AT);
let writes = 0;
const { writeFileSync } = fs;
fs.writeFileSync = (file, data, options) => {
  if (++writes >= at) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
  return writeFileSync(file, data, options);
};
syncBuiltinESMExports();
