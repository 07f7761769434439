// Validation of answers: each refused input is reported at its exact path with a message that
// says how to fix it; defaults are filled in; user text passes through untouched.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/lib/plan/build.js";
import { isSecretLikeKey } from "../src/lib/spec/secrets.js";
import { validateSpec } from "../src/lib/spec/validate.js";
import { answers, AUTH, entity, EXAMPLES, problemAt, problemsOf, specForExample, specFrom } from "./helpers/spec.js";

const ENTITY = (yaml: string) => `entities:\n  - ${yaml}`;

describe("the bundled examples", () => {
  it.each(EXAMPLES)("%s is valid", (name) => {
    expect(() => specForExample(name)).not.toThrow();
  });
});

describe("Mendix names", () => {
  const NAME_FIX = /must be a Mendix name: a letter first, then letters, digits or underscores/;

  it.each(["1Module", "My Module", "Acme-Crm", "Ünïcode", "_Lead", ""])("refuses module name %j", (name) => {
    const problems = problemsOf(answers(AUTH.none).replace("module: TestConnector", `module: "${name}"`));
    expect(problemAt(problems, "module").message).toMatch(NAME_FIX);
  });

  it("refuses a module name that is a Java keyword", () => {
    const problems = problemsOf(answers(AUTH.none).replace("module: TestConnector", "module: Class"));
    expect(problemAt(problems, "module").message).toMatch(/Java keyword/);
  });

  it("refuses a non-Mendix entity, attribute and role name, each at its own path", () => {
    const problems = problemsOf(
      answers(
        AUTH.none,
        [
          "roles: [{ name: 'Read Only', kind: data, documentation: Reads. }]",
          "entities:",
          "  - { name: 'Sales-Order', documentation: An order., attributes: [{ name: '2nd', type: string }] }",
        ].join("\n"),
      ),
    );
    for (const path of ["roles[0].name", "entities[0].name", "entities[0].attributes[0].name"]) {
      expect(problemAt(problems, path).message).toMatch(NAME_FIX);
    }
  });

  it("accepts letters, digits and underscores after a leading letter", () => {
    expect(() => specFrom(answers(AUTH.none, ENTITY("{ name: Sales_Order2, documentation: d, attributes: [{ name: Line_1, type: string }] }")))).not.toThrow();
  });
});

describe("reserved attribute names", () => {
  it.each(["owner", "Owner", "OWNER", "ID", "id", "Type", "type", "GUID", "changedDate", "CreatedDate", "context", "MendixObject", "SubMetaObjectName"])(
    "refuses %s (case-insensitive)",
    (name) => {
      const problems = problemsOf(answers(AUTH.none, ENTITY(`{ name: Thing, documentation: d, attributes: [{ name: ${name}, type: string }] }`)));
      expect(problemAt(problems, "entities[0].attributes[0].name").message).toMatch(/reserved by Mendix as an attribute name \(CE7247\); choose another name/);
    },
  );

  it.each(["class", "Class", "PUBLIC", "Interface", "new", "Return"])("refuses Java keyword %s as an attribute name", (name) => {
    const problems = problemsOf(answers(AUTH.none, ENTITY(`{ name: Thing, documentation: d, attributes: [{ name: ${name}, type: string }] }`)));
    const messages = problems.filter((p) => p.path === "entities[0].attributes[0].name").map((p) => p.message);
    expect(messages.join(" ")).toMatch(/Java keyword|reserved/);
  });

  it("accepts names that merely contain a reserved word", () => {
    expect(() =>
      specFrom(answers(AUTH.none, ENTITY("{ name: Thing, documentation: d, attributes: [{ name: OwnerName, type: string }, { name: TypeCode, type: string }, { name: Identifier, type: string }] }"))),
    ).not.toThrow();
  });
});

