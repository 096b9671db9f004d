// The benchmarks' server, run as a second process so its work does not share the client's
// thread. It answers every PATCH with PAGE's 200 response; with --rate R it admits R requests per
// one-second window and answers the rest 429 with Retry-After, as Partner Center does.
// Prints `listening <port>` on stdout once ready, and `stats <json>` when it gets SIGTERM.
import { createServer } from "node:http";
import { loadDereferencedSpec, pageExample } from "../scripts/lib/spec.ts";

const rateArgument = process.argv.indexOf("--rate");
const rate = rateArgument > 0 ? Number(process.argv[rateArgument + 1]) : Infinity;

const body = JSON.stringify(pageExample(await loadDereferencedSpec()).response.value);
const throttledBody = (seconds: number) => JSON.stringify({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` });

let windowStart = Date.now();
let admitted = 0;
const stats = { ok: 0, throttled: 0 };

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now - ((now - windowStart) % 1000);
      admitted = 0;
    }
    const headers = { "MS-RequestId": String(request.headers["ms-requestid"] ?? ""), "MS-CorrelationId": String(request.headers["ms-correlationid"] ?? "") };
    if (admitted >= rate) {
      const seconds = Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000));
      stats.throttled++;
      response.writeHead(429, { ...headers, "Content-Type": "application/json", "Retry-After": String(seconds) });
      response.end(throttledBody(seconds));
      return;
    }
    admitted++;
    stats.ok++;
    response.writeHead(200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => {
  console.log(`stats ${JSON.stringify(stats)}`);
  server.close();
  server.closeAllConnections();
});
