// Preloaded (node --import) into every measured process: on exit, writes its peak resident set
// size in KB to $BENCH_RSS_FILE, so the benchmark needs no /usr/bin/time.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
