// basic: a user name and an encrypted password sent with every request (HTTP Basic).
import { text } from "../members.js";
import { authenticateFlow, HTTPS_REQUIREMENT, requestTest } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const basic: AuthScheme<"basic"> = {
  name: "basic",
  adminSecrets: ({ spec }) => [{ name: "Password", description: `the password of the ${spec.service.name} account` }],
  settings: ({ spec }) => [text("Username", 200, `User name of the ${spec.service.name} account the connector signs in with.`)],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: () => [
    authenticateFlow("Basic base64(Username:Password).", [
      { kind: "note", text: "Username from ConnectionDetails; password from SUB_ConnectionDetails_GetPassword; Basic base64(user:password)." },
    ]),
  ],
  requirements: () => [
    HTTPS_REQUIREMENT,
    "The user name and password travel with every request: TLS is their only protection, so never call the service over plain HTTP.",
  ],
  endpoints: [],
  // The password goes with every request to BaseUrl.
  secretsBoundTo: ["BaseUrl"],
  dependencies: () => [],
  connectionTest: () => requestTest("user name and password"),
  checklist: () => [],
};
