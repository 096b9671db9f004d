import { describe, expectTypeOf, it } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterError,
  redactBody,
  type CustomerUser,
  type CustomerUserPatch,
  type PartnerCenterClientOptions,
  type PatchOptions,
} from "./index.js";

const pc = createPartnerCenterClient({ credential: "token" });
const user = pc.customers.byId("eebd1b55-5360-4438-a11d-5c06918c3014").users.byId("4b10bf41-ab11-40e3-8c53-cd67849b50de");

describe("patch", () => {
  it("resolves to CustomerUser", () => {
    expectTypeOf(user.patch({ usageLocation: "US" })).resolves.toEqualTypeOf<CustomerUser>();
    expectTypeOf<CustomerUser["id"]>().toEqualTypeOf<string>();
  });

  it("takes the spec's patch body and the per-call options", () => {
    expectTypeOf(user.patch).parameter(0).toEqualTypeOf<CustomerUserPatch>();
    expectTypeOf(user.patch).parameter(1).toEqualTypeOf<PatchOptions | undefined>();
    user.patch({ passwordProfile: { password: "Abcdef1!", forceChangePassword: true }, state: "active" });
    user.patch({ usageLocation: "US" }, { signal: AbortSignal.timeout(1), requestId: "b1317092-f087-471e-a637-f66523b2b94c" });
  });

  it("does not compile with an unknown field", () => {
    // @ts-expect-error a typo is not a field of CustomerUserPatch
    user.patch({ usageLocaton: "US" });
  });

  it("does not compile with a wrong type", () => {
    // @ts-expect-error displayName is a string
    user.patch({ displayName: 42 });
  });

  it("does not compile with a read-only field", () => {
    // @ts-expect-error id is assigned by the server
    user.patch({ id: "4b10bf41-ab11-40e3-8c53-cd67849b50de", displayName: "x" });
    // @ts-expect-error userDomainType cannot be changed
    user.patch({ userDomainType: "managed" });
  });

  it("does not compile with a state other than active", () => {
    // @ts-expect-error only "active" (restore) can be sent
    user.patch({ state: "inactive" });
  });

  it("does not compile without a password in passwordProfile", () => {
    // @ts-expect-error password is required when passwordProfile is sent
    user.patch({ passwordProfile: { forceChangePassword: true } });
  });

  it("does not compile without the ids or the body", () => {
    // @ts-expect-error the customer id is required
    pc.customers.byId();
    // @ts-expect-error the user id is required
    pc.customers.byId("eebd1b55-5360-4438-a11d-5c06918c3014").users.byId();
    // @ts-expect-error the body is required
    user.patch();
  });
});

describe("options", () => {
  it("require a credential", () => {
    // @ts-expect-error credential is required
    createPartnerCenterClient({ baseUrl: "https://api.partnercenter.microsoft.com" });
  });

  it("accept a token string, a sync or async function, or a TokenCredential", () => {
    expectTypeOf<string>().toMatchTypeOf<PartnerCenterClientOptions["credential"]>();
    expectTypeOf<() => string>().toMatchTypeOf<PartnerCenterClientOptions["credential"]>();
    expectTypeOf<() => Promise<string>>().toMatchTypeOf<PartnerCenterClientOptions["credential"]>();
    // The shape of @azure/identity's TokenCredential, written out here (no dependency on it).
    type AzureTokenCredential = {
      getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal; tenantId?: string }): Promise<{ token: string; expiresOnTimestamp: number } | null>;
    };
    expectTypeOf<AzureTokenCredential>().toMatchTypeOf<PartnerCenterClientOptions["credential"]>();
  });

  it("accept the global fetch", () => {
    expectTypeOf<typeof globalThis.fetch>().toMatchTypeOf<NonNullable<PartnerCenterClientOptions["fetch"]>>();
  });

  it("do not take a retry of true", () => {
    // @ts-expect-error retry is false or an object
    createPartnerCenterClient({ credential: "t", retry: true });
  });
});

describe("api", () => {
  it("is typed from the spec", async () => {
    const { data } = await pc.api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params: { path: { "customer-tenant-id": "c", "user-id": "u" } },
      body: { usageLocation: "US" },
    });
    expectTypeOf(data).toEqualTypeOf<CustomerUser | undefined>();
  });

  it("does not compile without the path parameters", () => {
    // @ts-expect-error params.path is required
    pc.api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", { body: { usageLocation: "US" } });
  });
});

describe("errors", () => {
  it("expose the documented fields", () => {
    expectTypeOf<PartnerCenterError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PartnerCenterError["code"]>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<PartnerCenterError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PartnerCenterError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("redactBody", () => {
  it("takes the value alone: its recursion's flag is not part of the API", () => {
    expectTypeOf(redactBody).parameters.toEqualTypeOf<[value: unknown]>();
  });
});
