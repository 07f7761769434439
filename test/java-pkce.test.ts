// The kit's Java actions as mxcli writes them (issue 18): the `$$` body of each `create or modify
// java action` in the OAuth kit's microflows script, assembled into a file as mxcli assembles it
// (test/helpers/mxcli-java-file.ts, transcribed from ako/mxcli sdk/javaactions/source.go:15-104 and
// mdl/visitor/visitor_javaaction.go:72-82), must equal the file the kit ships under javasource/;
// that file is compiled with the machine's javac against a minimal stub of the Mendix Java API and
// run through a small harness.
//
// What stands in for Mendix: only the two types the actions use, with only the members they use
// (a stub may lack members of the real API, never add any):
// - com.mendix.systemwideinterfaces.core.IContext: an interface in every runtime API version,
//   https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/IContext.html
//   (and /11/...). The actions only pass it on to super(context).
// - com.mendix.systemwideinterfaces.core.UserAction<R>: abstract class with the constructor
//   UserAction(IContext context) and `public abstract R executeAction() throws Exception`,
//   https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/UserAction.html
//   and https://apidocs.rnd.mendix.com/11/runtime/com/mendix/systemwideinterfaces/core/UserAction.html.
//   The actions extend UserAction, not com.mendix.webui.CustomJavaAction: CustomJavaAction is
//   "Deprecated since 10.18. Use UserAction" (https://apidocs.rnd.mendix.com/10/runtime/deprecated-list.html)
//   and no longer a subclass of UserAction in the Mendix 11 API; Studio Pro 10 already generates
//   `extends UserAction<...>` (mendix/CommunityCommons_StringUtils,
//   src/StringUtils/javasource/stringutils/actions/RandomString.java, commit 6a6055b7).
//
// The expected PKCE values are RFC 7636 Appendix B's (https://www.rfc-editor.org/rfc/rfc7636#appendix-B):
// the 32 octets below encode to the verifier, whose S256 challenge is the one given there.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderKit } from "../src/lib/kit/render.js";
import { mdlMicroflowsPath } from "../src/lib/targets/mdl/index.js";
import { javaActionBodies, mxcliJavaFile } from "./helpers/mxcli-java-file.js";
import { planFor, specForExample } from "./helpers/spec.js";

const ACTIONS = ["GenerateRandomToken", "GetApplicationRootUrl", "PkceChallengeS256"] as const;

const RFC7636_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88,
  83, 132, 141, 121,
];
const RFC7636_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7636_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/** Mendix writes a module's Java code under javasource/<module in lower case>/ (Encryption → encryption.actions, CommunityCommons → communitycommons.actions). */
const MODULE = "AcmeCrmConnector";
const PACKAGE = MODULE.toLowerCase();

const STUBS: Record<string, string> = {
  "com/mendix/systemwideinterfaces/core/IContext.java": `// Stand-in for the Mendix runtime API's IContext (an interface in every version):
// https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/IContext.html
// No members: the actions under test only hand the context to UserAction's constructor.
package com.mendix.systemwideinterfaces.core;

public interface IContext {}
`,
  "com/mendix/systemwideinterfaces/core/UserAction.java": `// Stand-in for the Mendix runtime API's UserAction<R>, reduced to the members the actions use:
// the constructor UserAction(IContext) and the abstract executeAction().
// https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/UserAction.html
// https://apidocs.rnd.mendix.com/11/runtime/com/mendix/systemwideinterfaces/core/UserAction.html
package com.mendix.systemwideinterfaces.core;

public abstract class UserAction<R> {
  public UserAction(IContext context) {}

  public abstract R executeAction() throws Exception;
}
`,
  // Core.getConfiguration().getApplicationRootUrl(): the call Mendix's own modules make for their
  // callback URLs, e.g. the SAML20 module's SP_URI (Core.getConfiguration().getApplicationRootUrl()
  // then URLUtils.ensureEndsWithSlash) and the OIDC module's getDefaultAppRootUrl(); API pages
  // https://apidocs.rnd.mendix.com/10/runtime/com/mendix/core/Core.html (static getConfiguration())
  // and .../com/mendix/core/conf/Configuration.html (getApplicationRootUrl()). The stub's value is
  // set by the harness through a field only the stub has (ROOT): the test's knob, not an API member
  // the action could use (the action compiles against getConfiguration() and getApplicationRootUrl() only).
  "com/mendix/core/conf/Configuration.java": `// Stand-in for the Mendix runtime API's Configuration, reduced to getApplicationRootUrl().
// https://apidocs.rnd.mendix.com/10/runtime/com/mendix/core/conf/Configuration.html
package com.mendix.core.conf;

public interface Configuration {
  String getApplicationRootUrl();
}
`,
  // The harness sets the root URL through a JVM system property the stub reads, so the stub has
  // no member the real Core lacks.
  "com/mendix/core/Core.java": `// Stand-in for the Mendix runtime API's Core, reduced to the static getConfiguration().
// https://apidocs.rnd.mendix.com/10/runtime/com/mendix/core/Core.html
package com.mendix.core;

import com.mendix.core.conf.Configuration;

public final class Core {
  public static Configuration getConfiguration() {
    return () -> System.getProperty("stub.applicationRootUrl");
  }
}
`,
};

