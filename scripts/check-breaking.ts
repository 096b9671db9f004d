// npm run check:breaking — fails when the spec breaks consumers of the last release and
// package.json's version does not say so. PARTNER_CENTER_SPEC swaps in another spec; --version
// judges as if package.json said that version; --released <dir> reads another release record.
import { parseArgs } from "node:util";
import { runGate } from "./lib/breaking-gate.ts";
import { packageVersion, readRelease } from "./lib/release.ts";
import { specPath } from "./lib/spec.ts";

const { values } = parseArgs({ options: { version: { type: "string" }, released: { type: "string" } } });
const result = await runGate({
  release: await readRelease(values.released),
  specPath,
  version: values.version ?? (await packageVersion()),
});
(result.passed ? console.log : console.error)(result.output);
process.exitCode = result.passed ? 0 : 1;
