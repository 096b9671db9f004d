import { createPartnerCenterClient, PartnerCenterError, PartnerCenterTooManyRequestsError } from "partner-center-users";

// A token string, a (sync or async) function returning one, or any @azure/identity TokenCredential.
const credential = process.env.PARTNER_CENTER_TOKEN ?? "";
const pc = createPartnerCenterClient({
  credential,
  baseUrl: process.env.PARTNER_CENTER_BASE_URL, // default https://api.partnercenter.microsoft.com
  timeoutMs: 10_000, // per attempt
  applicationName: "my-tenant-tool",
});

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";

try {
  const user = await pc.customers.byId(customerId).users.byId(userId).patch(
    { usageLocation: "US", attributes: { objectType: "CustomerUser" } },
    { signal: AbortSignal.timeout(60_000) }, // the whole call, retries included
  );
  console.log(user.usageLocation, user.displayName);
} catch (error) {
  if (error instanceof PartnerCenterTooManyRequestsError) console.error(`throttled; retry in ${error.retryAfterMs} ms`);
  else if (error instanceof PartnerCenterError) console.error(error.status, error.code, error.description, error.requestId);
  throw error;
}
