// update-many (the built CLI, as an operator runs it) over N rows against a server that admits R
// requests per second and answers 429 with Retry-After beyond that — for one customer, or with the
// rows spread over several customers and the window counted per customer (the server's limit is
// then R per customer, so R × customers in all, or a partner-wide limit if lower).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startBenchServer } from "./server-process.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface BulkOptions {
  readonly rows: number;
  /** Per one-second window: for all requests, or per customer with `customers` > 1. */
  readonly rate: number;
  readonly concurrency: number;
  /** Rows spread over this many customers, in turn, each limited to `rate` (default 1). */
  readonly customers?: number;
  /** A partner-wide limit per window on top of the per-customer one. */
  readonly global?: number;
}

const customerId = (i: number) => `eebd1b55-5360-4438-a11d-${i.toString(16).padStart(12, "0")}`;

export async function measureBulk(options: BulkOptions) {
  const customers = options.customers ?? 1;
  const limit = Math.min(options.rate * customers, options.global ?? Infinity);
  const dir = await mkdtemp(join(tmpdir(), "pcu-bulk-"));
  const server = await startBenchServer({ rate: options.rate, perCustomer: customers > 1, ...(options.global && { global: options.global }) });
  try {
    const input = join(dir, "rows.csv");
    const report = join(dir, "report.jsonl");
    const lines = ["customerId,userId,usageLocation"];
    for (let i = 0; i < options.rows; i++) {
      const userId = `4b10bf41-ab11-40e3-8c53-${i.toString(16).padStart(12, "0")}`;
      lines.push(`${customerId(i % customers)},${userId},US`);
    }
    await writeFile(input, lines.join("\n") + "\n");
    const start = performance.now();
    await run(process.execPath, [cli, "update-many", input, "--base-url", server.url, "--report", report, "--concurrency", String(options.concurrency)], {
      env: { ...process.env, PARTNER_CENTER_TOKEN: "bench-token" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - start) / 1000;
    // The outcomes: the report also holds a `sending` entry ahead of each row sent (its journal).
    const entries = (await readFile(report, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry["result"] !== "sending");
    const stats = await server.stop();
    const rowsSeen = new Set(entries.map((entry) => entry["line"]));
    const requests = stats.ok + stats.throttled;
    // As the server saw it: from the first request to the last answer, without the CLI's start.
    const serverSeconds = (stats.lastMs - stats.firstMs) / 1000;
    return {
      seconds,
      limit,
      achievedRate: options.rows / seconds,
      fractionOfLimit: options.rows / seconds / limit,
      fractionOfLimitOnServer: options.rows / serverSeconds / limit,
      requests,
      throttled: stats.throttled,
      throttledShare: stats.throttled / requests,
      reportLines: entries.length,
      everyRowOnce: entries.length === options.rows && rowsSeen.size === options.rows,
      okRows: entries.filter((entry) => entry["result"] === "ok").length,
    };
  } finally {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