// Runs every case in one JVM: one line of output per result, tab-separated.
const HARNESS = `import ${PACKAGE}.actions.GenerateRandomToken;
import ${PACKAGE}.actions.GetApplicationRootUrl;
import ${PACKAGE}.actions.PkceChallengeS256;

public class Harness {
  public static void main(String[] args) throws Exception {
    int tokens = Integer.parseInt(args[0]);
    for (int i = 0; i < tokens; i++) System.out.println("token\\t" + new GenerateRandomToken(null).executeAction());
    for (int i = 1; i < args.length; i++) {
      try {
        System.out.println("challenge\\t" + args[i] + "\\t" + new PkceChallengeS256(null, args[i]).executeAction());
      } catch (IllegalArgumentException e) {
        System.out.println("error\\t" + args[i] + "\\t" + e.getMessage());
      }
    }
    try {
      new PkceChallengeS256(null, null).executeAction();
      System.out.println("null\\taccepted");
    } catch (IllegalArgumentException e) {
      System.out.println("null\\t" + e.getMessage());
    }
    System.out.println("names\\t" + new GenerateRandomToken(null) + "\\t" + new PkceChallengeS256(null, "x"));
    for (String root : new String[] { null, "https://app.example.com/", "https://app.example.com//", "https://app.example.com/sub" }) {
      if (root == null) System.clearProperty("stub.applicationRootUrl"); else System.setProperty("stub.applicationRootUrl", root);
      System.out.println("root\\t" + root + "\\t" + new GetApplicationRootUrl(null).executeAction());
    }
  }
}
`;

function hasTool(tool: string): boolean {
  return spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0;
}
const JAVA = hasTool("javac") && hasTool("java");
const SKIP_REASON = JAVA ? "" : " (skipped: javac/java not found on PATH; CI has them)";

const oauthPlan = planFor("acme-crm-oauth");
const MODULE_OF_KIT = oauthPlan.module;
const kitFiles = renderKit(specForExample("acme-crm-oauth"), oauthPlan);
const microflowsScript = kitFiles.find((f) => f.path === mdlMicroflowsPath(oauthPlan))!.contents;
const shipped = (name: string) => kitFiles.find((f) => f.path === `javasource/${PACKAGE}/actions/${name}.java`)?.contents ?? "";

