// Shared by the audit tests: specs written to a temporary directory, and runAudit with captured output.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAudit } from "../src/lib/cli/audit.ts";

export const workDir = mkdtempSync(join(tmpdir(), "mxsecure-audit-"));

export function writeSpec(name: string, text: string): string {
  const file = join(workDir, name);
  writeFileSync(file, text);
  return file;
}

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export async function audit(...argv: string[]): Promise<Ran> {
  let out = "";
  let err = "";
  const code = await runAudit(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** Breaks many rules at once; line numbers matter to the tests (keep the layout). */
export const PLANTED = `module: AcmeCrmConnector
description: Connects a Mendix app to the Acme CRM REST API.
service:
  name: Acme CRM
  baseUrl: http://api.acme.example/v2
auth:
  scheme: oauth-authorization-code
  authorizationUrl: https://login.acme.example/oauth2/authorize
  tokenUrl: https://login.acme.example/oauth2/token
  pkce: false
roles:
  - name: Viewer
    kind: data
    readOnly: true
    documentation: TODO
entities:
  - name: Contact
    documentation: A CRM contact.
    ownership: user
    attributes:
      - { name: FullName, type: string }
      - { name: ApiKey, type: string }
      - { name: Email, type: string, sensitive: true }
    access:
      Administrator: { read: all }
      User: { read: all, write: all, create: true }
      Viewer: { read: [Email] }
  - name: Draft
    documentation: A draft in the session.
    persistable: false
    attributes:
      - { name: Text, type: string }
    access:
      User: { read: all, xpath: "[Text='x']" }
suppressions:
  - { rule: RoleDocumented, path: "roles[0].documentation", fingerprint: ffe3c67e1199bd9e, reason: "Documented in the team wiki." }
`;
