import { describe, expect, it, vi } from "vitest";
import { sleep } from "./sleep.js";

describe("sleep", () => {
  it("resolves after the delay and not before", async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = sleep(1000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects with the signal's reason as soon as the signal aborts, long before the delay", async () => {
    const controller = new AbortController();
    const waiting = sleep(10 * 60_000, controller.signal); // would hang the test if the abort were ignored
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it("rejects at once when the signal is already aborted", async () => {
    await expect(sleep(10 * 60_000, AbortSignal.abort("gone"))).rejects.toBe("gone");
  });
});
