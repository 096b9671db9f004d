// Ctrl-C (or SIGTERM) stops a run cleanly: the first one aborts what is in flight and lets the
// run write what finished and stop the mock; a second one exits at once.
export const interruptedExitCode = 130;

export function abortOnInterrupt(controller: AbortController, onFirst: () => void = () => {}): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(interruptedExitCode);
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
