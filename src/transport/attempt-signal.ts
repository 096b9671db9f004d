import { whenAborted } from "./when-aborted.js";

// The signal of one attempt: it aborts when the caller's signal does, or when the attempt's time is
// up. Not AbortSignal.timeout + AbortSignal.any: `any` keeps every signal made from a long-lived
// caller signal for as long as that signal lives (one entry per call on Node 20, so a bulk run
// sharing one signal grows), and a `timeout` signal keeps its timer armed after the answer. Here
// `done()` stops listening to the caller (whenAborted: one real listener per caller signal) and
// clears the timer the moment the attempt ends.

export interface AttemptSignal {
  /** What the attempt (token, fetch, body) listens to; undefined when nothing can abort it. */
  readonly signal: AbortSignal | undefined;
  /** Whether the attempt's time ran out (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  done(): void;
}

export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  if (timeoutMs === Infinity) return { signal: caller, timedOut: false, done() {} };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`The attempt timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const stopListening = caller ? whenAborted(caller, () => controller.abort(caller.reason)) : () => {};
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    done() {
      clearTimeout(timer);
      stopListening();
    },
  };
}

/**
 * `value` once it settles, or the signal's reason as soon as the signal aborts — for work that does
 * not listen to a signal itself (a credential function), so it cannot hold an attempt beyond its time.
 */
export function untilAborted<T>(value: T | Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!(value instanceof Promise) || signal === undefined) return Promise.resolve(value);
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown);
    signal.addEventListener("abort", onAbort, { once: true });
    value.then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
