// Runs a Yeoman generator (yeoman-test) that should fail the way yo shows it: one line on stderr
// starting "mxsecure: ", never Yeoman's "An error occured while running ..." prefix, exit code 1.
import { expect, vi } from "vitest";

export async function generatorFailure(run: PromiseLike<unknown>): Promise<string> {
  const printed: string[] = [];
  const errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
  });
  const previous = process.exitCode;
  try {
    await run;
    expect(process.exitCode).toBe(1);
  } finally {
    errorSpy.mockRestore();
    // The exit code is meant for yo; the test runner's own must stay clean.
    process.exitCode = previous;
  }
  expect(printed.join("\n")).not.toContain("An error occured");
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(/^mxsecure: /);
  return printed[0]!.slice("mxsecure: ".length);
}
