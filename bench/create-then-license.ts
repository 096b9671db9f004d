// Onboarding through the library: create each user, then assign it a licence — against the stateful
// fake of the contract tests, which keeps the licence counts and checks every answer against the
// spec. Two requests a user is the floor (one create, one licence update); anything above it is a
// retry or a lookup the caller did not ask for.
import { startStatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { createPartnerCenterClient } from "../src/index.ts";

const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const sku = { id: "efccb6f7-5641-4e0e-bd10-b4976e1bf68e", skuPartNumber: "EMS", totalUnits: 1_000_000 };

export async function measureCreateThenLicense(options: { users: number; inFlight: number }) {
  const fake = await startStatefulFake(await loadDereferencedSpec(), customerId, [], { pageSize: 100, nextBy: "link", skus: [sku] });
  try {
    const users = createPartnerCenterClient({ credential: "bench-token", baseUrl: fake.url }).customers.byId(customerId).users;
    let next = 0;
    let licensed = 0;
    const started = performance.now();
    const lane = async () => {
      for (let i = next++; i < options.users; i = next++) {
        const user = await users.create({
          userPrincipalName: `new${i}@contoso.onmicrosoft.com`,
          displayName: `New ${i}`,
          usageLocation: "GB",
          passwordProfile: { password: `Bench-${i}-Aa1!`, forceChangePassword: true },
        });
        await users.byId(user.id).licenses.assign([sku.id]);
        licensed++;
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    const seconds = (performance.now() - started) / 1000;
    const count = (method: string) => fake.seen.filter((line) => line.startsWith(method)).length;
    return {
      users: options.users,
      licensed,
      creates: fake.seen.filter((line) => /^POST \S+\/users$/.test(line)).length,
      licenseUpdates: fake.seen.filter((line) => line.endsWith("/licenseupdates")).length,
      otherRequests: fake.seen.length - count("POST"),
      requestsPerUser: fake.seen.length / options.users,
      usersPerSecond: options.users / seconds,
      violations: fake.violations.length,
    };
  } finally {
    await fake.close();
  }
}
