// update-many over rows that name users by sign-in name: how many requests per row it takes to look
// them up. The goal is one listing per customer for the whole run — pages + rows requests, never
// pages × rows. And update-many --plan then --apply: each run's one listing plus the changed rows,
// nothing for the unchanged. Against the stateful fake of the contract tests (each answer checked
// against the spec).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startStatefulFake, type FakeUser, type StatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";

/** A stateful fake with `users` users (GB, active) and a scratch folder, for `work`; both gone after. */
async function withDirectory<T>(options: { users: number; pageSize: number }, work: (fake: StatefulFake, people: FakeUser[], dir: string) => Promise<T>): Promise<T> {
  const people: FakeUser[] = Array.from({ length: options.users }, (_, i) => ({
    id: `0c5b7e0e-8f3a-4a4e-9d1e-${i.toString(16).padStart(12, "0")}`,
    userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
    usageLocation: "GB",
    state: "active",
  }));
  const fake = await startStatefulFake(await loadDereferencedSpec(), customerId, people, { pageSize: options.pageSize, nextBy: "link" });
  const dir = await mkdtemp(join(tmpdir(), "pcu-bulk-by-name-"));
  try {
    return await work(fake, people, dir);
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The CLI, run to the end (exit 1 is an answer too: a plan with rows that would fail). */
const cliRun = (args: readonly string[]) =>
  run(process.execPath, [cli, ...args], { env: { ...process.env, PARTNER_CENTER_TOKEN: "bench-token" }, maxBuffer: 64 * 1024 * 1024 });

const count = (fake: StatefulFake, method: string) => fake.seen.filter((line) => line.startsWith(method)).length;

export async function measureBulkByName(options: { users: number; pageSize: number }) {
  return withDirectory(options, async (fake, people, dir) => {
    const input = join(dir, "rows.csv");
    await writeFile(input, ["customerId,user,usageLocation", ...people.map((p) => `${customerId},${p.userPrincipalName},US`)].join("\n") + "\n");
    await cliRun(["update-many", input, "--base-url", fake.url, "--report", join(dir, "report.jsonl")]);
    return { rows: people.length, pages: count(fake, "GET"), patches: count(fake, "PATCH"), requestsPerRow: fake.seen.length / people.length, violations: fake.violations.length };
  });
}

/**
 * update-many --plan, then --apply, over rows of which `unchanged` (a fraction) ask what their
 * users have already: the requests per row of both, against the bound of the pages of each run's
 * one listing plus the changed rows.
 */
export async function measurePlanApply(options: { users: number; pageSize: number; unchanged: number }) {
  return withDirectory(options, async (fake, people, dir) => {
    const input = join(dir, "rows.csv");
    const same = (i: number) => i < Math.round(people.length * options.unchanged);
    await writeFile(input, ["customerId,user,usageLocation", ...people.map((p, i) => `${customerId},${p.userPrincipalName},${same(i) ? "GB" : "US"}`)].join("\n") + "\n");
    const plan = join(dir, "plan.jsonl");
    await cliRun(["update-many", input, "--plan", "--plan-out", plan, "--base-url", fake.url]);
    const planPages = count(fake, "GET");
    await cliRun(["update-many", "--apply", plan, "--base-url", fake.url, "--report", join(dir, "report.jsonl")]);
    const pages = count(fake, "GET");
    const patches = count(fake, "PATCH");
    const changed = people.length - people.filter((_, i) => same(i)).length;
    return { rows: people.length, changed, planPages, pages, patches, requests: fake.seen.length, bound: pages + changed, requestsPerRow: fake.seen.length / people.length, violations: fake.violations.length };
  });
}
