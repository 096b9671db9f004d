// update-many's memory and time per row as the file grows: the built CLI over generated files of
// N rows, its peak RSS read from inside it at exit. Dry runs (both passes over the file, every
// row checked, a report line each — everything but the network) at 100 000 and 1 000 000 rows, and
// a real run sending 20 000 rows to the benchmarks' server.
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startBenchServer } from "./server-process.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
// Loaded into the CLI's process: its peak resident memory, as the kernel counted it, on exit.
const peakRss = `data:text/javascript,${encodeURIComponent("process.on('exit',()=>process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS}\\n`))")}`;

async function writeRows(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write("customerId,userId,usageLocation,displayName\n");
  for (let i = 0; i < rows; i++) {
    const line = `eebd1b55-5360-4438-a11d-5c06918c3014,4b10bf41-ab11-40e3-8c53-${i.toString(16).padStart(12, "0")},US,User ${i}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export interface MemoryRun {
  readonly rows: number;
  readonly sent: boolean;
  readonly peakRssMiB: number;
  readonly microsecondsPerRow: number;
}

/**
 * `resume`: a second dry run reading the first one's report as the journal to resume from
 * (--only-failed), so what a resume holds of a journal of that many rows is measured too.
 */
export async function measureBulkMemory(rows: number, options: { send: boolean; resume?: boolean }): Promise<MemoryRun> {
  const dir = await mkdtemp(join(tmpdir(), "pcu-bulk-memory-"));
  const server = options.send ? await startBenchServer() : undefined;
  const report = join(dir, "report.jsonl");
  const env = { ...process.env, PARTNER_CENTER_TOKEN: "bench-token", PARTNER_CENTER_USERS_CONFIG_DIR: join(dir, "config") };
  try {
    const input = join(dir, "rows.csv");
    await writeRows(input, rows);
    const args = ["--import", peakRss, cli, "update-many", input, "--concurrency", "32"];
    const once = (extra: readonly string[]) => run(process.execPath, [...args, ...extra], { env, maxBuffer: 1024 * 1024 * 1024 });
    if (options.resume) await once(["--dry-run", "--report", report]);
    const started = performance.now();
    const { stderr } = await once(options.resume ? ["--dry-run", "--only-failed", report, "--report", "/dev/null"] : ["--report", report, ...(server ? ["--base-url", server.url] : ["--dry-run"])]);
    const elapsed = performance.now() - started;
    const kib = Number(/peak-rss (\d+)/.exec(stderr)?.[1]);
    return { rows, sent: options.send, peakRssMiB: kib / 1024, microsecondsPerRow: (elapsed * 1000) / rows };
  } finally {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
