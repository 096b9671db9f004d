// npm run bench — all the measurements, side by side, as one table. Not part of `npm test`:
// timings on a shared machine are for reading, not for asserting.
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { measureBulk } from "../bench/bulk.ts";
import { measureBulkByName, measurePlanApply } from "../bench/bulk-by-name.ts";
import { measureBulkMemory } from "../bench/bulk-memory.ts";
import { bundleBudgetBytes, issueTargetBytes, measureBundleSize } from "../bench/bundle-size.ts";
import { baselineCommit, measureCliStartUp } from "../bench/cli-start.ts";
import { measureColdStart } from "../bench/cold-start.ts";
import { measureCreateMany } from "../bench/create-many.ts";
import { measureCreateThenLicense } from "../bench/create-then-license.ts";
import { measureMemory, measureOverhead } from "../bench/overhead.ts";
import { startBenchServer } from "../bench/server-process.ts";
import { projectRoot } from "./lib/spec.ts";

const quick = process.argv.includes("--quick");
const began = performance.now();
execFileSync("npm", ["run", "--silent", "build"], { cwd: projectRoot, stdio: "inherit" });

const rows: [string, string, string][] = [];
const add = (what: string, figure: string, target: string) => rows.push([what, figure, target]);
const x = (n: number) => `${n.toFixed(3)}×`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en")}/s`;

const server = await startBenchServer();
try {
  for (const inFlight of [1, 64]) {
    const r = await measureOverhead(server.url, { rounds: quick ? 5 : 15, callsPerRound: inFlight === 1 ? (quick ? 200 : 500) : quick ? 1000 : 3000, inFlight });
    const label = inFlight === 1 ? "sequential" : `${inFlight} in flight`;
    add(`${label}: calls/s fetch / openapi-fetch / client`, `${perSecond(r.callsPerSecond.fetch)} / ${perSecond(r.callsPerSecond["openapi-fetch"])} / ${perSecond(r.callsPerSecond.client)}`, "");
    add(`${label}: client / fetch (median of rounds)`, x(r.clientOverFetch), "≤ 1.15×");
    add(`${label}: client / openapi-fetch`, x(r.clientOverOpenapiFetch), "< 1×");
    add(`${label}: openapi-fetch / fetch`, x(r.openapiFetchOverFetch), "(reference)");
  }
  const calls = quick ? 20_000 : 100_000;
  const memory = await measureMemory(server.url, calls, 64);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  add(
    `memory over ${calls.toLocaleString("en")} calls (64 in flight): heap growth per call`,
    `${memory.bytesPerCall.toFixed(1)} B (heap after GC, 5 samples: ${memory.samples.map(mib).join(", ")} MiB)`,
    "≈ 0 (flat)",
  );
  add("memory: peak RSS", `${mib(memory.peakRss)} MiB`, "");
  // A bulk run hands every call the same long-lived signal: nothing may stay attached to it per call.
  const sharedCalls = quick ? 40_000 : 200_000;
  const shared = await measureMemory(server.url, sharedCalls, 64, new AbortController().signal);
  add(
    `memory over ${sharedCalls.toLocaleString("en")} calls sharing one caller signal: heap growth per call`,
    `${shared.bytesPerCall.toFixed(1)} B (heap after GC, 5 samples: ${shared.samples.map(mib).join(", ")} MiB)`,
    "≈ 0 (flat)",
  );
  const cold = await measureColdStart(server.url, quick ? 5 : 15);
  add("cold start: import + first call, client / openapi-fetch (median)", `${cold.clientMs.toFixed(1)} ms / ${cold.openapiFetchMs.toFixed(1)} ms`, "");
  const startUp = await measureCliStartUp(server.url, quick ? 7 : 21);
  if ("missing" in startUp) add("CLI start-up vs the CLI before sign-in", `not measured: ${startUp.missing}`, "≤ 1.1×");
  else {
    for (const { command, currentMs, baselineMs, ratio } of startUp) {
      add(`CLI start-up, ${command}: now / before sign-in (${baselineCommit}, built in this run), median of paired spawns`, `${x(ratio)} (${currentMs.toFixed(0)} ms / ${baselineMs.toFixed(0)} ms)`, "≤ 1.1×");
    }
  }
} finally {
  await server.stop();
}

const size = await measureBundleSize();
add("bundle: whole public API + openapi-fetch, minified + gzipped", `${size.library.gzipped} B (openapi-fetch alone ${size.openapiFetchAlone.gzipped} B)`, `≤ ${issueTargetBytes} B (enforced: ≤ ${bundleBudgetBytes} B)`);

