// npm run generate — rewrites generated/ from the spec.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderGenerated } from "./lib/render-generated.ts";
import { projectRoot } from "./lib/spec.ts";

for (const [name, content] of Object.entries(await renderGenerated())) {
  await writeFile(join(projectRoot, "generated", name), content);
  console.log(`wrote generated/${name}`);
}
