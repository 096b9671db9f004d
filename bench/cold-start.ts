// Cold start: a fresh Node process imports the library and makes its first call; the same with
// bare openapi-fetch. Spawns alternate between the two; medians over the spawns.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./stats.ts";

const run = promisify(execFile);
const library = fileURLToPath(new URL("../dist/index.js", import.meta.url));

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const body = `{ usageLocation: "US", attributes: { objectType: "CustomerUser" } }`;

// Each program prints the ms from before its import to the first call's parsed response.
const programs = {
  client: (baseUrl: string) => `
    const start = performance.now();
    const { createPartnerCenterClient } = await import(${JSON.stringify(library)});
    const pc = createPartnerCenterClient({ credential: "t", baseUrl: ${JSON.stringify(baseUrl)} });
    await pc.customers.byId("${customerId}").users.byId("${userId}").patch(${body});
    console.log(performance.now() - start);`,
  "openapi-fetch": (baseUrl: string) => `
    const start = performance.now();
    const { default: createClient } = await import("openapi-fetch");
    const client = createClient({ baseUrl: ${JSON.stringify(baseUrl)} });
    const { error } = await client.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params: { path: { "customer-tenant-id": "${customerId}", "user-id": "${userId}" } },
      headers: { Authorization: "Bearer t" }, body: ${body} });
    if (error) throw new Error("failed");
    console.log(performance.now() - start);`,
};

export async function measureColdStart(baseUrl: string, spawns: number) {
  const times: Record<keyof typeof programs, number[]> = { client: [], "openapi-fetch": [] };
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  for (let i = 0; i < spawns; i++) {
    for (const name of Object.keys(programs) as (keyof typeof programs)[]) {
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", programs[name](baseUrl)], { cwd });
      times[name].push(Number(stdout.trim()));
    }
  }
  return { clientMs: median(times.client), openapiFetchMs: median(times["openapi-fetch"]) };
}
