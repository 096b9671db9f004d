// Small statistics for benchmark rounds: medians, never single times.
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `call` `count` times with at most `inFlight` calls at once; returns the elapsed ms. */
export async function timeCalls(call: () => Promise<unknown>, count: number, inFlight: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await call();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return performance.now() - start;
}
