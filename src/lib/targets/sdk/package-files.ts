// model/package.json, model/tsconfig.json and model/.gitignore of the kit: exact versions, so
// the script runs against the SDK it was written and typechecked for.
import type { KitFile } from "../../kit/types.js";

/** Versions the kit pins; the generator's own devDependencies hold the same ones (checked in a test). */
export const KIT_VERSIONS = {
  mendixmodelsdk: "4.111.0",
  mendixplatformsdk: "5.2.0",
  typescript: "5.9.3",
  tsx: "4.23.15",
  "@types/node": "20.19.43",
} as const;

export function packageFiles(module: string): KitFile[] {
  const packageJson = {
    name: `${module.toLowerCase()}-model`,
    private: true,
    description: `Builds the ${module} module in a Mendix app with the Mendix Model SDK and exports it as a module package.`,
    type: "module",
    engines: { node: ">=20.17" },
    scripts: {
      apply: "tsx apply.ts",
      typecheck: "tsc -p tsconfig.json",
    },
    dependencies: {
      mendixmodelsdk: KIT_VERSIONS.mendixmodelsdk,
      mendixplatformsdk: KIT_VERSIONS.mendixplatformsdk,
    },
    devDependencies: {
      "@types/node": KIT_VERSIONS["@types/node"],
      tsx: KIT_VERSIONS.tsx,
      typescript: KIT_VERSIONS.typescript,
    },
  };
  return [
    { path: "model/package.json", contents: JSON.stringify(packageJson, null, 2) + "\n" },
    { path: "model/tsconfig.json", contents: JSON.stringify(TSCONFIG, null, 2) + "\n" },
    { path: "model/.gitignore", contents: "node_modules/\n*.mpk\n" },
  ];
}

export const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    // The SDK's own .d.ts refer to untyped packages (eventsource); check our code, not theirs.
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  },
  include: ["apply.ts", "module.ts", "lib/**/*.ts"],
};
