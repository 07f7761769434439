// Issue 22: the kit's Markdown reads well in a terminal and on GitHub. Prose escapes only what
// would act in CommonMark/GFM (no "\_" inside names, no "&lt;", no "\{"), names show as code
// spans, and every hostile string still renders as exactly its own text: checked with a real
// CommonMark renderer (markdown-it, with raw HTML on as on GitHub), not by looking at escapes.
import MarkdownIt from "markdown-it";
import { afterAll, describe, expect, it } from "vitest";
import { mdCell, mdParagraph, mdText } from "../src/lib/escape/markdown.js";
import { prepareKitRun } from "../src/lib/kit/prepare.js";
import { readAnswersFile } from "../src/lib/spec/load.js";
import { NASTY } from "./hostile-corpus.js";
import { removeTempDirs, tempDir } from "./helpers/run.js";
import { EXAMPLES, examplePath } from "./helpers/spec.js";

afterAll(removeTempDirs);

const markdown = new MarkdownIt({ html: true, linkify: false }).enable(["table", "strikethrough"]);

/** The text a reader sees: markdown-it's HTML with tags removed and entities decoded. */
function seen(source: string): { text: string; tags: string[] } {
  const html = markdown.renderInline(source);
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
  const text = html
    .replace(/<br\s*\/?>\n?/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#123;/g, "{").replace(/&amp;/g, "&");
  return { text, tags };
}

describe("prose in the kit's Markdown", () => {
  it("shows names as code spans and leaves text that acts in no Markdown as typed", () => {
    expect(mdText("Saves through ACT_ConnectionDetails_Save into Encryption.EncryptionKey, prefix {AES3}.")).toBe(
      "Saves through `ACT_ConnectionDetails_Save` into `Encryption.EncryptionKey`, prefix `{AES3}`.",
    );
    expect(mdText("Register <app root URL>/p/oauth/callback with the provider (App Settings > Runtime > After startup).")).toBe(
      "Register `<app root URL>/p/oauth/callback` with the provider (App Settings > Runtime > After startup).",
    );
    // The sentence's punctuation stays outside the code span (SECURITY.md read "callback,` and").
    expect(mdText("It is served at <app root URL>/p/oauth/callback, and runs. Or <app root URL>/p/x.")).toBe(
      "It is served at `<app root URL>/p/oauth/callback`, and runs. Or `<app root URL>/p/x`.",
    );
    expect(mdText("Tom & Jerry, a {b} c, 3 < 4, x > y, e.g. Node.js")).toBe("Tom & Jerry, a {b} c, 3 < 4, x > y, e.g. Node.js");
  });

  it("wraps a paragraph at 100 columns, never inside a code span nor before a word that would open a block", () => {
    const long = `${"word ".repeat(18)}ACT_ConnectionDetails_Save ${"more ".repeat(10)}- not a list ${"tail ".repeat(30)}`;
    const wrapped = mdParagraph(long, 2, 6);
    const lines = wrapped.split("\n");
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.length).toBeLessThanOrEqual(94);
    for (const line of lines.slice(1)) {
      expect(line.startsWith("  ") && line.length <= 100, line).toBe(true);
      expect(line.trimStart()).not.toMatch(/^[-#+>]/);
    }
    expect(wrapped).toContain("`ACT_ConnectionDetails_Save`");
    // Rendered, it is the same paragraph.
    expect(seen(wrapped).text.replace(/\s+/g, " ")).toBe(long.trim().replace(/\s+/g, " "));
  });

  it("still escapes what would act: emphasis at a word's edge, tags, entities, block starts, table pipes, Liquid", () => {
    expect(mdText("_i_ *b* <b>x</b> &amp; a|b {{ x }}\n# h\n> q")).toBe("\\_i\\_ \\*b\\* &lt;b>x&lt;/b> &amp;amp; a\\|b &#123;{ x }}  \n\\# h  \n\\> q");
  });

  it.each(Object.entries(NASTY))("%s: renders as its own text, with no tag of its own", (_, nasty) => {
    // Controls show as U+XXXX placeholders (markdown.ts): compare with that visible form.
    const visible = nasty.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
    const prose = seen(mdText(nasty));
    expect(prose.tags.filter((t) => t !== "br" && t !== "code")).toEqual([]);
    // markdown-it drops the spaces of hard breaks and trims; compare line by line, trimmed.
    const lines = (text: string) => text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trim());
    expect(lines(prose.text)).toEqual(lines(visible.trim()));
    const cell = seen(mdCell(nasty));
    expect(cell.tags.filter((t) => t !== "br" && t !== "code")).toEqual([]);
  });
});

describe("the kit's README and SECURITY.md", () => {
  it.each(EXAMPLES.filter((e) => e !== "hostile-text"))("%s: no \\_, &lt; or \\{ escape, and no \"(see SECURITY.md)\" in SECURITY.md", (example) => {
    const file = examplePath(example);
    const run = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false });
    for (const doc of ["README.md", "SECURITY.md"]) {
      const text = run.kit.files.find((f) => f.path === doc)!.contents;
      expect(text, doc).not.toMatch(/\\_|&lt;|&gt;|\\\{|\\\}/);
    }
    expect(run.kit.files.find((f) => f.path === "SECURITY.md")!.contents).not.toContain("see SECURITY.md");
  });
});

describe("the kit README's Requirements block", () => {
  const block = (example: string) => {
    const file = examplePath(example);
    const readme = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false }).kit.files.find((f) => f.path === "README.md")!.contents;
    return /## Requirements\n\n([\s\S]*?)\n\n## /.exec(readme)?.[1];
  };

  it("names Studio Pro, only the modules the kit uses (with a version where known) and mxcli, at the top", () => {
    expect(block("acme-crm-oauth")).toBe([
      "- Studio Pro 10.9 or later (the OAuth callback is a microflow URL with query string parameters).",
      "- Marketplace modules: Encryption 2.2.0 or later, NanoflowCommons.",
      "- mxcli 0.24.0 or later, for the MDL route only.",
    ].join("\n"));
    expect(block("open-data-none")).toContain("- Marketplace modules: none.");
    expect(block("portal-saml")).toContain("- Marketplace modules: SAML20.");
    expect(block("erp-basic")).toContain("- Studio Pro 9.24 or later");
  });

  it("lists the Model SDK project files and the Java sources in one row each", () => {
    const file = examplePath("acme-crm-oauth");
    const readme = prepareKitRun(readAnswersFile(file).data, { cwd: tempDir(), answersFile: file, force: false }).kit.files.find((f) => f.path === "README.md")!.contents;
    const rows = readme.split("\n").filter((l) => l.startsWith("| "));
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.filter((r) => r.includes("The Model SDK script's project"))).toHaveLength(1);
    expect(rows.filter((r) => r.includes("Java actions ("))).toHaveLength(1);
  });
});
