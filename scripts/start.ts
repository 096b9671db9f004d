// npm start — the documentation page's update, end to end, on the embedded mock: no account and
// no network. The request is the spec's own `page` example (ids from its parameter examples), sent
// through the typed client; the updated user is printed with the ids to quote to Microsoft support.
import { randomUUID } from "node:crypto";
import { createPartnerCenterClient, type CustomerUserPatch } from "../src/index.ts";
import { startPrism } from "../src/cli/mock-server.ts";
import { loadDereferencedSpec, pageExample, specPath } from "./lib/spec.ts";

const page = pageExample(await loadDereferencedSpec());
const body = page.request.value as CustomerUserPatch;
const { customerId, userId } = page;

const mock = await startPrism({ specPath, mode: "mock" });
try {
  const pc = createPartnerCenterClient({ credential: "dummy-token-for-the-mock", baseUrl: mock.url });
  const requestId = randomUUID();
  const correlationId = randomUUID();
  console.log(`PATCH ${mock.url}/v1/customers/${customerId}/users/${userId} (the embedded mock)`);
  console.log(JSON.stringify(body, null, 2));
  const user = await pc.customers.byId(customerId).users.byId(userId).patch(body, { requestId, correlationId });
  console.log("\nUpdated user:");
  console.log(JSON.stringify(user, null, 2));
  console.log(`\nMS-RequestId:     ${requestId}\nMS-CorrelationId: ${correlationId}`);
} finally {
  await mock.stop();
}
