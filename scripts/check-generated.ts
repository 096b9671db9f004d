// npm run check:generated — fails when generated/, docs/cli.md's list of `update` options, or the
// docs' tables of roles and refusal hints no longer match the spec and the code.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { blockProblems, readDocs } from "./lib/doc-blocks.ts";
import { optionProblems, optionsPage } from "./lib/docs-options.ts";
import { renderGenerated } from "./lib/render-generated.ts";
import { projectRoot } from "./lib/spec.ts";

const stale: string[] = [];
for (const [name, expected] of Object.entries(await renderGenerated())) {
  const actual = await readFile(join(projectRoot, "generated", name), "utf8").catch(() => null);
  if (actual !== expected) stale.push(`generated/${name}`);
}
if (stale.length > 0) {
  console.error(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} stale against openapi/. Fix: npm run generate`);
  process.exit(1);
}
// Only now: the CLI's options come from generated/, which is known to match the spec.
const { fieldOptions } = await import("../src/cli/patch.ts");
const problems = optionProblems(await readFile(join(projectRoot, optionsPage), "utf8"), fieldOptions);
if (problems.length > 0) {
  console.error(`${optionsPage}'s list of update options is stale against openapi/:\n${problems.map((problem) => `  ${problem}`).join("\n")}\nFix: npm run generate`);
  process.exit(1);
}
const { signInBlocks } = await import("./lib/sign-in-tables.ts");
const drifted = blockProblems(await readDocs(), signInBlocks);
if (drifted.length > 0) {
  console.error(`The docs' tables differ from the code:\n${drifted.map((problem) => `  ${problem}`).join("\n")}\nFix: npm run generate`);
  process.exit(1);
}
console.log(`generated/, ${optionsPage}'s update options and the docs' tables of roles and hints match openapi/ and the code`);
