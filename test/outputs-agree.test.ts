// SECURITY.md, the Model SDK script and the MDL script state the same security model: for every
// example, each entity access right and each microflow's allowed roles are read back from all three
// (SECURITY.md's tables parsed as GFM, the SDK definition the kit's module.ts holds, the MDL script
// through targets/mdl/read-back.ts) and compared with each other.
import { describe, expect, it } from "vitest";
import { renderSecurityMd } from "../src/lib/kit/security-md.js";
import { renderMdl } from "../src/lib/targets/mdl/index.js";
import { readBack } from "../src/lib/targets/mdl/read-back.js";
import { moduleDefinition } from "../src/lib/targets/sdk/definition.js";
import { EXAMPLES, planFor } from "./helpers/spec.js";

interface Right {
  create: boolean;
  delete: boolean;
  read: string[];
  write: string[];
  xpath: string;
}
type Rights = Record<string, Right>; // key: Entity/Role

/** GFM table cells: split on "|" not escaped by a backslash. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = "";
  for (let i = 1; i < row.length - 1; i++) {
    if (row[i] === "\\" && i + 1 < row.length - 1) {
      cell += row[i]! + row[i + 1]!;
      i++;
    } else if (row[i] === "|") {
      out.push(cell.trim());
      cell = "";
    } else cell += row[i];
  }
  out.push(cell.trim());
  return out;
}
// Names show as code spans in the kit's prose (issue 22); the text is what is inside.
const unescape = (text: string) => text.replace(/`([^`]*)`/g, "$1").replace(/\\(.)/g, "$1");
function code(cell: string): string {
  if (cell === "—") return "";
  const fence = /^(`+)\s?([\s\S]*?)\s?\1$/.exec(cell);
  if (!fence) throw new Error(`not a code cell: ${cell}`);
  return fence[2]!.replace(/\\\|/g, "|");
}
function members(cell: string): string[] {
  const text = unescape(cell);
  if (text === "none") return [];
  const all = /^all \((.*)\)$/.exec(text);
  return (all ? all[1]! : text).split(", ");
}

function fromSecurityMd(markdown: string): { rights: Rights; microflows: Record<string, string[]> } {
  const rights: Rights = {};
  const microflows: Record<string, string[]> = {};
  let entity = "";
  let inRules = false;
  let inMicroflows = false;
  for (const line of markdown.split("\n")) {
    const heading = /^#### (\S+) \(/.exec(line);
    if (heading) entity = unescape(heading[1]!);
    if (line.startsWith("| Role | Create | Delete | Read | Write | XPath |")) inRules = true;
    else if (line.startsWith("| Microflow | Folder | Allowed roles |")) inMicroflows = true;
    else if (!line.startsWith("|")) inRules = inMicroflows = false;
    else if (line.startsWith("| ---")) continue;
    else if (inRules) {
      const [role, create, del, read, write, xpath] = cells(line);
      rights[`${entity}/${unescape(role!)}`] = { create: create === "yes", delete: del === "yes", read: members(read!), write: members(write!), xpath: code(xpath!) };
    } else if (inMicroflows) {
      const [name, , allowed] = cells(line);
      const roles = unescape(allowed!);
      microflows[code(name!)] = roles === "none (private)" ? [] : roles.split(", ");
    }
  }
  return { rights, microflows };
}

/** Every MDL script of the kit (the main script and the microflow script), read back statement by statement. */
function fromMdl(scripts: string[]): { rights: Rights; microflows: Record<string, string[]> } {
  const rights: Rights = {};
  const microflows: Record<string, string[]> = {};
  for (const script of scripts) {
    const back = readBack(script);
    for (const g of back.entityGrants) {
      rights[`${g.entity[1]}/${g.role[1]}`] = { create: g.create, delete: g.delete, read: g.read, write: g.write, xpath: g.xpath ?? "" };
    }
    for (const g of back.microflowGrants) microflows[g.microflow[1]!] = g.roles.map((r) => r[1]!);
  }
  return { rights, microflows };
}

interface SdkRule { role: string; allowCreate: boolean; allowDelete: boolean; xpath: string; members: { member: string; kind: string; rights: string }[] }
function fromSdk(definition: ReturnType<typeof moduleDefinition>): { rights: Rights; microflows: Record<string, string[]> } {
  const def = definition as unknown as { entities: { name: string; accessRules: SdkRule[] }[]; microflows: { name: string; allowedRoles: string[] }[] };
  const rights: Rights = {};
  for (const e of def.entities) {
    for (const r of e.accessRules) {
      rights[`${e.name}/${r.role}`] = {
        create: r.allowCreate,
        delete: r.allowDelete,
        read: r.members.filter((m) => m.rights !== "None").map((m) => m.member),
        write: r.members.filter((m) => m.rights === "ReadWrite").map((m) => m.member),
        xpath: r.xpath,
      };
    }
  }
  return { rights, microflows: Object.fromEntries(def.microflows.map((m) => [m.name, m.allowedRoles])) };
}


describe.each(EXAMPLES)("%s: SECURITY.md, the SDK script and the MDL script agree", (example) => {
  const plan = planFor(example);
  const md = fromSecurityMd(renderSecurityMd(plan).contents);
  const mdl = fromMdl(renderMdl(plan).map((file) => file.contents));
  const sdk = fromSdk(moduleDefinition(plan));

  it("on every access rule of every entity (create, delete, members read and written, XPath)", () => {
    const ruleCount = plan.entities.reduce((n, e) => n + e.accessRules.length, 0);
    expect(Object.keys(md.rights)).toHaveLength(ruleCount);
    expect(md.rights).toEqual(sdk.rights);
    // MDL states every rule too: one that grants nothing (module security complete) is a grant and
    // its partial revoke, read back as mxcli applies them (issue 18).
    expect(mdl.rights).toEqual(sdk.rights);
  });

  it("on which roles may run each nanoflow (the SDK script and the MDL grants)", () => {
    const granted = renderMdl(plan).flatMap((file) => readBack(file.contents).nanoflowGrants);
    const fromGrants = Object.fromEntries(granted.map((g) => [g.microflow[1]!, g.roles.map((r) => r[1]!)]));
    const def = moduleDefinition(plan) as unknown as { nanoflows?: { name: string; allowedRoles: string[] }[] };
    expect(fromGrants).toEqual(Object.fromEntries((def.nanoflows ?? []).map((n) => [n.name, n.allowedRoles])));
    expect(Object.keys(fromGrants)).toEqual(plan.nanoflows.map((n) => n.name));
  });

  it("on which roles may run each microflow", () => {
    expect(Object.keys(md.microflows)).toEqual(plan.microflows.map((m) => m.name));
    expect(md.microflows).toEqual(sdk.microflows);
    const granted = Object.fromEntries(Object.entries(sdk.microflows).filter(([, roles]) => roles.length > 0));
    expect(Object.keys(granted).length).toBeGreaterThan(0);
    expect(mdl.microflows).toEqual(granted);
  });
});

describe("the comparison can fail", () => {
  it("sees a right that only one output states", () => {
    const plan = planFor("acme-crm-oauth");
    const md = fromSecurityMd(renderSecurityMd(plan).contents);
    plan.entities.find((e) => e.name === "Contact")!.accessRules.find((r) => r.role === "Viewer")!.allowDelete = true;
    expect(fromSdk(moduleDefinition(plan)).rights).not.toEqual(md.rights);
  });
});
