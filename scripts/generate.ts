// npm run generate — rewrites generated/ from the spec, then docs/cli.md's list of `update` options.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
