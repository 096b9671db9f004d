// npm run generate — rewrites generated/ from the spec, then the docs' blocks written from it:
// docs/cli.md's list of `update` options, and the tables of roles and refusal hints.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readDocs, withBlocks } from "./lib/doc-blocks.ts";
import { optionsPage, withOptions } from "./lib/docs-options.ts";
import { renderGenerated } from "./lib/render-generated.ts";
import { projectRoot } from "./lib/spec.ts";

for (const [name, content] of Object.entries(await renderGenerated())) {
  await writeFile(join(projectRoot, "generated", name), content);
  console.log(`wrote generated/${name}`);
}
// Imported only now, so it reads the generated/spec-rules.ts just written.
const { fieldOptions } = await import("../src/cli/patch.ts");
const page = join(projectRoot, optionsPage);
const before = await readFile(page, "utf8");
const after = withOptions(before, fieldOptions);
if (after !== before) {
  await writeFile(page, after);
  console.log(`wrote ${optionsPage}'s list of update options`);
}
const { signInBlocks } = await import("./lib/sign-in-tables.ts");
for (const [name, text] of Object.entries(await readDocs())) {
  const written = withBlocks(text, signInBlocks);
  if (written !== text) {
    await writeFile(join(projectRoot, name), written);
    console.log(`wrote ${name}'s tables of roles and refusal hints`);
  }
}