describe("names that clash", () => {
  it("refuses an entity named like the module ignoring case", () => {
    const problems = problemsOf(answers(AUTH.none, ENTITY("{ name: testCONNECTOR, documentation: d }")));
    expect(problemAt(problems, "entities[0].name").message).toMatch(/equals the module name TestConnector ignoring case.*rename the entity/);
  });

  it("refuses duplicate entity names ignoring case, at the later one", () => {
    const problems = problemsOf(answers(AUTH.none, "entities:\n  - { name: Order, documentation: a }\n  - { name: Item, documentation: b }\n  - { name: ORDER, documentation: c }"));
    expect(problemAt(problems, "entities[2].name").message).toMatch(/duplicates entities\[0\]\.name.*must be unique/);
    expect(problems.some((p) => p.path === "entities[0].name")).toBe(false);
  });

  it("refuses duplicate attribute names within an entity ignoring case", () => {
    const problems = problemsOf(answers(AUTH.none, ENTITY("{ name: Thing, documentation: d, attributes: [{ name: Code, type: string }, { name: code, type: integer }] }")));
    expect(problemAt(problems, "entities[0].attributes[1].name").message).toMatch(/duplicates attributes\[0\]\.name/);
  });

  it("allows the same attribute name in different entities", () => {
    expect(() =>
      specFrom(answers(AUTH.none, "entities:\n  - { name: A, documentation: a, attributes: [{ name: Code, type: string }] }\n  - { name: B, documentation: b, attributes: [{ name: Code, type: string }] }")),
    ).not.toThrow();
  });

  it("refuses duplicate role names ignoring case", () => {
    const problems = problemsOf(answers(AUTH.none, "roles:\n  - { name: Viewer, kind: data, documentation: a }\n  - { name: viewer, kind: data, documentation: b }"));
    expect(problemAt(problems, "roles[1].name").message).toMatch(/duplicates roles\[0\]\.name.*must be unique/);
  });

  it("refuses a role that differs from a built-in role only by case", () => {
    const problems = problemsOf(answers(AUTH.none, "roles:\n  - { name: administrator, kind: data, documentation: a }\n  - { name: USER, kind: configuration, documentation: b }"));
    expect(problemAt(problems, "roles[0].name").message).toMatch(/built-in role Administrator only by case; write Administrator/);
    expect(problemAt(problems, "roles[1].name").message).toMatch(/built-in role User only by case; write User/);
  });

  it("refuses changing a built-in role's kind or making it read-only, but allows new documentation", () => {
    const problems = problemsOf(answers(AUTH.none, "roles:\n  - { name: Administrator, kind: data, documentation: a }\n  - { name: User, kind: data, readOnly: true, documentation: b }"));
    expect(problemAt(problems, "roles[0]").message).toMatch(/built in as a configuration role.*only its documentation may be changed/);
    expect(problemAt(problems, "roles[1]").message).toMatch(/built in as a data role.*only its documentation may be changed/);
    const spec = specFrom(answers(AUTH.none, "roles:\n  - { name: Administrator, kind: configuration, documentation: Our admins. }"));
    expect(buildPlan(spec).roles.find((r) => r.name === "Administrator")?.documentation).toBe("Our admins.");
  });

  it.each(["ConnectionDetails", "SecretInput", "AccessToken", "UserToken", "AuthorizationRequest", "connectiondetails"])(
    "refuses an entity named like the generated %s",
    (name) => {
      const problems = problemsOf(answers(AUTH.none, ENTITY(`{ name: ${name}, documentation: d }`)));
      expect(problemAt(problems, "entities[0].name").message).toMatch(/is generated by mxsecure.*choose another name/);
    },
  );
});

