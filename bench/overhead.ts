// Per-call cost end to end on loopback: (a) a hand-written fetch, (b) bare openapi-fetch, (c) this
// client with its defaults (auth, ids, retry wrapper, timeout). Interleaved rounds in one process,
// the server in another; ratios are medians of per-round ratios.
import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { paths } from "../generated/partner-center-users.ts";
import { createPartnerCenterClient } from "../src/index.ts";
import { median, timeCalls } from "./stats.ts";

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const token = "bench-token";
const patch = { usageLocation: "US", attributes: { objectType: "CustomerUser" as const } };

export type Variant = "fetch" | "openapi-fetch" | "client";

export function variants(baseUrl: string): Record<Variant, () => Promise<unknown>> {
  const url = `${baseUrl}/v1/customers/${customerId}/users/${userId}`;
  const bare = createClient<paths>({ baseUrl });
  const pc = createPartnerCenterClient({ credential: token, baseUrl });
  const user = pc.customers.byId(customerId).users.byId(userId);
  return {
    fetch: async () => {
      const response = await fetch(url, {
        method: "PATCH",
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "Content-Type": "application/json",
          "MS-RequestId": randomUUID(),
          "MS-CorrelationId": randomUUID(),
        },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    },
    "openapi-fetch": async () => {
      const { data, error } = await bare.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
        params: {
          path: { "customer-tenant-id": customerId, "user-id": userId },
          header: { "MS-RequestId": randomUUID(), "MS-CorrelationId": randomUUID() },
        },
        headers: { Authorization: `Bearer ${token}` },
        body: patch,
      });
      if (error !== undefined) throw new Error("request failed");
      return data;
    },
    client: () => user.patch(patch),
  };
}

export interface OverheadResult {
  readonly inFlight: number;
  readonly callsPerSecond: Record<Variant, number>;
  /** Medians of per-round time ratios. */
  readonly clientOverFetch: number;
  readonly clientOverOpenapiFetch: number;
  readonly openapiFetchOverFetch: number;
}

export async function measureOverhead(baseUrl: string, options: { rounds: number; callsPerRound: number; inFlight: number }): Promise<OverheadResult> {
  const calls = variants(baseUrl);
  const names = Object.keys(calls) as Variant[];
  for (const name of names) await timeCalls(calls[name], options.callsPerRound, options.inFlight); // warm-up
  const times: Record<Variant, number[]> = { fetch: [], "openapi-fetch": [], client: [] };
  for (let round = 0; round < options.rounds; round++) {
    // Rotate the order so no variant always runs first (or last) in a round.
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      times[name].push(await timeCalls(calls[name], options.callsPerRound, options.inFlight));
    }
  }
  const ratio = (a: Variant, b: Variant) => median(times[a].map((t, i) => t / times[b][i]!));
  const perSecond = (name: Variant) => (options.callsPerRound * 1000) / median(times[name]);
  return {
    inFlight: options.inFlight,
    callsPerSecond: { fetch: perSecond("fetch"), "openapi-fetch": perSecond("openapi-fetch"), client: perSecond("client") },
    clientOverFetch: ratio("client", "fetch"),
    clientOverOpenapiFetch: ratio("client", "openapi-fetch"),
    openapiFetchOverFetch: ratio("openapi-fetch", "fetch"),
  };
}

/**
 * Heap after a full GC, sampled while the client makes `total` calls: growth per call. With
 * `sharedSignal`, every call is given the same long-lived AbortSignal, as a bulk run does.
 */
export async function measureMemory(
  baseUrl: string,
  total: number,
  inFlight: number,
  sharedSignal?: AbortSignal,
): Promise<{ samples: number[]; bytesPerCall: number; peakRss: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  const user = createPartnerCenterClient({ credential: token, baseUrl }).customers.byId(customerId).users.byId(userId);
  const call = () => user.patch(patch, { signal: sharedSignal });
  const step = total / 5;
  const samples: number[] = [];
  let peakRss = 0;
  await timeCalls(call, step, inFlight); // warm-up, not sampled
  for (let done = 0; done < total; done += step) {
    await timeCalls(call, step, inFlight);
    gc();
    samples.push(process.memoryUsage().heapUsed);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const bytesPerCall = (samples.at(-1)! - samples[0]!) / (total - step);
  return { samples, bytesPerCall, peakRss };
}
