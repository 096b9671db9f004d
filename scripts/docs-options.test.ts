import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { FieldOption } from "../src/cli/patch.ts";
import { fieldOptions } from "../src/cli/patch.ts";
import { optionProblems, optionsPage, renderOptions, withOptions } from "./lib/docs-options.ts";
import { renderGenerated } from "./lib/render-generated.ts";
import { specEdits } from "./lib/spec-edits.ts";
import { loadSpec, projectRoot } from "./lib/spec.ts";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const page = await readFile(join(projectRoot, optionsPage), "utf8");
// Inside the project (.tmp/ is git-ignored) so the copied sources resolve the project's node_modules.
await mkdir(join(projectRoot, ".tmp"), { recursive: true });
const dir = await mkdtemp(join(projectRoot, ".tmp/docs-options-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("docs/cli.md's list of update options", () => {
  it("matches the options the spec gives (--help's own text)", () => {
    expect(optionProblems(page, fieldOptions)).toEqual([]);
  });

  it("fails naming an option missing from the page, with its limits", () => {
    const without = page.replace(/^--display-name <value> .*\n/m, "");
    expect(without).not.toBe(page);
    expect(optionProblems(without, fieldOptions)).toEqual(["missing --display-name <value>: set displayName (1-256 characters)"]);
  });

  it("fails naming an option whose limits on the page are stale", () => {
    const stale = page.replace("set displayName (1-256 characters)", "set displayName (1-255 characters)");
    expect(optionProblems(stale, fieldOptions)).toEqual([
      'stale --display-name <value>: docs/cli.md says "set displayName (1-255 characters)", the spec gives "set displayName (1-256 characters)"',
    ]);
  });

  it("fails naming an option the page lists but the spec no longer has", () => {
    const fewer = fieldOptions.filter((option) => option.flags !== "--restore");
    expect(optionProblems(page, fewer)).toEqual(["--restore is listed but the spec has no such field any more"]);
  });

  it("is rewritten by npm run generate's renderer to what the check accepts", () => {
    const broken = page.replace("set displayName (1-256 characters)", "set displayName (1-255 characters)");
    expect(withOptions(broken, fieldOptions)).toBe(page);
    expect(page).toContain(renderOptions(fieldOptions));
  });
});

/**
 * The CLI and its sources run against a spec copy: src/ and a generated/ made from the copy, side
 * by side in a temp folder (the relative imports stay the same), src/ itself untouched.
 */
async function sourcesFor(spec: string): Promise<string> {
  const root = await mkdtemp(join(dir, "copy-"));
  await cp(join(projectRoot, "src"), join(root, "src"), { recursive: true, filter: (path) => !/\.test(-d)?\.ts$/.test(path) });
  await mkdir(join(root, "generated"));
  for (const [name, content] of Object.entries(await renderGenerated(spec))) await writeFile(join(root, "generated", name), content);
  return root;
}

// openapi-typescript, then tsx: seconds each on a busy 2-core machine.
describe("a field added to the spec", { timeout: 120_000 }, async () => {
  const edit = specEdits.find((candidate) => candidate.name === "add an optional phoneNumber to CustomerUserPatch");
  if (!edit) throw new Error("the phoneNumber edit is missing from spec-edits.ts");
  const spec = await loadSpec();
  edit.apply(spec);
  const specPath = join(dir, "with-phone-number.yaml");
  await writeFile(specPath, JSON.stringify(spec, null, 2));
  const root = await sourcesFor(specPath);

  it("shows up in update --help of the CLI run against that spec, with its limits", async () => {
    const { stdout } = await run(process.execPath, [tsx, join(root, "src/cli/main.ts"), "update", "--help"], {
      cwd: projectRoot,
      env: { ...process.env, PARTNER_CENTER_SPEC: specPath },
    });
    expect(stdout).toMatch(/--phone-number <value> +set phoneNumber \(at most 64 characters\)/);
  });

  it("makes the page's list fail, naming the new option and its limits", async () => {
    const copied = (await import(pathToFileURL(join(root, "src/cli/patch.ts")).href)) as { fieldOptions: readonly FieldOption[] };
    expect(optionProblems(page, copied.fieldOptions)).toEqual(["missing --phone-number <value>: set phoneNumber (at most 64 characters)"]);
  });
});