describe("roles", () => {
  it.each(["admin", "both", "configuration|data", "Data"])("refuses kind %j, naming the two kinds", (kind) => {
    const problems = problemsOf(answers(AUTH.none, `roles: [{ name: Helper, kind: "${kind}", documentation: d }]`));
    expect(problemAt(problems, "roles[0].kind").message).toBe("must be configuration or data (a role is never both)");
  });

  it("refuses a custom role without documentation, saying what the documentation is for", () => {
    const problems = problemsOf(answers(AUTH.none, "roles: [{ name: Helper, kind: data }]"));
    expect(problemAt(problems, "roles[0].documentation").message).toMatch(/^is required: what the role is for and what it must not be combined with/);
  });

  it("refuses blank documentation", () => {
    const problems = problemsOf(answers(AUTH.none, "roles: [{ name: Helper, kind: data, documentation: \"  \\n \" }]"));
    expect(problemAt(problems, "roles[0].documentation").message).toBe("must not be empty");
    const empty = problemsOf(answers(AUTH.none, 'roles: [{ name: Helper, kind: data, documentation: "" }]'));
    expect(empty.filter((p) => p.path === "roles[0].documentation").map((p) => p.message)).toEqual(["must not be empty"]);
  });
});

describe("URLs must be HTTPS", () => {
  type Field = { scheme: keyof typeof AUTH; path: string; replace: [string, string] };
  const fields: Field[] = [];
  for (const scheme of Object.keys(AUTH) as (keyof typeof AUTH)[]) {
    fields.push({ scheme, path: "service.baseUrl", replace: ["https://api.test.example", "http://api.test.example"] });
  }
  fields.push(
    { scheme: "oauth-client-credentials", path: "auth.tokenUrl", replace: ["https://auth.test.example/token", "http://auth.test.example/token"] },
    { scheme: "oauth-authorization-code", path: "auth.tokenUrl", replace: ["https://auth.test.example/token", "http://auth.test.example/token"] },
    { scheme: "oauth-authorization-code", path: "auth.authorizationUrl", replace: ["https://auth.test.example/authorize", "http://auth.test.example/authorize"] },
  );

  it.each(fields)("$scheme: refuses plain HTTP in $path", ({ scheme, path, replace }) => {
    const text = answers(AUTH[scheme]!).replace(...replace);
    expect(text).toContain(replace[1]);
    const problems = problemsOf(text);
    expect(problemAt(problems, path).message).toMatch(/^is not HTTPS \(http:\/\/.*\); use an https:\/\/ URL$/);
    expect(problems).toHaveLength(1);
  });

  it.each(fields)("$scheme: refuses plain HTTP in $path even with allowHttpLocalhost when the host is not local", ({ scheme, path, replace }) => {
    const text = answers(AUTH[scheme]!).replace(...replace).replace("  baseUrl:", "  allowHttpLocalhost: true\n  baseUrl:");
    expect(problemAt(problemsOf(text), path).message).toMatch(/is not HTTPS/);
  });

  const local = (field: Field, host: string) =>
    answers(AUTH[field.scheme]!).replace(field.replace[0], field.replace[0].replace(/^https:\/\/[^/]+/, `http://${host}`));

  it.each(fields)("$scheme: http://localhost in $path needs service.allowHttpLocalhost", (field) => {
    const text = local(field, "localhost:8080");
    const problems = problemsOf(text);
    if (field.scheme === "basic" || field.scheme === "api-token") {
      expect(problemAt(problems, field.path).message).toMatch(new RegExp(`${field.scheme} sends credentials with every request, so plain HTTP is never allowed`));
    } else {
      expect(problemAt(problems, field.path).message).toMatch(/use https:\/\/, or set service\.allowHttpLocalhost: true for local testing/);
    }
  });

  it.each(fields)("$scheme: http://localhost in $path with allowHttpLocalhost: allowed except for basic and api-token", (field) => {
    for (const host of ["localhost", "127.0.0.1:3000", "[::1]"]) {
      const text = local(field, host).replace("  baseUrl:", "  allowHttpLocalhost: true\n  baseUrl:");
      const problems = problemsOf(text);
      if (field.scheme === "basic" || field.scheme === "api-token") {
        expect(problemAt(problems, field.path).message, host).toMatch(/never allowed/);
      } else {
        expect(problems, host).toEqual([]);
      }
    }
  });

  it("does not take a look-alike host for localhost", () => {
    const text = answers(AUTH.none).replace("https://api.test.example", "http://localhost.evil.example").replace("  baseUrl:", "  allowHttpLocalhost: true\n  baseUrl:");
    expect(problemAt(problemsOf(text), "service.baseUrl").message).toMatch(/is not HTTPS/);
  });

  it.each(["ftp://api.test.example/v1", "api.test.example/v1", "https://", "javascript:alert(1)", "file:///etc/passwd"])("refuses %j as a URL", (url) => {
    const problems = problemsOf(answers(AUTH.none).replace("https://api.test.example/v1", url));
    expect(problemAt(problems, "service.baseUrl").message).toMatch(/must be an absolute HTTPS URL such as "https:\/\/api\.example\.com\/v1"/);
  });

  it("refuses credentials carried in a URL", () => {
    const userinfo = problemsOf(answers(AUTH.none).replace("https://api", "https://admin:hunter2@api"));
    expect(problemAt(userinfo, "service.baseUrl").message).toMatch(/carries a credential.*remove it/i);
    const query = problemsOf(answers(AUTH["oauth-client-credentials"]).replace("/token", "/token?client_secret=abc"));
    expect(problemAt(query, "auth.tokenUrl").message).toMatch(/carries a credential \(the query parameter client_secret\)/);
    // An ordinary query string is fine.
    expect(problemsOf(answers(AUTH.none).replace("/v1", "/v1?version=2"))).toEqual([]);
  });

  it("refuses missing OAuth URLs, each at its path, saying what is expected", () => {
    const code = problemsOf(answers("scheme: oauth-authorization-code"));
    expect(problemAt(code, "auth.authorizationUrl").message).toBe("is required: the OAuth authorization endpoint; HTTPS.");
    expect(problemAt(code, "auth.tokenUrl").message).toBe("is required: the OAuth token endpoint; HTTPS.");
    const client = problemsOf(answers("scheme: oauth-client-credentials"));
    expect(problemAt(client, "auth.tokenUrl").message).toBe("is required: the OAuth token endpoint; HTTPS.");
    expect(client).toHaveLength(1);
  });

  it("refuses a missing or unknown scheme, listing the schemes", () => {
    const problems = problemsOf(answers("scheme: kerberos"));
    expect(problemAt(problems, "auth.scheme").message).toBe(
      "must be one of basic | api-token | oauth-authorization-code | oauth-client-credentials | saml | none",
    );
  });
});

