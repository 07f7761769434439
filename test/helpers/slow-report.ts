// A vitest reporter that ends every run with what was slow: the five slowest test files (import,
// tests and hooks) and the five slowest tests, so a contributor sees where the suite's time goes
// without a JSON report. Used next to the default reporter (vitest.config.ts).
import type { Reporter, TestModule } from "vitest/node";

const SHOWN = 5;

export default class SlowReport implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length < 2) return;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(5)} s`;
    const files = modules
      .map((m) => ({ name: m.relativeModuleId, ms: m.diagnostic().collectDuration + m.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    const tests = modules
      .flatMap((m) => [...m.children.allTests()].map((t) => ({ name: `${m.relativeModuleId} > ${t.name}`, ms: t.diagnostic()?.duration ?? 0 })))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    const lines = [
      "",
      "Slowest test files (import + tests + hooks, one worker's time):",
      ...files.map((f) => `  ${seconds(f.ms)}  ${f.name}`),
      "Slowest tests:",
      ...tests.map((t) => `  ${seconds(t.ms)}  ${t.name.length > 110 ? `${t.name.slice(0, 107)}...` : t.name}`),
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}
