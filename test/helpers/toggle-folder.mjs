// The attacker of test/hostile-race.test.ts: swaps a folder of a kit for a symbolic link to a
// folder outside, and back, as fast as it can, until killed. Usage: node toggle-folder.mjs FOLDER TARGET
import { mkdirSync, renameSync, symlinkSync, unlinkSync } from "node:fs";

const [folder, target] = process.argv.slice(2);
const away = `${folder}.away`;
const quietly = (step) => {
  try {
    step();
  } catch {
    // the generator (or the previous round) got there first: keep toggling
  }
};
for (;;) {
  quietly(() => mkdirSync(folder)); // a new kit: make the folder the generator would make
  quietly(() => renameSync(folder, away));
  quietly(() => symlinkSync(target, folder));
  quietly(() => unlinkSync(folder));
  quietly(() => renameSync(away, folder));
}
