// The MDL scripts of two examples, compared with golden files that were read line by line.
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/mdl-golden.test.ts, then review the diff.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderMdl } from "../src/lib/targets/mdl/index.js";
import { planFor, REPO_ROOT } from "./helpers/spec.js";

const GOLDEN = ["acme-crm-oauth", "billing-client-credentials"];

describe("MDL golden files", () => {
  for (const example of GOLDEN) {
    it(`${example}: model/<Module>.mdl and <Module>.microflows.mdl match test/golden/mdl/${example}*.mdl`, () => {
      const files = renderMdl(planFor(example));
      const module = planFor(example).module;
      expect(files.map((f) => f.path)).toEqual([`model/${module}.mdl`, `model/${module}.microflows.mdl`]);
      files.forEach((file, i) => {
        const golden = `${REPO_ROOT}test/golden/mdl/${example}${i === 0 ? "" : ".microflows"}.mdl`;
        if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, file.contents);
        expect(file.contents).toBe(readFileSync(golden, "utf8"));
      });
    });
  }
});
