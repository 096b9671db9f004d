// update-many over rows that name users by sign-in name: how many requests per row it takes to look
// them up. The goal is one listing per customer for the whole run — pages + rows requests, never
// pages × rows. Against the stateful fake of the contract tests (each answer checked against the spec).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startStatefulFake, type FakeUser } from "../contract-tests/support/stateful-fake.ts";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";

export async function measureBulkByName(options: { users: number; pageSize: number }) {
  const people: FakeUser[] = Array.from({ length: options.users }, (_, i) => ({
    id: `0c5b7e0e-8f3a-4a4e-9d1e-${i.toString(16).padStart(12, "0")}`,
    userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
    state: "active",
  }));
  const fake = await startStatefulFake(await loadDereferencedSpec(), customerId, people, { pageSize: options.pageSize, nextBy: "link" });
  const dir = await mkdtemp(join(tmpdir(), "pcu-bulk-by-name-"));
  try {
    const input = join(dir, "rows.csv");
    await writeFile(input, ["customerId,user,usageLocation", ...people.map((p) => `${customerId},${p.userPrincipalName},US`)].join("\n") + "\n");
    await run(process.execPath, [cli, "update-many", input, "--base-url", fake.url, "--report", join(dir, "report.jsonl")], {
      env: { ...process.env, PARTNER_CENTER_TOKEN: "bench-token" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const pages = fake.seen.filter((line) => line.startsWith("GET")).length;
    const patches = fake.seen.filter((line) => line.startsWith("PATCH")).length;
    return { rows: people.length, pages, patches, requestsPerRow: fake.seen.length / people.length, violations: fake.violations.length };
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
