// Where a run writes, and what a stream's reader can do to it. Lines go to files and terminals
// synchronously, but to a pipe (`2>&1 | tee log`, a CI runner, a parent process) asynchronously:
// what its reader has not taken yet waits in memory. A loop that prints per row waits for the
// reader when it has to (drained), so a slow reader slows the run instead of growing it. A stream
// whose reader went away (EPIPE) is written no more: the run goes on (stderr) or stops on its own
// terms (stdout).

/** Where a run writes: the process's stdout and stderr, or a test's stand-ins. */
export interface Streams {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

// Streams that failed: nothing more is written to them, and nobody waits for them to drain. Node's
// stdio streams stay "not destroyed" after an EPIPE, still wanting a drain that never comes, so a
// failure is remembered here; one listener per stream, however many runs share it.
const failedStreams = new WeakMap<object, Error>();
const watchedStreams = new WeakSet<object>();

/** Starts remembering the stream's failure, once per stream. */
export function watch(stream: NodeJS.WritableStream): void {
  if (watchedStreams.has(stream) || typeof stream.on !== "function") return;
  watchedStreams.add(stream);
  stream.on("error", (error: Error) => failedStreams.set(stream, error));
}

/** Why the stream can no longer be written (its reader went away), if it cannot. */
export const failureOf = (stream: NodeJS.WritableStream): Error | undefined => failedStreams.get(stream);

export const usable = (stream: NodeJS.WritableStream): boolean => !failedStreams.has(stream);

/** Whether what was written waits in memory for a slow reader. */
export const needsDrain = (stream: NodeJS.WritableStream): boolean => usable(stream) && (stream as { writableNeedDrain?: boolean }).writableNeedDrain === true;

/** Resolves on the stream's next drain, close or error, or the signal's abort — listening no longer. */
export function drained(stream: NodeJS.WritableStream, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const events = ["drain", "close", "error"] as const;
    const settle = () => {
      for (const event of events) stream.off(event, settle);
      signal?.removeEventListener("abort", settle);
      resolve();
    };
    for (const event of events) stream.on(event, settle);
    signal?.addEventListener("abort", settle);
    if (signal?.aborted) settle();
  });
}
