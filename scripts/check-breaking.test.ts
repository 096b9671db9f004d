import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runGate } from "./lib/breaking-gate.ts";
import { allowsBreaking, breakingBump, readRelease, type Release } from "./lib/release.ts";
import { specEdits, type SpecEdit } from "./lib/spec-edits.ts";
import { defaultSpecPath, loadSpec, projectRoot } from "./lib/spec.ts";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const dir = await mkdtemp(join(tmpdir(), "pcu-breaking-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The spec as it is now, recorded as release 0.1.0 in a temp folder: each test edits a copy of it. */
async function releaseOfCurrentSpec(folder: string, version = "0.1.0"): Promise<Release> {
  const name = `partner-center-users-${version}.yaml`;
  await copyFile(defaultSpecPath, join(folder, name));
  await writeFile(join(folder, "release.json"), JSON.stringify({ version, spec: name }));
  return readRelease(folder);
}

const release = await releaseOfCurrentSpec(dir);

async function editedCopy(edit: SpecEdit): Promise<string> {
  const spec = await loadSpec();
  edit.apply(spec);
  // JSON is YAML: the copy is written as JSON so no YAML writer is needed.
  const path = join(dir, `${edit.name.replace(/\W+/g, "-")}.yaml`);
  await writeFile(path, JSON.stringify(spec, null, 2));
  return path;
}

async function checkBreaking(spec: string, args: readonly string[] = []): Promise<{ code: number; output: string }> {
  const env = { ...process.env, PARTNER_CENTER_SPEC: spec };
  return run(process.execPath, [tsx, "scripts/check-breaking.ts", "--released", dir, ...args], { cwd: projectRoot, env }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

const byName = (name: string): SpecEdit => {
  const edit = specEdits.find((candidate) => candidate.name === name);
  if (!edit) throw new Error(`no spec edit named ${name}`);
  return edit;
};

// Loading Optic takes seconds on a busy 2-core machine; each comparison well under one.
describe("check:breaking against the last release", { timeout: 60_000 }, () => {
  describe.each(specEdits.filter((edit) => edit.breaking))("a breaking edit fails at the same version: $name", (edit) => {
    it("fails, naming each change and whom it breaks", async () => {
      const result = await runGate({ release, specPath: await editedCopy(edit), version: "0.1.0" });
      expect(result.passed).toBe(false);
      const lines = result.output.split("\n");
      const first = lines.findIndex((line) => line.startsWith("  ✗ ") && line.endsWith(`: ${edit.reports[0]}`));
      expect(first, result.output).toBeGreaterThan(-1);
      expect(lines[first + 1]).toMatch(/^ {6}breaks (consumer compile and API caller|API caller|consumer compile): \S/);
      for (const report of edit.reports) expect(result.output).toContain(`: ${report}`);
      expect(result.output).toContain("check:breaking failed:");
      expect(result.output).toMatch(/release (it|them) as 0\.2\.0: npm version minor --no-git-tag-version$/);
    });
  });

  describe.each(specEdits.filter((edit) => !edit.breaking))("a non-breaking edit passes and is listed: $name", (edit) => {
    it("passes, listing it as a Markdown bullet", async () => {
      const result = await runGate({ release, specPath: await editedCopy(edit), version: "0.1.0" });
      expect(result.passed, result.output).toBe(true);
      expect(result.output).not.toContain("✗");
      for (const report of edit.reports) expect(result.output).toMatch(new RegExp(`^- .*: ${report.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    });
  });

  it("passes with no change, saying so", async () => {
    const result = await runGate({ release, specPath: defaultSpecPath, version: "0.1.0" });
    expect(result).toMatchObject({ passed: true });
    expect(result.output).toContain("No change to the contract since 0.1.0.");
  });

  it("lets a breaking change through once the minor is bumped below 1.0 (0.1.0 → 0.2.0), listing it", async () => {
    const result = await runGate({ release, specPath: await editedCopy(byName("remove immutableId from CustomerUser")), version: "0.2.0" });
    expect(result.passed).toBe(true);
    expect(result.output).toContain("Breaking changes (5), allowed: 0.1.0 → 0.2.0 is a breaking bump under that rule");
    expect(result.output).toContain("  ✗ PATCH /v1/customers/{customer-tenant-id}/users/{user-id} (updateCustomerUser): response 200 field immutableId removed");
  });

  it("does not let a patch bump (0.1.0 → 0.1.1) carry a breaking change", async () => {
    const result = await runGate({ release, specPath: await editedCopy(byName("remove the 404 status")), version: "0.1.1" });
    expect(result.passed).toBe(false);
    expect(result.output).toContain("not allowed: 0.1.0 → 0.1.1 is not a breaking bump (a break needs 0.2.0 or later)");
  });

  it("fails when package.json is older than the recorded release", async () => {
    const result = await runGate({ release, specPath: defaultSpecPath, version: "0.0.9" });
    expect(result).toMatchObject({ passed: false });
    expect(result.output).toContain("package.json's version 0.0.9 is older than the recorded release 0.1.0");
  });

  // The exact reports, line by line, judged as at the release's own version.
  it("prints this report for a removed response field", async () => {
    const result = await checkBreaking(await editedCopy(byName("remove immutableId from CustomerUser")), ["--version", "0.1.0"]);
    expect(result.code).toBe(1);
    expect(result.output.replaceAll(dir, "<tmp>")).toBe(
      [
        "check:breaking: <tmp>/remove-immutableId-from-CustomerUser.yaml against release 0.1.0 (<tmp>/partner-center-users-0.1.0.yaml); package.json is 0.1.0",
        "Rule: npm's caret (^) rule: from 1.0.0 a breaking change needs a new major (^1.2.3 stops before 2.0.0); below 1.0.0 the minor is the major (^0.1.0 stops before 0.2.0), and below 0.1.0 every release is (^0.0.3 is 0.0.3 only).",
        "",
        "Breaking changes (5), not allowed: 0.1.0 → 0.1.0 is not a breaking bump (a break needs 0.2.0 or later):",
        "  ✗ GET /v1/customers/{customer-tenant-id}/users (listCustomerUsers): response 200 field items[].immutableId removed",
        "      breaks consumer compile and API caller: code reading it stops compiling; the API no longer returns it",
        "  ✗ POST /v1/customers/{customer-tenant-id}/users (createCustomerUser): response 200 field immutableId removed",
        "      breaks consumer compile and API caller: code reading it stops compiling; the API no longer returns it",
        "  ✗ PATCH /v1/customers/{customer-tenant-id}/users/{user-id}/resetpassword (resetCustomerUserPassword): response 200 field immutableId removed",
        "      breaks consumer compile and API caller: code reading it stops compiling; the API no longer returns it",
        "  ✗ GET /v1/customers/{customer-tenant-id}/users/{user-id} (getCustomerUser): response 200 field immutableId removed",
        "      breaks consumer compile and API caller: code reading it stops compiling; the API no longer returns it",
        "  ✗ PATCH /v1/customers/{customer-tenant-id}/users/{user-id} (updateCustomerUser): response 200 field immutableId removed",
        "      breaks consumer compile and API caller: code reading it stops compiling; the API no longer returns it",
        "",
        "check:breaking failed: 5 breaking changes since 0.1.0. Undo them, or release them as 0.2.0: npm version minor --no-git-tag-version",
        "",
      ].join("\n"),
    );
  });

  it("prints this report for an added optional request field", async () => {
    const result = await checkBreaking(await editedCopy(byName("add an optional phoneNumber to CustomerUserPatch")), ["--version", "0.1.0"]);
    expect(result.code).toBe(0);
    expect(result.output.replaceAll(dir, "<tmp>")).toContain(
      [
        "Not breaking (1), for the changelog:",
        "- PATCH /v1/customers/{customer-tenant-id}/users/{user-id} (updateCustomerUser): new optional request field phoneNumber (string, maxLength 64)",
        "",
        "check:breaking passed.",
      ].join("\n"),
    );
  });

  it("judges the committed spec against the committed release record (what npm test runs)", async () => {
    const recorded = await readRelease();
    expect(recorded.specPath).toMatch(/openapi\/released\/partner-center-users-\d+\.\d+\.\d+\.yaml$/);
    const manifest = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as { version: string };
    const result = await runGate({ release: recorded, specPath: defaultSpecPath, version: manifest.version });
    expect(result.passed, result.output).toBe(true);
  });
});

describe("the version rule (npm's caret)", () => {
  it.each([
    ["0.1.0", "0.2.0", true],
    ["0.1.0", "1.0.0", true],
    ["0.1.0", "0.1.9", false],
    ["0.1.3", "0.2.0-beta.1", true],
    ["0.0.3", "0.0.4", true],
    ["1.4.2", "1.9.0", false],
    ["1.4.2", "2.0.0", true],
  ] as const)("from %s, %s may break: %s", (released, current, allowed) => {
    expect(allowsBreaking(released, current)).toBe(allowed);
  });

  it("names the smallest breaking bump", () => {
    expect([breakingBump("0.1.0"), breakingBump("0.0.3"), breakingBump("2.3.4")]).toEqual(["0.2.0", "0.0.4", "3.0.0"]);
  });
});

describe("release:snapshot", { timeout: 60_000 }, () => {
  async function snapshot(folder: string, spec: string, version: string): Promise<{ code: number; output: string }> {
    const env = { ...process.env, PARTNER_CENTER_SPEC: spec };
    return run(process.execPath, [tsx, "scripts/release-snapshot.ts", "--released", folder, "--version", version], { cwd: projectRoot, env }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
  }

  it("records the spec at the new version, replacing the old snapshot, and the gate then sees no change", async () => {
    const folder = await mkdtemp(join(dir, "release-"));
    await releaseOfCurrentSpec(folder);
    const edited = await editedCopy(byName("remove immutableId from CustomerUser"));
    expect(await snapshot(folder, edited, "0.2.0")).toMatchObject({ code: 0 });
    expect((await readdir(folder)).sort()).toEqual(["partner-center-users-0.2.0.yaml", "release.json"]);
    expect(await readFile(join(folder, "partner-center-users-0.2.0.yaml"), "utf8")).toBe(await readFile(edited, "utf8"));
    const recorded = await readRelease(folder);
    expect(recorded.version).toBe("0.2.0");
    const result = await runGate({ release: recorded, specPath: edited, version: "0.2.0" });
    expect(result.output).toContain("No change to the contract since 0.2.0.");
  });

  it("refuses to record a different spec under a version already released", async () => {
    const folder = await mkdtemp(join(dir, "release-"));
    await releaseOfCurrentSpec(folder);
    const result = await snapshot(folder, await editedCopy(byName("remove the 404 status")), "0.1.0");
    expect(result.code).toBe(1);
    expect(result.output).toContain("0.1.0 is already released with a different spec: bump the version first");
  });
});
