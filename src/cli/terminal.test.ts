import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress, formatLogEntry, Terminal } from "./terminal.js";

/** A Terminal writing into strings instead of the process's stdout and stderr. */
function capture() {
  const written = { stdout: "", stderr: "" };
  const into = (name: keyof typeof written) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written[name] += chunk.toString();
        done();
      },
    });
  return { terminal: new Terminal({ stdout: into("stdout"), stderr: into("stderr") }), written };
}

describe("a run's terminal", () => {
  it("scrubs the run's token and passwords from everything it prints, in the forms a server echoes them in", () => {
    const { terminal, written } = capture();
    terminal.hide("tok/en+value");
    terminal.hide("Pa$$ word-1");
    terminal.printJson({ message: `echoed ${encodeURIComponent("tok/en+value")}` });
    terminal.say(`refused ${JSON.stringify("Pa$$ word-1")} for tok\\/en+value`);
    terminal.sayError("tok/en+value");
    expect(written.stdout).toBe('{\n  "message": "echoed [REDACTED]"\n}\n');
    expect(written.stderr).toBe('refused "[REDACTED]" for [REDACTED]\npartner-center-users: [REDACTED]\n');
  });

  it("is backlogged while a slow reader has not taken what was printed, and room() waits for it — or for the signal", async () => {
    const held: (() => void)[] = [];
    const slow = new Writable({ highWaterMark: 16, write: (_chunk, _encoding, done) => void held.push(done) });
    const terminal = new Terminal({ stdout: capture().terminal.streams.stdout, stderr: slow });
    terminal.say("a line longer than the stream's sixteen bytes");
    expect(terminal.backlogged).toBe(true);
    let roomMade = false;
    const room = terminal.room().then(() => (roomMade = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(roomMade).toBe(false);
    held.splice(0).forEach((done) => done());
    await room;
    expect(terminal.backlogged).toBe(false);

    terminal.say("and another line longer than sixteen bytes");
    const controller = new AbortController();
    const cancelled = terminal.room(controller.signal);
    controller.abort();
    await expect(cancelled).resolves.toBeUndefined();
    expect(terminal.backlogged).toBe(true);
  });

  it("holds only its own run's secrets: two runs in one process share none", () => {
    const first = capture();
    const second = capture();
    first.terminal.hide("first-run-token");
    second.terminal.say("first-run-token");
    expect(second.written.stderr).toBe("first-run-token\n");
    first.terminal.say("first-run-token");
    expect(first.written.stderr).toBe("[REDACTED]\n");
  });

  it("scrubs a bulk row's own password only where it is given, from the lines about that row", () => {
    const { terminal, written } = capture();
    terminal.say("line 2: Row-Pw-123 refused", ["Row-Pw-123"]);
    terminal.say("line 3: Row-Pw-123 is another row's text");
    expect(written.stderr).toBe("line 2: [REDACTED] refused\nline 3: Row-Pw-123 is another row's text\n");
  });

  it("does not scrub by value a secret shorter than 4 characters, which would mangle ordinary text", () => {
    const { terminal, written } = capture();
    terminal.hide("abc");
    terminal.say("abc", ["xyz"]);
    expect(written.stderr).toBe("abc\n");
  });

  it("redacts every password by key in the JSON it prints, however short", () => {
    const { terminal, written } = capture();
    terminal.printJson({ passwordProfile: { password: "x", forceChangePassword: true } });
    expect(JSON.parse(written.stdout)).toEqual({ passwordProfile: { password: "[REDACTED]", forceChangePassword: true } });
  });

  it("prints one numbered line per bulk row when stderr is not a terminal, with notes between", () => {
    const { terminal, written } = capture();
    const progress = createProgress(terminal, 12, false);
    progress.rowDone(2, true, "ok");
    progress.note("a note");
    progress.rowDone(3, false, "failed: Row-Pw-123", ["Row-Pw-123"]);
    progress.stop();
    expect(written.stderr).toBe("[ 1/12] line 2: ok\na note\n[ 2/12] line 3: failed: [REDACTED]\n");
  });

  it("says in a --verbose line that a bearer token is sent, never which", () => {
    const headers = { "ms-requestid": "r" };
    const line = formatLogEntry({ type: "request", attempt: 1, method: "PATCH", url: "https://x/v1", requestId: "r", correlationId: undefined, headers, body: undefined });
    expect(line).toBe('→ #1 PATCH https://x/v1 {"ms-requestid":"r","authorization":"Bearer [REDACTED]"}');
  });

  it("says in a --verbose line how long a throttled attempt waits, and why", () => {
    const line = formatLogEntry({ type: "throttle", attempt: 1, customerId: "c", reason: "paused", delayMs: 57_000, requestId: "r" });
    expect(line).toBe("⏸ #1 throttled (a 429's Retry-After, customer c): waiting 57000 ms (request id r)");
  });
});
