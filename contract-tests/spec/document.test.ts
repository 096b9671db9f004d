// The document's structure (swagger-parser) and its lint (Redocly recommended-strict, the same
// command `npm run lint:spec` runs), each shown to reject a broken copy.
import SwaggerParser from "@apidevtools/swagger-parser";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot, specPath } from "../../scripts/lib/spec.ts";

const run = promisify(execFile);
const source = await readFile(specPath, "utf8");
const dir = await mkdtemp(join(tmpdir(), "pcu-spec-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function brokenCopy(name: string, from: string, to: string): Promise<string> {
  if (!source.includes(from)) throw new Error(`the spec no longer contains ${JSON.stringify(from)}`);
  const path = join(dir, `${name}.yaml`);
  await writeFile(path, source.replace(from, to));
  return path;
}

async function lint(path: string): Promise<{ ok: boolean; output: string }> {
  const cli = join(projectRoot, "node_modules/@redocly/cli/bin/cli.js");
  return run(process.execPath, [cli, "lint", path, "--config", join(projectRoot, "redocly.yaml")], { cwd: dir }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout: string; stderr: string }) => ({ ok: false, output: error.stdout + error.stderr }),
  );
}

describe("swagger-parser validates the document", () => {
  it("accepts the spec", async () => {
    await expect(SwaggerParser.validate(specPath)).resolves.toBeDefined();
  });

  it("rejects a copy with a dangling $ref", async () => {
    const path = await brokenCopy("dangling-ref", '$ref: "#/components/schemas/Fault"', '$ref: "#/components/schemas/Faults"');
    await expect(SwaggerParser.validate(path)).rejects.toThrow(/Faults/);
  });
});

// Each lint runs Redocly in a child process: seconds on a shared machine, above vitest's 5 s default.
describe("the linter (Redocly recommended-strict) checks what swagger-parser does not", { timeout: 30_000 }, () => {
  it("rejects a copy whose path names a parameter the operation does not declare", async () => {
    const path = await brokenCopy("undeclared-path-parameter", "/users/{user-id}:", "/users/{userId}:");
    await expect(SwaggerParser.validate(path), "swagger-parser misses it").resolves.toBeDefined();
    const result = await lint(path);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/path-parameters-defined/);
  });

  it("rejects a copy with an example that breaks its schema", async () => {
    const path = await brokenCopy("bad-example", "userDomainType: none", "userDomainType: hybrid");
    const result = await lint(path);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/no-invalid-media-type-examples/);
  });
});
