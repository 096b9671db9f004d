import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath, projectRoot } from "./lib/spec.ts";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const dir = await mkdtemp(join(tmpdir(), "pcu-generated-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function checkGenerated(spec: string): Promise<{ code: number; output: string }> {
  const env = { ...process.env, PARTNER_CENTER_SPEC: spec };
  return run(process.execPath, [tsx, "scripts/check-generated.ts"], { cwd: projectRoot, env }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

// Each case runs openapi-typescript in a child process: seconds on a busy 2-core machine.
describe("check:generated", { timeout: 60_000 }, () => {
  it("passes when generated/ matches the spec", async () => {
    expect(await checkGenerated(defaultSpecPath)).toMatchObject({ code: 0 });
  });

  it("fails on a spec edited without regenerating, and prints the command that fixes it", async () => {
    const edited = join(dir, "edited.yaml");
    const source = await readFile(defaultSpecPath, "utf8");
    await writeFile(edited, source.replace("maxLength: 64", "maxLength: 65"));
    const result = await checkGenerated(edited);
    expect(result.code).toBe(1);
    expect(result.output).toContain("generated/spec-rules.ts is stale against openapi/. Fix: npm run generate");
  });
});
