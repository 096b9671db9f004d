// docs/regenerating.md's two walkthroughs, run step by step in a temporary copy of the repository:
// the doc's own diff and console blocks are the steps, so the doc cannot drift from the project.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "./lib/spec.ts";
import { applyEdit, runCommand, shown, showsAs, type Step, walkthroughSteps } from "./lib/walkthrough.ts";

const doc = await readFile(join(projectRoot, "docs/regenerating.md"), "utf8");
const walkthroughs = ["Adding a field, step by step", "A breaking change, step by step"].map((title) => ({ title, steps: walkthroughSteps(doc, title) }));

/** The working tree as git sees it (tracked and untracked files, not ignored ones), node_modules linked. */
async function copyOfProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "pcu-walkthrough-"));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: projectRoot, encoding: "utf8" });
  // node_modules is linked below, never copied (whatever git's ignore rules make of it).
  for (const file of files.split("\0").filter((name) => name !== "" && name !== "node_modules" && !name.startsWith("node_modules/"))) {
    await mkdir(join(root, dirname(file)), { recursive: true });
    await cp(join(projectRoot, file), join(root, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error; // deleted in the working tree, not yet in the index
    });
  }
  await symlink(join(projectRoot, "node_modules"), join(root, "node_modules"));
  return root;
}

// The nested runs are the project's own tools: free of this vitest's variables, without colour.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_OPTIONS"));
Object.assign(env, { NO_COLOR: "1", FORCE_COLOR: "0", npm_config_update_notifier: "false" });

const describeStep = (step: Step) => (step.kind === "edit" ? `edit ${step.file}` : `$ ${step.command}${step.exits === 0 ? "" : ` (exits ${step.exits})`}`);

describe("docs/regenerating.md's walkthroughs", () => {
  it.each(walkthroughs)("$title has edits, commands, and ends on the checks passing", ({ steps }) => {
    expect(steps.some((step) => step.kind === "edit")).toBe(true);
    const last = steps.at(-1);
    expect(last?.kind === "run" && last.exits === 0 && last.command.startsWith("npx vitest run ")).toBe(true);
  });
});

// Minutes in all on a busy 2-core machine: generate, build, typecheck and two vitest runs per walkthrough.
describe.sequential("the walkthroughs, followed in a copy of the repository", { timeout: 600_000 }, async () => {
  const root = await copyOfProject();
  afterAll(() => rm(root, { recursive: true, force: true }));
  let broken: string | undefined;

  for (const { title, steps } of walkthroughs) {
    for (const [index, step] of steps.entries()) {
      it(`${title}, step ${index + 1}: ${describeStep(step)}`, async () => {
        if (broken) throw new Error(`not run: an earlier step failed (${broken})`);
        broken = describeStep(step);
        if (step.kind === "edit") await applyEdit(root, step);
        else {
          const { code, output } = await runCommand(root, step.command, env);
          const message = `printed:\n${shown(output).join("\n")}\n\nthe doc shows:\n${step.expected}`;
          expect(code, message).toBe(step.exits);
          expect(showsAs(step.expected, output), message).toBe(true);
        }
        broken = undefined;
      });
    }
  }
});
