// A bulk run's progress on stderr: a bar on a terminal, with each problem row logged above it; one
// plain line per row otherwise (CI logs, pipes), so a log shows what happened to every row.
import cliProgress from "cli-progress";
import type { Terminal } from "./terminal.js";

export interface Progress {
  /** A row is done: `ok` says whether it counts as a success, `text` describes it. */
  rowDone(line: number, ok: boolean, text: string, secrets?: readonly string[]): void;
  /** A row is done that needs no line of its own (carried over: the run sums them up in one). */
  rowCounted(): void;
  /** A message that is not about one row. */
  note(text: string): void;
  stop(): void;
}

/** A bar when stderr is a terminal, else a line per row. */
export function createProgress(terminal: Terminal, total: number, interactive = terminal.streams.stderr.isTTY === true): Progress {
  return interactive ? barProgress(terminal, total) : lineProgress(terminal, total);
}

function lineProgress(terminal: Terminal, total: number): Progress {
  let done = 0;
  const width = String(total).length;
  return {
    rowDone(line, _ok, text, secrets) {
      done += 1;
      terminal.say(`[${String(done).padStart(width)}/${total}] line ${line}: ${text}`, secrets);
    },
    rowCounted: () => void (done += 1),
    note: (text) => terminal.say(text),
    stop() {},
  };
}

function barProgress(terminal: Terminal, total: number): Progress {
  const bars = new cliProgress.MultiBar(
    {
      format: " {bar} {value}/{total} rows | {failed} not ok | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      stream: terminal.streams.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  const bar = bars.create(total, 0, { failed });
  return {
    rowDone(line, ok, text, secrets) {
      // Problems are printed above the bar (MultiBar.log needs its own newline); successes only move it.
      if (!ok) bars.log(`${terminal.line(`line ${line}: ${text}`, secrets)}\n`);
      if (!ok) failed += 1;
      bar.increment(1, { failed });
    },
    rowCounted: () => bar.increment(1, { failed }),
    note: (text) => bars.log(`${terminal.line(text)}\n`),
    stop() {
      bars.update(); // prints lines still waiting in the log buffer; stop() alone drops them
      bars.stop();
    },
  };
}
