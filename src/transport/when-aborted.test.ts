import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { whenAborted } from "./when-aborted.js";

describe("whenAborted", () => {
  it("puts one listener on a signal however many wait on it, and none once they all stop", () => {
    const controller = new AbortController();
    const stops = Array.from({ length: 64 }, () => whenAborted(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    for (const stop of stops) stop();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("calls every waiter still listening when the signal aborts, and none that stopped", () => {
    const controller = new AbortController();
    const [kept, stopped] = [vi.fn(), vi.fn()];
    whenAborted(controller.signal, kept);
    whenAborted(controller.signal, stopped)();
    controller.abort();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(stopped).not.toHaveBeenCalled();
  });

  it("calls at once for a signal already aborted", () => {
    const waiter = vi.fn();
    whenAborted(AbortSignal.abort(), waiter);
    expect(waiter).toHaveBeenCalledTimes(1);
  });
});
