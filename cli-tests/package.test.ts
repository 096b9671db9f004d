// What `npm publish` would ship: the library and its types, the CLI and its chunks, LICENSE,
// README, the docs it links to and the manifest; no source maps and no loose modules.
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/run-cli.ts";

describe("the packed tarball", () => {
  it("holds the library, its types, the CLI and its chunks, LICENSE, README, docs/*.md and package.json, nothing else", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json"], { cwd: projectRoot });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const docs = (await readdir(`${projectRoot}/docs`)).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
    const chunks = (await readdir(`${projectRoot}/dist/cli`)).map((name) => `dist/cli/${name}`);
    expect(docs.length).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(0);
    const expected = ["LICENSE", "README.md", "dist/cli.js", ...chunks, "dist/index.d.ts", "dist/index.js", "package.json", ...docs];
    expect(pack.files.map((file) => file.path).sort()).toEqual(expected.sort());
  });
});
