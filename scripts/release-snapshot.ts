// npm run release:snapshot — part of releasing: records the spec as released at package.json's
// version (openapi/released/partner-center-users-<version>.yaml and release.json), so the next
// check:breaking judges changes against it. Run it after `npm version …`; commit what it writes.
// Like check:breaking it takes --version, --released <dir> and PARTNER_CENTER_SPEC (for tests).
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { isOlder, packageVersion, readRelease, releasedDir } from "./lib/release.ts";
import { defaultSpecPath, specPath } from "./lib/spec.ts";

const { values } = parseArgs({ options: { version: { type: "string" }, released: { type: "string" } } });
const dir = values.released ?? releasedDir;
const version = values.version ?? (await packageVersion());
const previous = await readRelease(dir);
const spec = await readFile(specPath, "utf8");
if (isOlder(version, previous.version)) {
  console.error(`package.json's version ${version} is older than the recorded release ${previous.version}`);
  process.exit(1);
}
if (version === previous.version) {
  if ((await readFile(previous.specPath, "utf8")) === spec) {
    console.log(`${version} is already recorded with this spec: nothing to do`);
    process.exit(0);
  }
  // A released version's contract never changes: a new spec is a new version.
  console.error(`${version} is already released with a different spec: bump the version first (npm version patch|minor|major)`);
  process.exit(1);
}
const name = `${basename(defaultSpecPath, ".yaml")}-${version}.yaml`;
await copyFile(specPath, join(dir, name));
await writeFile(join(dir, "release.json"), `${JSON.stringify({ version, spec: name }, null, 2)}\n`);
// One snapshot, the last release's: git history keeps the older ones.
if (basename(previous.specPath) !== name) await rm(previous.specPath);
console.log(`recorded release ${version}: ${name} and release.json in ${dir === releasedDir ? "openapi/released/" : dir} (was ${previous.version}); commit them`);
