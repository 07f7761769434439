// `mxsecure --openapi FILE` in a real pseudo-terminal: the connector questions come pre-filled from
// Xero's own OpenAPI document (Enter accepts each), two schemas are picked in the searchable list,
// the proposed read-only scopes are confirmed, and the kit is written and passes the audit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTER, inTerminal } from "./helpers/pty.js";
import { BIN, REPO_ROOT, removeTempDirs, requireBuiltBin, runBin, tempDir } from "./helpers/run.js";

beforeAll(requireBuiltBin);
afterAll(removeTempDirs);

const XERO = join(REPO_ROOT, "test/fixtures/openapi/xero-assets.yaml");

describe.skipIf(process.platform === "win32")("--openapi in a real terminal", () => {
  it("picks two schemas by searching, confirms the read-only scopes, accepts the drafted answers, and writes the kit", () => {
    const dir = tempDir();
    const screen = inTerminal([process.execPath, BIN, "--openapi", XERO], dir, [
      // The searchable list: typing filters it; Enter picks the first match.
      { expect: "Which schema becomes an entity? (type to search)", send: "AssetTy" },
      { expect: "❯ AssetType (7 properties)", send: ENTER },
      { expect: "Another schema as an entity?", send: "BookDepreciationSet" },
      { expect: "❯ BookDepreciationSetting (8 properties)", send: ENTER },
      // Without a term the first line is Done, with what was picked.
      { expect: "Done: AssetType, BookDepreciationSetting", send: ENTER },
      // The connector's questions, each pre-filled from the document.
      { expect: "Name of the external service (e.g. Acme CRM) (Xero Assets API)", send: ENTER },
      { expect: "Module name (XeroAssetsApiConnector)", send: ENTER },
      { expect: "What does the connector do?", send: ENTER },
      { expect: "❯ oauth-authorization-code", send: ENTER },
      { expect: "Base URL of the service (https://...) (https://api.xero.com/assets.xro/1.0)", send: ENTER },
      { expect: "OAuth authorization URL (https://...) (https://login.xero.com/identity/connect", send: ENTER },
      { expect: "OAuth token URL (https://...) (https://identity.xero.com/connect/token)", send: ENTER },
      { expect: "OAuth scopes, separated by spaces", send: ENTER },
      { expect: "Callback path (register <app root>/p + this path with the provider)", send: ENTER },
      // The read-only scopes proposed from the document's scopes, confirmed with Enter.
      { expect: "Scopes a user with only read-only roles may request", send: ENTER },
      { expect: "Where should secrets live?", send: ENTER },
      { expect: "Add a module role besides Administrator and User?", send: ENTER },
      { expect: "Write the kit, or change something?", send: ENTER },
      { expect: "files written to XeroAssetsApiConnector" },
    ], 90);
    expect(screen.error, screen.screen.slice(-3000)).toBeNull();
    expect(screen.exitCode).toBe(0);
    const kit = join(dir, "XeroAssetsApiConnector");
    const spec = parse(readFileSync(join(kit, "mxsecure.yaml"), "utf8")) as Record<string, any>;
    expect(spec.auth).toMatchObject({
      scheme: "oauth-authorization-code",
      authorizationUrl: "https://login.xero.com/identity/connect/authorize",
      tokenUrl: "https://identity.xero.com/connect/token",
      readOnlyScopes: ["email", "openid", "profile", "assets.read"],
    });
    expect(spec.entities.map((e: { name: string }) => e.name)).toEqual(["AssetType", "BookDepreciationSetting"]);
    expect(spec.entities[0].associations).toEqual([{ to: "BookDepreciationSetting", type: "reference" }]);
    expect(runBin(["audit"], kit).code).toBe(0);
  }, 120_000);
});
