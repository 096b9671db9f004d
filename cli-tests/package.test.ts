// What `npm publish` would ship: the library and its types, the CLI and its chunks, LICENSE, README
// and the manifest; no source maps and no loose modules.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/run-cli.ts";

describe("the packed tarball", () => {
  it("holds the library, its types, the CLI and its chunks, LICENSE, README and package.json, nothing else", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json"], { cwd: projectRoot });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const paths = pack.files.map((file) => file.path).sort();
    const chunks = readdirSync(join(projectRoot, "dist/cli")).map((name) => `dist/cli/${name}`);
    expect(chunks.length).toBeGreaterThan(0);
    expect(paths).toEqual(["LICENSE", "README.md", "dist/cli.js", ...chunks, "dist/index.d.ts", "dist/index.js", "package.json"].sort());
  });
});
