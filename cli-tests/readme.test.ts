// The README's client example is examples/update-user.ts, verbatim, and it runs: against the
// embedded mock, through the package's own export (`partner-center-users` → dist/index.js).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../scripts/lib/spec.ts";
import { startPrism } from "../src/cli/mock-server.ts";
import { finished, projectRoot, runCli } from "./support/run-cli.ts";

const example = join(projectRoot, "examples/update-user.ts");

describe("README", { timeout: 60_000 }, () => {
  it("shows examples/update-user.ts verbatim as its client example", async () => {
    const [readme, code] = await Promise.all([readFile(join(projectRoot, "README.md"), "utf8"), readFile(example, "utf8")]);
    expect(readme).toContain("```ts\n" + code + "```\n");
  });

  it("its client example updates the user on the mock and prints the new usage location", async () => {
    const mock = await startPrism({ specPath: defaultSpecPath, mode: "mock" });
    try {
      const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");
      const env = { ...process.env, PARTNER_CENTER_TOKEN: "readme-token", PARTNER_CENTER_BASE_URL: mock.url };
      const result = await finished(spawn(process.execPath, [tsx, example], { cwd: projectRoot, env }));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe("US DisplayNameChange\n");
    } finally {
      await mock.stop();
    }
  });

  it("its Quick start builds the command line before its first npx partner-center-users, and that command works", async () => {
    const readme = await readFile(join(projectRoot, "README.md"), "utf8");
    const quickStart = /## Quick start\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const lines = quickStart.split("\n");
    const build = lines.findIndex((line) => line.startsWith("npm run build"));
    const cli = lines.findIndex((line) => line.startsWith("npx partner-center-users "));
    expect(build, "npm run build in the Quick start").toBeGreaterThanOrEqual(0);
    expect(cli, "npx partner-center-users in the Quick start").toBeGreaterThan(build);
    // Ids, option names and values only: split on spaces is the shell's reading of it.
    const args = (lines[cli] ?? "").replace(/#.*$/, "").trim().split(/\s+/).slice(2);
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ usageLocation: "US" });
  });
});