describe("secrets never go in an answers file", () => {
  const SECRET_MESSAGE = /looks like a secret; secrets never go in an answers file\. Remove it/;

  it("refuses auth.clientSecret with a value", () => {
    const problems = problemsOf(answers(`${AUTH["oauth-client-credentials"]}\nclientSecret: s3cr3t`));
    expect(problemAt(problems, "auth.clientSecret").message).toMatch(SECRET_MESSAGE);
    // Reported once, as a secret, not also as an unknown field.
    expect(problems.filter((p) => p.path === "auth.clientSecret")).toHaveLength(1);
  });

  it.each([
    ["nested password", "extra:\n  deep:\n    password: hunter2", "extra.deep.password"],
    ["api_key", "auth2:\n  api_key: abc", "auth2.api_key"],
    ["ApiKey", "settings:\n  ApiKey: abc", "settings.ApiKey"],
    ["inside a list", "things:\n  - { name: x, token: abc }", "things[0].token"],
    ["client-secret with a hyphen", "client-secret: abc", '["client-secret"]'],
    ["a numeric value", "pin:\n  password: 1234", "pin.password"],
  ])("refuses a %s anywhere in the file", (_label, extra, path) => {
    const problems = problemsOf(answers(AUTH.basic, extra));
    expect(problemAt(problems, path).message).toMatch(SECRET_MESSAGE);
  });

  it("refuses a secret-like key under an entity, where it is also an unknown field", () => {
    const problems = problemsOf(answers(AUTH.basic, ENTITY("{ name: Thing, documentation: d, apiToken: xyz }")));
    expect(problemAt(problems, "entities[0].apiToken").message).toMatch(SECRET_MESSAGE);
  });

  it("reports every secret at once", () => {
    const problems = problemsOf(answers(`${AUTH["api-token"]}\napiToken: a\npassword: b`, "secret: c"));
    for (const path of ["auth.apiToken", "auth.password", "secret"]) expect(problemAt(problems, path).message).toMatch(SECRET_MESSAGE);
  });

  it("does not treat tokenUrl, tokenPrefix, headerName or secretStorage as secrets", () => {
    for (const key of ["tokenUrl", "tokenPrefix", "headerName", "secretStorage", "authorizationUrl", "redirectPath"]) {
      expect(isSecretLikeKey(key), key).toBe(false);
    }
    const spec = specFrom(answers(`${AUTH["api-token"]}\nheaderName: X-Api-Key\ntokenPrefix: Token\nsecretStorage: constant`));
    expect(spec.auth).toMatchObject({ headerName: "X-Api-Key", tokenPrefix: "Token", secretStorage: "constant" });
    expect(() => specFrom(answers(AUTH["oauth-client-credentials"]))).not.toThrow();
  });

  it("allows a secret-like key with an empty value (nothing is disclosed) but still as an unknown field", () => {
    const problems = problemsOf(answers(`${AUTH.basic}\npassword: ""`));
    expect(problemAt(problems, "auth.password").message).toMatch(/^unknown field/);
  });
});

