// npm run build — the three files the package ships, each one bundle:
//   dist/index.js    the library (src/index.ts), ESM, by esbuild;
//   dist/index.d.ts  its types, by rollup-plugin-dts;
//   dist/cli.js      the CLI, by esbuild, with its argument parser; each command's own code (MSAL,
//                    the CSV reader, the progress bar) in chunks under dist/cli/, loaded on use.
// openapi-fetch stays external to both: it is the package's only runtime dependency. Bundled because
// Node pays for every module it loads at cold start; no source maps, because the sources they would
// point at are not shipped.
//
// Why rollup-plugin-dts for the .d.ts: it reads src/*.ts directly (no tsc emit step to clean up),
// writes exactly src/index.ts's export list (value and type-only exports kept apart), runs in
// about 2 s and is actively released. dts-bundle-generator gives a like result but is slower and
// has had no release since 2024; api-extractor wants tsc's declarations first, a config file and
// its own TypeScript, for API reports one entry does not need.
import { build } from "esbuild";
import { chmodSync, rmSync } from "node:fs";
import { join } from "node:path";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";
import { projectRoot } from "./lib/spec.ts";

const dist = join(projectRoot, "dist");
const external = ["openapi-fetch"];
rmSync(dist, { recursive: true, force: true });

await build({
  entryPoints: [join(projectRoot, "src/index.ts")],
  outfile: join(dist, "index.js"),
  bundle: true,
  platform: "neutral", // the library uses fetch, not Node's modules
  format: "esm",
  target: "es2022",
  external,
  logLevel: "warning",
});

const types = await rollup({
  input: join(projectRoot, "src/index.ts"),
  external,
  // No @types/node: the public types must not need it.
  plugins: [dts({ tsconfig: join(projectRoot, "tsconfig.json"), compilerOptions: { types: [] } })],
});
await types.write({ file: join(dist, "index.d.ts"), format: "es" });
await types.close();

// The CLI is split (esbuild's code splitting): dist/cli.js holds what every run needs, and each
// command's own code — MSAL for sign-in, the CSV reader and journal for update-many — is a chunk in
// dist/cli/ that is loaded when that command runs (src/cli/main.ts imports them lazily).
const cli = join(dist, "cli.js");
await build({
  entryPoints: { cli: join(projectRoot, "src/cli/main.ts") },
  outdir: dist,
  splitting: true,
  chunkNames: "cli/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "bundle",
  external: [...external, "@stoplight/prism-cli"],
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
chmodSync(cli, 0o755); // a `bin` must be executable
console.log("built dist/");