// Throttled bulk runs, a few of each (the box is shared and noisy): the median run, and the range.
const bulkRows = quick ? 500 : 2000;
const repeats = quick ? 1 : 3;
const bulkScenarios = [
  { label: "one customer, limit 100/s", rate: 100, customers: 1 },
  { label: "20 customers, limit 5/s each (100/s in all)", rate: 5, customers: 20 },
];
let everyRowOnce = true;
for (const scenario of bulkScenarios) {
  const runs: Awaited<ReturnType<typeof measureBulk>>[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await measureBulk({ rows: bulkRows, rate: scenario.rate, customers: scenario.customers, concurrency: 8 }));
  runs.sort((a, b) => a.fractionOfLimit - b.fractionOfLimit);
  const mid = runs[runs.length >> 1]!;
  const range = runs.length > 1 ? `; runs ${runs[0]!.fractionOfLimit.toFixed(3)}–${runs.at(-1)!.fractionOfLimit.toFixed(3)} R` : "";
  const share = (r: (typeof runs)[number]) => `${(100 * r.throttledShare).toFixed(2)} %`;
  add(
    `bulk: update-many, ${bulkRows} rows, ${scenario.label}${runs.length > 1 ? `, median of ${runs.length}` : ""}`,
    `${mid.achievedRate.toFixed(1)}/s = ${mid.fractionOfLimit.toFixed(3)} R (server-side ${mid.fractionOfLimitOnServer.toFixed(3)} R), ` +
      `${mid.throttled} × 429 = ${share(mid)} of ${mid.requests} requests${range}, 429s ${runs.map(share).join(" / ")}`,
    "≥ 0.97 R, ≤ 2 % 429",
  );
  everyRowOnce &&= runs.every((r) => r.everyRowOnce && r.okRows === bulkRows);
}
add("bulk: every report holds every row exactly once, all ok", String(everyRowOnce), "true");
// Memory and time per row as the file grows: dry runs (both passes, every row checked and
// reported; all but the network), and a real run that sends.
for (const rows of quick ? [20_000, 100_000] : [100_000, 1_000_000]) {
  const memory = await measureBulkMemory(rows, { send: false });
  add(`bulk memory: update-many --dry-run, ${rows.toLocaleString("en")} rows`, `peak RSS ${memory.peakRssMiB.toFixed(0)} MiB, ${memory.microsecondsPerRow.toFixed(0)} µs per row`, "< 200 MiB, µs per row flat");
}
const resumeRows = quick ? 100_000 : 1_000_000;
const resume = await measureBulkMemory(resumeRows, { send: false, resume: true });
add(`bulk memory: resume (--only-failed, dry run) from a journal of ${resumeRows.toLocaleString("en")} rows`, `peak RSS ${resume.peakRssMiB.toFixed(0)} MiB, ${resume.microsecondsPerRow.toFixed(0)} µs per row`, "< 300 MiB");
const sending = await measureBulkMemory(quick ? 5_000 : 20_000, { send: true });
add(`bulk memory: update-many sending ${sending.rows.toLocaleString("en")} rows`, `peak RSS ${sending.peakRssMiB.toFixed(0)} MiB, ${sending.microsecondsPerRow.toFixed(0)} µs per row`, "< 200 MiB");

const byName = await measureBulkByName({ users: quick ? 200 : 1000, pageSize: 100 });
add(
  `bulk by sign-in name: ${byName.rows} rows, pages of 100, requests per row`,
  `${byName.requestsPerRow.toFixed(3)} (${byName.pages} page requests + ${byName.patches} PATCHes; ${byName.violations} answers off the spec)`,
  "pages + rows, not pages × rows",
);

const planApply = await measurePlanApply({ users: quick ? 200 : 1000, pageSize: 100, unchanged: 0.3 });
add(
  `plan + apply: ${planApply.rows} rows, ${planApply.rows - planApply.changed} unchanged, pages of 100, requests per row`,
  `${planApply.requestsPerRow.toFixed(3)} (${planApply.pages} page requests (${planApply.planPages} for the plan) + ${planApply.patches} PATCHes = ${planApply.requests}; bound ${planApply.bound}; ${planApply.violations} answers off the spec)`,
  "<= pages + changed rows",
);

const onboarding = await measureCreateThenLicense({ users: quick ? 200 : 1000, inFlight: 8 });
add(
  `create then license: ${onboarding.users} new users, 8 in flight (library, stateful fake), requests per user`,
  `${onboarding.requestsPerUser.toFixed(3)} (${onboarding.creates} creates + ${onboarding.licenseUpdates} licence updates + ${onboarding.otherRequests} other; ${onboarding.licensed} licensed; ${onboarding.violations} answers off the spec; ${onboarding.usersPerSecond.toFixed(0)} users/s)`,
  "2 (one create, one licence update)",
);

const onboardFile = await measureCreateMany({ users: quick ? 200 : 1000, concurrency: 4 });
add(
  `create-many: ${onboardFile.users} new users (CLI, stateful fake), a licence each, a role every tenth; requests per row`,
  `${onboardFile.requestsPerRow.toFixed(3)} (${onboardFile.creates} creates + ${onboardFile.licenseUpdates} licence updates + ${onboardFile.roleAdds} role adds + ${onboardFile.reads} reads; ${onboardFile.licensed} licensed; rerun: ${onboardFile.rerunRequests} requests, ${onboardFile.rerunWrites} writes; ${onboardFile.violations} answers off the spec; ${onboardFile.usersPerSecond.toFixed(0)} users/s)`,
  "2.1 + 2 reads per file (create, licence, a tenth a role); rerun 0 writes",
);

const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["measure", "figure", "target"][i]!.length));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(" | ")} |`;
console.log(`\nNode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${((performance.now() - began) / 1000).toFixed(0)} s in all\n`);
console.log(line(["measure", "figure", "target"]));
console.log(line(width.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