describe("the kit's Java actions in MDL and in javasource/", () => {
  it("the MDL block holds only executeAction()'s code: no package, import, class or Studio Pro header", () => {
    const bodies = javaActionBodies(microflowsScript);
    // The PKCE pair and the root URL (issue 12), and issue 20's own-transaction actions: every one in MDL as a body only.
    expect([...bodies.keys()].sort()).toEqual([...ACTIONS, "ConsumeOnce", "CreateOnce", "ScopeWithin", "StoreRefreshedToken"].sort());
    for (const [name, { body }] of bodies) {
      expect(body, name).not.toMatch(/^\s*(package|import)\s/m);
      expect(body, name).not.toMatch(/\bclass\b|BEGIN USER CODE|generated by Mendix Studio Pro/);
    }
  });

  it("the file mxcli would write from each block equals the file the kit ships, byte for byte", () => {
    expect(MODULE_OF_KIT).toBe(MODULE);
    for (const [name, { parameters, body }] of javaActionBodies(microflowsScript)) {
      expect(shipped(name), name).toBe(mxcliJavaFile(MODULE, name, parameters, body));
    }
  });

  it("draw randomness only from SecureRandom, never from java.util.Random or Math.random", () => {
    expect(shipped("GenerateRandomToken")).toContain("new java.security.SecureRandom()");
    for (const name of ACTIONS) {
      expect(shipped(name)).not.toMatch(/java\.util\.Random\b|new Random\(|Math\.random|ThreadLocalRandom|RandomStringUtils/);
    }
  });
});

describe(`the PKCE Java actions compiled against a Mendix API stub${SKIP_REASON}`, { skip: !JAVA }, () => {
  let dir = "";
  let lines: string[][] = [];
  const INVALID = [
    RFC7636_VERIFIER.slice(0, 42), // 42 characters: one short of the minimum
    "a".repeat(129), // one over the maximum
    `${RFC7636_VERIFIER.slice(0, 42)}+`, // '+' is not unreserved (standard base64, not base64url)
    `${RFC7636_VERIFIER.slice(0, 42)}=`, // padding is not unreserved
    `${RFC7636_VERIFIER.slice(0, 42)}é`, // not ASCII
  ];
  const VALID_EDGES = ["~._-".repeat(11).slice(0, 43), "Z9".repeat(64)]; // 43 and 128 characters, every symbol allowed
  const CROSS_CHECK = 50; // verifiers whose challenge Node's own SHA-256 recomputes
  const TOKENS = 2000;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mxsecure-java-"));
    const src = join(dir, "src");
    for (const [file, text] of Object.entries(STUBS)) {
      mkdirSync(join(src, file, ".."), { recursive: true });
      writeFileSync(join(src, file), text);
    }
    const actionDir = join(src, PACKAGE, "actions");
    mkdirSync(actionDir, { recursive: true });
    // The files the kit ships, which the test above shows equal what mxcli writes.
    for (const name of ACTIONS) writeFileSync(join(actionDir, `${name}.java`), shipped(name));
    writeFileSync(join(src, "Harness.java"), HARNESS);
    const files = [...Object.keys(STUBS), ...ACTIONS.map((a) => `${PACKAGE}/actions/${a}.java`), "Harness.java"].map((f) => join(src, f));
    // --release 11: Mendix 9 runs on Java 11; Mendix 10 and 11 on newer JDKs, which compile it too.
    execFileSync("javac", ["--release", "11", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d", join(dir, "classes"), ...files], {
      stdio: "pipe",
    });
    const randomVerifiers: string[] = [];
    for (let i = 0; i < CROSS_CHECK; i++) randomVerifiers.push(createHash("sha256").update(String(i)).digest("base64url"));
    const out = execFileSync(
      "java",
      ["-cp", join(dir, "classes"), "Harness", String(TOKENS), RFC7636_VERIFIER, ...VALID_EDGES, ...randomVerifiers, ...INVALID],
      { encoding: "utf8" },
    );
    lines = out.trimEnd().split("\n").map((line) => line.split("\t"));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rows = (kind: string) => lines.filter((l) => l[0] === kind);
  const challengeOf = (verifier: string) => rows("challenge").find((l) => l[1] === verifier)?.[2];

  it("return the runtime's Application Root URL without a trailing slash, empty when none is set", () => {
    expect(rows("root").map((l) => [l[1], l[2] ?? ""])).toEqual([
      ["null", ""],
      ["https://app.example.com/", "https://app.example.com"],
      ["https://app.example.com//", "https://app.example.com"],
      ["https://app.example.com/sub", "https://app.example.com/sub"],
    ]);
  });

  it("reproduce RFC 7636 Appendix B: its octets give its verifier, and its verifier gives its S256 challenge", () => {
    expect(Buffer.from(RFC7636_OCTETS).toString("base64url")).toBe(RFC7636_VERIFIER);
    expect(challengeOf(RFC7636_VERIFIER)).toBe(RFC7636_CHALLENGE);
  });

  it("compute the same challenge as an independent SHA-256 for verifiers of every allowed length and symbol", () => {
    const checked = rows("challenge").filter((l) => l[1] !== RFC7636_VERIFIER);
    expect(checked).toHaveLength(VALID_EDGES.length + CROSS_CHECK);
    for (const [, verifier, challenge] of checked) {
      expect(challenge).toBe(createHash("sha256").update(verifier!, "ascii").digest("base64url"));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("refuse a verifier outside RFC 7636 section 4.1 with a message that never repeats it", () => {
    const errors = rows("error");
    expect(errors.map((l) => l[1])).toEqual(INVALID);
    for (const [, verifier, message] of errors) {
      expect(message).toContain("43 to 128 characters");
      expect(message).not.toContain(verifier!);
    }
    expect(rows("null")).toEqual([["null", expect.stringContaining("RFC 7636 section 4.1")]]);
  });

  it("generate tokens that are valid verifiers and states: 43 base64url characters that decode to 32 bytes", () => {
    const tokens = rows("token").map((l) => l[1]!);
    expect(tokens).toHaveLength(TOKENS);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // within RFC 7636's unreserved set, no padding
      const bytes = Buffer.from(token, "base64url");
      expect(bytes).toHaveLength(32);
      expect(bytes.toString("base64url")).toBe(token); // canonical: the last character carries no stray bits
    }
  });

  it("generate a different token on every call", () => {
    const tokens = rows("token").map((l) => l[1]!);
    expect(new Set(tokens).size).toBe(tokens.length);
    // Every position takes many values across 2,000 tokens: no constant prefix, no counter.
    for (let i = 0; i < 43; i++) expect(new Set(tokens.map((t) => t[i])).size, `position ${i}`).toBeGreaterThan(i === 42 ? 8 : 40);
  });

  it("name themselves as Studio Pro's generated toString does", () => {
    expect(rows("names")).toEqual([["names", "GenerateRandomToken", "PkceChallengeS256"]]);
  });
});
