// The client's one throttle, through the retry loop as the pipeline uses it, with a fake clock and
// fake timers (no real time passes, and every armed timer can be counted).
import { describe, expect, it } from "vitest";
import { PartnerCenterAbortError } from "../errors/transport-errors.js";
import type { PartnerCenterLogEntry } from "../log.js";
import type { Answer, PlainInit } from "../transport/plain-fetch.js";
import { defaultRetryPolicy } from "./policy.js";
import { withRetries } from "./retrying-fetch.js";
import { createThrottle } from "./throttle.js";

const customer = "eebd1b55-5360-4438-a11d-5c06918c3014";
const other = "0c5b7e0e-8f3a-4a4e-9d1e-000000000001";
const init: PlainInit = { method: "PATCH", headers: { "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c" }, body: "{}" };

/** A clock that moves only when told, and timers that fire only as it moves. */
function fakeTime() {
  let t = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    schedule(ms: number, fire: () => void) {
      const timer = { at: t + ms, fire };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    armed: () => timers.size,
    settle,
    /** Moves the clock `ms` on, firing each timer due on the way at its time. */
    async advance(ms: number) {
      const end = t + ms;
      await settle();
      for (;;) {
        const due = [...timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers.delete(due);
        t = due.at;
        due.fire();
        await settle();
      }
      t = end;
      await settle();
    },
  };
}

function answer(status: number, headers: Record<string, string> = {}): Answer {
  return { status, ok: status < 300, headers: new Headers(headers), text: "{}", body: {} };
}

/** The retry loop over a throttle, each attempt answered by `reply(key)`. */
function lanes(reply: (key: string | undefined, n: number) => Answer) {
  const time = fakeTime();
  const throttle = createThrottle({ now: time.now, schedule: time.schedule.bind(time) });
  const sent: { key: string | undefined; at: number }[] = [];
  const log: PartnerCenterLogEntry[] = [];
  const sendFor = (key: string | undefined) =>
    withRetries(
      async () => {
        sent.push({ key, at: time.now() });
        return reply(key, sent.length);
      },
      { ...defaultRetryPolicy, timeoutMs: Infinity, throttle, log: (entry) => log.push(entry), sleep: async () => {}, random: () => 0 },
    );
  const call = (key: string | undefined, signal?: AbortSignal) => sendFor(key)("https://x/v1/customers/c/users/u", { ...init, signal }, key);
  return { time, throttle, sent, log, call };
}

/** Answers: a 429 with Retry-After 2 s to the first attempt of all, 200 to every other one. */
const firstThrottled = (_key: string | undefined, n: number) => (n === 1 ? answer(429, { "retry-after": "2" }) : answer(200));

describe("the client's throttle", () => {
  it("one 429 pauses every call of the same customer for its Retry-After", async () => {
    const { time, sent, call } = lanes(firstThrottled);
    const first = call(customer);
    await time.settle();
    const second = call(customer);
    const third = call(customer);
    await time.advance(1999);
    expect(sent.map((attempt) => attempt.at)).toEqual([0]);
    await time.advance(1);
    await Promise.all([first, second, third]);
    // The throttled call's retry and both calls that came after it: all held until 2 s, none before.
    expect(sent.map((attempt) => attempt.at)).toEqual([0, 2000, 2000, 2000]);
  });

  it("calls for another customer are not paused", async () => {
    const { time, sent, call, log } = lanes(firstThrottled);
    const first = call(customer);
    await time.settle();
    await call(other);
    expect(sent).toEqual([
      { key: customer, at: 0 },
      { key: other, at: 0 },
    ]);
    expect(log.filter((entry) => entry.type === "throttle").map((entry) => entry.type === "throttle" && entry.customerId)).toEqual([customer]);
    await time.advance(2000);
    await first;
  });

  it("the rate halves on a 429 and grows back additively", async () => {
    const { time, throttle } = lanes(() => answer(200));
    // Ten requests admitted in a second, then a 429: the rate becomes what was admitted, a little under.
    for (let at = 0; at < 1000; at += 100) throttle.answered(customer, at);
    await time.advance(1000);
    throttle.answered(customer, 1000, 1000);
    expect(throttle.rate(customer)).toBeCloseTo(9.95);
    await time.advance(1000);
    // A second 429, after the pause: halved.
    throttle.answered(customer, 2000, 1000);
    expect(throttle.rate(customer)).toBeCloseTo(9.95 / 2);
    await time.advance(1000);
    // Sending as fast as the gate lets through, each admitted answer adds ceiling/rate: the rate
    // grows by the same amount per second (about the ceiling, 10/s), not in proportion to itself,
    // back to just under the ceiling within a second — then far more slowly.
    const rates: { at: number; rate: number }[] = [{ at: time.now(), rate: throttle.rate(customer) }];
    for (let i = 0; i < 40; i++) {
      const wait = throttle.admit(customer, undefined);
      if (wait !== undefined) {
        await time.advance(wait.delayMs + 1);
        await wait.ready;
      }
      throttle.answered(customer, time.now());
      rates.push({ at: time.now(), rate: throttle.rate(customer) });
    }
    const floor = 9.95 * 0.995; // just under the ceiling: where the fast growth stops
    const growing = rates.filter((r) => r.rate < floor - 1e-9);
    expect(growing.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < growing.length; i++) {
      expect((growing[i]!.rate - growing[i - 1]!.rate) * growing[i - 1]!.rate).toBeCloseTo(9.95, 6);
    }
    const back = rates.find((r) => r.rate >= floor - 1e-9)!;
    expect(back.at - rates[0]!.at).toBeLessThan(1000);
    const final = rates.at(-1)!;
    expect(final.rate).toBeGreaterThan(floor);
    expect(final.rate).toBeLessThan(floor * 1.001);
  });

  it("a never-throttled client sends without any wait", async () => {
    const { time, throttle, sent, log, call } = lanes(() => answer(200));
    await Promise.all(Array.from({ length: 50 }, (_, i) => call(i % 2 ? customer : other)));
    expect(sent).toHaveLength(50);
    expect(sent.every((attempt) => attempt.at === 0)).toBe(true);
    expect(log.filter((entry) => entry.type === "throttle")).toEqual([]);
    expect(throttle.rate(customer)).toBe(Infinity);
    expect(time.armed()).toBe(0);
  });

  it("the caller's abort ends a throttle wait at once", async () => {
    const { time, sent, call } = lanes((_key, n) => (n === 1 ? answer(429, { "retry-after": "100" }) : answer(200)));
    const first = call(customer);
    await time.settle();
    const controller = new AbortController();
    const waiting = call(customer, controller.signal).catch((error: unknown) => error);
    await time.settle();
    controller.abort(new Error("stop"));
    const error = await waiting;
    expect(error).toBeInstanceOf(PartnerCenterAbortError);
    expect(time.now()).toBe(0);
    expect(sent).toHaveLength(1);
    await time.advance(100_000);
    await first;
  });

  it("no timer is left when no call is waiting", async () => {
    const { time, call } = lanes(firstThrottled);
    const first = call(customer);
    await time.settle();
    const waiting = [call(customer), call(customer)];
    const controller = new AbortController();
    const aborted = call(customer, controller.signal).catch(() => undefined);
    await time.settle();
    expect(time.armed()).toBe(1); // one timer for the lane, however many calls wait in it
    controller.abort();
    await aborted;
    await time.advance(2000);
    await Promise.all([first, ...waiting]);
    expect(time.armed()).toBe(0);

    // And when the only waiting call gives up, its lane's timer goes with it.
    const alone = lanes(() => answer(200));
    alone.throttle.answered(customer, 0, 2000); // a 429 seen: the lane pauses for 2 s
    const quitter = new AbortController();
    const gaveUp = alone.call(customer, quitter.signal).catch(() => undefined);
    await alone.time.settle();
    expect(alone.time.armed()).toBe(1);
    quitter.abort();
    await gaveUp;
    expect(alone.time.armed()).toBe(0);
  });

  it("a 429 with Retry-After: 0 is retried at once and holds no other call", async () => {
    const { sent, call, throttle } = lanes((_key, n) => (n === 1 ? answer(429, { "retry-after": "0" }) : answer(200)));
    await Promise.all([call(customer), call(customer)]);
    expect(sent.map((attempt) => attempt.at)).toEqual([0, 0, 0]);
    expect(throttle.rate(customer)).toBe(Infinity);
  });

  it("a first 429 after a few requests sets a rate only when another customer's lane saw the same within a second", async () => {
    const { time, throttle } = lanes(() => answer(200));
    for (const key of [customer, other]) for (let at = 0; at < 500; at += 100) throttle.answered(key, at);
    await time.advance(500);
    throttle.answered(customer, 500, 1000);
    expect(throttle.rate(customer)).toBe(Infinity); // five requests, one lane: a pause, no rate
    throttle.answered(other, 500, 1000);
    expect(throttle.rate(other)).toBeCloseTo(5 * 0.995); // borne out by a second lane
    expect(throttle.rate(customer)).toBe(Infinity);
    await time.advance(1000);
    throttle.admit(customer, undefined); // the first lane now goes by what the second learned
    expect(throttle.rate(customer)).toBeCloseTo(5 * 0.995);
  });
});
