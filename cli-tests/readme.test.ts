// The README's client example is examples/update-user.ts, verbatim, and it runs: against the
// embedded mock, through the package's own export (`partner-center-users` → dist/index.js).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../scripts/lib/spec.ts";
import { startPrism } from "../src/cli/mock-server.ts";
import { finished, projectRoot } from "./support/run-cli.ts";

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
});