describe("unknown fields", () => {
  it("suggests the closest known field", () => {
    const problems = problemsOf(answers(AUTH.none, "entites: []\nrols: []"));
    expect(problemAt(problems, "entites").message).toBe('unknown field; did you mean "entities"?');
    expect(problemAt(problems, "rols").message).toBe('unknown field; did you mean "roles"?');
  });

  it("knows the fields of the chosen scheme", () => {
    const problems = problemsOf(answers(`${AUTH["api-token"]}\nheadrName: X-Key`));
    expect(problemAt(problems, "auth.headrName").message).toBe('unknown field; did you mean "headerName"?');
    const code = problemsOf(answers(`${AUTH["oauth-authorization-code"]}\nredirectPth: /cb`));
    expect(problemAt(code, "auth.redirectPth").message).toBe('unknown field; did you mean "redirectPath"?');
  });

  it("in nested entities and attributes too", () => {
    const problems = problemsOf(answers(AUTH.none, ENTITY("{ name: Thing, documentation: d, owership: user, attributes: [{ name: Code, type: string, lenght: 5 }] }")));
    expect(problemAt(problems, "entities[0].owership").message).toBe('unknown field; did you mean "ownership"?');
    expect(problemAt(problems, "entities[0].attributes[0].lenght").message).toBe('unknown field; did you mean "length"?');
  });

  it("lists the known fields when nothing is close", () => {
    const problems = problemsOf(answers(AUTH.none, "zzzzzzzzzz: 1"));
    expect(problemAt(problems, "zzzzzzzzzz").message).toMatch(/^unknown field; expected one of: module, description, service, auth, roles, entities/);
  });

  it("a field of another scheme is unknown for this one", () => {
    const problems = problemsOf(answers(`${AUTH.basic}\ntokenUrl: https://auth.test.example/token`));
    expect(problemAt(problems, "auth.tokenUrl").message).toMatch(/^unknown field/);
  });
});

