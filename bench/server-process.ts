// Starts bench/server.ts in a second process and stops it by the pid it started.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface BenchServer {
  readonly url: string;
  /** Stops the server and returns what it counted. */
  stop(): Promise<{ ok: number; throttled: number }>;
}

export async function startBenchServer(options: { rate?: number } = {}): Promise<BenchServer> {
  const tsx = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));
  const script = fileURLToPath(new URL("./server.ts", import.meta.url));
  const args = [tsx, script, ...(options.rate ? ["--rate", String(options.rate)] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stats = { ok: 0, throttled: 0 };
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    lines.on("line", (line) => {
      if (line.startsWith("listening ")) resolve(Number(line.slice(10)));
      if (line.startsWith("stats ")) stats = JSON.parse(line.slice(6)) as typeof stats;
    });
  });
  let stopped: Promise<typeof stats> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
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
