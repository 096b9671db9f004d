// Item 5, property-based: random patches generated from the spec's CustomerUserPatch schema —
// valid ones, and invalid ones that break one constraint — are judged the same way by three
// judges: ajv on the spec, the typed client (which refuses before sending) and the mock. The
// seed is in the failure message; replay a failure with FC_SEED=<seed> (and FC_PATH=<path>).
import fc, { type Arbitrary } from "fast-check";
import { describe, expect, it } from "vitest";
import { PartnerCenterError, type CustomerUserPatch } from "../src/index.ts";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { ids, mockClient, rawPatch, recordingFetch } from "./support/mock.ts";
import { invalidValue, validValue } from "./support/patch-arbitraries.ts";
import { requestParts, responseOnlyFields } from "./support/request-cases.ts";
import { validatorFor } from "./support/spec-ajv.ts";

const spec = await loadDereferencedSpec();
const { bodySchema } = requestParts(spec);
const specValidator = validatorFor(bodySchema);
const runs = 200;
/** Patches checked at once: enough to keep both cores busy, few enough not to swamp the mock. */
const concurrency = 8;

interface Verdicts {
  readonly spec: boolean;
  readonly client: boolean;
  readonly mock: boolean;
}

/** Whether each judge accepts `patch`. One request to the mock: the client's own, or a plain one when the client refused. */
async function judge(patch: unknown): Promise<Verdicts> {
  const fetch = recordingFetch();
  const { pc } = mockClient({ fetch });
  const outcome = await pc.customers
    .byId(ids.customerId)
    .users.byId(ids.userId)
    .patch(patch as CustomerUserPatch)
    .then(
      () => "sent and accepted" as const,
      (error: unknown) => error,
    );
  const refusedBeforeSending = outcome instanceof PartnerCenterError && outcome.name === "PartnerCenterArgumentError";
  if (!refusedBeforeSending && outcome !== "sent and accepted" && !(outcome instanceof PartnerCenterError && outcome.status === 400)) throw outcome;
  const sent = fetch.exchanges[0]?.response;
  const mockStatus = sent ? sent.status : (await rawPatch({ body: patch })).status;
  if (mockStatus !== 200 && mockStatus !== 400) throw new Error(`the mock answered ${mockStatus}`);
  return { spec: specValidator(patch), client: !refusedBeforeSending, mock: mockStatus === 200 };
}

/** Checks `runs` patches from `patches`, `concurrency` at a time; the failure message names the culprit. */
async function checkAll(patches: Arbitrary<unknown>, expected: boolean): Promise<void> {
  const seed = process.env["FC_SEED"] === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env["FC_SEED"]);
  const path = process.env["FC_PATH"];
  const property = fc.asyncProperty(fc.array(patches, { minLength: concurrency, maxLength: concurrency }), async (batch) => {
    const verdicts = await Promise.all(batch.map(judge));
    for (const [i, verdict] of verdicts.entries()) {
      expect(verdict, `judges of ${JSON.stringify(batch[i])}`).toStrictEqual({ spec: expected, client: expected, mock: expected });
    }
  });
  try {
    await fc.assert(property, { seed, numRuns: Math.ceil(runs / concurrency), ...(path ? { path } : {}) });
  } catch (error) {
    throw new Error(`property failed — replay with FC_SEED=${seed}${path ? ` FC_PATH=${path}` : ""}\n${(error as Error).message}`, { cause: error });
  }
}

describe("random patches generated from the spec's schema", () => {
  it(`valid ones are accepted by the spec (ajv), the typed client and the mock alike`, { timeout: 60_000 }, async () => {
    await checkAll(validValue(bodySchema), true);
  });

  it(`invalid ones are refused by the spec (ajv), by the typed client before sending, and by the mock alike`, { timeout: 60_000 }, async () => {
    const readOnly = responseOnlyFields(spec).map(([name]) => name);
    await checkAll(invalidValue(bodySchema, [...readOnly, "usageLocaton"]), false);
  });
});
