// The whole public API (src/index.ts: an ESM bundle keeps every export of its entry), not the CLI,
// as a user's bundler would ship it: bundled with openapi-fetch, minified, gzipped. Deterministic,
// so its budget is enforced in `npm test`.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Issue 6 asks for 5 kB and this library misses it (docs/benchmarks.md says by how much and
 * why); the enforced budget is what it weighs now, rounded up, so any growth is a deliberate act.
 * 8 → 11 KiB: one pipeline checking every operation of the spec through both doors, and secrets
 * scrubbed by value in every encoding (issue 9), took it from 7.9 to 9.6 kB; listing, get and
 * find-by-UPN with the pager and their rules (issue 11) to 10.8 kB. 11 → 12 KiB: the throttle
 * every call of a client shares (issue 10: one pause per customer on a 429, an adaptive rate per
 * customer), 1.2 kB, to 12.1 kB. 12 → 13 KiB: the one refresh and resend of an attempt refused 401 (issue 12),
 * merged beside the throttle, made it 12.3 kB. 13 → 15 KiB: every answer untrusted (issue 19) —
 * the response schemas in the generated rules (0.35 kB), the pager's link rules, loop detection
 * and resuming, the bounded streaming read and the validator's items/allOf/nullable/date-time —
 * made it 14.7 kB; answers nested too deep cut or refused, secrets scrubbed as hex and base64 too,
 * 15.1 kB. 15 → 16 KiB: one extension point every call passes (the `middleware` option), every
 * error naming its call, every answer parsed once (issue 23), 15.9 kB. 16 → 18 KiB: the rest of a
 * user's lifecycle (issue 20) — ten more operations' rules and response schemas in the generated
 * table, and create, delete, reset password, licences, SKUs and directory roles in the fluent API. */
export const issueTargetBytes = 5 * 1024;
export const bundleBudgetBytes = 18 * 1024;

async function gzippedBundle(entry: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export async function measureBundleSize() {
  return {
    library: await gzippedBundle("../src/index.ts"),
    openapiFetchAlone: await gzippedBundle("../node_modules/openapi-fetch/dist/index.mjs"),
  };
}
