// Listening for a caller's abort without piling listeners on its signal. A bulk run hands one
// long-lived signal to every call; with dozens in flight, each attempt, backoff and throttle wait
// adding its own listener would trip Node's MaxListenersExceededWarning on the caller's signal
// (11 or more) and cost a listener per wait. Here each signal gets one real listener, however
// many wait on it, removed again once none does.

interface Listeners {
  readonly waiting: Set<() => void>;
  readonly handler: () => void;
}

const bySignal = new WeakMap<AbortSignal, Listeners>();

/** Calls `onAbort` when `signal` aborts (at once if it has); returns the function that stops listening. */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  if (signal.aborted) {
    onAbort();
    return () => {};
  }
  let listeners = bySignal.get(signal);
  if (!listeners) {
    const waiting = new Set<() => void>();
    const handler = () => {
      bySignal.delete(signal);
      for (const waiter of [...waiting]) waiter();
    };
    listeners = { waiting, handler };
    bySignal.set(signal, listeners);
    signal.addEventListener("abort", handler, { once: true });
  }
  const { waiting, handler } = listeners;
  // A function may wait twice (two waits of one call): a wrapper keeps each wait its own entry.
  const entry = () => onAbort();
  waiting.add(entry);
  return () => {
    if (!waiting.delete(entry) || waiting.size > 0) return;
    signal.removeEventListener("abort", handler);
    bySignal.delete(signal);
  };
}
