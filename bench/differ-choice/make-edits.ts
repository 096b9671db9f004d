// One-off (issue 13): writes the spec and each edit of scripts/lib/spec-edits.ts as JSON into
// $OUT, for eval.mjs to run the candidate diff libraries on.
// Run: OUT=/tmp/edits npx tsx bench/differ-choice/make-edits.ts
import { mkdir, writeFile } from "node:fs/promises";
import { specEdits } from "../../scripts/lib/spec-edits.ts";
import { loadSpec } from "../../scripts/lib/spec.ts";

const out = process.env["OUT"] ?? "/tmp/differ-choice-edits";
await mkdir(out, { recursive: true });
const base = await loadSpec();
await writeFile(`${out}/base.json`, JSON.stringify(base));
const index: { file: string; name: string; breaking: boolean }[] = [];
for (const [i, edit] of specEdits.entries()) {
  const head = structuredClone(base);
  edit.apply(head);
  await writeFile(`${out}/${i}.json`, JSON.stringify(head));
  index.push({ file: `${i}.json`, name: edit.name, breaking: edit.breaking });
}
await writeFile(`${out}/index.json`, JSON.stringify(index, null, 1));
