// Second half of `npm run build` (after tsc): bundles the bin and the Yeoman generators over
// tsc's own files in dist, so a run loads a few files instead of ~300 modules (zod, yaml, ours).
// - The entries keep their paths (dist/lib/cli/bin.js, dist/generators/*/index.js), so the bin in
//   package.json and Yeoman's lookup are unchanged, and a plain `npx tsc` overwrites every entry
//   with its unbundled version: dist is then slower, never stale.
// - One build with code splitting: the bin and the generators share chunks, so a run that goes
//   from the fast path to Yeoman loads each of our modules once (one UserError class, one kit
//   lock table), not a second copy.
// - Chunks sit in dist/lib/chunks, as deep as dist/lib/*/ and dist/generators/*/, so the
//   import.meta.url-relative paths in src (package.json, ../../generators/NAME) still resolve.
// - Yeoman stays external: it is loaded only by the prompting path and by yo itself.
// - zod's `locales` namespace (64 message translations, about half of the bundle's biggest chunk)
//   is reduced to English, the one zod itself installs at import (zod/v4/classic/external.js:
//   `config(en())`) and the only one we use: every run, the audit's included, parses less.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const generators = readdirSync(`${root}src/generators`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `src/generators/${entry.name}/index.ts`);

// Chunks are named by their hash: without this, every build would leave the previous ones behind.
rmSync(`${root}dist/lib/chunks`, { recursive: true, force: true });

/** zod/v4/{classic,core}: `export * as locales from "../locales/index.js"` -> English only. */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales-en", namespace: "zod-english-only" } : undefined);
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: root,
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ["src/lib/cli/bin.ts", ...generators],
  outbase: "src",
  outdir: "dist",
  chunkNames: "lib/chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["yeoman-environment", "yeoman-generator", "@yeoman/conflicter"],
  // CommonJS dependencies (ejs, yaml) call require() for Node's own modules.
  banner: { js: 'import { createRequire as __mxsecureRequire } from "node:module"; const require = __mxsecureRequire(import.meta.url);' },
  plugins: [zodEnglishOnly],
  allowOverwrite: true,
  logLevel: "warning",
});