describe("entities", () => {
  it("refuses an association to an unknown entity, listing the known ones", () => {
    const problems = problemsOf(answers(AUTH.none, "entities:\n  - { name: Order, documentation: d, associations: [{ to: Customer }] }\n  - { name: Item, documentation: d }"));
    expect(problemAt(problems, "entities[0].associations[0].to").message).toBe("no entity named Customer in this spec; expected one of: Order, Item");
  });

  it("refuses an association whose target differs only by case", () => {
    const problems = problemsOf(answers(AUTH.none, "entities:\n  - { name: Order, documentation: d, associations: [{ to: item }] }\n  - { name: Item, documentation: d }"));
    expect(problemAt(problems, "entities[0].associations[0].to").message).toMatch(/no entity named item/);
  });

  it("refuses a persistable entity referring to a non-persistable one, saying which way round works", () => {
    const problems = problemsOf(answers(AUTH.none, "entities:\n  - { name: Order, documentation: d, associations: [{ to: Draft }] }\n  - { name: Draft, documentation: d, persistable: false }"));
    expect(problemAt(problems, "entities[0].associations[0].to").message).toMatch(/persistable entity cannot refer to the non-persistable Draft; point the association from Draft instead/);
    // The other way round is fine.
    expect(() => specFrom(answers(AUTH.none, "entities:\n  - { name: Order, documentation: d }\n  - { name: Draft, documentation: d, persistable: false, associations: [{ to: Order }] }"))).not.toThrow();
  });

  it("refuses two associations to the same entity", () => {
    const problems = problemsOf(answers(AUTH.none, "entities:\n  - { name: Order, documentation: d, associations: [{ to: Item }, { to: Item, type: reference-set }] }\n  - { name: Item, documentation: d }"));
    expect(problemAt(problems, "entities[0].associations[1].to").message).toMatch(/already has an association to Item/);
  });

  it.each(["integer", "long", "decimal", "boolean", "datetime"])("refuses a length on a %s attribute", (type) => {
    const problems = problemsOf(answers(AUTH.none, ENTITY(`{ name: Thing, documentation: d, attributes: [{ name: Amount, type: ${type}, length: 10 }] }`)));
    expect(problemAt(problems, "entities[0].attributes[0].length").message).toBe("only string attributes have a length; remove it or set type: string");
  });

  it("refuses an unknown attribute type, ownership or association type, listing the choices", () => {
    const problems = problemsOf(
      answers(AUTH.none, "entities:\n  - { name: A, documentation: d, ownership: mine, attributes: [{ name: X, type: text }], associations: [{ to: B, type: many }] }\n  - { name: B, documentation: d }"),
    );
    expect(problemAt(problems, "entities[0].ownership").message).toBe("must be user or shared");
    // "text" is what other languages call a string (issue 22: did-you-mean for enum values).
    expect(problemAt(problems, "entities[0].attributes[0].type").message).toBe('must be one of string | integer | long | decimal | boolean | datetime; did you mean "string"?');
    expect(problemAt(problems, "entities[0].associations[0].type").message).toBe("must be reference or reference-set");
  });

  it("refuses an access override for an unknown role or member", () => {
    const problems = problemsOf(
      answers(
        AUTH.none,
        "entities:\n  - { name: Order, documentation: d, attributes: [{ name: Code, type: string }], associations: [{ to: Item }], access: { Ghost: { read: all }, User: { read: [Code, Order_Item, Nope], write: [Gone] } } }\n  - { name: Item, documentation: d }",
      ),
    );
    expect(problemAt(problems, "entities[0].access.Ghost").message).toBe("no role named Ghost; expected one of: Administrator, User");
    expect(problemAt(problems, "entities[0].access.User.read").message).toBe("Order has no member Nope; expected one of: Code, Order_Item");
    expect(problemAt(problems, "entities[0].access.User.write").message).toBe("Order has no member Gone; expected one of: Code, Order_Item");
  });
});

