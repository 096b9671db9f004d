// How a run ends: its exit code, a mistake in how it was called (UsageError, which any module may
// throw: one line, exit 2, nothing sent), and Ctrl-C. Imports nothing of the CLI, so every module
// can import it.

export const programName = "partner-center-users";

/** How a run ends (README "Exit codes"; `--help` says the same). */
export const exitCode = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the program was called: reported as one line, exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Ctrl-C before there was anything to report (while the mock started): exit 130, one line. */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
}

/**
 * Ctrl-C (or SIGTERM) stops a run cleanly: the first one aborts what is in flight and lets the run
 * write what finished and stop the mock; a second one exits at once. Returns the way to stop listening.
 */
export function abortOnInterrupt(controller: AbortController, onFirst: () => void = () => {}): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(exitCode.interrupted);
    onFirst();
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
