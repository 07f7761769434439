// The MDL route's manual steps name what mxcli may not do as the script asks (review of issue 18):
// `@applyentityaccess(true)` is ignored by ako/mxcli's July 2026 source (visitor_microflow.go:53-58
// reads only `@excluded`; microflow_write.go:186 writes Apply entity access = No), so a kit with a
// microflow that applies entity access asks for a check of exactly those microflows.
import { describe, expect, it } from "vitest";
import { mdlManualSteps } from "../src/lib/targets/mdl/index.js";
import { planFor } from "./helpers/spec.js";

describe("the MDL manual step for Apply entity access", () => {
  it("names each microflow the script marks @applyentityaccess(true)", () => {
    const plan = planFor("weather-api-token");
    const applying = plan.microflows.filter((mf) => mf.applyEntityAccess).map((mf) => mf.name);
    expect(applying).toEqual(["ACT_ConnectionDetails_Save"]);
    const step = mdlManualSteps(plan).find((s) => s.includes("Apply entity access"));
    expect(step).toContain("Check that ACT_ConnectionDetails_Save has Apply entity access set to Yes");
  });

  it("is left out of a kit whose microflows all run without entity access", () => {
    // acme-crm-oauth now has SUB_FullDataAccess_Held (issue 20), which applies entity access.
    const plan = planFor("billing-client-credentials");
    expect(plan.microflows.some((mf) => mf.applyEntityAccess)).toBe(false);
    expect(mdlManualSteps(plan).some((s) => s.includes("Apply entity access"))).toBe(false);
  });
});