describe("every problem at once", () => {
  it("lists schema, semantic and secret problems of one file together", () => {
    const text = [
      "module: TestConnector",
      "description: A test connector.",
      "service:",
      "  name: Test Service",
      "  baseUrl: http://api.test.example/v1", // semantic: not HTTPS
      "auth:",
      "  scheme: oauth-authorization-code", // schema: authorizationUrl and tokenUrl missing
      "  clientSecret: abc", // secret
      "roles:",
      "  - { name: Viewer, kind: both, documentation: d }", // schema: kind
      "  - { name: Helper, kind: data }", // schema: documentation missing
      "entities:",
      "  - name: Order",
      "    documentation: d",
      "    attributes:",
      "      - { name: ID, type: string }", // schema: reserved
      "      - { name: Amount, type: decimal, length: 5 }", // semantic: length
      "    associations: [{ to: Nowhere }]", // semantic: unknown entity
      "  - { name: testconnector, documentation: d }", // semantic: equals module
      "unknwn: 1", // unknown field
    ].join("\n");
    const paths = problemsOf(text).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "auth.clientSecret",
        "auth.authorizationUrl",
        "auth.tokenUrl",
        "roles[0].kind",
        "roles[1].documentation",
        "entities[0].attributes[0].name",
        "unknwn",
        // The auth block is invalid, yet the base URL is still checked under the scheme it names.
        "service.baseUrl",
      ]),
    );
    // Whole-spec rules still run on the parts the schema accepted.
    const semantic = problemsOf(text.replace("  scheme: oauth-authorization-code", "  scheme: none").replace("  clientSecret: abc\n", ""));
    expect(semantic.map((p) => p.path)).toEqual(expect.arrayContaining(["service.baseUrl", "roles[0].kind", "roles[1].documentation", "entities[0].attributes[0].name", "unknwn"]));
  });

  it("reports HTTPS and entity rules even when another part fails the schema", () => {
    const text = answers(
      AUTH.none,
      "roles: [{ name: R, kind: data }]\nentities:\n  - { name: Order, documentation: d, attributes: [{ name: Amount, type: decimal, length: 5 }], associations: [{ to: Nowhere }] }",
    ).replace("https://api", "http://api");
    const paths = problemsOf(text).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["roles[0].documentation", "service.baseUrl"]));
    // Entity rules need valid roles (access overrides name them); with valid roles they are reported next to a bad service.
    const text2 = answers(AUTH.none, "entities:\n  - { name: Order, documentation: d, attributes: [{ name: Amount, type: decimal, length: 5 }], associations: [{ to: Nowhere }] }")
      .replace("  name: Test Service\n", "");
    const paths2 = problemsOf(text2).map((p) => p.path);
    expect(paths2).toEqual(expect.arrayContaining(["service.name", "entities[0].attributes[0].length", "entities[0].associations[0].to"]));
  });

  it("refuses answers that are not a mapping", () => {
    for (const data of [null, 42, "module: x", ["module"]]) {
      const result = validateSpec(data);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toEqual([{ path: "", message: expect.stringMatching(/must be a mapping of fields/) }]);
    }
  });
});

