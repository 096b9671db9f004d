// The benchmarks' server is a process of its own: it must not outlive the process that started it,
// however that one ends, and stop() must end it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gone, projectRoot } from "../cli-tests/support/run-cli.ts";
import { isRunning } from "../src/cli/mock-server.ts";
import { startBenchServer } from "./server-process.ts";

describe("the benchmarks' server", { timeout: 30_000 }, () => {
  it("ends when stop() is called, after counting what it answered", async () => {
    const server = await startBenchServer();
    expect(isRunning(server.pid)).toBe(true);
    const response = await fetch(`${server.url}/v1/customers/eebd1b55-5360-4438-a11d-5c06918c3014/users/4b10bf41-ab11-40e3-8c53-cd67849b50de`, { method: "PATCH", body: "{}" });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    const stats = await server.stop();
    expect(stats.ok).toBe(1);
    expect(await gone(server.pid)).toBe(true);
  });

  it("does not outlive the process that started it when that one is killed with SIGKILL", async () => {
    const program = `const { startBenchServer } = await import(${JSON.stringify(fileURLToPath(new URL("./server-process.ts", import.meta.url)))});
      const server = await startBenchServer(); console.log(server.pid); setInterval(() => {}, 1000);`;
    const starter = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
    const pid = await new Promise<number>((resolve) => starter.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    expect(isRunning(pid)).toBe(true);
    starter.kill("SIGKILL");
    expect(await gone(pid)).toBe(true);
  });
});
