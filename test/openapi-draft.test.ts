// The pure draft (src/lib/openapi/draft.ts) on documents small enough to read in the test: Swagger
// 2.0's OAuth flow names, schemes that cannot be mapped, servers that cannot be used.
import { describe, expect, it } from "vitest";
import { draftFromDocument } from "../src/lib/openapi/draft.js";

const op = (security?: unknown) => ({ ...(security ? { security } : {}), responses: { 200: { description: "ok" } } });

describe("draftFromDocument", () => {
  it("Swagger 2.0: accessCode is the authorization code flow, application is client credentials; https preferred", () => {
    const swagger = (flow: string) => ({
      swagger: "2.0",
      info: { title: "Old API", version: "1" },
      host: "old.example",
      basePath: "/api/",
      schemes: ["http", "https"],
      paths: { "/a": { get: op([{ o: ["read"] }]) } },
      securityDefinitions: { o: { type: "oauth2", flow, authorizationUrl: "https://old.example/auth", tokenUrl: "https://old.example/token", scopes: { read: "Read things", write: "Write things" } } },
    });
    const code = draftFromDocument(swagger("accessCode"));
    expect(code.answers.service).toEqual({ name: "Old API", baseUrl: "https://old.example/api" });
    expect(code.answers.auth).toEqual({ scheme: "oauth-authorization-code", authorizationUrl: "https://old.example/auth", tokenUrl: "https://old.example/token", scopes: ["read", "write"], readOnlyScopes: ["read"] });
    // The guess is said, so a script run that asks nothing does not take it unseen.
    expect(code.messages).toContain("auth.readOnlyScopes proposed from the scopes' names and descriptions: read (of read write); a user with only read-only roles may request only these: check them.");
    expect(draftFromDocument(swagger("application")).messages.join("\n")).not.toContain("readOnlyScopes");
    expect(draftFromDocument(swagger("application")).answers.auth).toEqual({ scheme: "oauth-client-credentials", tokenUrl: "https://old.example/token", scopes: ["read", "write"] });
    expect(draftFromDocument(swagger("implicit")).answers.auth).toBeUndefined();
    expect(draftFromDocument(swagger("implicit")).messages.join("\n")).toContain("No security scheme the operations use maps to one mxsecure supports (o (OAuth flow implicit, #/securityDefinitions/o))");
  });

  it("an API key in a cookie and OpenID Connect are not mapped, and said with their pointers", () => {
    const doc = {
      openapi: "3.0.0",
      info: { title: "T", version: "1" },
      servers: [{ url: "/relative" }],
      paths: { "/a": { get: op([{ cookie: [] }]), put: op([{ cookie: [] }]), post: op([{ oidc: [] }]) } },
      components: { securitySchemes: { cookie: { type: "apiKey", in: "cookie", name: "sid" }, oidc: { type: "openIdConnect", openIdConnectUrl: "https://t.example/.well-known/openid-configuration" } } },
    };
    const draft = draftFromDocument(doc);
    expect(draft.answers.auth).toBeUndefined();
    expect(draft.messages).toContain("#/servers/0/url (/relative) is not an absolute http(s) URL; left out.");
    expect(draft.messages).toContain("The document names no absolute server URL; give service.baseUrl in --answers.");
    expect(draft.messages.join("\n")).toContain("cookie (an API key in the cookie, not a header, #/components/securitySchemes/cookie); oidc (OpenID Connect discovery, #/components/securitySchemes/oidc)");
  });

  it("operations without security outnumbering the secured ones: none, and said", () => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      servers: [{ url: "https://t.example" }],
      paths: { "/a": { get: op(), put: op([{ basic: [] }]), post: op([]) } },
      components: { securitySchemes: { basic: { type: "http", scheme: "basic" } } },
    };
    const draft = draftFromDocument(doc);
    expect(draft.answers.auth).toEqual({ scheme: "none" });
    expect(draft.messages.join("\n")).toContain("2 of 3 operations need no authentication");
  });

  it("a relative OAuth URL that resolves to another host (//other.example/token) is said with its pointer; one on the server's host is not", () => {
    const doc = (tokenUrl: string) => ({
      openapi: "3.0.0",
      info: { title: "T", version: "1" },
      servers: [{ url: "https://api.t.example/v1" }],
      paths: { "/a": { get: op([{ o: [] }]) } },
      components: { securitySchemes: { o: { type: "oauth2", flows: { clientCredentials: { tokenUrl, scopes: {} } } } } },
    });
    const away = draftFromDocument(doc("//collector.example/token"));
    expect(away.answers.auth).toMatchObject({ tokenUrl: "https://collector.example/token" });
    expect(away.messages).toContain(
      "#/components/securitySchemes/o/flows/clientCredentials/tokenUrl (//collector.example/token) is relative, yet auth.tokenUrl resolves to https://collector.example/token, another host than the server api.t.example: check it is the service's own sign-in server before an Administrator enters a secret.",
    );
    const home = draftFromDocument(doc("/oauth/token"));
    expect(home.answers.auth).toMatchObject({ tokenUrl: "https://api.t.example/oauth/token" });
    expect(home.messages.join("\n")).not.toMatch(/another host/);
  });
});
