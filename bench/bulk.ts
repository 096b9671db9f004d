// update-many (the built CLI, as an operator runs it) over N rows against a server that admits R
// requests per second and answers 429 with Retry-After beyond that.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startBenchServer } from "./server-process.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export async function measureBulk(options: { rows: number; rate: number; concurrency: number }) {
  const dir = await mkdtemp(join(tmpdir(), "pcu-bulk-"));
  const server = await startBenchServer({ rate: options.rate });
  try {
    const input = join(dir, "rows.csv");
    const report = join(dir, "report.jsonl");
    const lines = ["customerId,userId,usageLocation"];
    for (let i = 0; i < options.rows; i++) {
      const userId = `4b10bf41-ab11-40e3-8c53-${i.toString(16).padStart(12, "0")}`;
      lines.push(`eebd1b55-5360-4438-a11d-5c06918c3014,${userId},US`);
    }
    await writeFile(input, lines.join("\n") + "\n");
    const start = performance.now();
    await run(process.execPath, [cli, "update-many", input, "--base-url", server.url, "--report", report, "--concurrency", String(options.concurrency)], {
      env: { ...process.env, PARTNER_CENTER_TOKEN: "bench-token" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - start) / 1000;
    const entries = (await readFile(report, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const stats = await server.stop();
    const rowsSeen = new Set(entries.map((entry) => entry["line"]));
    return {
      seconds,
      achievedRate: options.rows / seconds,
      fractionOfLimit: options.rows / seconds / options.rate,
      throttled: stats.throttled,
      reportLines: entries.length,
      everyRowOnce: entries.length === options.rows && rowsSeen.size === options.rows,
      okRows: entries.filter((entry) => entry["result"] === "ok").length,
    };
  } finally {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
