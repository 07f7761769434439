// none: the service needs no credentials; the connector stores only its base URL.
import { HTTPS_REQUIREMENT, noAuthentication, reachabilityTest } from "./shared.js";
import type { AuthScheme } from "./types.js";

export const none: AuthScheme<"none"> = {
  name: "none",
  adminSecrets: () => [],
  settings: () => [],
  runtimeEntities: () => [],
  runtimeSecrets: () => [],
  flows: () => [],
  requirements: () => [HTTPS_REQUIREMENT, "The service needs no credentials; anything it returns is visible to the data roles as configured."],
  endpoints: [],
  secretsBoundTo: [],
  dependencies: () => [],
  connectionTest: () => reachabilityTest(),
  requestAuthentication: () => noAuthentication(),
  sequenceDiagrams: () => [],
  checklist: () => [],
};
