// What the server said about its load, shared by every call of one client. Partner Center counts
// requests per partner, or per partner and customer, so the throttle keeps one lane per key (the
// call's customer-tenant-id; "" for a call without one) and, per lane:
//
// - one pause for all: a 429 holds every call of its lane until its Retry-After (as capped by the
//   retry policy) has passed, not only the call that got it;
// - an adaptive rate, AIMD: none at all until the client's first 429 (so a client that is never
//   throttled never waits). A lane's first 429 sets its rate to what the server was seen to admit
//   in the second before, a little under it; every later 429 halves it (once per second: one
//   overflow draws several 429s); each admitted answer adds to it — fast back up to the last rate
//   that drew a 429, then slowly past it, to find a raised limit. A lane without a 429 of its own
//   goes by the rate another lane learned last, since one operation has the same limit for every
//   customer; a pause is never shared between lanes.
//
// One timer per lane, armed only while a call of the lane waits: with nothing waiting nothing is
// armed, so a process with no call in flight can exit.

import { whenAborted } from "../transport/when-aborted.js";

/** The caller-facing side of a wait: how long it is expected to be, and why. */
export interface ThrottleWait {
  readonly delayMs: number;
  /** `paused`: a 429's Retry-After; `rate`: spacing calls at the lane's rate. */
  readonly reason: "paused" | "rate";
  /** Resolves when the call may send; rejects with the signal's reason when it aborts. */
  readonly ready: Promise<void>;
}

export interface Throttle {
  /** Undefined when the call may send now; otherwise the wait it must do first. */
  admit(key: string | undefined, signal: AbortSignal | undefined): ThrottleWait | undefined;
  /** The throttle's clock, to say when an attempt was sent. */
  now(): number;
  /** The answer to an attempt sent at `sentAt`: `pauseMs` when it was a 429 (the wait it calls for). */
  answered(key: string | undefined, sentAt: number, pauseMs?: number): void;
  /** The lane's rate in requests per second; Infinity when it is not limited. */
  rate(key: string | undefined): number;
}

export interface ThrottleOptions {
  // Injected by tests, so time is theirs and timers can be counted.
  readonly now?: (() => number) | undefined;
  readonly schedule?: ((ms: number, fire: () => void) => () => void) | undefined;
}

// A rate 0.5 % under what the server admitted, so a window never sees one request too many.
const margin = 0.005;
// A late send (a busy event loop, a timer firing late) is made up by the next ones, up to this
// much; the window below keeps the catching up from overfilling a second.
const slackMs = 50;
// And never more than the rate's count in any window this long: the server counts per second,
// and requests may arrive a few ms closer together than they were sent.
const windowMs = 1000 * (1 + margin);
// Growth per second at full use: back to the ceiling within about a second, then 1 % a minute.
const fastGrowth = 1;
const probeGrowth = 1 / 6000;
// Slower than this, the Retry-After pause does the throttling: a queue behind a slower gate would
// hold calls for minutes.
const minRate = 1;
// A first 429 after fewer admitted requests than this says little on its own (a server may refuse
// the odd request): it sets a rate only when another customer's lane saw the same within a second.
const minSample = 10;
// Lanes kept before idle ones are dropped (a long-lived client may see many customers).
const sweepAt = 1024;
const idleMs = 60_000;

interface Waiter {
  readonly resolve: () => void;
  /** Stops listening for the caller's abort. */
  stopListening: () => void;
}

interface Lane {
  /** Requests per second; Infinity until the first 429 that could be measured. */
  rate: number;
  /** The last rate that drew a 429. */
  ceiling: number;
  /** Whether the rate was learned from a 429 of this lane's own, rather than taken from another lane. */
  own: boolean;
  pausedUntil: number;
  /** When a 429 last changed the rate. */
  changedAt: number;
  /** When the next send may go, at the rate. */
  nextAt: number;
  /** When the sends of the last window went (from `first` on), once the lane has a rate. */
  readonly sends: number[];
  first: number;
  readonly waiters: Waiter[];
  cancelTimer: (() => void) | undefined;
  /** When the attempts the server admitted were sent, over the last two seconds or so (from `head` on). */
  readonly admitted: number[];
  head: number;
  lastAt: number;
}

const defaultSchedule = (ms: number, fire: () => void) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

