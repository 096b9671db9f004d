// Onboarding through the command line: `create-many` over a file of new users, each with a licence
// (every tenth also a directory role), against the stateful fake of the contract tests — then the
// same command again, as after a crash, which must send no write. The floor is one create and one
// licence update a user (and one role add where asked) plus one read of the customer's SKUs and one
// of its roles for the whole file: anything above it is a lookup or a retry.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startStatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const sku = { id: "efccb6f7-5641-4e0e-bd10-b4976e1bf68e", skuPartNumber: "EMS", totalUnits: 1_000_000 };
const role = { id: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" };

export async function measureCreateMany(options: { users: number; concurrency: number }) {
  const fake = await startStatefulFake(await loadDereferencedSpec(), customerId, [], { pageSize: 100, nextBy: "link", skus: [sku], roles: [role] });
  const folder = mkdtempSync(join(tmpdir(), "pcu-bench-onboard-"));
  try {
    const rows = Array.from({ length: options.users }, (_, i) => `${customerId},new${i}@contoso.onmicrosoft.com,New ${i},GB,EMS,${i % 10 === 0 ? role.name : ""},Bench-${i}-Aa1!`);
    const input = join(folder, "onboard.csv");
    writeFileSync(input, ["customerId,userPrincipalName,displayName,usageLocation,licenses,roles,password", ...rows].join("\n") + "\n");
    const args = [cli, "create-many", input, "--report", join(folder, "report.jsonl"), "--concurrency", String(options.concurrency), "--base-url", fake.url];
    const env = { ...process.env, PARTNER_CENTER_TOKEN: "bench-token" };
    const started = performance.now();
    await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    const first = fake.seen.length;
    const count = (pattern: RegExp, lines = fake.seen) => lines.filter((line) => pattern.test(line)).length;
    await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 });
    const rerun = fake.seen.slice(first);
    return {
      users: options.users,
      creates: count(/^POST \S+\/users$/),
      licenseUpdates: count(/^POST \S+\/licenseupdates$/),
      roleAdds: count(/^POST \S+\/usermembers$/),
      reads: count(/^GET /, fake.seen.slice(0, first)),
      requestsPerRow: first / options.users,
      rerunRequests: rerun.length,
      rerunWrites: rerun.filter((line) => !line.startsWith("GET ")).length,
      usersPerSecond: options.users / seconds,
      licensed: [...fake.lifecycle.licenses.values()].filter((held) => held.has(sku.id)).length,
      violations: fake.violations.length,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await fake.close();
  }
}
