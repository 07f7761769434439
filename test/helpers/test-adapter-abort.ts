// Node 24.22 (not 20.20, 22.23 or 24.21) reports an uncaught AbortError whenever yeoman-test closes
// its TestAdapter: the adapter builds its prompt streams with Duplex.from and aborts them on close
// (@yeoman/adapter 4.0.2, dist/testing/test-adapter.js:61-64 and :92-97). `new TestAdapter().close()`
// alone reproduces it (test/test-adapter-abort.test.ts). It is test scaffolding only: the bin's
// real adapter and every pseudo-terminal test pass on 24.22. vitest.config.ts drops exactly that
// error; any other unhandled error still fails the run.

/** An AbortError raised inside Node's Duplex.from streams, with no frame of any other code. */
export function isTestAdapterAbort(error: { name?: string; code?: unknown; stack?: string }): boolean {
  if (error.name !== "AbortError" || error.code !== "ABORT_ERR") return false;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s*at /.test(line));
  return (
    frames.some((line) => line.includes("node:internal/streams/duplexify")) &&
    frames.every((line) => /\(?node:internal\//.test(line))
  );
}
