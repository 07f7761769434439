// The kit README says only what is true of its own kit: the OAuth sign-in notes only for the
// authorization-code scheme, the Model SDK script's module check only for the modules it checks,
// and the Java actions row for both routes. (Before: every kit with a Java action, which is every
// kit since CreateOnce, got the OAuth sign-in notes, and every kit named NanoflowCommons.)
import { describe, expect, it } from "vitest";
import { renderKit } from "../src/lib/kit/render.js";
import { EXAMPLES, planFor, specForExample } from "./helpers/spec.js";

const readmeOf = (example: string): string => {
  const files = renderKit(specForExample(example), planFor(example));
  return files.find((f) => f.path === "README.md")!.contents;
};

describe("the kit README", () => {
  it.each(EXAMPLES)("%s: the OAuth sign-in notes only for the authorization-code scheme", (example) => {
    const readme = readmeOf(example);
    const signIn = planFor(example).auth.scheme === "oauth-authorization-code";
    expect(readme.includes("The user's sign-in (OAuth authorization code with PKCE)")).toBe(signIn);
    expect(readme.includes("ACT_UserToken_Callback")).toBe(signIn);
    expect(readme.includes("GetApplicationRootUrl")).toBe(signIn);
  });

  it.each(EXAMPLES)("%s: the Model SDK script's module check names only the kit's own Marketplace modules", (example) => {
    const readme = readmeOf(example);
    const modules = planFor(example).dependencies.map((d) => d.module).filter((m) => m !== "SAML20");
    expect(readme.includes("NanoflowCommons")).toBe(modules.includes("NanoflowCommons"));
    const check = readme.slice(readme.indexOf("The script checks before it changes anything"), readme.indexOf("Other failures print one line"));
    if (modules.length) expect(check).toContain(`(${modules.join(", ")}) is missing`);
    else expect(check).not.toContain("Marketplace module");
  });

  it("the SAML kit asks to add SAML20 first without saying the microflows call its actions (none does)", () => {
    const readme = readmeOf("portal-saml");
    expect(readme).toContain("**First** add the **SAML20** module from the Marketplace to your app and commit.");
    expect(readme).not.toMatch(/call (their|the) actions/);
    expect(readmeOf("acme-crm-oauth")).toContain("call the actions of Encryption and NanoflowCommons, and the script stops if one it calls is missing.");
  });

  it("the Java actions row says which route copies javasource/", () => {
    const row = readmeOf("weather-api-token").split("\n").find((l) => l.startsWith("| javasource/"))!;
    expect(row).toContain("on the Model SDK route copy `javasource/`");
    expect(row).toContain("`mxcli exec` writes the same files");
  });
});
