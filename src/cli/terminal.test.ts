import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { capture } from "../../cli-tests/support/terminal.ts";
import { Terminal } from "./terminal.js";

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
});
