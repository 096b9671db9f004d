// npm run check:generated — fails when generated/ no longer matches the spec.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
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
console.log("generated/ matches openapi/");
