// The kit's pages never show a secret and never hand configuration to a data role: no widget is
// bound to an encrypted attribute, every text box on a secret-input attribute is a password box,
// and every microflow a snippet calls (data sources and buttons) is allowed for configuration roles
// only. A data role that may run DS_ConnectionDetails_Get or ACT_ConnectionDetails_Save could read
// or redirect the connection; a widget on Encrypted... would put ciphertext (or, edited, a
// plaintext "secret") on the page.
import { allWidgets, type Widget } from "../../plan/widgets.js";
import { AUTH_PLACE, defineRule } from "../places.js";
import type { Finding } from "../types.js";

export const secretNotOnPage = defineRule({
  name: "SecretNotOnPage",
  severity: "error",
  description: "No page widget is bound to an encrypted attribute or shows a typed secret, and a snippet's microflows are allowed for configuration roles only.",
  help:
    "SNIP_ConnectionDetails shows the non-secret settings, an IsSet flag per secret and one write-only password box per secret on the non-persistable " +
    "SecretInput. A widget bound to an Encrypted... attribute would show the ciphertext and let an edit store plaintext where ciphertext belongs; " +
    "a plain text box on a secret shows it while it is typed; a data role allowed to run the snippet's data source or button microflows could read " +
    "the connection settings or change where secrets are sent. Fix: bind widgets to non-secret attributes, make secret inputs password boxes, and " +
    "allow the snippet's microflows for configuration roles only. The page-side counterpart of ConfigurationAndDataSeparated " +
    "and SecretsEncrypted.",
}, (spec, plan, found) => {
  const findings: Finding[] = [];
  const entities = new Map(plan.entities.map((e) => [e.name, e]));
  const roles = new Map(plan.roles.map((r) => [r.name, r]));
  const flows = new Map(plan.microflows.map((m) => [m.name, m]));
  for (const snippet of plan.snippets) {
    const where = `${plan.module}.${snippet.name}`;
    const visit = (widgets: Widget[], entity: string | undefined): void => {
      for (const widget of widgets) {
        if (widget.kind === "dataView") {
          visit([...widget.widgets, ...widget.footer], widget.entity);
          continue;
        }
        if (widget.kind === "actionButton") continue;
        const attribute = entity === undefined ? undefined : entities.get(entity)?.attributes.find((a) => a.name === widget.attribute);
        if (attribute?.encrypted) {
          findings.push(found(AUTH_PLACE, `${where}: ${widget.name} is bound to the encrypted attribute ${entity}.${attribute.name}`,
            `remove ${widget.name}; show ${attribute.name.replace(/^Encrypted/, "")}IsSet instead and take new values through a password box on the secret input`));
        }
        // Issue 20: the secret input also holds a Boolean (ReplaceStored); every attribute that takes a secret is sensitive.
        const secretInput = entity !== undefined && entities.get(entity)?.purpose === "secret-input" && attribute?.sensitive === true;
        if (secretInput && !(widget.kind === "textBox" && widget.password)) {
          findings.push(found(AUTH_PLACE, `${where}: ${widget.name} on the secret input ${entity}.${widget.attribute} is not a password box, so the secret shows while it is typed`,
            `make ${widget.name} a password text box`));
        }
      }
    };
    visit(snippet.widgets, undefined);
    const called = allWidgets(snippet.widgets).flatMap((w) => (w.kind === "dataView" ? [w.source] : w.kind === "actionButton" ? [w.microflow] : []));
    for (const name of new Set(called)) {
      const flow = flows.get(name);
      if (!flow) continue; // MicroflowReferences reports a microflow that does not exist.
      const data = flow.allowedRoles.filter((r) => roles.get(r)?.kind !== "configuration");
      if (data.length) {
        findings.push(found(AUTH_PLACE, `${where} calls ${name}, which is allowed for ${data.join(", ")}: not configuration roles`,
          `allow ${name} for configuration roles only`));
      }
    }
  }
  return findings;
});
