// npm run build — the library to dist/ with tsc (ESM + .d.ts), and the CLI as one bundled file,
// so the package's only runtime dependency stays openapi-fetch (the CLI's argument parser, CSV
// reader and progress bar are bundled into dist/cli.js).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./lib/spec.ts";

rmSync(join(projectRoot, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: projectRoot,
  stdio: "inherit",
});

const cliEntry = join(projectRoot, "src/cli/main.ts");
if (existsSync(cliEntry)) {
  await build({
    entryPoints: [cliEntry],
    outfile: join(projectRoot, "dist/cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "bundle",
    external: ["openapi-fetch", "@stoplight/prism-cli"],
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  chmodSync(join(projectRoot, "dist/cli.js"), 0o755); // a `bin` must be executable
}
console.log("built dist/");
