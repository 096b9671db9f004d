// Starts bench/server.ts in a second process — one process: node with tsx's loader, not tsx's CLI,
// which would run the server as a grandchild that a SIGKILL of the CLI leaves behind — and stops
// it. The server also exits when its stdin (a pipe from here) closes: whenever this process ends,
// however it ends, the server ends too.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Stops the server and returns what it counted. */
  stop(): Promise<ServerStats>;
}

export interface ServerStats {
  readonly ok: number;
  readonly throttled: number;
  /** When the first request came and the last answer went (ms since the epoch, the server's clock). */
  readonly firstMs: number;
  readonly lastMs: number;
}

export interface BenchServerOptions {
  /** Requests admitted per one-second window (default: all). */
  readonly rate?: number;
  /** Count the window per customer (the id in the path) rather than for all requests. */
  readonly perCustomer?: boolean;
  /** A limit per window for all requests, on top of a per-customer one. */
  readonly global?: number;
}

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const tsx = new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
  const script = fileURLToPath(new URL("./server.ts", import.meta.url));
  const args = [
    "--import",
    tsx,
    script,
    ...(options.rate ? ["--rate", String(options.rate)] : []),
    ...(options.perCustomer ? ["--per-customer"] : []),
    ...(options.global ? ["--global", String(options.global)] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stats: ServerStats = { ok: 0, throttled: 0, firstMs: 0, lastMs: 0 };
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    lines.on("line", (line) => {
      if (line.startsWith("listening ")) resolve(Number(line.slice(10)));
      if (line.startsWith("stats ")) stats = JSON.parse(line.slice(6)) as ServerStats;
    });
  });
  let stopped: Promise<ServerStats> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop() {
      stopped ??= (async () => {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
        process.off("exit", killOnExit);
        return stats;
      })();
      return stopped;
    },
  };
}
