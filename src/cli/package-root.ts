// The CLI runs as src/cli/*.ts under tsx and as the bundled dist/cli.js, so a path relative to
// this file differs between the two: walk up to the package's own package.json instead.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageName = "partner-center-users";

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readManifest(manifest).name === packageName) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ${packageName} package above ${start}`);
  }
}

function readManifest(path: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const packageVersion = readManifest(join(packageRoot, "package.json")).version ?? "0.0.0";

/** The spec the embedded mock serves (PARTNER_CENTER_SPEC swaps in another, as for the scripts). */
export const specPath = process.env["PARTNER_CENTER_SPEC"] ?? join(packageRoot, "openapi/partner-center-users.yaml");
