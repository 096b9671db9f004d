// The stateful fake as the plan tests use it: one customer whose users user0…userN-1 are all in GB,
// paged by link; each test's fake is closed after it, failing the test on any answer off the spec.
import { afterEach, expect } from "vitest";
import { loadDereferencedSpec } from "../../scripts/lib/spec.ts";
import { startStatefulFake, type FakeUser, type StatefulFake } from "../../contract-tests/support/stateful-fake.ts";

const spec = await loadDereferencedSpec();
export const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
export const env = { PARTNER_CENTER_TOKEN: "cli-plan-token" };
export const idOf = (i: number) => `0c5b7e0e-8f3a-4a4e-9d1e-${i.toString(16).padStart(12, "0")}`;
const person = (i: number): FakeUser => ({ id: idOf(i), userPrincipalName: `user${i}@contoso.com`, displayName: `User ${i}`, usageLocation: "GB", state: "active" });

/** Starts a fake of `count` users, closed (and checked) after the test. */
export function directoryFake(): (count: number, pageSize?: number) => Promise<StatefulFake> {
  let fake: StatefulFake | undefined;
  afterEach(async () => {
    expect(fake?.violations ?? []).toEqual([]);
    await fake?.close();
    fake = undefined;
  });
  return async (count, pageSize = 100) => {
    fake = await startStatefulFake(spec, customerId, Array.from({ length: count }, (_, i) => person(i)), { pageSize, nextBy: "link" });
    return fake;
  };
}

export const at = (server: { readonly url: string }) => ["--base-url", server.url];
export const patches = (server: StatefulFake) => server.seen.filter((line) => line.startsWith("PATCH"));
export const pages = (server: StatefulFake) => server.seen.filter((line) => line.startsWith("GET"));
export const csv = (lines: readonly string[], header = "customerId,user,usageLocation,displayName") => [header, ...lines].join("\n") + "\n";
/** Rows for users 0..count-1: those `unchanged` picks ask what the user has already (GB), the rest US. */
export const rows = (count: number, unchanged: (i: number) => boolean) => csv(Array.from({ length: count }, (_, i) => `${customerId},user${i}@contoso.com,${unchanged(i) ? "GB" : "US"},`));