export function createThrottle(options: ThrottleOptions = {}): Throttle {
  const { now = () => performance.now(), schedule = defaultSchedule } = options;
  const lanes = new Map<string, Lane>();
  let sweepLimit = sweepAt;
  // False until the first 429: until then admit() looks nothing up.
  let engaged = false;
  // The ceiling a lane learned last, for lanes without a 429 of their own.
  let learned = Infinity;
  // The last first-429 too small to go by on its own, waiting for another lane to bear it out.
  let doubted = { key: "", at: -Infinity };

  function laneOf(key: string, t: number): Lane {
    let lane = lanes.get(key);
    if (lane === undefined) {
      if (lanes.size >= sweepLimit) sweep(t);
      lane = { rate: Infinity, ceiling: Infinity, own: false, pausedUntil: 0, changedAt: -Infinity, nextAt: 0, sends: [], first: 0, waiters: [], cancelTimer: undefined, admitted: [], head: 0, lastAt: t };
      lanes.set(key, lane);
    }
    return lane;
  }

  function sweep(t: number): void {
    for (const [key, lane] of lanes) {
      if (lane.waiters.length === 0 && lane.pausedUntil <= t && t - lane.lastAt > idleMs) lanes.delete(key);
    }
    sweepLimit = Math.max(sweepAt, lanes.size * 2);
  }

  /** When the lane's next call may go, as of `t`: after any pause, at the rate, within the window's count. */
  function readyAt(lane: Lane, t: number): number {
    const { sends } = lane;
    while (lane.first < sends.length && sends[lane.first]! <= t - windowMs) lane.first++;
    if (lane.first > 64 && lane.first * 2 > sends.length) {
      sends.splice(0, lane.first);
      lane.first = 0;
    }
    // The rate's count per window (the ceiling's, at the rate just under it), so probing can pass it.
    const count = Math.max(1, Math.round((lane.rate * windowMs) / 1000));
    const full = sends.length - lane.first >= count ? sends[sends.length - count]! + windowMs : 0;
    return Math.max(lane.pausedUntil, lane.nextAt, full);
  }

  /** Takes the lane's next slot for a send at `t`. */
  function take(lane: Lane, t: number): void {
    if (lane.rate === Infinity) return;
    lane.nextAt = Math.max(lane.nextAt, t - slackMs) + 1000 / lane.rate;
    lane.sends.push(t);
  }

  /** Lets the waiters whose time has come go, and arms the one timer for the next. */
  function pump(lane: Lane): void {
    lane.cancelTimer?.();
    lane.cancelTimer = undefined;
    const t = now();
    while (lane.waiters.length > 0 && t >= readyAt(lane, t)) {
      const waiter = lane.waiters.shift()!;
      waiter.stopListening();
      take(lane, t);
      waiter.resolve();
    }
    if (lane.waiters.length > 0) lane.cancelTimer = schedule(Math.max(1, Math.ceil(readyAt(lane, t) - t)), () => pump(lane));
  }

  function limit(lane: Lane, ceiling: number, rate: number, t: number): void {
    lane.ceiling = learned = ceiling;
    lane.rate = rate;
    lane.own = true;
    lane.changedAt = t;
  }

  /**
   * How many of the lane's attempts sent in the second before `sentAt` the server admitted: exact,
   * by send time (a burst is not spread evenly, and a window counts requests as they arrive).
   */
  function measured(lane: Lane, sentAt: number): number {
    let count = 0;
    for (let i = lane.head; i < lane.admitted.length; i++) if (lane.admitted[i]! >= sentAt - 1000 && lane.admitted[i]! < sentAt) count++;
    return count;
  }

  function record(lane: Lane, sentAt: number, t: number): void {
    const { admitted } = lane;
    admitted.push(sentAt);
    // Answers come nearly in the order of sending: dropping from the front in chunks costs O(1) a
    // call and keeps about two seconds.
    while (lane.head < admitted.length && admitted[lane.head]! < t - 2000) lane.head++;
    if (lane.head > 64 && lane.head * 2 > admitted.length) {
      admitted.splice(0, lane.head);
      lane.head = 0;
    }
  }

  return {
    admit(key, signal) {
      if (!engaged) return undefined;
      const t = now();
      const lane = laneOf(key ?? "", t);
      // Until its own first 429, a lane follows what the others learned, as they learn it.
      if (!lane.own && learned !== Infinity) {
        lane.ceiling = learned;
        lane.rate = learned * (1 - margin);
      }
      const ready = readyAt(lane, t);
      if (lane.waiters.length === 0 && t >= ready) {
        take(lane, t);
        return undefined;
      }
      const paused = lane.pausedUntil > t;
      const delayMs = Math.max(0, ready - t) + (lane.rate === Infinity ? 0 : (lane.waiters.length * 1000) / lane.rate);
      const turn = new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const waiter: Waiter = { resolve, stopListening: () => {} };
        const onAbort = () => {
          lane.waiters.splice(lane.waiters.indexOf(waiter), 1);
          if (lane.waiters.length === 0) {
            lane.cancelTimer?.();
            lane.cancelTimer = undefined;
          }
          reject(signal?.reason);
        };
        lane.waiters.push(waiter);
        if (signal) waiter.stopListening = whenAborted(signal, onAbort);
        if (lane.cancelTimer === undefined) pump(lane);
      });
      return { delayMs: Math.round(delayMs), reason: paused ? "paused" : "rate", ready: turn };
    },

    now,

    answered(key, sentAt, pauseMs) {
      const t = now();
      const laneKey = key ?? "";
      const lane = laneOf(laneKey, t);
      lane.lastAt = t;
      if (pauseMs === undefined) {
        record(lane, sentAt, t);
        if (lane.rate === Infinity) return;
        const floor = lane.ceiling * (1 - margin);
        // Additive: at full use, each answer adding growth/rate adds `growth` per second.
        lane.rate = lane.rate < floor ? Math.min(floor, lane.rate + (fastGrowth * lane.ceiling) / lane.rate) : lane.rate + (probeGrowth * lane.ceiling) / lane.rate;
        return;
      }
      // One overflow of the server's count draws several 429s: those of requests sent before the
      // first came back (they arrive while the lane is paused), and any others within the second.
      // One event, one decrease.
      if (t >= lane.pausedUntil && t - lane.changedAt >= 1000) {
        const admitted = measured(lane, sentAt);
        if (lane.rate !== Infinity) {
          // A rate that drew a 429 was too high, whoever set it: halved, from no more than was admitted.
          const ceiling = Math.max(minRate, admitted >= minRate ? Math.min(lane.rate, admitted) : lane.rate);
          limit(lane, ceiling, Math.max(minRate, ceiling / 2), t);
        } else if (admitted >= minSample || (admitted >= minRate && doubted.key !== laneKey && t - doubted.at <= 1000)) {
          limit(lane, admitted, admitted * (1 - margin), t);
        } else doubted = { key: laneKey, at: t };
      }
      lane.pausedUntil = Math.max(lane.pausedUntil, t + pauseMs);
      engaged = true;
    },

    rate(key) {
      return lanes.get(key ?? "")?.rate ?? Infinity;
    },
  };
}
