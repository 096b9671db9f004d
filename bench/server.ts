// The benchmarks' server, run as a second process so its work does not share the client's
// thread. It answers every PATCH with PAGE's 200 response; with --rate R it admits R requests per
// one-second window and answers the rest 429 with Retry-After, as Partner Center does. With
// --per-customer the window is counted per customer (the id in the path), as Partner Center counts
// some operations per partner and customer; --global G adds a limit of G per window for all.
// Prints `listening <port>` on stdout once ready, and `stats <json>` when it gets SIGTERM, then exits.
import { createServer } from "node:http";
import { loadDereferencedSpec, pageExample } from "../scripts/lib/spec.ts";

function numberArgument(name: string): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : Infinity;
}
const rate = numberArgument("--rate");
const globalRate = numberArgument("--global");
const perCustomer = process.argv.includes("--per-customer");

const body = JSON.stringify(pageExample(await loadDereferencedSpec()).response.value);
const throttledBody = (seconds: number) => JSON.stringify({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` });

// Windows on one grid from the server's start; each counter is the number admitted in its window.
const started = Date.now();
const admitted = new Map<string, { window: number; count: number }>();
const stats = { ok: 0, throttled: 0, firstMs: 0, lastMs: 0 };

/** Whether one more request fits the key's window now (and counts it if it does). */
function fits(key: string, limit: number, window: number): boolean {
  if (limit === Infinity) return true;
  let counter = admitted.get(key);
  if (counter === undefined || counter.window !== window) admitted.set(key, (counter = { window, count: 0 }));
  return counter.count < limit;
}

const customerOf = (url: string | undefined) => /\/customers\/([^/?]+)/.exec(url ?? "")?.[1] ?? "";

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const now = Date.now();
    stats.firstMs ||= now;
    const window = Math.floor((now - started) / 1000);
    const key = perCustomer ? customerOf(request.url) : "";
    const headers = { "MS-RequestId": String(request.headers["ms-requestid"] ?? ""), "MS-CorrelationId": String(request.headers["ms-correlationid"] ?? "") };
    if (!fits(key, rate, window) || !fits("*", globalRate, window)) {
      const seconds = Math.max(1, Math.ceil((started + (window + 1) * 1000 - now) / 1000));
      stats.throttled++;
      response.writeHead(429, { ...headers, "Content-Type": "application/json", "Retry-After": String(seconds) });
      response.end(throttledBody(seconds));
      stats.lastMs = Date.now();
      return;
    }
    if (rate !== Infinity) admitted.get(key)!.count++;
    if (globalRate !== Infinity) admitted.get("*")!.count++;
    stats.ok++;
    response.writeHead(200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    response.end(body);
    stats.lastMs = Date.now();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
// Stopped: the counts, then exit (not waiting for the client's keep-alive connections to go).
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  process.stdout.write(`stats ${JSON.stringify(stats)}\n`, () => process.exit(0));
});
// The process that started this one is gone (its end of the stdin pipe closed): so is this one.
process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();
