// `npm run mock [-- --port 4010]`: the contract tests' Prism mock, for a person — serves the spec
// on a loopback port, prints its URL and a request to try, and stops on Ctrl-C leaving nothing
// running.
import { parseArgs } from "node:util";
import { startPrism } from "../src/cli/mock-server.ts";
import { operationPath, specPath } from "./lib/spec.ts";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" } } });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
  console.error(`--port must be a port number (0 to 65535), not ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const prism = await startPrism({ specPath, mode: "mock", port }).catch((error: unknown) => {
  console.error((error as Error).message);
  return process.exit(1);
});

const url = prism.url + operationPath.replace("{customer-tenant-id}", "eebd1b55-5360-4438-a11d-5c06918c3014").replace("{user-id}", "4b10bf41-ab11-40e3-8c53-cd67849b50de");
console.log(`Prism mock of ${specPath}
listening on ${prism.url} (pid ${prism.pid})

Try:
  curl -i -X PATCH '${url}' \\
    -H 'Authorization: Bearer any-token' -H 'Content-Type: application/json' \\
    -d '{"usageLocation":"US","attributes":{"objectType":"CustomerUser"}}'

Add -H 'Prefer: code=429' (or code=404, example=tenant-not-found …) for a documented error.
An invalid request gets the first 400 example, and Prism's findings in the sl-violations header.
Ctrl-C stops it.`);

// A mock that died is said so, with Prism's own words, and this command fails with it.
void prism.died.then((how) => {
  console.error(`\nPrism exited unexpectedly (${how}). Its output:\n${prism.log()}`);
  process.exit(1);
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await prism.stop();
  console.log("\nmock stopped");
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
