// `mxsecure --openapi FILE --draft` writes a spec meant for Git: a credential the document carries
// (a live key pasted into a description) is left out and named by path, never copied or echoed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.ts";

afterAll(removeTempDirs);

const KEY = ["sk", "live", "51HbQzKJk2eZvKYlo2C8aB3dE4fG5hI6jK7lM8nO9pQ0rS1tU"].join("_");

describe("--openapi --draft and credentials in the document", () => {
  it("leaves a described credential out of mxsecure.yaml and says where it was", () => {
    requireBuiltBin();
    const dir = tempDir("mxsecure-draft-");
    writeFileSync(join(dir, "api.json"), JSON.stringify({
      openapi: "3.0.0",
      info: { title: "Pay", version: "1", description: `Try it with ${KEY} in the header.` },
      servers: [{ url: "https://api.pay.example/v1" }],
      paths: {},
    }));
    const run = runBin(["--openapi", "api.json", "--draft"], dir);
    expect(run.code, run.stderr).toBe(0);
    const draft = readFileSync(join(dir, "mxsecure.yaml"), "utf8");
    expect(draft).not.toContain(KEY);
    expect(draft).toMatch(/^service:/m);
    expect(run.stdout).toContain("description is left out of the draft: the document's value carries a credential (not shown).");
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});
