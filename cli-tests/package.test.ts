// What `npm publish` would ship: the three bundles, LICENSE, README and the manifest; no source
// maps and no loose modules.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/run-cli.ts";

describe("the packed tarball", () => {
  it("holds the library, its types, the CLI, LICENSE, README and package.json, nothing else", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json"], { cwd: projectRoot });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    expect(pack.files.map((file) => file.path).sort()).toEqual(["LICENSE", "README.md", "dist/cli.js", "dist/index.d.ts", "dist/index.js", "package.json"]);
  });
});