describe("defaults", () => {
  it("fills in secretStorage, ownership, persistable, readOnly, sensitive, association type", () => {
    const spec = specFrom(
      answers(AUTH.basic, "roles: [{ name: Helper, kind: data, documentation: d }]\nentities:\n  - { name: A, documentation: d, attributes: [{ name: X, type: string }], associations: [{ to: B }] }\n  - { name: B, documentation: d }"),
    );
    expect(spec.auth).toEqual({ scheme: "basic", secretStorage: "database" });
    expect(spec.roles[0]).toMatchObject({ readOnly: false });
    expect(spec.entities[0]).toMatchObject({ ownership: "shared", persistable: true });
    expect(spec.entities[0]!.attributes[0]).toEqual({ name: "X", type: "string", sensitive: false, editable: false });
    expect(spec.entities[0]).toMatchObject({ editable: false });
    expect(spec.roles[0]).toMatchObject({ reach: "own" });
    expect(spec.entities[0]!.associations[0]).toEqual({ to: "B", type: "reference" });
    expect(spec.entities[1]).toMatchObject({ attributes: [], associations: [] });
    expect(spec.suppressions).toEqual([]);
  });

  it("api-token: header Authorization and prefix Bearer", () => {
    expect(specFrom(answers(AUTH["api-token"])).auth).toEqual({ scheme: "api-token", secretStorage: "database", headerName: "Authorization", tokenPrefix: "Bearer" });
  });

  it("oauth-authorization-code: redirect path, PKCE on, no scopes", () => {
    expect(specFrom(answers(AUTH["oauth-authorization-code"])).auth).toMatchObject({ redirectPath: "/oauth/callback", pkce: true, scopes: [], secretStorage: "database" });
  });

  it("an explicit empty token prefix stays empty", () => {
    expect(specFrom(answers(`${AUTH["api-token"]}\ntokenPrefix: ""`)).auth).toMatchObject({ tokenPrefix: "" });
  });

  it("a string attribute without a length gets 200 in the plan; 0 stays unlimited", () => {
    const plan = buildPlan(specFrom(answers(AUTH.none, ENTITY("{ name: A, documentation: d, attributes: [{ name: X, type: string }, { name: Y, type: string, length: 0 }, { name: Z, type: integer }] }"))));
    const attributes = entity(plan, "A").attributes;
    expect(attributes.find((a) => a.name === "X")?.length).toBe(200);
    expect(attributes.find((a) => a.name === "Y")?.length).toBe(0);
    expect(attributes.find((a) => a.name === "Z")).not.toHaveProperty("length");
  });
});

describe("user text is carried verbatim", () => {
  const DESCRIPTION = "Line one.\nLine two — naïve café 🔐 \u202Eevil\u202C \"quoted\" `tick` ${x} */ <% y %>\n\n  indented";
  const DOC = "Role doc:\n- first\n- second 日本語";
  const ENTITY_DOC = "Entity doc with a NUL \u0000 and a tab \t and trailing spaces   ";

  it("through validation into the plan", () => {
    const spec = validateSpec({
      module: "TextConnector",
      description: DESCRIPTION,
      service: { name: "Ünïcode Sérvice ✓", baseUrl: "https://api.test.example" },
      auth: { scheme: "none" },
      roles: [{ name: "Viewer", kind: "data", readOnly: true, documentation: DOC }],
      entities: [{ name: "Note", documentation: ENTITY_DOC }],
    });
    if (!spec.ok) throw new Error(JSON.stringify(spec.problems));
    expect(spec.spec.description).toBe(DESCRIPTION);
    const plan = buildPlan(spec.spec);
    expect(plan.description).toBe(DESCRIPTION);
    expect(plan.service.name).toBe("Ünïcode Sérvice ✓");
    expect(plan.roles.find((r) => r.name === "Viewer")?.documentation).toBe(DOC);
    expect(entity(plan, "Note").documentation).toBe(ENTITY_DOC);
  });

  it("from the hostile-text example file, newlines and all", () => {
    const spec = specForExample("hostile-text");
    expect(spec.description).toContain("\nnewlines | pipes");
    expect(spec.description).toContain("\u202Eright-to-left\u202C");
    const plan = buildPlan(spec);
    expect(plan.description).toBe(spec.description);
    expect(entity(plan, "Note").documentation).toBe(spec.entities[0]!.documentation);
    expect(entity(plan, "Note").documentation).toContain("\u0000");
    expect(plan.roles.find((r) => r.name === "Viewer")?.documentation).toBe(spec.roles[0]!.documentation);
    expect(plan.auth.scopes).toEqual(["a'b", 'c"d', "${e}"]);
  });

  it("a multi-line YAML block keeps its newlines", () => {
    const spec = specFrom(answers(AUTH.none).replace("description: A test connector.", "description: |-\n  First line.\n  Second line."));
    expect(spec.description).toBe("First line.\nSecond line.");
    // Clip chomping keeps the final newline: not trimmed away.
    const clipped = specFrom(answers(AUTH.none).replace("description: A test connector.", "description: |\n  Only line."));
    expect(clipped.description).toBe("Only line.\n");
  });
});
